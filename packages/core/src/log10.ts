// The base-10 logarithm, the same bits on every engine. Log-spaced axes (axis.ts) take the log10
// of their endpoints; those values become the learning rates of runs, so they must not depend on
// the engine (Math.log10 is not specified to the bit).
//
// fdlibm's e_log10.c: x = 2^n·m with n = ilogb(x), and n + 1 and m/2 instead when n < 0, so that
// log10 is monotonic across powers of two; then
// log10 x = n·log10_2hi + (n·log10_2lo + ivln10·log m), with log10_2hi holding the leading 40 bits
// of log10 2 (n·log10_2hi exact). log10(10^N) = N exactly for N = 0..22.

import { log } from './log.js';
import { fromWords, highWord, lowWord } from './words.js';

const TWO54 = 1.80143985094819840000e16;
const IVLN10 = 4.34294481903251816668e-1; // 1/ln 10
const LOG10_2HI = 3.01029995663611771306e-1; // 0x3FD34413 509F6000
const LOG10_2LO = 3.69423907715893078616e-13; // 0x3D59FEF3 11F12B36

/**
 * log10(x) with fdlibm's algorithm in JavaScript on top of core's [log](#log), so every engine
 * returns the same bits (error below 2 ulps: log m is rounded before it is scaled by 1/ln 10; equal
 * to V8's Math.log10, which ports the same code). log10(10^N) = N exactly for
 * N = 0..22; log10(0) = −Infinity, log10(x < 0) = NaN, NaN stays NaN.
 *
 * @example log10(1000) // 3
 */
export function log10(x: number): number {
  let hx = highWord(x);
  let lx = lowWord(x);
  let k = 0;
  if (hx < 0x00100000) {
    if (((hx & 0x7fffffff) | lx) === 0) return -Infinity;
    if (hx < 0) return Number.NaN;
    k -= 54;
    x *= TWO54;
    hx = highWord(x);
    lx = lowWord(x);
  }
  if (hx >= 0x7ff00000) return x + x;
  if (hx === 0x3ff00000 && lx === 0) return 0;
  k += (hx >> 20) - 1023;
  const i = k < 0 ? 1 : 0;
  const m = fromWords((hx & 0x000fffff) | ((0x3ff - i) << 20), lx);
  const y = k + i;
  const z = y * LOG10_2LO + IVLN10 * log(m);
  return z + y * LOG10_2HI;
}
