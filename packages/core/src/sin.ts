// The sine, the same bits on every engine, over the same range as cos (see cos.ts): fdlibm's
// s_sin.c, reducing x to y = x − n·π/2 ∈ [−π/4, π/4] and taking ±sin y or ±cos y by n mod 4.

import { kernelCos, kernelSin, REDUCE_MAX_HIGH, REDUCED, reduceHalfPi } from './trig-kernel.js';
import { highWord } from './words.js';

/**
 * sin(x) with fdlibm's algorithm in JavaScript, so that every engine returns the same bits (error
 * below 1 ulp; equal to V8's fdlibm Math.sin) for |x| ≤ 2^19·π/2 ≈ 823,549.66; beyond that it
 * returns Math.sin(x). sin(−0) = −0; sin(±Infinity) and sin(NaN) are NaN.
 *
 * @example sin(Math.PI / 2) // 1
 */
export function sin(x: number): number {
  const ix = highWord(x) & 0x7fffffff;
  if (ix <= 0x3fe921fb) return kernelSin(x, 0, false); // |x| ≤ π/4
  if (ix >= 0x7ff00000) return x - x; // NaN
  if (ix > REDUCE_MAX_HIGH) return Math.sin(x);
  const n = reduceHalfPi(x);
  switch (n & 3) {
    case 0:
      return kernelSin(REDUCED[0]!, REDUCED[1]!, true);
    case 1:
      return kernelCos(REDUCED[0]!, REDUCED[1]!);
    case 2:
      return -kernelSin(REDUCED[0]!, REDUCED[1]!, true);
    default:
      return -kernelCos(REDUCED[0]!, REDUCED[1]!);
  }
}
