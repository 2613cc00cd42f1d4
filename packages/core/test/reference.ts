// Independent references for the tests: high-precision values computed with BigInt fixed-point
// arithmetic (no Math.exp, Math.log or Math.log1p), the naive textbook formulas that the package
// replaces, finite differences and floating-point error yardsticks. Nothing here imports the
// package, so a bug in it cannot leak into an expected value.

/** Decimal digits after the point. 420 leave ≥ 70 significant digits down to 1e-348 (σ(−800)). */
const DIGITS = 420;
const ONE = 10n ** BigInt(DIGITS);

/** A real number r held as the integer round-toward-zero(r·10^DIGITS). */
type Fixed = bigint;

/** The double x, exactly (up to 10^−420): x = m·2^k with m an integer. */
function fixed(x: number): Fixed {
  if (!Number.isFinite(x)) throw new RangeError(`reference: x must be finite, got ${x}`);
  let m = x;
  let k = 0;
  while (!Number.isInteger(m)) {
    m *= 2; // exact: only the exponent changes
    k--;
  }
  return (BigInt(m) * ONE) / (1n << BigInt(-k));
}

/** The double nearest to a (Number() of a decimal string rounds correctly). */
function toNumber(a: Fixed): number {
  const negative = a < 0n;
  const digits = (negative ? -a : a).toString().padStart(DIGITS + 1, '0');
  return Number(`${negative ? '-' : ''}${digits.slice(0, -DIGITS)}.${digits.slice(-DIGITS)}`);
}

const mul = (a: Fixed, b: Fixed): Fixed => (a * b) / ONE;
const div = (a: Fixed, b: Fixed): Fixed => (a * ONE) / b;

/** exp(x) by the Taylor series of exp(x/2^k), squared k times. */
function exp(x: Fixed): Fixed {
  let k = 0;
  let y = x;
  const small = ONE / 256n;
  while (y > small || y < -small) {
    y /= 2n;
    k++;
  }
  let sum = ONE;
  let term = ONE;
  for (let n = 1n; ; n++) {
    term = (term * y) / ONE / n;
    if (term === 0n) break;
    sum += term;
  }
  for (let i = 0; i < k; i++) sum = mul(sum, sum);
  return sum;
}

/** 2·atanh(t) = 2(t + t³/3 + t⁵/5 + …), for |t| ≤ 1/3. */
function twoAtanh(t: Fixed): Fixed {
  const t2 = mul(t, t);
  let power = t;
  let sum = 0n;
  for (let j = 1n; power !== 0n; j += 2n) {
    sum += power / j;
    power = mul(power, t2);
  }
  return 2n * sum;
}

const LN2 = twoAtanh(div(ONE, 3n * ONE)); // log 2 = 2·atanh(1/3)

/** log(x) for x > 0: x = m·2^p with m ∈ [1/2, 1), log m = 2·atanh((m − 1)/(m + 1)). */
function log(x: Fixed): Fixed {
  if (x <= 0n) throw new RangeError('reference: log needs x > 0');
  let m = x;
  let p = 0n;
  while (m >= ONE) {
    m /= 2n; // the lost bit is below 10^−420
    p++;
  }
  while (m < ONE / 2n) {
    m *= 2n;
    p--;
  }
  return p * LN2 + twoAtanh(div(m - ONE, m + ONE));
}

/** log(1 + u) for u ≥ 0: 2·atanh(u/(2 + u)), with u/(2 + u) ≤ 1/3 for u ≤ 1. */
function log1p(u: Fixed): Fixed {
  return twoAtanh(div(u, 2n * ONE + u));
}

function sigmoidFixed(zf: Fixed): Fixed {
  if (zf >= 0n) return div(ONE, ONE + exp(-zf));
  const e = exp(zf);
  return div(e, ONE + e);
}

function softplusFixed(zf: Fixed): Fixed {
  const a = zf >= 0n ? zf : -zf;
  return (zf > 0n ? zf : 0n) + log1p(exp(-a));
}

function entropyFixed(yf: Fixed): Fixed {
  const a = yf > 0n ? -mul(yf, log(yf)) : 0n;
  const b = yf < ONE ? -mul(ONE - yf, log(ONE - yf)) : 0n;
  return a + b;
}

