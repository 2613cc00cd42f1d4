// The summary table kept up to date chunk by chunk, never a pass over the whole sweep. A chunk
// that comes with its worker's aggregate (counts and fit epochs per init block, computed in the
// worker) costs O(blocks + distinct epochs) merges plus one byte-and-compare pass over its runs to
// pair each start's two losses (the pair's other run lies in another chunk, which no worker sees);
// a chunk without one (an imported file, a history entry) is scanned run by run.

import { NEVER, RUN_DONE, RUN_FAILED, type ChunkAggregate, type SweepPlan, type SweepResult } from '@losslab/worker';
import { blockGroups } from './block-groups.js';
import { CountedMedian } from './counted-median.js';
import { RunningMedian } from './running-median.js';
import type { EtaSummary, LossSummary, SweepSummary } from './summary.js';

/** Counts and the running median of epochs of one (loss, η) group. */
interface Group {
  done: number;
  diverged: number;
  failed: number;
  epochs: CountedMedian;
}

/**
 * Builds the same {@link SweepSummary} as `summarize(plan, result)` from the run ranges that landed,
 * in any order, each run counted once (a range that lands again, or overlaps another, adds nothing).
 * A range may carry its chunk's {@link ChunkAggregate} (the pool's `aggregate` option): then its
 * counts and epochs are merged from it instead of read run by run.
 * Contract: after `add(result, ranges)` for ranges covering exactly the runs whose status is final
 * in `result`, `summary()` equals `summarize(plan, result)` (medians as exact doubles). The speedup
 * of a start is added when the second of its two runs (squared error, cross-entropy) is counted.
 * Memory: one byte per run (which were counted) plus the medians' heaps.
 */
export class SummaryAccumulator {
  readonly plan: SweepPlan;
  readonly #counted: Uint8Array;
  readonly #groups: Group[];
  /** Block → group (lossIndex·|η| + etaIndex), −1 for blocks no row counts. */
  readonly #blockGroup: Int32Array;
  /** Runs between a run and its other loss's run at the same start: runCount / |losses|. */
  readonly #lossStride: number;
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
    this.#groups = Array.from({ length: plan.losses.length * plan.eta.length }, () => ({ done: 0, diverged: 0, failed: 0, epochs: new CountedMedian() }));
    this.#blockGroup = blockGroups(plan);
    this.#lossStride = plan.runCount / plan.losses.length;
    this.#both = new Int32Array(plan.eta.length);
    this.#ratios = Array.from(plan.eta, () => new RunningMedian());
    this.#se = plan.losses.indexOf('se');
    this.#ce = plan.losses.indexOf('ce');
    this.#rows = Array.from(plan.eta, (_, etaIndex) => this.#row(etaIndex));
  }

  /**
   * Counts the final runs of `result` in `ranges` ([start, end) run indices) not counted before;
   * a range with an `aggregate` (for exactly its runs, computed after they were written) is merged.
   */
  add(result: SweepResult, ranges: readonly { start: number; end: number; aggregate?: ChunkAggregate }[]): void {
    for (const range of ranges) {
      const start = Math.max(0, range.start);
      const end = Math.min(range.end, this.plan.runCount);
      if (range.aggregate && this.#fresh(start, end)) this.#merge(result, start, end, range.aggregate);
      else this.#scan(result, start, end);
    }
  }

  /** Whether no run of [start, end) was counted yet (an aggregate counts all of them or none). */
  #fresh(start: number, end: number): boolean {
    const counted = this.#counted;
    for (let r = start; r < end; r++) if (counted[r] === 1) return false;
    return true;
  }

  /** Merges a chunk's aggregate, then pairs its converged runs with their other loss's. */
  #merge(result: SweepResult, start: number, end: number, aggregate: ChunkAggregate): void {
    const etas = this.plan.eta.length;
    for (const block of aggregate.blocks) {
      const g = this.#blockGroup[block.block] ?? -1;
      if (g < 0) continue;
      const group = this.#groups[g]!;
      group.done += block.done;
      group.diverged += block.diverged;
      this.#done += block.done;
      for (let k = 0; k < block.fitEpochs.length; k++) group.epochs.add(block.fitEpochs[k]!, block.fitCounts[k]!);
      this.#dirty.add(g % etas);
    }
    const { status } = result;
    const counted = this.#counted;
    for (let r = start; r < end; r++) {
      if (status[r] !== RUN_DONE) continue;
      counted[r] = 1;
      this.#pair(result, r);
    }
  }

  /** Counts the runs of [start, end) one by one. */
  #scan(result: SweepResult, start: number, end: number): void {
    const { status, epochsToFit, divergedAt } = result;
    const { initCount } = this.plan;
    const etas = this.plan.eta.length;
    const counted = this.#counted;
    for (let r = start; r < end; r++) {
      const s = status[r];
      if (counted[r] === 1 || (s !== RUN_DONE && s !== RUN_FAILED)) continue;
      counted[r] = 1;
      const g = this.#blockGroup[Math.floor(r / initCount)]!;
      if (g < 0) continue;
      const group = this.#groups[g]!;
      this.#dirty.add(g % etas);
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
      this.#pair(result, r);
    }
  }

  /**
   * Adds the speedup of run r's start if r (just counted, done) and its other loss's run are both
   * counted, done, converged and not diverged: the pair is added when its second run is counted.
   */
  #pair(result: SweepResult, r: number): void {
    if (this.#se < 0 || this.#ce < 0) return;
    const { status, epochsToFit, divergedAt } = result;
    const g = this.#blockGroup[Math.floor(r / this.plan.initCount)]!;
    if (g < 0 || divergedAt[r] !== NEVER || epochsToFit[r] === NEVER) return;
    const etas = this.plan.eta.length;
    const etaIndex = g % etas;
    const lossIndex = (g - etaIndex) / etas;
    const other = lossIndex === this.#se ? this.#ce : lossIndex === this.#ce ? this.#se : -1;
    if (other < 0) return;
    const partner = r + (other - lossIndex) * this.#lossStride;
    if (this.#counted[partner] !== 1 || status[partner] !== RUN_DONE || divergedAt[partner] !== NEVER) return;
    const ta = epochsToFit[lossIndex === this.#se ? r : partner]!;
    const tb = epochsToFit[lossIndex === this.#se ? partner : r]!;
    if (ta === NEVER || tb === NEVER) return;
    this.#both[etaIndex]!++;
    this.#ratios[etaIndex]!.add(Math.max(ta, 1) / Math.max(tb, 1));
    this.#dirty.add(etaIndex);
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
