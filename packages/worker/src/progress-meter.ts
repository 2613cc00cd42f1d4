// Progress of one sweep: counts, rate and ETA, reported at most every 50 ms (about 20 times a
// second) with the latest numbers, plus a final report. The ETA uses the rate since the first runs
// were done, not since the start: the start includes spawning workers, compiling the kernel and
// sending the plan, which on a short sweep can be most of its time, so an ETA from the overall rate
// began minutes too high for a sweep of seconds.

import type { SweepProgress } from './sweep-pool.js';

const MIN_INTERVAL_MS = 50;

/** Milliseconds on a monotonic clock. */
export type Clock = () => number;

const performanceClock: Clock = () => performance.now();

/** Counts finished runs and reports them through `onProgress`, throttled. */
export class ProgressMeter {
  private done = 0;
  private failed = 0;
  private readonly startedMs: number;
  private lastReportMs = -Infinity;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** When runs were first done, and how many: the origin of the ETA's rate (NaN: none yet). */
  private firstDoneMs = Number.NaN;
  private firstDone = 0;

  /**
   * `onError` receives what `onProgress` throws (also from a deferred report). `now` is the clock
   * (tests pass their own).
   */
  constructor(
    private readonly total: number,
    private readonly onProgress: ((progress: SweepProgress) => void) | undefined,
    private readonly onError: (error: unknown) => void,
    private readonly now: Clock = performanceClock,
  ) {
    this.startedMs = now();
  }

  /**
   * The numbers now. runsPerSecond = done / elapsed; etaSeconds = left / rate, where the rate is
   * counted from the first finished runs (runs done since then / time since then): NaN until runs
   * have finished after those, 0 once none are left.
   */
  snapshot(): SweepProgress {
    const nowMs = this.now();
    const elapsedSeconds = (nowMs - this.startedMs) / 1000;
    const runsPerSecond = elapsedSeconds > 0 ? this.done / elapsedSeconds : 0;
    const left = this.total - this.done;
    const sinceFirstSeconds = (nowMs - this.firstDoneMs) / 1000;
    const laterRuns = this.done - this.firstDone;
    const etaSeconds = left === 0 ? 0 : laterRuns > 0 && sinceFirstSeconds > 0 ? (left * sinceFirstSeconds) / laterRuns : Number.NaN;
    return { done: this.done, failed: this.failed, total: this.total, runsPerSecond, etaSeconds, elapsedSeconds };
  }

  /** Adds finished runs; reports now, or once the interval has passed. */
  add(completed: number, failed: number): void {
    if (this.done === 0 && completed + failed > 0) {
      this.firstDoneMs = this.now();
      this.firstDone = completed + failed;
    }
    this.done += completed + failed;
    this.failed += failed;
    if (!this.onProgress || this.timer !== undefined) return;
    const wait = this.lastReportMs + MIN_INTERVAL_MS - this.now();
    if (wait <= 0) this.report();
    else this.timer = setTimeout(() => this.report(), wait);
  }

  /** The final report (also cancels a pending one). */
  finish(): void {
    this.stop();
    this.report();
  }

  /** Cancels a pending report without reporting. */
  stop(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private report(): void {
    this.timer = undefined;
    this.lastReportMs = this.now();
    if (!this.onProgress) return;
    try {
      this.onProgress(this.snapshot());
    } catch (error) {
      this.onError(error);
    }
  }
}
