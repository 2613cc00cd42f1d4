// How many runs a `losslab sweep` writing a file holds in memory at once (the pool's SweepWindow):
// a function of the plan, the format and the workers, or --window-runs.

import { bytesPerRun, rowGroupRuns, type SweepPlan } from '@losslab/worker';
import type { OutputFormat } from './sweep.js';

/** The result arrays a window holds by default: 64 MiB (S1's 32,768 runs of 322 bytes fit ten times over). */
export const WINDOW_BYTES = 64 * 2 ** 20;
/** Point-steps (epochs · n · d) of a chunk as the pool sizes them, about 30 ms at ~15 ns each. */
const CHUNK_POINT_STEPS = 2_000_000;
/** The pool's largest chunk, in bytes of result arrays (its ChunkSizer's cap). */
const MAX_CHUNK_BYTES = 16 * 2 ** 20;
/** Chunks in flight per worker the window leaves room for, so a worker never waits on the writer while it keeps up. */
const CHUNKS_PER_WORKER = 4;

/**
 * Runs held at once: `requested` (--window-runs), else WINDOW_BYTES of result arrays but at least
 * CHUNKS_PER_WORKER chunks per worker. Parquet rounds it to whole row groups of rowGroupRuns(plan)
 * (a row group is written whole from one lap of the ring): `requested` up to a multiple, the
 * default down to one, and at least two (one written while the next is computed).
 */
export function windowRuns(plan: SweepPlan, format: OutputFormat, workers: number, requested?: number): number {
  const perRun = bytesPerRun(plan.data.d, plan.curveEpochs.length);
  const group = format === 'parquet' ? rowGroupRuns(plan) : 1;
  if (requested !== undefined) return Math.ceil(requested / group) * group;
  const pointSteps = Math.max(1, plan.epochs * plan.data.n * plan.data.d);
  const chunkRuns = Math.max(1, Math.min(Math.ceil(CHUNK_POINT_STEPS / pointSteps), Math.floor(MAX_CHUNK_BYTES / perRun)));
  const runs = Math.max(Math.floor(WINDOW_BYTES / perRun), CHUNKS_PER_WORKER * workers * chunkRuns, 1);
  return Math.max(2 * group, Math.floor(runs / group) * group);
}
