// How many runs the next chunk gets. Workers pull chunks from one queue, so sizing only trades
// overhead (a round trip and a transfer per chunk, ~0.1 ms) against responsiveness (a chunk is
// the unit of progress, of stopping without shared memory, and of load balancing at the end).
// Chunk boundaries never change a run's result.

import { bytesPerRun, type SweepPlan } from './spec.js';

/** A chunk's target duration: messaging is noise next to it, and a stop or a progress report is never far. */
const CHUNK_SECONDS = 0.03;
/** A fresh worker's first chunk: its code is not optimized yet (measured 5–10× slower per run in Node). */
const FIRST_CHUNK_SECONDS = 0.01;
const COLD_SLOWDOWN = 10;
/** Near the end chunks shrink so that workers finish together, but not below this. */
const TAIL_CHUNK_SECONDS = 0.005;
/** The cost assumed before any measurement (a plain JavaScript loop takes ~42 ns). */
const ASSUMED_SECONDS_PER_POINT_STEP = 50e-9;
const MAX_CHUNK_RUNS = 65_536;
/** Caps a chunk's result arrays (full curves of long runs are ~80 KB a run). */
const MAX_CHUNK_BYTES = 16 * 2 ** 20;

/** Picks chunk sizes for one sweep: a fixed size, or adaptive from measured chunk times. */
export class ChunkSizer {
  private secondsPerRun: number;
  private measured = false;
  private readonly maxRuns: number;

  constructor(
    plan: SweepPlan,
    private readonly workers: number,
    private readonly fixed?: number,
  ) {
    this.secondsPerRun = plan.epochs * plan.data.n * plan.data.d * ASSUMED_SECONDS_PER_POINT_STEP;
    this.maxRuns = Math.max(1, Math.min(MAX_CHUNK_RUNS, Math.floor(MAX_CHUNK_BYTES / bytesPerRun(plan.data.d, plan.curveEpochs.length))));
  }

  /** The size of the next chunk, given the runs not yet handed out (≥ 1), for a fresh or a warm worker. */
  next(remaining: number, freshWorker: boolean): number {
    if (this.fixed !== undefined) return Math.min(this.fixed, remaining);
    const perRun = this.secondsPerRun;
    let runs = freshWorker ? FIRST_CHUNK_SECONDS / (COLD_SLOWDOWN * perRun) : (this.measured ? CHUNK_SECONDS : FIRST_CHUNK_SECONDS) / perRun;
    // Guided self-scheduling: never more than half of each worker's share of what is left.
    runs = Math.min(runs, Math.max(remaining / (2 * this.workers), TAIL_CHUNK_SECONDS / perRun));
    return Math.max(1, Math.min(Math.floor(runs), this.maxRuns, remaining));
  }

  /**
   * Records that a chunk of `runs` finished runs took `seconds` (a round trip included). The latest
   * measurement wins: a worker speeds up severalfold as its code gets optimized, and a chunk sized
   * from one slow measurement is short, so the next measurement comes soon.
   */
  record(runs: number, seconds: number): void {
    if (runs <= 0 || !(seconds > 0)) return;
    this.secondsPerRun = seconds / runs;
    this.measured = true;
  }
}
