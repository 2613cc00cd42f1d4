// 10^x, the same bits on every engine. Log-spaced axes (axis.ts) are 10^(evenly spaced exponents),
// and those values become the learning rates of runs. `10 ** x` is not specified to the bit:
// Node 20's V8 runs fdlibm's pow, Debian's Chromium glibc's, and about one exponent in ten in
// [−3, 3] gives a different last bit (benchmark S1's η at index 12 was 1.5848931924611143 in Node
// and 1.584893192461114 in Chromium, so the app refused the CLI's S1 file).
//
// The algorithm is fdlibm's exp (e_exp.c, as in exp.ts) applied to y = x·ln10 held in two doubles:
// y = p + e exactly up to 2^−106 relative (Dekker's product of x and ln10's double, plus x times
// ln10's rounding error), so the argument carries no rounding of its own. Then, as fdlibm does,
// y = k·ln2 + r with r = hi − lo, hi = p − k·ln2_hi exact and lo = k·ln2_lo − e;
// exp(r) = 1 − ((lo − r·c/(2 − c)) − hi) with c = r − r²·P(r²) fdlibm's degree-5 Remez polynomial;
// 10^x = 2^k·exp(r). Error below 1 ulp (tested against a 70-digit reference). Integer x in
// [−22, 22] give the correctly rounded power of ten (10^n is exact for 0 ≤ n ≤ 22).

import { expConstants } from './exp.js';
import { fromWords } from './words.js';

const LN10_HI = 2.302585092994046; // ln 10 rounded to a double
const LN10_LO = -2.1707562233822494e-16; // ln 10 − LN10_HI
const SPLIT = 134217729; // 2^27 + 1, Veltkamp's splitter
const LN10_HI_HEAD = SPLIT * LN10_HI - (SPLIT * LN10_HI - LN10_HI); // top 26 bits of LN10_HI
const LN10_HI_TAIL = LN10_HI - LN10_HI_HEAD;
// fdlibm's exp constants, defined once in exp.ts.
const { ln2Hi: LN2_HI, ln2Lo: LN2_LO, invLn2: INV_LN2 } = expConstants;
const [P1, P2, P3, P4, P5] = expConstants.p as [number, number, number, number, number];
const TWO_M1000 = fromWords(0x01700000, 0); // 2^−1000
const TWO_1023 = fromWords(0x7fe00000, 0);
/** 10^n for n = 0..22, each exact. */
const POW10 = Float64Array.from({ length: 23 }, (_, n) => Number(`1e${n}`));
/** Beyond these 10^x is Infinity or rounds to 0 (10^308.2547… is the largest double, 10^−323.6… half the smallest). */
const OVERFLOW = 309;
const UNDERFLOW = -324;

/**
 * 10^x with fdlibm's exp in JavaScript on x·ln10 carried in two doubles, so that every engine
 * returns the same bits (error below 1 ulp; not always V8's `10 ** x`, which differs between
 * engines). Integer x from −22 to 22 give the correctly rounded power of ten (exp10(-3) is the
 * double 0.001). Overflow gives Infinity, underflow 0 (subnormals as fdlibm), NaN stays NaN.
 *
 * @example exp10(0.2) // 1.5848931924611136
 */
export function exp10(x: number): number {
  if (Number.isNaN(x)) return x;
  if (x < UNDERFLOW) return 0;
  if (x > OVERFLOW) return Infinity;
  if (x === Math.trunc(x) && x >= -22 && x <= 22) return x >= 0 ? POW10[x]! : 1 / POW10[-x]!;
  // p + e = x·LN10_HI exactly (Dekker), then e also takes x·LN10_LO: p + e = x·ln10 to 2^−106.
  const p = x * LN10_HI;
  const xHead = SPLIT * x - (SPLIT * x - x);
  const xTail = x - xHead;
  const e = (((xHead * LN10_HI_HEAD - p) + xHead * LN10_HI_TAIL + xTail * LN10_HI_HEAD) + xTail * LN10_HI_TAIL) + x * LN10_LO;
  // fdlibm's reduction of p, with e joining ln2's tail in lo.
  const k = (INV_LN2 * p + (p < 0 ? -0.5 : 0.5)) | 0;
  const hi = p - k * LN2_HI; // exact: k·LN2_HI has at most 43 bits and is within a factor 2 of p
  const lo = k * LN2_LO - e;
  const r = hi - lo;
  const t = r * r;
  const c = r - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  const y = 1 - ((lo - (r * c) / (2 - c)) - hi);
  if (k >= -1021) return k <= 1023 ? y * fromWords((0x3ff + k) << 20, 0) : y * 2 * TWO_1023;
  return y * fromWords((0x3ff + k + 1000) << 20, 0) * TWO_M1000;
}
