// Runs sweeps for a host element: owns the worker pool (created when the host connects, disposed
// when it disconnects), one AbortController per sweep, and the partial results. Chunks land many
// times a frame; the host is asked to update at most once per animation frame, and `revision`
// tells views that the result arrays changed. After the first results, updates while a sweep runs
// are spaced by `updateIntervalMs` (4 a second by default): the views still fill in, and the main
// thread leaves the CPU to the workers. Measured on a 2-core machine with S1 (pnpm bench:web):
// redrawing every frame took a third of a core from the workers, and the app's S1 time came close
// to the CLI's only at a few updates a second (figures: the root README's Performance section).

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { createBrowserPool } from '@losslab/worker/browser';
import { planSweep, type ChunkAggregate, type SweepPlan, type SweepPool, type SweepProgress, type SweepResult } from '@losslab/worker';
import { describeError } from '../lib/describe-error.js';
import { DEFAULT_NS_PER_POINT_STEP, chunkNsPerPointStep, measuredNsPerPointStep } from '../lib/estimate.js';
import { landingLogOf, startLandingLog } from '../lib/landing-log.js';

/** A run range that landed, with the aggregate its worker computed (absent for a whole shown result). */
export interface LandedChunk {
  start: number;
  end: number;
  aggregate?: ChunkAggregate;
}

/** Where the current (or last) sweep is. */
export type SweepStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'failed';

/** Options of {@link SweepController}. */
export interface SweepControllerOptions {
  /** Makes the pool; default createBrowserPool({ size: appPoolSize() }): one worker per logical core. */
  createPool?: () => SweepPool;
  /** Least milliseconds between host updates while a sweep runs (after its first results); default 250. */
  updateIntervalMs?: number;
}

/**
 * Workers for the app's sweeps: one per logical core. (@losslab/worker's default leaves a core to
 * the main thread, measured against a page that redraws every run each frame; this app redraws at
 * most 10 times a second while a sweep runs and keeps the main thread under a fifth of a core, so
 * the last core is worth more to the workers: benchmark S1 compares with the CLI, which uses all.)
 */
export function appPoolSize(): number {
  const cores = navigator.hardwareConcurrency;
  return Number.isSafeInteger(cores) && cores >= 1 ? cores : 4;
}

/** Performance entry names, for the end-to-end test and `pnpm bench:web`. */
export const MARKS = Object.freeze({
  start: 'losslab:sweep-start',
  firstResults: 'losslab:first-results',
  end: 'losslab:sweep-end',
  /** A measure from start to the first rendered frame that showed finished runs. */
  firstResultsMeasure: 'losslab:time-to-first-results',
  /** A measure from start to the end of the sweep. */
  sweepMeasure: 'losslab:sweep-duration',
});

export class SweepController implements ReactiveController {
  /** Where the sweep is. */
  status: SweepStatus = 'idle';
  /** The plan of the current (or last) sweep. */
  plan: SweepPlan | null = null;
  /** The results so far: the pool fills this object in as chunks land (null before the first). */
  result: SweepResult | null = null;
  /** The latest progress report. */
  progress: SweepProgress | null = null;
  /** Why the last sweep failed. */
  error: string | null = null;
  /** Bumped in each animation frame in which new runs landed: views redraw when it changes. */
  revision = 0;
  /** Milliseconds from start() to the first frame that showed finished runs. */
  firstResultsMs: number | null = null;
  /** Wall time of the last sweep that ended, in seconds. */
  elapsedSeconds: number | null = null;
  /** The kernel's cost per point-step and worker on this machine, from the last sweep's steady rate (for estimates; NaN until measured). */
  nsPerPointStep = DEFAULT_NS_PER_POINT_STEP;
  /** Whether the running (or last) sweep gave a steady rate (chunkNsPerPointStep). */
  #rateMeasured = false;

  readonly #host: ReactiveControllerHost;
  readonly #createPool: () => SweepPool;
  readonly #updateIntervalMs: number;
  #lastFrameAt = 0;
  #wait: ReturnType<typeof setTimeout> | undefined;
  #pool: SweepPool | null = null;
  #abort: AbortController | null = null;
  #frame = 0;
  #sweepId = 0;
  #startedAt = 0;
  #pendingFirst = false;
  #landed: LandedChunk[] = [];

