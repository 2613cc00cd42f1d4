// The heatmap's colour range (smallest and largest final excess per η) kept per landed chunk:
// O(chunk) per update instead of a pass over an η's runs at every redraw.

import { RUN_DONE, type SweepPlan, type SweepResult } from '@losslab/worker';
import { EXCESS_FLOOR } from './color.js';

/**
 * Per η, min and max of max(finalExcess, EXCESS_FLOOR) over the done runs with a finite excess,
 * both losses. Contract: after `add(result, ranges)` for ranges covering the done runs of
 * `result` (in any order, overlapping or repeated: min and max do not count), `range(η)` equals
 * `excessRange(result, η)`. `version` changes whenever a range widened, for memoized scales.
 */
export class ExcessRangeAccumulator {
  readonly plan: SweepPlan;
  readonly #lo: Float64Array;
  readonly #hi: Float64Array;
  /** Bumped when any η's range changed. */
  version = 0;

  constructor(plan: SweepPlan) {
    this.plan = plan;
    this.#lo = new Float64Array(plan.eta.length).fill(Infinity);
    this.#hi = new Float64Array(plan.eta.length).fill(-Infinity);
  }

  /** Widens the ranges with the done runs of `result` in `ranges` ([start, end) run indices). */
  add(result: SweepResult, ranges: readonly { start: number; end: number }[]): void {
    const { initCount } = this.plan;
    const etas = this.plan.eta.length;
    const { status, finalExcess } = result;
    let changed = false;
    for (const range of ranges) {
      const end = Math.min(range.end, this.plan.runCount);
      for (let r = Math.max(0, range.start); r < end; r++) {
        if (status[r] !== RUN_DONE) continue;
        const v = finalExcess[r]!;
        if (!Number.isFinite(v)) continue;
        const clamped = Math.max(v, EXCESS_FLOOR);
        // Runs are ordered loss, η, init: η index = ⌊r / I⌋ mod |η|.
        const etaIndex = Math.floor(r / initCount) % etas;
        if (clamped < this.#lo[etaIndex]!) {
          this.#lo[etaIndex] = clamped;
          changed = true;
        }
        if (clamped > this.#hi[etaIndex]!) {
          this.#hi[etaIndex] = clamped;
          changed = true;
        }
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
