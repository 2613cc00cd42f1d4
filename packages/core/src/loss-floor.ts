// The floor of a dataset's loss: the smallest value it could take if every point's logit were free.

import { dataset, type Dataset, type DatasetInput } from './dataset.js';
import { resolveLoss, type Loss, type LossName } from './losses.js';
import { reductions, type LossOptions } from './neuron.js';
import { requireOneOf } from './validate.js';

/**
 * F = Σᵢ loss.minimum(yᵢ) (÷ n for 'mean'): the infimum of the dataset loss over free per-point
 * logits, 0 for squared error and Σ H(yᵢ) for cross-entropy. The neuron, tied to z = w·x + b,
 * reaches it only when it can fit every label (or, for hard labels, only in the limit), so
 * L − F ≥ 0 is the excess loss the convergence measures use: a floor fixed by the data and the
 * loss, not by how far a run got.
 */
export function lossFloor(data: Dataset | DatasetInput, loss: LossName | Loss, options: LossOptions = {}): number {
  const set = dataset(data);
  const fn = resolveLoss(loss);
  const reduction = requireOneOf('reduction', options.reduction ?? 'sum', reductions);
  let total = 0;
  for (let i = 0; i < set.n; i++) total += fn.minimum(set.y[i]!);
  return reduction === 'mean' ? total / set.n : total;
}
