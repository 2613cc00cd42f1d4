// What the comparison views show when a sweep has more than one optimizer, batch size or weight
// decay: they show the first of each (until the views get a selector for them), and say so, so a
// sweep with several is never read as if the shown runs were all of it.

import type { SweepPlan } from '@losslab/worker';
import { formatNumber } from './format.js';

/** A sentence naming the values shown, or null when every one of those axes has a single value. */
export function firstAxisNote(plan: Pick<SweepPlan, 'optimizers' | 'batchSizes' | 'weightDecays'> | null): string | null {
  if (!plan) return null;
  const parts: string[] = [];
  if (plan.optimizers.length > 1) parts.push(`optimizer ${plan.optimizers[0]!.name} (1 of ${plan.optimizers.length})`);
  if (plan.batchSizes.length > 1) parts.push(`batch size ${plan.batchSizes[0]} (1 of ${plan.batchSizes.length})`);
  if (plan.weightDecays.length > 1) parts.push(`weight decay ${formatNumber(plan.weightDecays[0]!)} (1 of ${plan.weightDecays.length})`);
  if (parts.length === 0) return null;
  return `These views show the runs with ${parts.join(', ')}; the “Who wins” table below compares every optimizer.`;
}
