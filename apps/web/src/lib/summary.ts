// The summary table's numbers: per η, how many starts each loss brought to convergence, the median
// epochs it took, and how many times faster cross-entropy was where both converged. One pass over
// the result arrays plus a sort per (loss, η) group: a few milliseconds for 32k runs.

import type { LossName } from '@losslab/core';
import { NEVER, RUN_DONE, RUN_FAILED, runIndex, type SweepPlan, type SweepResult } from '@losslab/worker';
import { FIRST_AXES, type AxesPosition } from './view-axes.js';

/** One loss at one η. */
export interface LossSummary {
  /** Runs done (converged or not). */
  done: number;
  /** Runs that converged: every |ŷ − y| ≤ ε from some epoch to the end. */
  converged: number;
  /** Runs whose parameters or loss stopped being finite. */
  diverged: number;
  /** Runs whose worker failed. */
  failed: number;
  /** Median epochs to converge over the converged runs, or null if none. */
  medianEpochs: number | null;
}

/** One row of the table: one η. */
export interface EtaSummary {
  etaIndex: number;
  eta: number;
  /** In the plan's loss order. */
  perLoss: LossSummary[];
  /** Starts where both squared error and cross-entropy converged (0 without both losses). */
  bothConverged: number;
  /**
   * Median over those starts of (squared error's epochs) / (cross-entropy's epochs), each counted as
   * at least 1: how many times faster cross-entropy converged. null when no start has both.
   */
  speedup: number | null;
}

/** The whole table. */
export interface SweepSummary {
  losses: LossName[];
  /** Starts per η and loss. */
  initCount: number;
  rows: EtaSummary[];
  /** Runs done in all. */
  done: number;
}

/** The median of the first `length` entries of `values` (sorted in place), or null when empty. */
export function medianOf(values: Int32Array | Float64Array, length: number): number | null {
  if (length === 0) return null;
  const part = values.subarray(0, length).sort();
  const mid = length >> 1;
  return length % 2 === 1 ? part[mid]! : (part[mid - 1]! + part[mid]!) / 2;
}

/**
 * Summarizes a (possibly partial) sweep result at one optimizer, batch size and weight decay
 * (`axes`, the first of each by default); every run pending while `result` is null.
 */
export function summarize(plan: SweepPlan, result: SweepResult | null, axes: AxesPosition = FIRST_AXES): SweepSummary {
  const buffers = { epochs: new Int32Array(plan.initCount), ratios: new Float64Array(plan.initCount) };
  const rows = Array.from(plan.eta, (_, etaIndex) => summarizeRow(plan, result, etaIndex, buffers, axes));
  return { losses: plan.losses, initCount: plan.initCount, rows, done: rows.reduce((sum, row) => sum + row.perLoss.reduce((s, l) => s + l.done, 0), 0) };
}

/**
 * The summary with the rows of `etaIndices` recomputed (the other rows are shared with
 * `previous`): when a chunk lands, only the η it touched change. See {@link etaRowsOf}.
 */
export function updateSummary(previous: SweepSummary, plan: SweepPlan, result: SweepResult | null, etaIndices: Iterable<number>): SweepSummary {
  const buffers = { epochs: new Int32Array(plan.initCount), ratios: new Float64Array(plan.initCount) };
  const rows = previous.rows.slice();
  for (const etaIndex of etaIndices) rows[etaIndex] = summarizeRow(plan, result, etaIndex, buffers);
  return { ...previous, rows, done: rows.reduce((sum, row) => sum + row.perLoss.reduce((s, l) => s + l.done, 0), 0) };
}

/** The η indices whose runs fall in any of the run ranges [start, end). */
export function etaRowsOf(plan: SweepPlan, ranges: readonly { start: number; end: number }[]): Set<number> {
  const rows = new Set<number>();
  const etas = plan.eta.length;
  for (const { start, end } of ranges) {
    if (end <= start) continue;
    // Runs are ordered loss, η, init: group g = lossIndex·|η| + etaIndex holds runs [g·I, (g + 1)·I).
    const first = Math.floor(start / plan.initCount);
    const last = Math.floor((end - 1) / plan.initCount);
    if (last - first + 1 >= etas) {
      for (let e = 0; e < etas; e++) rows.add(e);
      break;
    }
    for (let g = first; g <= last; g++) rows.add(g % etas);
  }
  return rows;
}

/** One η's row. */
function summarizeRow(plan: SweepPlan, result: SweepResult | null, etaIndex: number, buffers: { epochs: Int32Array; ratios: Float64Array }, axes: AxesPosition = FIRST_AXES): EtaSummary {
  const count = plan.initCount;
  const perLoss: LossSummary[] = plan.losses.map(() => ({ done: 0, converged: 0, diverged: 0, failed: 0, medianEpochs: null }));
  const row: EtaSummary = { etaIndex, eta: plan.eta[etaIndex]!, perLoss, bothConverged: 0, speedup: null };
  if (!result) return row;
  const { status, epochsToFit, divergedAt } = result;
  for (let lossIndex = 0; lossIndex < plan.losses.length; lossIndex++) {
    const first = runIndex(plan, { ...axes, lossIndex, etaIndex, initIndex: 0 });
    const summary = perLoss[lossIndex]!;
    let converged = 0;
    for (let r = first; r < first + count; r++) {
      const s = status[r];
      if (s === RUN_FAILED) summary.failed++;
      if (s !== RUN_DONE) continue;
      summary.done++;
      if (divergedAt[r] !== NEVER) summary.diverged++;
      else if (epochsToFit[r] !== NEVER) buffers.epochs[converged++] = epochsToFit[r]!;
    }
    summary.converged = converged;
    summary.medianEpochs = medianOf(buffers.epochs, converged);
  }
  const se = plan.losses.indexOf('se');
  const ce = plan.losses.indexOf('ce');
  if (se >= 0 && ce >= 0) {
    const seFirst = runIndex(plan, { ...axes, lossIndex: se, etaIndex, initIndex: 0 });
    const ceFirst = runIndex(plan, { ...axes, lossIndex: ce, etaIndex, initIndex: 0 });
    let both = 0;
    for (let k = 0; k < count; k++) {
      const a = seFirst + k;
      const b = ceFirst + k;
      if (status[a] !== RUN_DONE || status[b] !== RUN_DONE) continue;
      const ta = epochsToFit[a]!;
      const tb = epochsToFit[b]!;
      if (ta === NEVER || tb === NEVER || divergedAt[a] !== NEVER || divergedAt[b] !== NEVER) continue;
      buffers.ratios[both++] = Math.max(ta, 1) / Math.max(tb, 1);
    }
    row.bothConverged = both;
    row.speedup = medianOf(buffers.ratios, both);
  }
  return row;
}
