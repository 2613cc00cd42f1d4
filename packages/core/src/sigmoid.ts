// The logistic function and its relatives, computed from e = exp(−|z|) ∈ (0, 1] so that nothing
// overflows for any finite z and both tails keep full relative precision. e comes from
// expNonPositive (fdlibm's exp in JavaScript), and logs from core's log and log1p (fdlibm's too), so
// every engine computes the same bits.

import { expNonPositive } from './exp.js';
import { log } from './log.js';
import { log1p } from './log1p.js';

/**
 * The logistic sigmoid σ(z) = 1 / (1 + exp(−z)); σ′(z) = σ(z)(1 − σ(z)), see {@link sigmoidSlope}.
 *
 * With e = exp(−|z|) and r = 1/(1 + e): σ(z) = r for z ≥ 0 and e·r for z < 0, so exp never
 * overflows and σ(−800) is a tiny positive number or 0, never NaN.
 */
export function sigmoid(z: number): number {
  const e = expNonPositive(-Math.abs(z));
  const r = 1 / (1 + e);
  return z >= 0 ? r : e * r;
}

/**
 * The slope of the sigmoid, σ′(z) = σ(z)(1 − σ(z)) = e/(1 + e)² with e = exp(−|z|).
 *
 * This is the factor that squared error's gradient carries and cross-entropy's does not. Computing
 * it from e keeps full relative precision in both tails (σ′(40) ≈ 4.25e-18), where the literal
 * σ(1 − σ) returns 0 because 1 − σ(40) rounds to 0.
 */
export function sigmoidSlope(z: number): number {
  const e = expNonPositive(-Math.abs(z));
  const r = 1 / (1 + e);
  return e * r * r;
}

/**
 * softplus(z) = log(1 + exp(z)) = max(z, 0) + log1p(exp(−|z|)); softplus′(z) = σ(z).
 *
 * softplus(800) = 800 (no overflow) and softplus(−30) = log1p(exp(−30)) to full precision.
 */
export function softplus(z: number): number {
  return Math.max(z, 0) + log1p(expNonPositive(-Math.abs(z)));
}

/** log σ(z) = −softplus(−z); its derivative is 1 − σ(z) = σ(−z). Finite for every finite z. */
export function logSigmoid(z: number): number {
  return -softplus(-z);
}

/**
 * The inverse of the sigmoid, logit(p) = log(p / (1 − p)) = log p − log1p(−p), for p ∈ [0, 1]
 * (±Infinity at the ends). Used for exact fits: σ(w·x + b) = y means w·x + b = logit(y).
 */
export function logit(p: number): number {
  return log(p) - log1p(-p);
}

/**
 * The binary entropy H(y) = −[y log y + (1 − y) log(1 − y)] in nats, with 0·log 0 = 0, so
 * H(0) = H(1) = 0 and H(0.5) = log 2. It is the smallest value cross-entropy can take for label y.
 * Throws a RangeError for y outside [0, 1].
 */
export function binaryEntropy(y: number): number {
  if (!(y >= 0 && y <= 1)) throw new RangeError(`y must be a label in [0, 1], got ${y}`);
  const a = y > 0 ? -y * log(y) : 0;
  const b = y < 1 ? -(1 - y) * log1p(-y) : 0;
  return a + b;
}
