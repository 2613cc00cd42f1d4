// A sweep's spec as one phrase for people (the history's entries): names instead of ids ("squared
// error", not "se"; "the lecture's two points", not "toy"), ranges as "from … to …", counts
// grouped (1,024 starts), and only the axes that were changed from their defaults.

import type { SweepSpec } from '@losslab/worker';
import { formatCount, formatNumber } from './format.js';

type AxisSpec = SweepSpec['eta'];

const LOSS_NAMES: Record<string, string> = { se: 'squared error', ce: 'cross-entropy' };
const BUILTIN_NAMES: Record<string, string> = { toy: 'the lecture’s two points', 'five-point': 'the lecture’s five points' };

/** "1", "0.01, 0.15", or "0.01 to 10 (16 values, log-spaced)". */
function axisWords(axis: AxisSpec): string {
  if (Array.isArray(axis)) return (axis as readonly number[]).map((v) => formatNumber(v)).join(', ');
  const range = axis as { from: number; to: number; count: number; scale?: string };
  return `${formatNumber(range.from)} to ${formatNumber(range.to)} (${formatCount(range.count)} values${range.scale === 'log' ? ', log-spaced' : ''})`;
}

function axisLength(axis: AxisSpec): number {
  return Array.isArray(axis) ? axis.length : (axis as { count: number }).count;
}

const points = (n: number) => `${formatCount(n)} point${n === 1 ? '' : 's'}`;

/**
 * The spec in words, e.g. "the lecture’s two points · squared error and cross-entropy · η 0.01 to
 * 10 (16 values, log-spaced) · 1,024 starts: w0 −6 to 6 (32 values) × b0 −6 to 6 (32 values) ·
 * 1,000 epochs, summed loss, fit within ε = 0.01". Throws (TypeError) only on a spec lacking the
 * fields it reads.
 */
export function specInWords(spec: SweepSpec): string {
  const dataset = spec.dataset;
  const data =
    typeof dataset === 'string'
      ? (BUILTIN_NAMES[dataset] ?? dataset)
      : 'generator' in dataset
        ? `${dataset.generator.replace(/-/g, ' ')} data, ${points(dataset.n)}`
        : `${dataset.name ?? 'CSV data'}, ${points(dataset.y.length)}`;
  const losses = spec.losses.map((loss) => LOSS_NAMES[loss] ?? loss).join(' and ');
  const init =
    'scheme' in spec.init
      ? `${formatCount(spec.init.count)} random starts (${spec.init.scheme})`
      : `${formatCount(axisLength(spec.init.w0) * axisLength(spec.init.b0))} start${axisLength(spec.init.w0) * axisLength(spec.init.b0) === 1 ? '' : 's'}: w0 ${axisWords(spec.init.w0)} × b0 ${axisWords(spec.init.b0)}`;
  const parts = [data, losses, `η ${axisWords(spec.eta)}`, init];
  const optimizers = spec.optimizer?.map((o) => (typeof o === 'string' ? o : o.name)) ?? [];
  if (optimizers.some((name) => name !== 'gd')) parts.push(`optimizers ${optimizers.join(', ')}`);
  if (spec.batchSize?.length) parts.push(`batch size ${spec.batchSize.map(formatCount).join(', ')}`);
  if (spec.weightDecay?.some((v) => v !== 0)) parts.push(`weight decay ${spec.weightDecay.map((v) => formatNumber(v)).join(', ')}`);
  const reduction = spec.reduction === 'mean' ? 'mean loss' : 'summed loss';
  parts.push(`${formatCount(spec.epochs)} epochs, ${reduction}, fit within ε = ${formatNumber(spec.tolerance ?? 0.01)}`);
  return parts.join(' · ');
}
