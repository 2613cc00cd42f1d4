// Column data for the uPlot charts: the selected runs' excess-loss and max |ŷ − y| curves, and the
// gradient split of the primary run. The yardstick max |ŷ − y| is in the same unit for both losses
// and shares one range across the panels; each loss's excess gets its own range (excessRange). Past
// MAX_POINTS epochs the columns are thinned by buckets, each keeping its largest value (so a spike
// or an oscillation stays visible).

import { decade, decadeRange, type RunTrace } from './trace.js';

/** Epochs drawn per series before thinning: uPlot draws this many points in well under a frame. */
export const MAX_POINTS = 4000;

/** uPlot's aligned data: x, then one column per series (null = gap). */
export type Columns = [number[], ...(number | null)[][]];

/** The x values shared by the traces: 0 … longest − 1, thinned to buckets past MAX_POINTS. */
function epochAxis(length: number, maxPoints: number): { x: number[]; bucket: number } {
  const bucket = Math.max(1, Math.ceil(length / maxPoints));
  const x: number[] = [];
  for (let t = 0; t < length; t += bucket) x.push(t);
  return { x, bucket };
}

/** A column from per-epoch values: the bucket's largest value; null past the run or ≤ 0 on a log axis. */
function column(values: Float64Array, length: number, x: number[], bucket: number, logScale: boolean): (number | null)[] {
  return x.map((t) => {
    let best: number | null = null;
    for (let s = t; s < Math.min(t + bucket, length, values.length); s++) {
      const v = values[s]!;
      if (!Number.isFinite(v) || (logScale && !(v > 0))) continue;
      if (best === null || v > best) best = v;
    }
    return best;
  });
}

/** Columns for the loss-curves chart: x, then per trace its excess and its max |ŷ − y|. */
export function lossCurveColumns(traces: readonly RunTrace[], epochs: number, logScale: boolean, maxPoints = MAX_POINTS): Columns {
  const { x, bucket } = epochAxis(epochs, maxPoints);
  const out: Columns = [x];
  for (const trace of traces) {
    out.push(column(trace.excess, trace.epochsRun, x, bucket, logScale));
    out.push(column(trace.maxError, trace.epochsRun, x, bucket, logScale));
  }
  return out;
}

/**
 * The range of one panel's secondary axis: its traces' excess loss (loss − its infimum), in whole
 * decades on a log axis. Not shared between the panels: excess squared error and excess
 * cross-entropy are different units, so only the yardstick is compared across them.
 */
export function excessRange(traces: readonly RunTrace[], logScale: boolean): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const trace of traces) {
    for (let t = 0; t < trace.epochsRun; t++) {
      const v = trace.excess[t]!;
      if (!Number.isFinite(v) || (logScale && !(v > 0))) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  return decadeRange(lo, hi, logScale);
}

/** Columns for the gradient split of one trace: x, mean |ŷ − y|, mean ŷ(1 − ŷ), ‖∇L‖ (log axis). */
export function gradientSplitColumns(trace: RunTrace, epochs: number, maxPoints = MAX_POINTS): Columns {
  const { x, bucket } = epochAxis(epochs, maxPoints);
  return [x, column(trace.meanError, trace.epochsRun, x, bucket, true), column(trace.meanSlope, trace.epochsRun, x, bucket, true), column(trace.gradientNorm, trace.epochsRun, x, bucket, true)];
}

/** A shared log range (whole decades) for the gradient split of several traces. */
export function gradientSplitRange(traces: readonly RunTrace[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const trace of traces) {
    for (const series of [trace.meanError, trace.meanSlope, trace.gradientNorm]) {
      for (let t = 0; t < trace.epochsRun; t++) {
        const v = series[t]!;
        if (!(v > 0) || !Number.isFinite(v)) continue;
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
    }
  }
  if (!(lo <= hi)) return [1e-6, 1];
  const low = Math.max(lo, hi * 1e-20);
  return [decade(Math.floor(Math.log10(low))), decade(Math.ceil(Math.log10(hi)))];
}

/** The index in a thinned x column of an epoch (the bucket that holds it). */
export function indexOfEpoch(x: readonly number[], epoch: number): number {
  if (x.length === 0) return -1;
  const bucket = x.length > 1 ? x[1]! - x[0]! : 1;
  return Math.max(0, Math.min(x.length - 1, Math.floor(epoch / bucket)));
}

/**
 * Tick values for a log axis over [min, max]: whole decades, every k-th one so that at most
 * `maxTicks` show. (uPlot's own log ticks step through 1, 2, …, 9 × 10^k by repeated addition,
 * which goes wrong far below 1e-16, where the excess of a converged run lives.)
 */
export function logTicks(min: number, max: number, maxTicks = 7): number[] {
  if (!(min > 0 && max >= min)) return [];
  const lo = Math.ceil(Math.log10(min) - 1e-9);
  const hi = Math.floor(Math.log10(max) + 1e-9);
  const step = Math.max(1, Math.ceil((hi - lo + 1) / maxTicks));
  const out: number[] = [];
  for (let k = hi; k >= lo; k -= step) out.unshift(decade(k));
  return out;
}

/**
 * Ticks for a log-like epoch axis over [0, max] (uPlot's arcsinh scale, which is linear near 0 and
 * logarithmic far from it, so epoch 0 has a place): 0 and the 1–2–5 steps of each decade up to
 * max, keeping only whole decades once there are more than `maxTicks`.
 */
export function epochLogTicks(max: number, maxTicks = 7): number[] {
  const all = [0];
  for (let k = 0; decade(k) <= max; k++) for (const m of [1, 2, 5]) if (m * decade(k) <= max) all.push(m * decade(k));
  if (all.length <= maxTicks) return all;
  return all.filter((v) => v === 0 || Number.isInteger(Math.log10(v)));
}