  constructor(host: ReactiveControllerHost, options: SweepControllerOptions = {}) {
    this.#host = host;
    this.#createPool = options.createPool ?? (() => createBrowserPool({ size: appPoolSize() }));
    this.#updateIntervalMs = options.updateIntervalMs ?? 250;
    host.addController(this);
  }

  /** Number of workers (0 while the host is disconnected). */
  get workers(): number {
    return this.#pool?.size ?? 0;
  }

  hostConnected(): void {
    if (this.#pool) return;
    const pool = this.#createPool();
    this.#pool = pool;
    // Start every worker now (a one-epoch run each), so that the first real sweep does not wait
    // for workers to load: its first results then show within a frame or two of Run.
    const warmUp = planSweep({ version: 1, dataset: 'toy', losses: ['se'], eta: [1], init: { w0: Array.from({ length: pool.size }, (_, k) => k), b0: [0] }, epochs: 1, curve: 'none' });
    pool.run(warmUp, { chunkSize: 1 }).catch(() => undefined);
  }

  hostDisconnected(): void {
    this.#abort?.abort();
    this.#abort = null;
    this.#cancelFrame();
    const pool = this.#pool;
    this.#pool = null;
    void pool?.dispose();
    if (this.status === 'running') this.status = 'cancelled';
  }

  /**
   * Starts a sweep (cancelling the one running, if any) and resolves with its result when it ends:
   * complete, or cancelled with the finished runs kept. `signal` cancels it too. Resolves with null
   * if a newer sweep replaced it or the host disconnected; a failure sets `status` and `error`.
   */
  async start(plan: SweepPlan, signal?: AbortSignal): Promise<SweepResult | null> {
    const pool = this.#pool;
    if (!pool) throw new Error('SweepController.start: the host is not connected, so there is no pool');
    this.#abort?.abort();
    const abort = new AbortController();
    this.#abort = abort;
    if (signal) {
      if (signal.aborted) abort.abort();
      else signal.addEventListener('abort', () => abort.abort(), { once: true });
    }
    const id = ++this.#sweepId;
    this.status = 'running';
    this.plan = plan;
    this.result = null;
    this.progress = { done: 0, failed: 0, total: plan.runCount, runsPerSecond: 0, etaSeconds: Number.NaN, elapsedSeconds: 0 };
    this.error = null;
    this.firstResultsMs = null;
    this.elapsedSeconds = null;
    this.#pendingFirst = true;
    this.#rateMeasured = false;
    this.#landed = [];
    this.revision++;
    performance.clearMarks(MARKS.start);
    performance.clearMarks(MARKS.firstResults);
    performance.clearMarks(MARKS.end);
    performance.clearMeasures(MARKS.firstResultsMeasure);
    performance.clearMeasures(MARKS.sweepMeasure);
    performance.mark(MARKS.start);
    this.#startedAt = performance.now();
    this.#host.requestUpdate();
    try {
      const result = await pool.run(plan, {
        signal: abort.signal,
        // Both losses fill in together, coarse to fine over each heatmap: partial and cancelled
        // sweeps compare the losses over the whole grid. Results are the same as in index order.
        order: 'progressive',
        // Each worker also sums up its chunk (counts, fit epochs, excess range per init block), so
        // the summary and colour ranges merge a few numbers per chunk instead of reading its runs.
        aggregate: true,
        onChunk: (range, partial) => {
          if (id !== this.#sweepId) return;
          this.result = partial;
          this.#landed.push(range);
          // For views that patch only what landed (the heatmaps): one log per result object.
          (landingLogOf(partial) ?? startLandingLog(partial)).push(range);
          this.#schedule();
        },
        onProgress: (progress) => {
          if (id !== this.#sweepId) return;
          this.progress = progress;
          // The estimate's cost, from this sweep's steady rate once the pool knows it (lib/estimate.ts).
          const ns = chunkNsPerPointStep(plan, progress, this.workers);
          if (ns !== null) {
            this.nsPerPointStep = ns;
            this.#rateMeasured = true;
          }
          this.#schedule();
        },
      });
      if (id !== this.#sweepId) return null;
      this.#finish(result.cancelled ? 'cancelled' : 'done', result);
      return result;
    } catch (error) {
      if (id !== this.#sweepId) return null;
      this.error = describeError(error);
      this.#finish('failed', this.result);
      return null;
    } finally {
      if (this.#abort === abort) this.#abort = null;
    }
  }

  /**
   * The run ranges that landed since the last call, each with its worker's aggregate when it has
   * one (for views that update incrementally, such as the summary). One consumer only: the ranges
   * are handed out once.
   */
  drainLanded(): LandedChunk[] {
    const landed = this.#landed;
    this.#landed = [];
    return landed;
  }

  /**
   * Shows a finished result (an imported file, a history entry) as if it had just run: cancels the
   * running sweep, if any, and hands the whole result to the views.
   */
  show(plan: SweepPlan, result: SweepResult): void {
    this.#abort?.abort();
    this.#abort = null;
    this.#sweepId++;
    this.#cancelFrame();
    this.plan = plan;
    this.result = result;
    const failed = result.failures.reduce((sum, f) => sum + f.end - f.start, 0);
    this.status = result.cancelled || result.completed + failed < plan.runCount ? 'cancelled' : 'done';
    this.progress = { done: result.completed + failed, failed, total: plan.runCount, runsPerSecond: 0, etaSeconds: 0, elapsedSeconds: 0 };
    this.error = null;
    this.firstResultsMs = null;
    this.elapsedSeconds = null;
    this.#pendingFirst = false;
    this.#landed = [{ start: 0, end: plan.runCount }];
    this.revision++;
    this.#host.requestUpdate();
  }

  /** Cancels the running sweep; the runs that finished stay in `result`. */
  cancel(): void {
    this.#abort?.abort();
  }

  #finish(status: SweepStatus, result: SweepResult | null): void {
    const seconds = (performance.now() - this.#startedAt) / 1000;
    performance.mark(MARKS.end);
    performance.measure(MARKS.sweepMeasure, MARKS.start, MARKS.end);
    this.status = status;
    this.result = result;
    this.elapsedSeconds = seconds;
    // Failed runs land through no chunk: the views that patch only what landed see them now.
    const log = result ? landingLogOf(result) : undefined;
    if (log) for (const failure of result!.failures) log.push(failure);
    if (result && this.plan) {
      const measured = measuredNsPerPointStep(this.plan, result.completed, seconds, this.workers);
      // The whole sweep's time includes start-up: only when no steady rate was seen (one chunk).
      if (measured !== null && !this.#rateMeasured) this.nsPerPointStep = measured;
    }
    this.#cancelFrame();
    this.#onFrame();
  }

  #cancelFrame(): void {
    if (this.#frame) cancelAnimationFrame(this.#frame);
    this.#frame = 0;
    clearTimeout(this.#wait);
    this.#wait = undefined;
  }

  /** At most one host update per animation frame (and per updateIntervalMs once results show). */
  #schedule(): void {
    if (this.#frame || this.#wait !== undefined) return;
    const frame = () => {
      this.#frame = requestAnimationFrame((now) => {
        this.#frame = 0;
        this.#lastFrameAt = now;
        this.#onFrame();
      });
    };
    // Waiting with a timer, not frame after frame: a page that requests no frame draws none.
    const wait = this.#pendingFirst ? 0 : this.#lastFrameAt + this.#updateIntervalMs - performance.now();
    if (wait <= 0) frame();
    else
      this.#wait = setTimeout(() => {
        this.#wait = undefined;
        frame();
      }, wait);
  }

  #onFrame(): void {
    this.revision++;
    this.#host.requestUpdate();
    if (this.#pendingFirst && this.result && this.result.completed > 0) {
      this.#pendingFirst = false;
      const id = this.#sweepId;
      // Measured once the host has rendered them, i.e. when they are on screen at the next paint.
      void this.#host.updateComplete.then(() => {
        if (id !== this.#sweepId) return;
        this.firstResultsMs = performance.now() - this.#startedAt;
        performance.mark(MARKS.firstResults);
        performance.measure(MARKS.firstResultsMeasure, MARKS.start, MARKS.firstResults);
      });
    }
  }
}
