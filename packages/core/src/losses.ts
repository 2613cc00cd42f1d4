// Per-point losses of a sigmoid neuron, each written as a function of the logit z = w·x + b
// together with its derivative ∂loss/∂z, the way micrograd keeps a derivative beside its
// function. The chain rule then gives ∂L/∂w = Σ ∂loss/∂z · x and ∂L/∂b = Σ ∂loss/∂z.

import { expNonPositive } from './exp.js';
import { log1p } from './log1p.js';
import { binaryEntropy, softplus } from './sigmoid.js';

/** Short names of the built-in losses: 'se' (squared error) and 'ce' (cross-entropy). */
export type LossName = 'se' | 'ce';

/**
 * A per-point loss of a sigmoid neuron in terms of its logit z and label y ∈ [0, 1]. Every
 * per-point function of core takes the logit first and the label second: (z, y).
 */
export interface Loss {
  /** Short name, 'se' or 'ce' for the built-ins. */
  readonly name: string;
  /** Human-readable name. */
  readonly title: string;
  /** The loss of one point with logit z and label y. */
  value(z: number, y: number): number;
  /** ∂value/∂z. */
  dz(z: number, y: number): number;
  /** The smallest value the loss can take for label y, over all z (an infimum at y = 0 or 1). */
  minimum(y: number): number;
  /** value(z, y) − minimum(y), computed so that it is never negative. */
  excess(z: number, y: number): number;
}

/**
 * Squared error, ½(ŷ − y)² with ŷ = σ(z); ∂/∂z = (ŷ − y)·ŷ(1 − ŷ).
 *
 * The factor ŷ(1 − ŷ) = e/(1 + e)² (e = exp(−|z|)) vanishes when the neuron saturates, so a
 * confidently wrong neuron barely learns: the plateau in the lecture's first run. Its minimum
 * over z is 0 for every y ∈ [0, 1].
 */
export const squaredError: Loss = Object.freeze({
  name: 'se',
  title: 'squared error',
  value(z: number, y: number): number {
    const e = expNonPositive(-Math.abs(z));
    const r = 1 / (1 + e);
    const error = (z >= 0 ? r : e * r) - y;
    return 0.5 * error * error;
  },
  dz(z: number, y: number): number {
    const e = expNonPositive(-Math.abs(z));
    const r = 1 / (1 + e);
    return ((z >= 0 ? r : e * r) - y) * (e * r * r);
  },
  minimum(_y: number): number {
    return 0;
  },
  excess(z: number, y: number): number {
    return squaredError.value(z, y);
  },
});

/**
 * Cross-entropy, −[y log ŷ + (1 − y) log(1 − ŷ)] = softplus(z) − y·z; ∂/∂z = ŷ − y.
 *
 * Evaluated as (max(z, 0) − y·z) + log1p(exp(−|z|)), the first term as z(1 − y) for z ≥ 0 and −y·z
 * for z < 0. For y ∈ [0, 1] both terms are ≥ 0, so nothing cancels: at z = 40, y = 1 it returns 4.25e-18, where the literal softplus(z) − y·z
 * gives 0 and the lecture's −log ŷ gives 0 (and Infinity once σ(z) rounds to 1 with y < 1).
 * Valid for soft labels. Its minimum over z is the binary entropy H(y), reached at σ(z) = y; its
 * `excess(z, y)` is the KL divergence KL(y ‖ σ(z)), never negative as computed (see klDivergence below).
 */
export const crossEntropy: Loss = Object.freeze({
  name: 'ce',
  title: 'cross-entropy',
  value(z: number, y: number): number {
    // max(z, 0) − y·z, written per sign so that it never subtracts: z(1 − y) for z ≥ 0 keeps full
    // precision for labels near 1, where z − y·z would cancel.
    return (z >= 0 ? z * (1 - y) : -y * z) + log1p(expNonPositive(-Math.abs(z)));
  },
  dz(z: number, y: number): number {
    const e = expNonPositive(-Math.abs(z));
    const r = 1 / (1 + e);
    return (z >= 0 ? r : e * r) - y;
  },
  minimum(y: number): number {
    return binaryEntropy(y);
  },
  excess(z: number, y: number): number {
    return klDivergence(z, y);
  },
});

/** The built-in losses by short name ('se', 'ce'). Named like builtinDatasets; a TrainResult's `losses` is the loss per epoch. */
export const builtinLosses: Readonly<Record<LossName, Loss>> = Object.freeze({ se: squaredError, ce: crossEntropy });

/** Returns the loss object for 'se' or 'ce', or the object itself. Throws a RangeError otherwise. */
export function resolveLoss(loss: LossName | Loss): Loss {
  if (typeof loss === 'string') {
    const found = (builtinLosses as Record<string, Loss>)[loss];
    if (!found) throw new RangeError(`loss must be 'se' or 'ce' (or a loss object), got ${JSON.stringify(loss)}`);
    return found;
  }
  if (loss === null || typeof loss !== 'object') throw new TypeError(`loss must be 'se', 'ce' or a loss object, got ${String(loss)}`);
  for (const method of ['value', 'dz', 'minimum', 'excess'] as const) {
    if (typeof loss[method] !== 'function') throw new TypeError(`loss.${method} must be a function (a loss object has value, dz, minimum and excess), got ${typeof loss[method]}`);
  }
  return loss;
}

/** h(u) = u − log(1 + u) ≥ 0, accurate for small |u| where the subtraction would cancel. */
function excessOfLog(u: number): number {
  if (Math.abs(u) < 0.01) {
    // u²/2 − u³/3 + u⁴/4 − …: every term is smaller than the previous by |u| ≤ 0.01, so ten
    // terms leave a relative error under 1e-18.
    let sum = 0;
    for (let k = 10; k >= 2; k--) sum = (k % 2 === 0 ? 1 : -1) / k + u * sum;
    return u * u * sum;
  }
  return Math.max(0, u - log1p(u));
}

/**
 * The Kullback–Leibler divergence KL(y ‖ σ(z)) = y log(y/ŷ) + (1 − y) log((1 − y)/(1 − ŷ)) between
 * the label's Bernoulli distribution and the neuron's: cross-entropy's excess over its minimum H(y),
 * exported as `crossEntropy.excess(z, y)` (logit first, label second, as every per-point function
 * of core).
 *
 * CE − H(y) computed by subtraction can come out as −1e-15, which breaks log-scale plots. Near the
 * fit (ŷ within a factor 1.5 of y, and 1 − ŷ of 1 − y) this uses the form
 * y·h(ŷ/y − 1) + (1 − y)·h((1 − ŷ)/(1 − y) − 1) with h(u) = u − log(1 + u) ≥ 0, each term
 * non-negative and accurate; elsewhere KL is large against rounding and CE − H(y) is exact enough
 * (clamped at 0). At y = 0 or 1 it is softplus(±z), which is exact.
 */
function klDivergence(z: number, y: number): number {
  if (y === 0) return softplus(z);
  if (y === 1) return softplus(-z);
  const e = expNonPositive(-Math.abs(z));
  const r = 1 / (1 + e);
  const yHat = z >= 0 ? r : e * r;
  const oneMinusYHat = z >= 0 ? e * r : r;
  const oneMinusY = 1 - y;
  const u1 = (yHat - y) / y;
  const u2 = (oneMinusYHat - oneMinusY) / oneMinusY;
  if (Math.abs(u1) < 0.5 && Math.abs(u2) < 0.5) return y * excessOfLog(u1) + oneMinusY * excessOfLog(u2);
  return Math.max(0, crossEntropy.value(z, y) - binaryEntropy(y));
}
