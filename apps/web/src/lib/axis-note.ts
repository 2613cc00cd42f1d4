// What the comparison views show when a sweep has more than one optimizer, batch size or weight
// decay: one of each at a time (the selectors beside the η slider choose), and they say which, so a
// sweep with several is never read as if the shown runs were all of it.

import type { SweepPlan } from '@losslab/worker';
import { formatNumber } from './format.js';
import { FIRST_AXES, type AxesPosition } from './view-axes.js';

/** A sentence naming the values shown (`axes`, the first of each by default), or null when every one of those axes has a single value. */
export function shownAxisNote(plan: Pick<SweepPlan, 'optimizers' | 'batchSizes' | 'weightDecays'> | null, axes: AxesPosition = FIRST_AXES): string | null {
  if (!plan) return null;
  const parts: string[] = [];
  const { optimizerIndex: o, batchIndex: b, weightDecayIndex: w } = axes;
  if (plan.optimizers.length > 1) parts.push(`optimizer ${plan.optimizers[o]!.name} (${o + 1} of ${plan.optimizers.length})`);
  if (plan.batchSizes.length > 1) parts.push(`batch size ${plan.batchSizes[b]} (${b + 1} of ${plan.batchSizes.length})`);
  if (plan.weightDecays.length > 1) parts.push(`weight decay ${formatNumber(plan.weightDecays[w]!)} (${w + 1} of ${plan.weightDecays.length})`);
  if (parts.length === 0) return null;
  return `These views show the runs with ${parts.join(', ')}; the selectors above change them, and the “Who wins” table below compares every optimizer.`;
}
