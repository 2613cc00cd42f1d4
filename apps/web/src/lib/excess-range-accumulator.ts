// The heatmap's colour range (smallest and largest final excess per η) kept per landed chunk:
// O(blocks) per chunk that comes with its worker's aggregate (the range per init block, computed in
// the worker), O(chunk) for one without, never a pass over an η's runs at every redraw.

import { RUN_DONE, type ChunkAggregate, type SweepPlan, type SweepResult } from '@losslab/worker';
import { blockGroups } from './block-groups.js';
import { EXCESS_FLOOR } from './color.js';

/**
 * Per η, min and max of max(finalExcess, EXCESS_FLOOR) over the done runs with a finite excess,
 * both losses. Contract: after `add(result, ranges)` for ranges covering the done runs of
 * `result` (in any order, overlapping or repeated: min and max do not count), `range(η)` equals
 * `excessRange(result, η)`. A range may carry its chunk's {@link ChunkAggregate}: then its per-block
 * extremes are used, clamped afterwards (max(min v, F) = min max(v, F): clamping is monotone).
 * `version` changes whenever a range widened, for memoized scales.
 */
export class ExcessRangeAccumulator {
  readonly plan: SweepPlan;
  readonly #lo: Float64Array;
  readonly #hi: Float64Array;
  /** Block → lossIndex·|η| + etaIndex, −1 for blocks no heatmap shows. */
  readonly #blockGroup: Int32Array;
  /** Bumped when any η's range changed. */
  version = 0;

  constructor(plan: SweepPlan) {
    this.plan = plan;
    this.#lo = new Float64Array(plan.eta.length).fill(Infinity);
    this.#hi = new Float64Array(plan.eta.length).fill(-Infinity);
    this.#blockGroup = blockGroups(plan);
  }

  /** Widens the ranges with the done runs of `result` in `ranges` ([start, end) run indices), or with their aggregates. */
  add(result: SweepResult, ranges: readonly { start: number; end: number; aggregate?: ChunkAggregate }[]): void {
    const { initCount } = this.plan;
    const etas = this.plan.eta.length;
    const { status, finalExcess } = result;
    let changed = false;
    const widen = (g: number, lo: number, hi: number): void => {
      if (g < 0) return;
      const etaIndex = g % etas;
      if (lo < this.#lo[etaIndex]!) {
        this.#lo[etaIndex] = lo;
        changed = true;
      }
      if (hi > this.#hi[etaIndex]!) {
        this.#hi[etaIndex] = hi;
        changed = true;
      }
    };
    for (const range of ranges) {
      if (range.aggregate) {
        for (const block of range.aggregate.blocks) {
          if (block.excessMin <= block.excessMax) widen(this.#blockGroup[block.block] ?? -1, Math.max(block.excessMin, EXCESS_FLOOR), Math.max(block.excessMax, EXCESS_FLOOR));
        }
        continue;
      }
      const end = Math.min(range.end, this.plan.runCount);
      for (let r = Math.max(0, range.start); r < end; r++) {
        if (status[r] !== RUN_DONE) continue;
        const v = finalExcess[r]!;
        if (!Number.isFinite(v)) continue;
        const clamped = Math.max(v, EXCESS_FLOOR);
        widen(this.#blockGroup[Math.floor(r / initCount)]!, clamped, clamped);
      }
    }
    if (changed) this.version++;
  }

  /** [min, max] for η index `etaIndex`, or null when no done run of that η has a finite excess. */
  range(etaIndex: number): [number, number] | null {
    const lo = this.#lo[etaIndex];
    const hi = this.#hi[etaIndex];
    return lo !== undefined && hi !== undefined && lo <= hi ? [lo, hi] : null;
  }
}
