// One heatmap panel's slice kept up to date as chunks land: the cells of the runs that landed
// since the last update are recomputed, not all initCount of them, and the panel's painter is
// told which (so it repaints only those). Anything else that changes what the cells mean (another
// sweep, η, loss, colouring, a shown file) recomputes the whole slice, as heatmapSlice does.

import { runIndex, type SweepPlan, type SweepResult } from '@losslab/worker';
import { fillSliceCells, heatmapSlice, sliceCounts, type HeatmapSlice } from './heatmap.js';
import { landingLogOf, type LandingLog, type RunRange } from './landing-log.js';
import type { ColorBy } from './state.js';
import { FIRST_AXES, type AxesPosition } from './view-axes.js';

/** Cells per state, as sliceCounts gives them. */
export type SliceCounts = ReturnType<typeof sliceCounts>;

/** What {@link HeatmapSliceTracker.update} returns. */
export interface TrackedSlice {
  slice: HeatmapSlice;
  counts: SliceCounts;
  /** Init-index ranges [start, end) whose cells may have changed since the last update; null: all of them. */
  dirty: readonly RunRange[] | null;
}

/**
 * Keeps `heatmapSlice(plan, result, lossIndex, etaIndex, colorBy, points)` and its counts. Contract:
 * after each update the slice and counts equal a fresh heatmapSlice and sliceCounts; `dirty` covers
 * every cell that changed. Incremental when the same result object has a landing log (a running
 * sweep): O(landed runs of this panel) per update instead of O(initCount).
 */
export class HeatmapSliceTracker {
  #slice: HeatmapSlice | undefined;
  #counts: SliceCounts | null = null;
  #key: unknown[] = [];
  #log: LandingLog | undefined;
  #cursor = 0;

  update(plan: SweepPlan, result: SweepResult | null, lossIndex: number, etaIndex: number, colorBy: ColorBy, points: { w0: Float64Array; b0: Float64Array }, axes: AxesPosition = FIRST_AXES): TrackedSlice {
    const key = [plan, result, lossIndex, etaIndex, colorBy, points, axes.optimizerIndex, axes.batchIndex, axes.weightDecayIndex];
    const log = result ? landingLogOf(result) : undefined;
    const slice = this.#slice;
    if (slice && this.#counts && result && log && log === this.#log && key.every((v, k) => v === this.#key[k])) {
      const ranges = log.since(this.#cursor);
      this.#cursor = log.length;
      const dirty = this.#patch(plan, result, slice, this.#counts, colorBy, ranges, axes);
      return { slice, counts: this.#counts, dirty };
    }
    this.#slice = heatmapSlice(plan, result, lossIndex, etaIndex, colorBy, points, slice, axes);
    this.#counts = sliceCounts(this.#slice);
    this.#key = key;
    this.#log = log;
    this.#cursor = log?.length ?? 0;
    return { slice: this.#slice, counts: this.#counts, dirty: null };
  }

  /** Recomputes the cells of `ranges` (run indices) that are this panel's; returns them as init ranges. */
  #patch(plan: SweepPlan, result: SweepResult, slice: HeatmapSlice, counts: SliceCounts, colorBy: ColorBy, ranges: readonly RunRange[], axes: AxesPosition): RunRange[] {
    const first = runIndex(plan, { ...axes, lossIndex: slice.lossIndex, etaIndex: slice.etaIndex, initIndex: 0 });
    const dirty: RunRange[] = [];
    for (const range of ranges) {
      const start = Math.max(range.start, first) - first;
      const end = Math.min(range.end, first + plan.initCount) - first;
      if (start >= end) continue;
      // The counts of these cells before and after (sliceCounts on the sub-range: one copy of the rule).
      const before = sliceCounts({ states: slice.states.subarray(start, end) });
      fillSliceCells(plan, result, slice, colorBy, start, end, axes);
      const after = sliceCounts({ states: slice.states.subarray(start, end) });
      for (const name of STATES) counts[name] += after[name] - before[name];
      dirty.push({ start, end });
    }
    return dirty;
  }
}

const STATES = ['pending', 'value', 'never', 'diverged', 'failed'] as const satisfies readonly (keyof SliceCounts)[];
