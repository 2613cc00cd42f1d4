// The pool's public contract, with no platform code: apps program against these types, and
// '@losslab/worker/node' and '@losslab/worker/browser' return implementations of them.

import type { ChunkAggregate } from './chunk-aggregate.js';
import type { ChunkOrderName } from './chunk-order.js';
import type { SweepResult } from './result.js';
import type { SweepPlan } from './spec.js';
import type { SweepWindow } from './sweep-window.js';

/** How far a sweep has got. */
export interface SweepProgress {
  /** Runs finished (completed + failed) so far. */
  done: number;
  /** Runs marked RUN_FAILED so far. */
  failed: number;
  /** Runs in this sweep (or in options.range). */
  total: number;
  /** done / elapsedSeconds. */
  runsPerSecond: number;
  /**
   * Estimated seconds left: (total − done) / (the rate since the first runs were done), NaN until
   * that rate is known, i.e. until runs finish after the first ones did (the first ones carry the
   * workers' start-up, so a rate that includes them would overstate the time left many times over
   * on a short sweep); 0 when every run is done.
   */
  etaSeconds: number;
  /** Seconds since run() started the sweep. */
  elapsedSeconds: number;
}

/** Options of {@link SweepPool.run}. */
export interface RunSweepOptions {
  /**
   * Aborting stops the sweep: no new chunk starts, running chunks stop at their next check between
   * runs, and run() resolves with `result.cancelled = true` and every finished run kept.
   */
  signal?: AbortSignal;
  /** Streamed while running: after chunks, at most about 20 times a second, plus a final call. */
  onProgress?: (progress: SweepProgress) => void;
  /**
   * Called right after a chunk's runs were written into `result`: partial results are readable as
   * they arrive. With `aggregate: true`, `chunk.aggregate` is the chunk's {@link ChunkAggregate},
   * computed in the worker (absent for runs a worker could not aggregate, e.g. a test fixture's).
   */
  onChunk?: (chunk: { start: number; end: number; aggregate?: ChunkAggregate }, result: SweepResult) => void;
  /** Have each worker compute its chunk's per-block aggregate (counts, fit epochs, excess range); default false. */
  aggregate?: boolean;
  /** Runs per chunk. Default: adaptive, a small first chunk per worker, then about 30 ms of work each. */
  chunkSize?: number;
  /**
   * The order chunks are dealt in (results and files are the same either way: each chunk is written
   * into place). 'index' (default): run 0 first. 'progressive': every heatmap fills coarse to fine
   * over its init grid with both losses side by side, so partial and cancelled sweeps compare the
   * losses everywhere (see ChunkOrder).
   */
  order?: ChunkOrderName;
  /** Only these run indexes [start, end) (for CLI shards); the others stay RUN_PENDING. */
  range?: { start: number; end: number };
  /**
   * Allocate the result's arrays for `range`'s runs only (result.offset = range.start, run i at
   * position i − offset), so memory is bounded by the range, not the sweep. Default false: arrays
   * for the whole sweep, run i at position i.
   */
  compact?: boolean;
  /**
   * Hold the result in a ring of `window.runs` runs (W) instead of one slot per run, so memory is
   * bounded by W runs whatever the range (see {@link SweepWindow}): run i of the range at position
   * (i − range.start) mod W, read through `window.view(i)`. Chunks are dealt in index order (order
   * 'progressive' is refused), never past `window.released + W`, and never across the ring's wrap;
   * the caller must `window.release(n)` the runs it has consumed, or the sweep waits (a cancel still
   * stops it). `onChunk`'s result is the ring, and onChunk also fires after a run is marked
   * failed (so the consumer can release it). Implies compact. One window per sweep.
   */
  window?: SweepWindow;
}

/** N workers that run sweeps. One sweep at a time: a second run() waits for the first to settle. */
export interface SweepPool {
  /** The number of workers. */
  readonly size: number;
  /**
   * Runs a plan (or options.range of it) and resolves with the results. Resolves, not rejects, when
   * cancelled; rejects when a worker cannot load, when the plan is refused, or when a callback throws.
   */
  run(plan: SweepPlan, options?: RunSweepOptions): Promise<SweepResult>;
  /** Terminates every worker (a running sweep resolves as cancelled); idempotent. */
  dispose(): Promise<void>;
}
