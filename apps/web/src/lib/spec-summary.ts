// One line that says which sweep a figure or file shows, for a figure's footer and a PNG's
// Description chunk: the data, the losses, η, the starts, the epochs, the reduction and ε.

import type { SweepPlan } from '@losslab/worker';
import { formatCount, formatNumber } from './format.js';

const LOSS_NAMES = { se: 'squared error', ce: 'cross-entropy' } as const;

/** A list of values as "a" (one), "a, b, c" (up to four) or "a … z (k values)". */
function valueList(values: ArrayLike<number>): string {
  const all = Array.from(values, (v) => formatNumber(v));
  if (all.length <= 4) return all.join(', ');
  return `${all[0]} … ${all.at(-1)} (${formatCount(all.length)} values)`;
}

/**
 * The plan in one line, e.g. "toy data (2 points, 1 input) · squared error vs cross-entropy ·
 * η = 0.15 · 1 start (w0 = −2, b0 = −2) · 300 epochs, mean reduction, ε = 0.01 · 2 runs".
 */
export function specSummary(plan: SweepPlan): string {
  const { data, init } = plan;
  const losses = plan.losses.map((loss) => LOSS_NAMES[loss] ?? loss).join(' vs ');
  let starts: string;
  if (init.kind === 'grid') {
    starts =
      plan.initCount === 1
        ? `1 start (w0 = ${formatNumber(init.w0[0]!)}, b0 = ${formatNumber(init.b0[0]!)})`
        : `${formatCount(plan.initCount)} starts (w0: ${valueList(init.w0)} × b0: ${valueList(init.b0)})`;
  } else {
    starts = `${formatCount(init.count)} random starts (${init.scheme}, seed ${init.seed})`;
  }
  const optimizers = plan.optimizers.length > 1 || plan.optimizers[0]?.name !== 'gd' ? ` · ${plan.optimizers.map((o) => o.name).join(', ')}` : '';
  return [
    `${data.name} data (${formatCount(data.n)} point${data.n === 1 ? '' : 's'}, ${data.d} input${data.d === 1 ? '' : 's'})`,
    losses,
    `η = ${valueList(plan.eta)}${optimizers}`,
    starts,
    `${formatCount(plan.epochs)} epochs, ${plan.reduction} reduction, ε = ${formatNumber(plan.tolerance)}`,
    `${formatCount(plan.runCount)} run${plan.runCount === 1 ? '' : 's'}`,
  ].join(' · ');
}
