// A counter-based random generator: Philox4x32-10 (Salmon, Moraes, Dror and Shaw, "Parallel
// random numbers: as easy as 1, 2, 3", SC 2011). The numbers for (seed, index) are a pure
// function of the two, so a sweep jumps straight to run k's initial weights without drawing the
// k − 1 before them, and every platform gets the same uniform numbers: only 32-bit integer
// operations are used, and the 32×32 → 64-bit products are split into exact 16-bit halves.
// Normals go through core's own log and cos (fdlibm's algorithms in JavaScript), not Math's, so
// they are bit-identical everywhere too.

import { cos } from './cos.js';
import { log } from './log.js';

const M0 = 0xd2511f53;
const M1 = 0xcd9e8d57;
const W0 = 0x9e3779b9;
const W1 = 0xbb67ae85;

/** High 32 bits of the 64-bit product of two unsigned 32-bit integers, exactly. */
function mulHi(a: number, b: number): number {
  const aLo = a & 0xffff;
  const aHi = a >>> 16;
  const bLo = b & 0xffff;
  const bHi = b >>> 16;
  const lh = aLo * bHi;
  const hl = aHi * bLo;
  const carry = (((aLo * bLo) >>> 16) + (lh & 0xffff) + (hl & 0xffff)) >>> 16;
  return (aHi * bHi + (lh >>> 16) + (hl >>> 16) + carry) >>> 0;
}

/**
 * Philox4x32-10: the block of four 32-bit words for a 128-bit counter (c0..c3) and a 64-bit key
 * (k0, k1), written into `out` (a Uint32Array of length ≥ 4, returned). Matches the Random123
 * known-answer vectors.
 */
export function philox4x32(c0: number, c1: number, c2: number, c3: number, k0: number, k1: number, out: Uint32Array = new Uint32Array(4)): Uint32Array {
  let x0 = c0 >>> 0;
  let x1 = c1 >>> 0;
  let x2 = c2 >>> 0;
  let x3 = c3 >>> 0;
  let key0 = k0 >>> 0;
  let key1 = k1 >>> 0;
  for (let round = 0; round < 10; round++) {
    if (round > 0) {
      key0 = (key0 + W0) >>> 0;
      key1 = (key1 + W1) >>> 0;
    }
    const hi0 = mulHi(M0, x0);
    const lo0 = Math.imul(M0, x0) >>> 0;
    const hi1 = mulHi(M1, x2);
    const lo1 = Math.imul(M1, x2) >>> 0;
    x0 = (hi1 ^ x1 ^ key0) >>> 0;
    x1 = lo1;
    x2 = (hi0 ^ x3 ^ key1) >>> 0;
    x3 = lo0;
  }
  out[0] = x0;
  out[1] = x1;
  out[2] = x2;
  out[3] = x3;
  return out;
}

const TWO_POW_32 = 4294967296;
const block = new Uint32Array(4);

function draw(seed: number, index: number, stream: number): Uint32Array {
  if (!Number.isSafeInteger(seed) || seed < 0) throw new RangeError(`seed must be an integer from 0 to 2^53 − 1, got ${seed}`);
  if (!Number.isSafeInteger(index) || index < 0) throw new RangeError(`index must be an integer from 0 to 2^53 − 1, got ${index}`);
  // Key = the seed's 53 bits; counter = (index low, index high, stream, 0).
  return philox4x32(index % TWO_POW_32, Math.floor(index / TWO_POW_32), stream, 0, seed % TWO_POW_32, Math.floor(seed / TWO_POW_32), block);
}

/** 53 random bits from two words, as a double in [0, 1). */
function toUnit(a: number, b: number): number {
  return ((a >>> 5) * 67108864 + (b >>> 6)) / 9007199254740992;
}

/**
 * The uniform number in [0, 1) at position `index` of the sequence for `seed` (and an optional
 * stream number that separates independent uses of one seed). It takes the first two words of the
 * Philox4x32-10 block for counter (index, stream) and key seed: 27 bits of word 0 and 26 of word 1
 * make a 53-bit multiple of 2^−53. Bit-identical on every platform.
 */
export function uniformAt(seed: number, index: number, stream = 0): number {
  const w = draw(seed, index, stream);
  return toUnit(w[0]!, w[1]!);
}

/**
 * The standard normal number at position `index` for `seed` (and `stream`), by the Box–Muller
 * transform of the block's two uniforms: u1 = 1 − (words 0, 1) ∈ (0, 1], u2 = (words 2, 3) ∈ [0, 1),
 * n = √(−2 ln u1)·cos(2π u2), with core's {@link log} and {@link cos} (fdlibm's algorithms) and
 * Math.sqrt (correctly rounded by IEEE 754), so it is bit-identical on every engine too.
 */
export function normalAt(seed: number, index: number, stream = 0): number {
  const w = draw(seed, index, stream);
  const u1 = 1 - toUnit(w[0]!, w[1]!);
  const u2 = toUnit(w[2]!, w[3]!);
  return Math.sqrt(-2 * log(u1)) * cos(2 * Math.PI * u2);
}

/** A sequential view of the counter-based generator: `next()` is `uniformAt(seed, i++, stream)`. */
export interface RandomStream {
  readonly seed: number;
  readonly stream: number;
  /** The position the next draw uses. */
  index: number;
  /** The next uniform number in [0, 1). */
  next(): number;
  /** The next standard normal number. */
  nextNormal(): number;
}

/** A {@link RandomStream} starting at index 0 (or `start`). Same seed, same sequence. */
export function createRandom(seed: number, stream = 0, start = 0): RandomStream {
  draw(seed, start, stream);
  return {
    seed,
    stream,
    index: start,
    next() {
      return uniformAt(seed, this.index++, stream);
    },
    nextNormal() {
      return normalAt(seed, this.index++, stream);
    },
  };
}
