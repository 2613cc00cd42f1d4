// The kernel's numerics in JavaScript: the constants of exp (for the WebAssembly kernel's vector
// form of it) and log1p(q) for q ≥ 0, operation for operation the one the WebAssembly kernel
// computes (so that both paths give the same bits).
//
// exp
//
// The kernel's exp is core's: `expNonPositive` (packages/core/src/exp.ts), fdlibm's e_exp.c for
// x ≤ 0 ported to JavaScript, which every engine computes to the same bits (IEEE 754 arithmetic is
// exactly specified; Math.exp is not: Node 20's V8 runs fdlibm, Chromium 156 on Linux glibc's exp).
// core's train takes every e = exp(−|z|) from it, so the kernel does too: its JavaScript path calls
// it (V8 inlines it across modules), and the WebAssembly kernel (kernel-wasm-numerics.ts) emits the same
// operations on two lanes at once, with the constants below (test/kernel-numerics.test.ts checks
// it against core's expNonPositive bit for bit). So a run trains to the same bits in Node and in
// every browser, whichever path trained it (kernel.ts says which outputs).
//
// fdlibm, for x < 0 (hx = high word of |x|, k ≤ 0):
//   |x| < 2^-28:                return 1 + x
//   |x| ≤ ~0.5·ln2 (hx ≤ 0x3FD62E42): k = 0, return 1 − ((x·c)/(c − 2) − x)
//   |x| < ~1.5·ln2 (hx < 0x3FF0A2B2): k = −1, hi = x + ln2HI, lo = −ln2LO
//   otherwise:                  k = (int)(invln2·x − 0.5), hi = x − k·ln2HI, lo = k·ln2LO
//   then x′ = hi − lo, c = x′ − t·(P1 + t·(P2 + …)) with t = x′², y = 1 − ((lo − (x′·c)/(2 − c)) − hi),
//   and exp(x) = y · 2^k while k ≥ −1021 (|x| < 708.05), with extra steps for |x| ≥ 708 and NaN.
//
// One formula for all three middle cases (core's expNonPositive uses it too). With k from the
// general rule:
// - for |x| in the k = −1 range, invln2·|x| + 0.5 ∈ [1.0000000014, 2 − 3.4e-7), so the general rule
//   gives k = −1 too, and −1·ln2HI, −1·ln2LO are the constants fdlibm uses (negation is exact);
// - for |x| ≥ 1.5·ln2 it is fdlibm's own rule;
// - below the 0.5·ln2 test (|x| < HALF_LN2_UP, the double whose high word is 0x3FD62E43), k is set
//   to 0, as fdlibm's high-word test does; then hi = x + 0 = x and lo = ±0, and
//   (lo − (x·c)/(2 − c)) − hi equals (x·c)/(c − 2) − x exactly (2 − c = −(c − 2) exactly, so the
//   quotients differ only in sign; a signed zero never survives the subtraction of x ≠ 0): the
//   k = 0 formula, scaled by 2^0 = 1.
// So every x in (−708, −2^-28] takes the branch-free general formula (k ≥ −1021 there, so 2^k is a
// normal number); the WebAssembly kernel's fast variant uses it for (−708, −2^-27), and its exact
// variant adds fdlibm's other cases (1 + x, subnormal results, underflow, NaN) as selects.

import { expConstants } from '@losslab/core';

// fdlibm's constants are core's (`expConstants`, written once in packages/core/src/exp.ts).
/** fdlibm returns 1 + x below 2^-28; the SIMD kernel's fast exp starts at twice that (conservatively). */
export const FAST_MIN = 2 * expConstants.tiny;
/** From |x| = 708 on, k < −1021 is near (subnormal results) and then underflow: the fast exp stops below it. */
export const EXP_LARGE = 708;

// log1p
//
// Cross-entropy's loss needs Σ log1p(eᵢ); the kernel takes one log1p per epoch of q = Π(1 + eᵢ) − 1
// (see kernel-wasm-program.ts). Not Math.log1p: the WebAssembly kernel cannot call it cheaply, so it
// computes its own, and the JavaScript path computes the very same operations here, so that a
// run's losses do not depend on which path trained it (the page and its workers may differ).
//
// log1p(q) = log(u) + (q − (u − 1))/u with u = 1 + q rounded: u − 1 and q − (u − 1) are exact
// (Sterbenz; the second is the rounding error of 1 + q), and the quotient corrects log(u) to first
// order, so even q = 1e-300 comes out as q. log(u) is fdlibm's e_log.c: u = 2^k·m with
// m ∈ [√2/2, √2), f = m − 1, s = f/(2 + f), log u = k·ln2hi − ((f²/2 − (s·(f²/2 + R(s²)) + k·ln2lo)) − f),
// with fdlibm's R. Within 2.5e-16 relative of Math.log1p for q in [0, 2^64] (tested); the loss
// never feeds back into training, so accuracy, not bit-identity with Math.log1p, is what matters.

/**
 * Points per cross-entropy product block, in both paths: q = Π(1 + eᵢ) − 1 over at most 64 points
 * (log1p of a product of at most 64 factors ≤ 2 cannot overflow, and 64 steps keep q within ~200
 * ulps; see kernel-wasm-program.ts).
 */
export const CE_BLOCK = 64;

/** fdlibm e_log.c's polynomial coefficients. */
export const LG1 = 6.666666666666735130e-1;
export const LG2 = 3.999999999940941908e-1;
export const LG3 = 2.857142874366239149e-1;
export const LG4 = 2.222219843214978396e-1;
export const LG5 = 1.818357216161805012e-1;
export const LG6 = 1.531383769920937332e-1;
export const LG7 = 1.479819860511658591e-1;

/** e_log.c's ln 2 split is e_exp.c's. */
const LN2_HI = expConstants.ln2Hi;
const LN2_LO = expConstants.ln2Lo;

const wordsOf = new Float64Array(1);
const words = new Uint32Array(wordsOf.buffer);
/** Which of `words` holds the high 32 bits of the double (the platform's endianness). */
const HIGH = new Uint8Array(Float64Array.of(1).buffer)[7] === 0x3f ? 1 : 0;

/** log1p(q) for q ≥ 0 (finite, below 2^1023), exactly as the WebAssembly kernel's `emitLog1p` (kernel-wasm-numerics.ts). */
export function log1pKernel(q: number): number {
  const u = 1 + q;
  wordsOf[0] = u;
  const hx = words[HIGH]!;
  // The mantissa's high bits; adding 0x95F64 carries into bit 20 exactly when the mantissa is
  // ≥ √2 − 1 (fdlibm's test): that bit, i, halves m and bumps k.
  const hm = hx & 0xfffff;
  const i = (hm + 0x95f64) & 0x100000;
  words[HIGH] = hm | (i ^ 0x3ff00000);
  const f = wordsOf[0]! - 1;
  const k = (hx >>> 20) - 1023 + (i >>> 20);
  const hfsq = 0.5 * f * f;
  const s = f / (2 + f);
  const z = s * s;
  const w = z * z;
  const R = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7))) + w * (LG2 + w * (LG4 + w * LG6));
  return (k * LN2_HI - ((hfsq - (s * (hfsq + R) + k * LN2_LO)) - f)) + (q - (u - 1)) / u;
}
