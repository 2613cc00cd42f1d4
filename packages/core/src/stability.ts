// The local stability limit of full-batch gradient descent.

import { dataset, type Dataset, type DatasetInput } from './dataset.js';
import { lossHessian } from './hessian.js';
import type { Loss, LossName } from './losses.js';
import type { LossOptions } from './neuron.js';
import { symmetricEigenvalues } from './symmetric-eigenvalues.js';

/** What {@link stabilityLimit} returns. */
export interface StabilityLimit {
  /** η* = 2/λ_max, or Infinity if λ_max ≤ 0 (no direction curves up). */
  eta: number;
  /** The largest eigenvalue of the loss's Hessian at the point. */
  lambdaMax: number;
}

/**
 * The local stability limit of gradient descent at (w, b): η* = 2/λ_max, λ_max the largest
 * eigenvalue of {@link lossHessian} there. Near a minimum θ*, one step maps the deviation
 * δ = θ − θ* to (I − ηH)δ, which shrinks along every eigenvector only if |1 − ηλ| < 1, i.e.
 * η < 2/λ_max; past it the run cannot settle at θ* and oscillates (the gradient of a sigmoid neuron
 * is bounded, so it does not blow up either). λ_max in closed form for one input (a 2 × 2
 * Hessian), by the Jacobi method for d + 1 > 2 ({@link symmetricEigenvalues}).
 */
export function stabilityLimit(data: Dataset | DatasetInput, loss: LossName | Loss, w: number | ArrayLike<number>, b: number, options: LossOptions = {}): StabilityLimit {
  const set = dataset(data);
  const h = lossHessian(set, loss, w, b, options);
  const values = symmetricEigenvalues(h, set.d + 1);
  const lambdaMax = values[set.d]!;
  return { eta: lambdaMax > 0 ? 2 / lambdaMax : Infinity, lambdaMax };
}
