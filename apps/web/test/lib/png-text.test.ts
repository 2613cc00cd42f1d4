import { crc32 as zlibCrc32, deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32, latin1, textChunk, withTextChunks } from '../../src/lib/png-text.js';

/** A PNG's chunks, read the way the PNG spec lays them out (length, type, data, CRC). */
function readChunks(png: Uint8Array): { type: string; data: Uint8Array; crc: number }[] {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const chunks: { type: string; data: Uint8Array; crc: number }[] = [];
  for (let at = 8; at < png.length; ) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
    chunks.push({ type, data: png.subarray(at + 8, at + 8 + length), crc: view.getUint32(at + 8 + length) });
    at += 12 + length;
  }
  return chunks;
}

/** A valid 1×1 greyscale PNG built by hand with node's zlib (signature, IHDR, IDAT, IEND). */
function tinyPng(): Uint8Array {
  const chunk = (type: string, data: Uint8Array) => {
    const out = new Uint8Array(12 + data.length);
    const view = new DataView(out.buffer);
    view.setUint32(0, data.length);
    out.set(Buffer.from(type, 'latin1'), 4);
    out.set(data, 8);
    view.setUint32(8 + data.length, zlibCrc32(out.subarray(4, 8 + data.length)));
    return out;
  };
  const ihdr = new Uint8Array([0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]);
  const idat = new Uint8Array(deflateSync(Uint8Array.of(0, 128)));
  return Uint8Array.from([...[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], ...chunk('IHDR', ihdr), ...chunk('IDAT', idat), ...chunk('IEND', new Uint8Array())]);
}

describe('PNG tEXt chunks', () => {
  it('computes the CRC-32 that zlib computes', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    const bytes = Uint8Array.from({ length: 1000 }, (_, i) => (i * 7919) & 0xff);
    expect(crc32(bytes)).toBe(zlibCrc32(bytes));
  });

  it('inserts Title, Description and Source right after IHDR, each with a valid CRC, keeping the other chunks', () => {
    const png = tinyPng();
    const out = withTextChunks(png, { Title: 'Where each start converges', Description: 'toy data · η = 0.15', Source: 'http://x/?v=1&run=1' });
    const chunks = readChunks(out);
    expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'tEXt', 'tEXt', 'tEXt', 'IDAT', 'IEND']);
    const texts = chunks.filter((c) => c.type === 'tEXt').map((c) => Buffer.from(c.data).toString('latin1').split('\0'));
    expect(texts).toEqual([
      ['Title', 'Where each start converges'],
      ['Description', 'toy data · eta = 0.15'],
      ['Source', 'http://x/?v=1&run=1'],
    ]);
    for (const c of chunks) {
      const typed = new Uint8Array(4 + c.data.length);
      typed.set(Buffer.from(c.type, 'latin1'));
      typed.set(c.data, 4);
      expect(c.crc).toBe(zlibCrc32(typed));
    }
    // The image itself is untouched.
    expect(Buffer.from(chunks[4]!.data)).toEqual(Buffer.from(readChunks(png)[1]!.data));
  });

  it('spells the app’s Greek letters in Latin-1 and refuses bad keywords and non-PNG bytes', () => {
    expect(Buffer.from(latin1('η = 0.1, ŷ(1 − ŷ), ε…')).toString('latin1')).toBe('eta = 0.1, y-hat(1 - y-hat), epsilon...');
    expect(Buffer.from(latin1('w0 × b0 é')).toString('latin1')).toBe('w0 × b0 é');
    expect(() => textChunk('', 'x')).toThrow(RangeError);
    expect(() => textChunk('k'.repeat(80), 'x')).toThrow(/1 to 79/);
    expect(() => withTextChunks(new Uint8Array(40), { Title: 'x' })).toThrow(TypeError);
  });
});
