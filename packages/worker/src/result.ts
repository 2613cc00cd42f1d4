// Sweep results as structure-of-arrays typed arrays: one entry per run (finalW and curves: d and
// K entries per run). Chunks come back from workers in this layout and are written into one
// preallocated SweepResult.

import { ARRAY_FIELDS, allocateRuns, copyRuns, runArray, type RunArrays } from './result-schema.js';
import { RUN_DONE } from './result-codes.js';
import type { SweepPlan } from './spec.js';
import type { SweepWindow } from './sweep-window.js';

export { RUN_PENDING, RUN_DONE, RUN_FAILED, NEVER, OUTCOME_NONE, outcomeCode, outcomeOf } from './result-codes.js';
export { allocateRuns, type RunArrays } from './result-schema.js';

/** The runs [start, end) as a worker returns them. */
export interface ChunkResult extends RunArrays {
  start: number;
  end: number;
}

/** A run range whose worker failed, with the error's message. */
export interface RunFailure {
  start: number;
  end: number;
  message: string;
}

/** A whole sweep's results (or, with an offset, the results of the runs of one range of it). */
export interface SweepResult extends RunArrays {
  plan: SweepPlan;
  runCount: number;
  /**
   * The run index at position 0 of every per-run array; absent (0) when the arrays hold the whole
   * sweep. A result allocated for a range [S, E) only (a CLI shard) has offset S and holds run i at
   * position i − S, so its memory is bounded by E − S runs, not by the sweep. A sweep run with a
   * {@link SweepWindow} (RunSweepOptions.window) has offset S too, but its arrays are a ring of
   * W runs, run i at position (i − S) mod W: read them through the window's views.
   */
  offset?: number;
  /** Runs with status RUN_DONE. */
  completed: number;
  /** Runs with status RUN_FAILED, and why. */
  failures: RunFailure[];
  /** True if the sweep was cancelled before every run was done. */
  cancelled: boolean;
}

/**
 * An empty result for a plan, every run pending: arrays for the whole sweep, or with `range`, for
 * the runs [start, end) only (offset = start).
 */
export function allocateResult(plan: SweepPlan, range?: { start: number; end: number }): SweepResult {
  if (range === undefined) return { plan, runCount: plan.runCount, completed: 0, failures: [], cancelled: false, ...allocateRuns(plan.runCount, plan.data.d, plan.curveEpochs.length) };
  const { start, end } = range;
  if (!(Number.isSafeInteger(start) && Number.isSafeInteger(end) && 0 <= start && start <= end && end <= plan.runCount)) throw new RangeError(`range must satisfy 0 ≤ start ≤ end ≤ ${plan.runCount} with integers, got [${start}, ${end})`);
  return { plan, runCount: plan.runCount, offset: start, completed: 0, failures: [], cancelled: false, ...allocateRuns(end - start, plan.data.d, plan.curveEpochs.length) };
}

/**
 * Copies a chunk into the sweep result at its position, counting the runs it completed. The
 * position is the chunk's first run's: chunk.start − offset, or `at` (a ring's slot, see SweepWindow).
 */
export function writeChunk(result: SweepResult, chunk: ChunkResult, at: number = chunk.start - (result.offset ?? 0)): void {
  if (at < 0 || at + chunk.status.length > result.status.length) throw new RangeError(`chunk [${chunk.start}, ${chunk.end}) lies outside the result's runs [${result.offset ?? 0}, ${(result.offset ?? 0) + result.status.length})`);
  copyRuns(result, at, chunk, result.plan.data.d, result.plan.curveEpochs.length);
  let done = 0;
  for (let i = 0; i < chunk.status.length; i++) if (chunk.status[i] === RUN_DONE) done++;
  result.completed += done;
}

/** The ArrayBuffers of a chunk, each once (postMessage refuses a transfer list with duplicates), to transfer (not copy) across a worker boundary. */
export function chunkBuffers(chunk: RunArrays): ArrayBuffer[] {
  return [...new Set(ARRAY_FIELDS.map((field) => runArray(chunk, field).buffer as ArrayBuffer))];
}
