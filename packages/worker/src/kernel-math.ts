// The kernel's transcendental functions in JavaScript: exp(x) for x ≤ 0, bit-identical to V8's
// Math.exp and written so that the JIT can inline it, and log1p(q) for q ≥ 0, operation for
// operation the one the WebAssembly kernel computes (so that both paths give the same bits).
//
// exp
//
// V8's Math.exp is ieee754::exp (src/base/ieee754.cc), a port of fdlibm's e_exp.c (the FreeBSD
// variant that scales by a power of two instead of adding to the exponent). It is a call into C++
// that no JIT inlines: 14–22 ns here, the largest single cost of a training step. This file ports
// the same algorithm, operation for operation, for the only arguments the kernel needs,
// x = −|z| ≤ 0. The WebAssembly kernel (kernel-wasm.ts) emits the same operations on two lanes at
// once; both are checked against Math.exp in test/kernel-numerics.test.ts.
//
// fdlibm, for x < 0 (hx = high word of |x|, k ≤ 0):
//   |x| < 2^-28:                return 1 + x
//   |x| ≤ ~0.5·ln2 (hx ≤ 0x3FD62E42): k = 0, return 1 − ((x·c)/(c − 2) − x)
//   |x| < ~1.5·ln2 (hx < 0x3FF0A2B2): k = −1, hi = x + ln2HI, lo = −ln2LO
//   otherwise:                  k = (int)(invln2·x − 0.5), hi = x − k·ln2HI, lo = k·ln2LO
//   then x′ = hi − lo, c = x′ − t·(P1 + t·(P2 + …)) with t = x′², y = 1 − ((lo − (x′·c)/(2 − c)) − hi),
//   and exp(x) = y · 2^k while k ≥ −1021 (|x| < 708.05), with extra steps for |x| ≥ 708 and NaN.
//
// One formula for all three middle cases. With k from the general rule:
// - for |x| in the k = −1 range, invln2·|x| + 0.5 ∈ [1.0000000014, 2 − 3.4e-7), so the general rule
//   gives k = −1 too, and −1·ln2HI, −1·ln2LO are the constants fdlibm uses (negation is exact);
// - for |x| ≥ 1.5·ln2 it is fdlibm's own rule;
// - below the 0.5·ln2 test (|x| < HALF_LN2_UP, the double whose high word is 0x3FD62E43), k is set
//   to 0, as fdlibm's high-word test does; then hi = x + 0 = x and lo = ±0, and
//   (lo − (x·c)/(2 − c)) − hi equals (x·c)/(c − 2) − x exactly (2 − c = −(c − 2) exactly, so the
//   quotients differ only in sign; a signed zero never survives the subtraction of x ≠ 0): the
//   k = 0 formula, scaled by 2^0 = 1.
// So every x in (−708, −2^-27) takes the branch-free general formula (k ≥ −1021 there, so 2^k is a
// normal number), and the rest (|x| ≤ 2^-27, where fdlibm returns 1 + x below 2^-28; |x| ≥ 708,
// where results go subnormal or underflow; NaN) calls Math.exp itself: taking the slow path for
// more arguments than needed is always safe, since Math.exp is the definition.
//
// Measured in the kernel's JavaScript loops (Node 20, x64): ~15% faster than calling Math.exp.

/** fdlibm's constants (hex in comments, as in e_exp.c). */
export const LN2_HI = 6.93147180369123816490e-1; // 0x3FE62E42 FEE00000
export const LN2_LO = 1.90821492927058770002e-10; // 0x3DEA39EF 35793C76
export const INV_LN2 = 1.44269504088896338700; // 0x3FF71547 652B82FE
export const P1 = 1.66666666666666019037e-1; // 0x3FC55555 5555553E
export const P2 = -2.77777777770155933842e-3; // 0xBF66C16C 16BEBD93
export const P3 = 6.61375632143793436117e-5; // 0x3F11566A AF25DE2C
export const P4 = -1.65339022054652515390e-6; // 0xBEBBBD41 C5D26BF1
export const P5 = 4.13813679705723846039e-8; // 0x3E663769 72BEA4D0

/** |x| ≥ HALF_LN2_UP ⟺ the high word of |x| is above 0x3FD62E42 (fdlibm's k ≠ 0 from there on). */
export const HALF_LN2_UP = 0.3465735912322998; // 0x3FD62E43 00000000
/** fdlibm returns 1 + x below 2^-28; the fast path starts at twice that (conservatively). */
export const EXP_TINY = 2 ** -28;
export const FAST_MIN = 2 * EXP_TINY;
/** From |x| = 708 on, k < −1021 is near (subnormal results) and then underflow: left to Math.exp. */
export const EXP_LARGE = 708;

/** 2^−k for k = 0..1021: the scale 2^k of fdlibm's result (k ≥ −1021 on the fast path). */
const POW2_NEG = new Float64Array(1022);
for (let k = 0; k < POW2_NEG.length; k++) POW2_NEG[k] = 2 ** -k;

