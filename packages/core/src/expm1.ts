// exp(x) − 1, the same bits on every engine. The sweep spec picks which epochs' losses it keeps by
// rounding expm1 of evenly spaced values (worker's curveEpochs), so the picked epochs, like every
// input of a run, must not depend on the engine (Math.expm1 is not specified to the bit).
//
// fdlibm's s_expm1.c: x = k·ln2 + r, |r| ≤ ln2/2, with the reduction's rounding error c carried
// separately; expm1(r) = r + r²/2 + r³/2·(3 − (R1 + R1·r/2))/(6 − r·(3 − R1·r/2)) with R1 a
// degree-5 polynomial in r² (error below 2^−61); then expm1(x) = 2^k·(expm1(r) + 1) − 1 arranged
// per range of k so that nothing cancels. Error below 1 ulp.

import { fromWords, highWord, lowWord } from './words.js';

const O_THRESHOLD = 7.09782712893383973096e2; // 0x40862E42 FEFA39EF
const LN2_HI = 6.93147180369123816490e-1; // 0x3FE62E42 FEE00000
const LN2_LO = 1.90821492927058770002e-10; // 0x3DEA39EF 35793C76
const INV_LN2 = 1.44269504088896338700; // 0x3FF71547 652B82FE
// fdlibm's Q1..Q5 scaled by 2^n (for the variable x²/2).
const Q1 = -3.33333333333331316428e-2; // BFA11111 111110F4
const Q2 = 1.58730158725481460165e-3; // 3F5A01A0 19FE5585
const Q3 = -7.93650757867487942473e-5; // BF14CE19 9EAADBB7
const Q4 = 4.00821782732936239552e-6; // 3ED0CFCA 86E65239
const Q5 = -2.01099218183624371326e-7; // BE8AFDB7 6E09C32D
const TWO1023 = 8.98846567431158e307;

/**
 * exp(x) − 1, accurate near 0, with fdlibm's algorithm in JavaScript so that every engine returns
 * the same bits (error below 1 ulp; equal to V8's Math.expm1). expm1(−Infinity) = −1, overflow
 * gives Infinity, NaN stays NaN.
 *
 * @example expm1(1e-10) // 1.00000000005e-10
 */
export function expm1(x: number): number {
  let hx = highWord(x);
  const negative = hx < 0;
  hx &= 0x7fffffff;
  if (hx >= 0x4043687a) {
    // |x| ≥ 56·ln2
    if (hx >= 0x40862e42) {
      if (hx >= 0x7ff00000) {
        if (((hx & 0xfffff) | lowWord(x)) !== 0) return x + x; // NaN
        return negative ? -1 : x;
      }
      if (x > O_THRESHOLD) return Infinity;
    }
    if (negative) return -1; // x < −56·ln2: −1 to the last bit
  }
  let k = 0;
  let c = 0;
  if (hx > 0x3fd62e42) {
    // |x| > ln2/2: reduce
    let hi: number;
    let lo: number;
    if (hx < 0x3ff0a2b2) {
      // and |x| < 1.5·ln2: k = ±1
      if (!negative) {
        hi = x - LN2_HI;
        lo = LN2_LO;
        k = 1;
      } else {
        hi = x + LN2_HI;
        lo = -LN2_LO;
        k = -1;
      }
    } else {
      k = (INV_LN2 * x + (negative ? -0.5 : 0.5)) | 0; // truncation, as C's (int)
      hi = x - k * LN2_HI; // exact
      lo = k * LN2_LO;
    }
    x = hi - lo;
    c = (hi - x) - lo;
  } else if (hx < 0x3c900000) {
    return x; // |x| < 2^−54
  }
  const hfx = 0.5 * x;
  const hxs = x * hfx;
  const r1 = 1 + hxs * (Q1 + hxs * (Q2 + hxs * (Q3 + hxs * (Q4 + hxs * Q5))));
  let t = 3 - r1 * hfx;
  let e = hxs * ((r1 - t) / (6 - x * t));
  if (k === 0) return x - (x * e - hxs);
  e = x * (e - c) - c;
  e -= hxs;
  if (k === -1) return 0.5 * (x - e) - 0.5;
  if (k === 1) return x < -0.25 ? -2 * (e - (x + 0.5)) : 1 + 2 * (x - e);
  const twoPowK = fromWords((0x3ff00000 + (k << 20)) | 0, 0);
  if (k <= -2 || k > 56) {
    let y = 1 - (e - x);
    y = k === 1024 ? y * 2 * TWO1023 : y * twoPowK;
    return y - 1;
  }
  if (k < 20) {
    t = fromWords(0x3ff00000 - (0x200000 >> k), 0); // 1 − 2^−k
    return (t - (e - x)) * twoPowK;
  }
  t = fromWords((0x3ff - k) << 20, 0); // 2^−k
  return (x - (e + t) + 1) * twoPowK;
}
