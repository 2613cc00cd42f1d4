// log(1 + x), the same bits on every engine.
//
// Cross-entropy, softplus, the KL divergence, the binary entropy and logit all take a log1p, and
// their values are results written to files (a run's final loss and excess): Math.log1p is not
// specified to the bit, so engines could write different files for one sweep. This is fdlibm's
// s_log1p.c, operation for operation (the code V8's Math.log1p ports): IEEE 754 arithmetic is
// exactly specified, so every engine computes the same result.
//
// fdlibm: 1 + x = 2^k·(1 + f) with √2/2 < 1 + f < √2. For k = 0, f = x exactly; otherwise
// u = 1 + x rounded and the rounding error c = (1 + x) − u is carried as c/u. Then
// log(1 + f) = 2s + s·R(s²), s = f/(2 + f), as in log, and
// log1p(x) = k·ln2_hi + (f − (hfsq − (s·(hfsq + R) + (k·ln2_lo + c)))). Error below 1 ulp.

import { highWord, withHighWord } from './words.js';

const LN2_HI = 6.93147180369123816490e-1; // 0x3FE62E42 FEE00000
const LN2_LO = 1.90821492927058770002e-10; // 0x3DEA39EF 35793C76
const LP1 = 6.666666666666735130e-1; // 0x3FE55555 55555593
const LP2 = 3.999999999940941908e-1; // 0x3FD99999 9997FA04
const LP3 = 2.857142874366239149e-1; // 0x3FD24924 94229359
const LP4 = 2.222219843214978396e-1; // 0x3FCC71C5 1D8E78AF
const LP5 = 1.818357216161805012e-1; // 0x3FC74664 96CB03DE
const LP6 = 1.531383769920937332e-1; // 0x3FC39A09 D078C69F
const LP7 = 1.479819860511658591e-1; // 0x3FC2F112 DF3E5244
/** fdlibm's high-word bound for 1 + x ≤ √2/2 (0xBFD2BEC4 as a signed word). */
const LOW_BOUND = 0xbfd2bec4 | 0;

/**
 * log(1 + x), accurate for small |x|, with fdlibm's algorithm in JavaScript so that every engine
 * returns the same bits (error below 1 ulp; equal to V8's Math.log1p). log1p(−1) = −Infinity,
 * log1p(x < −1) = NaN, log1p(Infinity) = Infinity, NaN stays NaN, log1p(−0) = −0.
 *
 * @example log1p(1e-20) // 1e-20
 */
export function log1p(x: number): number {
  const hx = highWord(x);
  const ax = hx & 0x7fffffff;
  let k = 1;
  let f = 0;
  let hu = 0;
  let c = 0;
  if (hx < 0x3fda827a) {
    // 1 + x < √2 (or x negative)
    if (ax >= 0x3ff00000) return x === -1 ? -Infinity : Number.NaN; // x ≤ −1
    if (ax < 0x3e200000) return ax < 0x3c900000 ? x : x - x * x * 0.5; // |x| < 2^−29
    if (hx > 0 || hx <= LOW_BOUND) {
      // √2/2 < 1 + x < √2: no reduction, f = x exactly
      k = 0;
      f = x;
      hu = 1;
    }
  }
  if (hx >= 0x7ff00000) return x + x; // Infinity or NaN
  if (k !== 0) {
    let u: number;
    if (hx < 0x43400000) {
      u = 1 + x;
      hu = highWord(u);
      k = (hu >> 20) - 1023;
      // The rounding error of 1 + x, exact, relative to u.
      c = (k > 0 ? 1 - (u - x) : x - (u - 1)) / u;
    } else {
      // x ≥ 2^53: 1 + x is x
      u = x;
      hu = highWord(u);
      k = (hu >> 20) - 1023;
      c = 0;
    }
    hu &= 0x000fffff;
    if (hu < 0x6a09e) {
      u = withHighWord(u, hu | 0x3ff00000); // u in [1, √2)
    } else {
      k += 1;
      u = withHighWord(u, hu | 0x3fe00000); // u/2 in [√2/2, 1)
      hu = (0x00100000 - hu) >> 2;
    }
    f = u - 1;
  }
  const hfsq = 0.5 * f * f;
  if (hu === 0) {
    // |f| < 2^−20
    if (f === 0) return k === 0 ? 0 : k * LN2_HI + (c + k * LN2_LO);
    const r = hfsq * (1 - 0.66666666666666666 * f);
    return k === 0 ? f - r : k * LN2_HI - ((r - (k * LN2_LO + c)) - f);
  }
  const s = f / (2 + f);
  const z = s * s;
  const r = z * (LP1 + z * (LP2 + z * (LP3 + z * (LP4 + z * (LP5 + z * (LP6 + z * LP7))))));
  return k === 0 ? f - (hfsq - s * (hfsq + r)) : k * LN2_HI - ((hfsq - (s * (hfsq + r) + (k * LN2_LO + c))) - f);
}
