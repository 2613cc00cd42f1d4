// The cosine, the same bits on every engine, for the arguments losslab needs: the Box–Muller
// transform (random.ts) takes cos(2π·u) for u ∈ [0, 1), and its result is an input of a run (an
// initial weight, a generated feature). Math.cos is not specified to the bit: Node 20's V8 runs
// fdlibm's, other engines their libm's.
//
// fdlibm's s_cos.c: reduce x to y = x − n·π/2 ∈ [−π/4, π/4] (trig-kernel.ts), then cos x is
// ±cos y or ±sin y by n mod 4, each from a polynomial kernel. Error below 1 ulp.

import { kernelCos, kernelSin, REDUCE_MAX_HIGH, REDUCED, reduceHalfPi } from './trig-kernel.js';
import { highWord } from './words.js';

/**
 * cos(x) with fdlibm's algorithm in JavaScript, so that every engine returns the same bits (error
 * below 1 ulp; equal to V8's fdlibm Math.cos) for |x| ≤ 2^19·π/2 ≈ 823,549.66. Beyond that (where
 * fdlibm needs a many-word π) it returns Math.cos(x), which engines may round differently.
 * cos(±Infinity) and cos(NaN) are NaN.
 *
 * @example cos(Math.PI) // -1
 */
export function cos(x: number): number {
  const ix = highWord(x) & 0x7fffffff;
  if (ix <= 0x3fe921fb) return kernelCos(x, 0); // |x| ≤ π/4
  if (ix >= 0x7ff00000) return x - x; // NaN
  if (ix > REDUCE_MAX_HIGH) return Math.cos(x);
  const n = reduceHalfPi(x);
  switch (n & 3) {
    case 0:
      return kernelCos(REDUCED[0]!, REDUCED[1]!);
    case 1:
      return -kernelSin(REDUCED[0]!, REDUCED[1]!, true);
    case 2:
      return -kernelCos(REDUCED[0]!, REDUCED[1]!);
    default:
      return kernelSin(REDUCED[0]!, REDUCED[1]!, true);
  }
}
