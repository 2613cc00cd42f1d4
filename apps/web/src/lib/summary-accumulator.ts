// The summary table kept up to date chunk by chunk: O(runs in the chunk · log n) per landed chunk,
// never a pass over the whole sweep, so a 4M-run sweep costs the main thread what a 32k-run one does.

import { NEVER, RUN_DONE, RUN_FAILED, type SweepPlan, type SweepResult } from '@losslab/worker';
import { RunningMedian } from './running-median.js';
import type { EtaSummary, LossSummary, SweepSummary } from './summary.js';

/** Counts and the running median of epochs of one (loss, η) group. */
interface Group {
  done: number;
  diverged: number;
  failed: number;
  epochs: RunningMedian;
}

/**
 * Builds the same {@link SweepSummary} as `summarize(plan, result)` from the run ranges that landed,
 * in any order, each run counted once (a range that lands again, or overlaps another, adds nothing).
 * Contract: after `add(result, ranges)` for ranges covering exactly the runs whose status is final
 * in `result`, `summary()` equals `summarize(plan, result)` (medians as exact doubles). The speedup
 * of a start is added when the second of its two runs (squared error, cross-entropy) is counted.
 * Memory: one byte per run (which were counted) plus the medians' heaps.
 */
export class SummaryAccumulator {
  readonly plan: SweepPlan;
  readonly #counted: Uint8Array;
  readonly #groups: Group[];
  readonly #both: Int32Array;
  readonly #ratios: RunningMedian[];
  readonly #se: number;
  readonly #ce: number;
  #rows: EtaSummary[];
  readonly #dirty = new Set<number>();
  #done = 0;
  #summary: SweepSummary | null = null;

  constructor(plan: SweepPlan) {
    this.plan = plan;
    this.#counted = new Uint8Array(plan.runCount);
    this.#groups = Array.from({ length: plan.losses.length * plan.eta.length }, () => ({ done: 0, diverged: 0, failed: 0, epochs: new RunningMedian() }));
    this.#both = new Int32Array(plan.eta.length);
    this.#ratios = Array.from(plan.eta, () => new RunningMedian());
    this.#se = plan.losses.indexOf('se');
    this.#ce = plan.losses.indexOf('ce');
    this.#rows = Array.from(plan.eta, (_, etaIndex) => this.#row(etaIndex));
  }

  /** Counts the final runs of `result` in `ranges` ([start, end) run indices) not counted before. */
  add(result: SweepResult, ranges: readonly { start: number; end: number }[]): void {
    const { status, epochsToFit, divergedAt } = result;
    const { initCount } = this.plan;
    const etas = this.plan.eta.length;
    const counted = this.#counted;
    const pairs = this.#se >= 0 && this.#ce >= 0;
    for (const range of ranges) {
      const end = Math.min(range.end, this.plan.runCount);
      for (let r = Math.max(0, range.start); r < end; r++) {
        const s = status[r];
        if (counted[r] === 1 || (s !== RUN_DONE && s !== RUN_FAILED)) continue;
        counted[r] = 1;
        // Runs are ordered loss, η, init: group g = lossIndex·|η| + etaIndex holds runs [g·I, (g + 1)·I).
        const g = Math.floor(r / initCount);
        const etaIndex = g % etas;
        const group = this.#groups[g]!;
        this.#dirty.add(etaIndex);
        if (s === RUN_FAILED) {
          group.failed++;
          continue;
        }
        group.done++;
        this.#done++;
        if (divergedAt[r] !== NEVER) {
          group.diverged++;
          continue;
        }
        if (epochsToFit[r] !== NEVER) group.epochs.add(epochsToFit[r]!);
        if (!pairs) continue;
        const lossIndex = (g - etaIndex) / etas;
        const other = lossIndex === this.#se ? this.#ce : lossIndex === this.#ce ? this.#se : -1;
        if (other < 0) continue;
        const partner = r + (other - lossIndex) * etas * initCount;
        if (counted[partner] !== 1 || status[partner] !== RUN_DONE) continue;
        const ta = epochsToFit[lossIndex === this.#se ? r : partner]!;
        const tb = epochsToFit[lossIndex === this.#se ? partner : r]!;
        if (ta === NEVER || tb === NEVER || divergedAt[partner] !== NEVER) continue;
        this.#both[etaIndex]!++;
        this.#ratios[etaIndex]!.add(Math.max(ta, 1) / Math.max(tb, 1));
      }
    }
  }

  /**
   * The table now: the same object as at the last call if no run was counted since; else a new
   * one whose rows of the η that changed are new objects, the others kept (views compare identity).
   */
  summary(): SweepSummary {
    if (this.#dirty.size > 0 || this.#summary === null) {
      const rows = this.#rows.slice();
      for (const etaIndex of this.#dirty) rows[etaIndex] = this.#row(etaIndex);
      this.#dirty.clear();
      this.#rows = rows;
      this.#summary = { losses: this.plan.losses, initCount: this.plan.initCount, rows, done: this.#done };
    }
    return this.#summary;
  }

  #row(etaIndex: number): EtaSummary {
    const etas = this.plan.eta.length;
    const perLoss: LossSummary[] = this.plan.losses.map((_, lossIndex) => {
      const group = this.#groups[lossIndex * etas + etaIndex]!;
      return { done: group.done, converged: group.epochs.size, diverged: group.diverged, failed: group.failed, medianEpochs: group.epochs.median() };
    });
    const pairs = this.#se >= 0 && this.#ce >= 0;
    return { etaIndex, eta: this.plan.eta[etaIndex]!, perLoss, bothConverged: pairs ? this.#both[etaIndex]! : 0, speedup: pairs ? this.#ratios[etaIndex]!.median() : null };
  }
}