/** σ(z) = 1/(1 + e^−z), to ~70 significant digits, rounded once to a double. */
export function refSigmoid(z: number): number {
  return toNumber(sigmoidFixed(fixed(z)));
}

/** σ′(z) = σ(z)(1 − σ(z)) = e^−|z|/(1 + e^−|z|)². */
export function refSigmoidSlope(z: number): number {
  const zf = fixed(z);
  const e = exp(zf >= 0n ? -zf : zf);
  const d = ONE + e;
  return toNumber(div(div(e, d), d));
}

/** softplus(z) = log(1 + e^z). */
export function refSoftplus(z: number): number {
  return toNumber(softplusFixed(fixed(z)));
}

/** Cross-entropy softplus(z) − y·z, exactly for the doubles z and y, rounded once. */
export function refCrossEntropy(z: number, y: number): number {
  const zf = fixed(z);
  return toNumber(softplusFixed(zf) - mul(fixed(y), zf));
}

/** ½(σ(z) − y)². */
export function refSquaredError(z: number, y: number): number {
  const err = sigmoidFixed(fixed(z)) - fixed(y);
  return toNumber(mul(err, err) / 2n);
}

/** H(y) = −[y log y + (1 − y) log(1 − y)]. */
export function refBinaryEntropy(y: number): number {
  return toNumber(entropyFixed(fixed(y)));
}

/**
 * KL(y ‖ σ(z)) = CE(z, y) − H(y). The subtraction that fails in float64 is harmless with 420
 * digits: even KL = 1e-40 keeps 380 of them.
 */
export function refKlDivergence(y: number, z: number): number {
  const zf = fixed(z);
  const yf = fixed(y);
  return toNumber(softplusFixed(zf) - mul(yf, zf) - entropyFixed(yf));
}

/** logit(p) = log(p/(1 − p)), for the double p ∈ (0, 1). */
export function refLogit(p: number): number {
  const pf = fixed(p);
  return toNumber(log(pf) - log(ONE - pf));
}

// ---------------------------------------------------------------------------------------------
// The textbook formulas, as the lecture's code writes them. They are what the stable forms replace.

/** σ(z) = 1/(1 + exp(−z)). */
export const naiveSigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/** −[y log ŷ + (1 − y) log(1 − ŷ)] with ŷ = 1/(1 + exp(−z)): the lecture's cross-entropy. */
export function naiveCrossEntropy(z: number, y: number): number {
  const yHat = naiveSigmoid(z);
  return -(y * Math.log(yHat) + (1 - y) * Math.log(1 - yHat));
}

/** σ(z)(1 − σ(z)), literally. */
export function naiveSigmoidSlope(z: number): number {
  const s = naiveSigmoid(z);
  return s * (1 - s);
}

// ---------------------------------------------------------------------------------------------
// Yardsticks.

/** 2^−52, the gap between 1 and the next double. */
export const EPSILON = Number.EPSILON;

/** The gap between |x| and the next larger double (for x ≠ 0 and normal). */
export function ulp(x: number): number {
  const a = Math.abs(x);
  if (a === 0) return Number.MIN_VALUE;
  const exponent = Math.floor(Math.log2(a));
  // log2 may be off by one next to powers of two; correct with exact comparisons.
  let e = exponent;
  if (2 ** e > a) e--;
  if (2 ** (e + 1) <= a) e++;
  return Math.max(2 ** (e - 52), Number.MIN_VALUE);
}

/** |a − b| / |b| (0 when both are 0). */
export function relativeError(a: number, b: number): number {
  if (a === b) return 0;
  return Math.abs(a - b) / Math.abs(b);
}

/**
 * f′(x) by the five-point central difference (−f(x+2h) + 8f(x+h) − 8f(x−h) + f(x−2h))/(12h):
 * truncation error h⁴·|f⁽⁵⁾|/30, rounding error about 1.5·ε·|f|/h.
 */
export function centralDifference(f: (x: number) => number, x: number, h: number): number {
  return (-f(x + 2 * h) + 8 * f(x + h) - 8 * f(x - h) + f(x - 2 * h)) / (12 * h);
}

