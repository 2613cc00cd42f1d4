// Sweep results as structure-of-arrays typed arrays: one entry per run (finalW and curves: d and
// K entries per run). Chunks come back from workers in this layout and are written into one
// preallocated SweepResult.

import type { SweepPlan } from './spec.js';

/** A run not computed (yet, or cancelled). */
export const RUN_PENDING = 0;
/** A run computed (converged, stalled or diverged: see the measures). */
export const RUN_DONE = 1;
/** A run whose worker failed twice; see SweepResult.failures. */
export const RUN_FAILED = 2;

/** "Not reached" in the Int32 measures. */
export const NEVER = -1;

/** Per-run arrays. Loss values are NaN for runs not done and for a diverged run's final values. */
export interface RunArrays {
  /** RUN_PENDING, RUN_DONE or RUN_FAILED. */
  status: Uint8Array;
  /** The loss at the last epoch (before its update), as core's train(...).losses.at(-1). */
  finalLoss: Float64Array;
  /** The smallest loss of the run. */
  minLoss: Float64Array;
  /** finalLoss minus its minimum over z, summed over points (Σ KL for cross-entropy), never negative. */
  finalExcess: Float64Array;
  /** max |ŷ − y| at the last epoch. */
  finalMaxError: Float64Array;
  /** Final weights (after the last update), d per run: run r's weight j at r·d + j. */
  finalW: Float64Array;
  /** Final bias. */
  finalB: Float64Array;
  /** core's epochsToFit (every |ŷ − y| ≤ tolerance from then on), NEVER if not reached. */
  epochsToFit: Int32Array;
  /** core's epochsTo99, NEVER if not reached. */
  epochsTo99: Int32Array;
  /** core's plateauLength, NEVER if not reached. */
  plateauLength: Int32Array;
  /** The epoch at which the loss or parameters stopped being finite, NEVER if they did not. */
  divergedAt: Int32Array;
  /** The loss at plan.curveEpochs, K per run: run r's sample k at r·K + k (NaN past divergence). */
  curves: Float64Array;
}

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
   * position i − S, so its memory is bounded by E − S runs, not by the sweep.
   */
  offset?: number;
  /** Runs with status RUN_DONE. */
  completed: number;
  /** Runs with status RUN_FAILED, and why. */
  failures: RunFailure[];
  /** True if the sweep was cancelled before every run was done. */
  cancelled: boolean;
}

/** Allocates zeroed arrays for `count` runs (loss values NaN, measures NEVER). */
export function allocateRuns(count: number, d: number, curveSamples: number): RunArrays {
  const nan = (length: number) => new Float64Array(length).fill(Number.NaN);
  const never = () => new Int32Array(count).fill(NEVER);
  return {
    status: new Uint8Array(count),
    finalLoss: nan(count),
    minLoss: nan(count),
    finalExcess: nan(count),
    finalMaxError: nan(count),
    finalW: nan(count * d),
    finalB: nan(count),
    epochsToFit: never(),
    epochsTo99: never(),
    plateauLength: never(),
    divergedAt: never(),
    curves: nan(count * curveSamples),
  };
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

const PER_RUN = ['status', 'finalLoss', 'minLoss', 'finalExcess', 'finalMaxError', 'finalB', 'epochsToFit', 'epochsTo99', 'plateauLength', 'divergedAt'] as const;

/** Copies a chunk into the sweep result at its position, counting the runs it completed. */
export function writeChunk(result: SweepResult, chunk: ChunkResult): void {
  // The chunk's position in the result's arrays (a range-only result starts at its offset).
  const start = chunk.start - (result.offset ?? 0);
  if (start < 0 || start + chunk.status.length > result.status.length) throw new RangeError(`chunk [${chunk.start}, ${chunk.end}) lies outside the result's runs [${result.offset ?? 0}, ${(result.offset ?? 0) + result.status.length})`);
  const d = result.plan.data.d;
  const k = result.plan.curveEpochs.length;
  for (const key of PER_RUN) (result[key] as Float64Array).set(chunk[key] as Float64Array, start);
  result.finalW.set(chunk.finalW, start * d);
  result.curves.set(chunk.curves, start * k);
  let done = 0;
  for (let i = 0; i < chunk.status.length; i++) if (chunk.status[i] === RUN_DONE) done++;
  result.completed += done;
}

/** The ArrayBuffers of a chunk, each once (postMessage refuses a transfer list with duplicates), to transfer (not copy) across a worker boundary. */
export function chunkBuffers(chunk: RunArrays): ArrayBuffer[] {
  return [...new Set([...PER_RUN, 'finalW', 'curves'].map((key) => (chunk[key as keyof RunArrays] as { buffer: ArrayBuffer }).buffer))];
}