/** fdlibm's exp for x ≤ 0 (or NaN), Math.exp for the arguments it leaves to it (see above). */
export function fdlibmExpNonPositive(x: number): number {
  if (!(x > -EXP_LARGE && x < -FAST_MIN)) return Math.exp(x);
  // m = −k ∈ [0, 1021]; v | 0 truncates toward zero, as C's (int) does.
  const m = x <= -HALF_LN2_UP ? -((INV_LN2 * x - 0.5) | 0) : 0;
  const hi = x + m * LN2_HI; // = x − k·ln2HI, exactly (m·ln2HI is exact: ln2HI has 32 bits)
  const lo = -(m * LN2_LO); // = k·ln2LO
  const r = hi - lo;
  const t = r * r;
  const c = r - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  return (1 - ((lo - (r * c) / (2 - c)) - hi)) * POW2_NEG[m]!;
}

/**
 * True if this engine's Math.exp is fdlibm's, checked once on 2,048 arguments spread over (−708, 0)
 * and around fdlibm's branch points. It is in Node 20 (V8 11.3) and SpiderMonkey; it is not in
 * JavaScriptCore (the system's libm) nor in recent Chromium (Chromium 156 on Linux gives glibc's
 * exp, ~9% of results differ in the last bit). Where it is not, core's train uses that other
 * Math.exp, so the kernel must too: its JavaScript path calls Math.exp, and its WebAssembly path,
 * which computes fdlibm's exp itself, is not used.
 */
export const MATH_EXP_IS_FDLIBM: boolean = (() => {
  const edges = [0.5 * Math.LN2, HALF_LN2_UP, 1.5 * Math.LN2, 1.0397205352783203, FAST_MIN * 1.5, 707.99];
  for (let i = 0; i < 2048; i++) {
    // A fixed low-discrepancy spread (golden-ratio steps), denser near 0, plus the edges ± ulps.
    const u = (i * 0.6180339887498949) % 1;
    const x = i < 2000 ? -708 * u * u * u : -edges[i % edges.length]! * (1 + (i - 2003) * 2 ** -52);
    if (!Object.is(fdlibmExpNonPositive(x), Math.exp(x))) return false;
  }
  return true;
})();

/**
 * exp(x) for x ≤ 0 (or NaN), bit-identical to Math.exp(x): fdlibm's algorithm inlined where
 * Math.exp is fdlibm's, Math.exp itself elsewhere. Small enough for V8 to inline.
 */
export function expNonPositive(x: number): number {
  if (!(MATH_EXP_IS_FDLIBM && x > -EXP_LARGE && x < -FAST_MIN)) return Math.exp(x);
  const m = x <= -HALF_LN2_UP ? -((INV_LN2 * x - 0.5) | 0) : 0;
  const hi = x + m * LN2_HI;
  const lo = -(m * LN2_LO);
  const r = hi - lo;
  const t = r * r;
  const c = r - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  return (1 - ((lo - (r * c) / (2 - c)) - hi)) * POW2_NEG[m]!;
}

// log1p
//
// Cross-entropy's loss needs Σ log1p(eᵢ); the kernel takes one log1p per epoch of q = Π(1 + eᵢ) − 1
// (see kernel-wasm.ts). Not Math.log1p: the WebAssembly kernel cannot call it cheaply, so it
// computes its own, and the JavaScript path computes the very same operations here, so that a
// run's losses do not depend on which path trained it (the page and its workers may differ).
//
// log1p(q) = log(u) + (q − (u − 1))/u with u = 1 + q rounded: u − 1 and q − (u − 1) are exact
// (Sterbenz; the second is the rounding error of 1 + q), and the quotient corrects log(u) to first
// order, so even q = 1e-300 comes out as q. log(u) is fdlibm's e_log.c: u = 2^k·m with
// m ∈ [√2/2, √2), f = m − 1, s = f/(2 + f), log u = k·ln2hi − ((f²/2 − (s·(f²/2 + R(s²)) + k·ln2lo)) − f),
// with fdlibm's R. Within 2.5e-16 relative of Math.log1p for q in [0, 2^64] (tested); the loss
// never feeds back into training, so accuracy, not bit-identity with Math.log1p, is what matters.

/** fdlibm e_log.c's polynomial coefficients. */
export const LG1 = 6.666666666666735130e-1;
export const LG2 = 3.999999999940941908e-1;
export const LG3 = 2.857142874366239149e-1;
export const LG4 = 2.222219843214978396e-1;
export const LG5 = 1.818357216161805012e-1;
export const LG6 = 1.531383769920937332e-1;
export const LG7 = 1.479819860511658591e-1;

const wordsOf = new Float64Array(1);
const words = new Uint32Array(wordsOf.buffer);
/** Which of `words` holds the high 32 bits of the double (the platform's endianness). */
const HIGH = new Uint8Array(Float64Array.of(1).buffer)[7] === 0x3f ? 1 : 0;

/** log1p(q) for q ≥ 0 (finite, below 2^1023), exactly as the WebAssembly kernel's `emitLog1p`. */
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