/** Magnitudes 10^lo … 10^hi, `perDecade` per decade, each with both signs, plus 0. */
export function logSpacedSigned(lo: number, hi: number, perDecade: number): number[] {
  const out = [0];
  for (let k = lo * perDecade; k <= hi * perDecade; k++) {
    const m = 10 ** (k / perDecade);
    out.push(m, -m);
  }
  return out;
}

/** The next double above x (x finite). */
export function nextUp(x: number): number {
  if (x === 0) return Number.MIN_VALUE;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  view.setBigUint64(0, x > 0 ? bits + 1n : bits - 1n);
  return view.getFloat64(0);
}

/** exp(x) correctly rounded to a double, from the fixed-point series (no Math.exp). */
export function refExp(x: number): number {
  return toNumber(exp(fixed(x)));
}

// ---------------------------------------------------------------------------------------------
// Elementary functions for core's deterministic math (log, log1p, log10, exp10, expm1, cos, sin),
// each exact for the double argument to ~70 significant digits and rounded once.

/** atan(t) = t − t³/3 + t⁵/5 − …, for |t| ≤ 1/5. */
function atanSmall(t: Fixed): Fixed {
  const t2 = mul(t, t);
  let power = t;
  let sum = 0n;
  for (let j = 1n; power !== 0n; j += 2n) {
    sum += (j % 4n === 1n ? power : -power) / j;
    power = mul(power, t2);
  }
  return sum;
}

/** π by Machin's formula, π = 16·atan(1/5) − 4·atan(1/239). */
const PI = 16n * atanSmall(div(ONE, 5n * ONE)) - 4n * atanSmall(div(ONE, 239n * ONE));
const LN10 = log(10n * ONE);

/** cos(r) and sin(r) by their Taylor series, after reducing r to [−π, π]. */
function cosSin(x: Fixed): { cos: Fixed; sin: Fixed } {
  const twoPi = 2n * PI;
  let r = x % twoPi;
  if (r > PI) r -= twoPi;
  if (r < -PI) r += twoPi;
  let c = 0n;
  let s = 0n;
  let term = ONE; // r^n/n!
  for (let n = 0n; term !== 0n; n++) {
    const q = n % 4n;
    if (q === 0n) c += term;
    else if (q === 1n) s += term;
    else if (q === 2n) c -= term;
    else s -= term;
    term = mul(term, r) / (n + 1n);
  }
  return { cos: c, sin: s };
}

/** log(x) for the double x > 0, rounded once. */
export function refLog(x: number): number {
  return toNumber(log(fixed(x)));
}

/** log(1 + x) for the double x > −1: 1 + x is exact in fixed point. */
export function refLog1p(x: number): number {
  return toNumber(log(ONE + fixed(x)));
}

/** log10(x) = log(x)/log(10). */
export function refLog10(x: number): number {
  return toNumber(div(log(fixed(x)), LN10));
}

/** 10^x = exp(x·log 10). */
export function refExp10(x: number): number {
  return toNumber(exp(mul(fixed(x), LN10)));
}

/** exp(x) − 1. */
export function refExpm1(x: number): number {
  return toNumber(exp(fixed(x)) - ONE);
}

/** cos(x) for the double x (exactly that double, not a multiple of π). */
export function refCos(x: number): number {
  return toNumber(cosSin(fixed(x)).cos);
}

/** sin(x). */
export function refSin(x: number): number {
  return toNumber(cosSin(fixed(x)).sin);
}

/** The 64-bit pattern of x as an integer, so that |bits(a) − bits(b)| counts ulps between doubles of one sign. */
export function ulpsBetween(a: number, b: number): number {
  if (Object.is(a, b)) return 0;
  const view = new DataView(new ArrayBuffer(16));
  view.setFloat64(0, a);
  view.setFloat64(8, b);
  const ordered = (bits: bigint): bigint => (bits >> 63n ? -(bits & 0x7fffffffffffffffn) : bits);
  const d = ordered(view.getBigUint64(0)) - ordered(view.getBigUint64(8));
  return Number(d < 0n ? -d : d);
}
