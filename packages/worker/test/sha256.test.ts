// The incremental SHA-256 against node:crypto's, on random bytes and text of many lengths, fed in
// random pieces; and against the FIPS 180-4 examples.
import { createHash, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Sha256 } from '../src/sha256.js';

/** Any code point, or a lone surrogate half (which UTF-8 encoders write as U+FFFD). */
const codeUnit = fc.oneof(fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)));

describe('Sha256', () => {
  it('gives the FIPS 180-4 example digests ("abc", the 448-bit message, the empty message)', () => {
    expect(new Sha256().updateText('abc').digestHex()).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(new Sha256().updateText('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq').digestHex()).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
    expect(new Sha256().digestHex()).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it("equals node:crypto's digest for random bytes of every length 0…300 and some long ones, fed in random pieces", () => {
    const lengths = [...Array.from({ length: 301 }, (_, n) => n), 1000, 4095, 4096, 65_537, 1_000_003];
    for (const n of lengths) {
      const bytes = randomBytes(n);
      const hash = new Sha256();
      let at = 0;
      while (at < n) {
        const take = Math.min(n - at, 1 + Math.floor(Math.random() * 97));
        hash.update(bytes.subarray(at, at + take));
        at += take;
      }
      expect(hash.digestHex(), `length ${n}`).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
  });

  it("hashes text as node:crypto hashes its UTF-8 bytes, for any strings (surrogate pairs, lone surrogates included)", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: codeUnit, maxLength: 80 }), { maxLength: 6 }), (pieces) => {
        const hash = new Sha256();
        for (const piece of pieces) hash.updateText(piece);
        expect(hash.digestHex()).toBe(createHash('sha256').update(Buffer.from(pieces.join(''), 'utf8')).digest('hex'));
      }),
      { numRuns: 500 },
    );
  });

  it('refuses an update after the digest', () => {
    const hash = new Sha256();
    hash.digestHex();
    expect(() => hash.updateText('x')).toThrow(/digest was taken/);
  });
});
