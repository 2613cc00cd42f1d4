import { describe, expect, it } from 'vitest';
import { createRandom, normalAt, philox4x32, uniformAt } from '../src/index.js';

const hex = (words: Uint32Array) => Array.from(words, (v) => v.toString(16).padStart(8, '0')).join(' ');

/** The double in [0, 1) from 27 bits of word a and 26 of word b, computed with BigInt. */
function unitFromWords(a: number, b: number): number {
  const bits = (BigInt(a >>> 0) >> 5n) * 2n ** 26n + (BigInt(b >>> 0) >> 6n);
  return Number(bits) / 2 ** 53;
}

describe('philox4x32 (Philox4x32-10)', () => {
  it('matches the Random123 known-answer vectors', () => {
    expect(hex(philox4x32(0, 0, 0, 0, 0, 0))).toBe('6627e8d5 e169c58d bc57ac4c 9b00dbd8');
    expect(hex(philox4x32(0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff))).toBe('408f276d 41c83b0e a20bc7c6 6d5451fd');
    expect(hex(philox4x32(0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344, 0xa4093822, 0x299f31d0))).toBe('d16cfe09 94fdcceb 5001e420 24126ea1');
  });

  it('writes into `out` and returns it', () => {
    const out = new Uint32Array(4);
    expect(philox4x32(0, 0, 0, 0, 0, 0, out)).toBe(out);
    expect(out[0]).toBe(0x6627e8d5);
  });
});

describe('uniformAt and normalAt', () => {
  it('uniformAt(0, 0) is built from the first two words of the (0, 0, 0, 0) / (0, 0) block', () => {
    expect(uniformAt(0, 0)).toBe(unitFromWords(0x6627e8d5, 0xe169c58d));
  });

  it('normalAt(0, 0) is the Box–Muller transform of that block: √(−2 ln(1 − u₁))·cos(2π u₂)', () => {
    const u1 = 1 - unitFromWords(0x6627e8d5, 0xe169c58d);
    const u2 = unitFromWords(0xbc57ac4c, 0x9b00dbd8);
    expect(normalAt(0, 0)).toBeCloseTo(Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2), 14);
  });

  it('index, stream and seed map to counter (index lo, index hi, stream, 0) and key (seed lo, seed hi)', () => {
    const block = philox4x32(7, 256, 3, 0, 5, 2); // index 2^40 + 7, stream 3, seed 2^33 + 5
    expect(uniformAt(2 ** 33 + 5, 2 ** 40 + 7, 3)).toBe(unitFromWords(block[0]!, block[1]!));
    const top = philox4x32(0xffffffff, 0x1fffff, 0, 0, 0xffffffff, 0x1fffff); // 2^53 − 1 both
    expect(uniformAt(Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER)).toBe(unitFromWords(top[0]!, top[1]!));
  });

  it('uniformAt lies in [0, 1) with mean ½ and variance 1/12 over 1e5 draws, within 5 standard errors', () => {
    const n = 100_000;
    let sum = 0;
    let sumSquares = 0;
    const bins = new Array<number>(10).fill(0);
    let outside = 0;
    for (let i = 0; i < n; i++) {
      const u = uniformAt(42, i);
      if (!(u >= 0 && u < 1)) outside++;
      sum += u;
      sumSquares += (u - 0.5) ** 2;
      bins[Math.floor(u * 10)]!++;
    }
    expect(outside).toBe(0);
    // sd of the mean: √(1/12/n) ≈ 9.1e-4; of the variance estimate: √((1/80 − 1/144)/n) ≈ 2.4e-4.
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(sumSquares / n - 1 / 12)).toBeLessThan(5 * Math.sqrt((1 / 80 - 1 / 144) / n));
    // χ² with 9 degrees of freedom: P(χ² > 33.7) = 1e-4.
    const chiSquare = bins.reduce((s, count) => s + (count - n / 10) ** 2 / (n / 10), 0);
    expect(chiSquare).toBeLessThan(33.7);
  });

  it('normalAt has mean 0, variance 1 and 5% beyond ±1.96 over 1e5 draws, within 5 standard errors', () => {
    const n = 100_000;
    let sum = 0;
    let sumSquares = 0;
    let tails = 0;
    let nonFinite = 0;
    for (let i = 0; i < n; i++) {
      const v = normalAt(42, i);
      if (!Number.isFinite(v)) nonFinite++;
      sum += v;
      sumSquares += v * v;
      if (Math.abs(v) > 1.959963984540054) tails++;
    }
    expect(nonFinite).toBe(0);
    const mean = sum / n;
    expect(Math.abs(mean)).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(sumSquares / n - 1)).toBeLessThan(5 * Math.sqrt(2 / n)); // var of v² is 2
    expect(Math.abs(tails / n - 0.05)).toBeLessThan(5 * Math.sqrt((0.05 * 0.95) / n));
  });

  it('different seeds, streams and indexes give different numbers; the same ones give the same', () => {
    expect(uniformAt(1, 5)).toBe(uniformAt(1, 5));
    const values = new Set([uniformAt(1, 5), uniformAt(2, 5), uniformAt(1, 6), uniformAt(1, 5, 1), uniformAt(2, 5, 1)]);
    expect(values.size).toBe(5);
    // Streams are not shifted copies of one another.
    const a = Array.from({ length: 100 }, (_, i) => uniformAt(1, i, 0));
    const b = new Set(Array.from({ length: 100 }, (_, i) => uniformAt(1, i, 1)));
    expect(a.filter((v) => b.has(v)).length).toBe(0);
  });

  it('seed and index must be integers from 0 to 2^53 − 1: RangeError naming them', () => {
    expect(() => uniformAt(-1, 0)).toThrow(/seed must be an integer from 0 to 2\^53 − 1, got -1/);
    expect(() => uniformAt(0.5, 0)).toThrow(/seed.*got 0.5/);
    expect(() => uniformAt(2 ** 53, 0)).toThrow(RangeError);
    expect(() => uniformAt(0, 1.5)).toThrow(/index must be an integer.*got 1.5/);
    expect(() => normalAt(0, -1)).toThrow(/index.*got -1/);
  });
});

describe('createRandom', () => {
  it('next() is uniformAt at successive indexes, nextNormal() normalAt, from `start`', () => {
    const random = createRandom(9, 2, 100);
    expect([random.seed, random.stream, random.index]).toEqual([9, 2, 100]);
    for (let i = 100; i < 150; i++) expect(random.next()).toBe(uniformAt(9, i, 2));
    expect(random.index).toBe(150);
    expect(random.nextNormal()).toBe(normalAt(9, 150, 2));
    expect(random.next()).toBe(uniformAt(9, 151, 2)); // a normal uses one index
    const fromZero = createRandom(9);
    expect([fromZero.next(), fromZero.next()]).toEqual([uniformAt(9, 0), uniformAt(9, 1)]);
  });

  it('the same seed gives the same sequence; another seed or stream another', () => {
    const draw = (seed: number, stream = 0) => {
      const r = createRandom(seed, stream);
      return Array.from({ length: 20 }, () => r.next());
    };
    expect(draw(4)).toEqual(draw(4));
    expect(draw(4)).not.toEqual(draw(5));
    expect(draw(4)).not.toEqual(draw(4, 1));
  });

  it('rejects a bad seed when created', () => {
    expect(() => createRandom(-3)).toThrow(/seed.*got -3/);
  });
});
