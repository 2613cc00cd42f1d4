// exp(x) for x ≤ 0, the same bits on every JavaScript engine.
//
// Every formula in this package needs e = exp(−|z|). Math.exp is not specified to the bit: V8 in
// Node 20 runs fdlibm's e_exp.c, Chromium 156 on Linux runs glibc's exp (about 9% of results differ
// in the last bit), Safari the system's libm. Gradient descent feeds e back into the parameters, so
// one ulp at one step can become a visibly different run after 1000 epochs of oscillation. This is
// fdlibm's algorithm (the FreeBSD e_exp.c that V8 ports), operation for operation, in JavaScript:
// IEEE 754 double arithmetic is exactly specified, so the result is the same everywhere, and it is
// fdlibm's accuracy (< 1 ulp). It is also small enough for the JIT to inline.
//
// fdlibm for x < 0: write x = k·ln2 + r with |r| ≤ ln2/2, k = round(x/ln2) (k = 0 when
// |x| < 0.5·ln2, where fdlibm's high-word test decides); r = hi − lo with hi = x − k·ln2HI (exact:
// ln2HI has 32 significant bits) and lo = k·ln2LO; then with t = r², c = r − t·(P1 + t·(P2 + …)),
// exp(r) = 1 − ((lo − r·c/(2 − c)) − hi), and exp(x) = exp(r)·2^k. For k = −1 fdlibm takes
// hi = x + ln2HI, lo = −ln2LO, which is the general rule's result too (k·ln2HI is exact). For k < −1021
// the result is subnormal: fdlibm scales by 2^(k+1000) and then 2^−1000, rounding once at the end.

const LN2_HI = 6.93147180369123816490e-1; // 0x3FE62E42 FEE00000
const LN2_LO = 1.90821492927058770002e-10; // 0x3DEA39EF 35793C76
const INV_LN2 = 1.44269504088896338700; // 0x3FF71547 652B82FE
const P1 = 1.66666666666666019037e-1;
const P2 = -2.77777777770155933842e-3;
const P3 = 6.61375632143793436117e-5;
const P4 = -1.65339022054652515390e-6;
const P5 = 4.13813679705723846039e-8;
/** The double whose high word is 0x3FD62E43: fdlibm's k = 0 test is |x| < this. */
const HALF_LN2_UP = 0.3465735912322998;
/** Below 2^−28 in magnitude fdlibm returns 1 + x. */
const TINY = 2 ** -28;
/** fdlibm's underflow threshold: exp(x) rounds to 0 below it. */
const UNDERFLOW = -7.45133219101941108420e2;
/** fdlibm tests the underflow threshold only from |x| ≥ this (high word 0x40862E42). */
const UNDERFLOW_TEST = 709.782712893384;
const TWO_M1000 = 2 ** -1000;

/**
 * fdlibm e_exp.c's constants as expNonPositive uses them, for code that emits the same algorithm
 * elsewhere (the worker's WebAssembly kernel), so that they are written once.
 */
export const expConstants: Readonly<{ ln2Hi: number; ln2Lo: number; invLn2: number; p: readonly number[]; halfLn2Up: number; tiny: number; underflow: number }> = Object.freeze({
  ln2Hi: LN2_HI,
  ln2Lo: LN2_LO,
  invLn2: INV_LN2,
  p: Object.freeze([P1, P2, P3, P4, P5]),
  halfLn2Up: HALF_LN2_UP,
  tiny: TINY,
  underflow: UNDERFLOW,
});

/** 2^−m for m = 0..1100. */
const POW2_NEG = new Float64Array(1101);
for (let m = 0; m < POW2_NEG.length; m++) POW2_NEG[m] = 2 ** -m;

/**
 * exp(x) for x ≤ 0, computed with fdlibm's algorithm in JavaScript so that every engine returns the
 * same bits (error < 1 ulp). NaN gives NaN; x > 0 is outside its domain and falls back to Math.exp.
 *
 * @example expNonPositive(-1) // 0.36787944117144233
 */
export function expNonPositive(x: number): number {
  if (x > -708 && x <= -TINY) {
    // The common case: k = −m with m ∈ [0, 1021], the result a normal number. (v | 0 truncates
    // toward zero as C's (int) does; invln2·x − 0.5 rounds x/ln2 to nearest for x < 0.)
    const m = x <= -HALF_LN2_UP ? -((INV_LN2 * x - 0.5) | 0) : 0;
    const hi = x + m * LN2_HI;
    const lo = -(m * LN2_LO);
    const r = hi - lo;
    const t = r * r;
    const c = r - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
    return (1 - ((lo - (r * c) / (2 - c)) - hi)) * POW2_NEG[m]!;
  }
  if (!(x <= 0)) return x > 0 ? Math.exp(x) : x; // NaN stays NaN
  if (x > -TINY) return 1 + x;
  if (x <= -UNDERFLOW_TEST && x < UNDERFLOW) return 0;
  const m = -((INV_LN2 * x - 0.5) | 0);
  const hi = x + m * LN2_HI;
  const lo = -(m * LN2_LO);
  const r = hi - lo;
  const t = r * r;
  const c = r - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  const y = 1 - ((lo - (r * c) / (2 - c)) - hi);
  return m <= 1021 ? y * POW2_NEG[m]! : y * POW2_NEG[m - 1000]! * TWO_M1000;
}
