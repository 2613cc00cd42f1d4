// The natural logarithm, the same bits on every engine.
//
// Math.log is not specified to the bit: V8 runs fdlibm's e_log.c, other engines their system's
// libm, and they may differ in the last bit. The Box–Muller normals (random.ts) take a log, and a
// normal is an input of a run (an initial weight, a generated feature), so one ulp would give a
// different run in another engine. This is fdlibm's algorithm, operation for operation: IEEE 754
// arithmetic is exactly specified, so every engine computes the same result.
//
// fdlibm: x = 2^k·(1 + f) with √2/2 < 1 + f < √2; s = f/(2 + f), so that
// log(1 + f) = log(1 + s) − log(1 − s) = 2s + s·R(s²) with R a degree-14 Remez polynomial (error
// below 2^−58.45); then log x = k·ln2_hi + (f − (hfsq − (s·(hfsq + R) + k·ln2_lo))), hfsq = f²/2,
// with ln2 split so that k·ln2_hi is exact for |k| < 2000. Error below 1 ulp.

import { highWord, lowWord, withHighWord } from './words.js';

const LN2_HI = 6.93147180369123816490e-1; // 0x3FE62E42 FEE00000
const LN2_LO = 1.90821492927058770002e-10; // 0x3DEA39EF 35793C76
const TWO54 = 1.80143985094819840000e16; // 2^54
const LG1 = 6.666666666666735130e-1; // 0x3FE55555 55555593
const LG2 = 3.999999999940941908e-1; // 0x3FD99999 9997FA04
const LG3 = 2.857142874366239149e-1; // 0x3FD24924 94229359
const LG4 = 2.222219843214978396e-1; // 0x3FCC71C5 1D8E78AF
const LG5 = 1.818357216161805012e-1; // 0x3FC74664 96CB03DE
const LG6 = 1.531383769920937332e-1; // 0x3FC39A09 D078C69F
const LG7 = 1.479819860511658591e-1; // 0x3FC2F112 DF3E5244

/**
 * log(x), the natural logarithm, with fdlibm's algorithm in JavaScript so that every engine returns
 * the same bits (error below 1 ulp; equal to V8's Math.log, which ports the same code). log(0) =
 * −Infinity, log(x < 0) = NaN, log(Infinity) = Infinity, NaN stays NaN; subnormal x are exact.
 *
 * @example log(Math.E) // 1
 */
export function log(x: number): number {
  let hx = highWord(x);
  let k = 0;
  if (hx < 0x00100000) {
    // zero, negative or subnormal
    if (((hx & 0x7fffffff) | lowWord(x)) === 0) return -Infinity;
    if (hx < 0) return Number.NaN;
    k -= 54;
    x *= TWO54; // exact: scales a subnormal into the normal range
    hx = highWord(x);
  }
  if (hx >= 0x7ff00000) return x + x; // Infinity or NaN
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  // Normalize x into [√2/2, √2): i is the exponent bit when the fraction is ≥ √2 − 1.
  const i = (hx + 0x95f64) & 0x100000;
  x = withHighWord(x, hx | (i ^ 0x3ff00000));
  k += i >> 20;
  const f = x - 1; // exact
  if ((0x000fffff & (2 + hx)) < 3) {
    // |f| < 2^−20: a short series is enough
    if (f === 0) return k === 0 ? 0 : k * LN2_HI + k * LN2_LO;
    const r = f * f * (0.5 - 0.33333333333333333 * f);
    return k === 0 ? f - r : k * LN2_HI - ((r - k * LN2_LO) - f);
  }
  const s = f / (2 + f);
  const z = s * s;
  const w = z * z;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  const r = t2 + t1;
  // For f far from 0 (the fraction in about [0.19, 0.42] after normalization) the hfsq form is more accurate.
  if (((hx - 0x6147a) | (0x6b851 - hx)) > 0) {
    const hfsq = 0.5 * f * f;
    return k === 0 ? f - (hfsq - s * (hfsq + r)) : k * LN2_HI - ((hfsq - (s * (hfsq + r) + k * LN2_LO)) - f);
  }
  return k === 0 ? f - s * (f - r) : k * LN2_HI - ((s * (f - r) - k * LN2_LO) - f);
}
