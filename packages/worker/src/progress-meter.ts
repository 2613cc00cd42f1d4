// Progress of one sweep: counts, rate and ETA, reported at most every 50 ms (about 20 times a
// second) with the latest numbers, plus a final report.

import type { SweepProgress } from './sweep-pool.js';

const MIN_INTERVAL_MS = 50;

const nowMs = () => performance.now();

/** Counts finished runs and reports them through `onProgress`, throttled. */
export class ProgressMeter {
  private done = 0;
  private failed = 0;
  private readonly startedMs = nowMs();
  private lastReportMs = -Infinity;
  private timer: ReturnType<typeof setTimeout> | undefined;

  /** `onError` receives what `onProgress` throws (also from a deferred report). */
  constructor(
    private readonly total: number,
    private readonly onProgress: ((progress: SweepProgress) => void) | undefined,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** The numbers now. */
  snapshot(): SweepProgress {
    const elapsedSeconds = (nowMs() - this.startedMs) / 1000;
    const runsPerSecond = elapsedSeconds > 0 ? this.done / elapsedSeconds : 0;
    const left = this.total - this.done;
    const etaSeconds = left === 0 ? 0 : this.done > 0 ? left / runsPerSecond : Number.NaN;
    return { done: this.done, failed: this.failed, total: this.total, runsPerSecond, etaSeconds, elapsedSeconds };
  }

  /** Adds finished runs; reports now, or once the interval has passed. */
  add(completed: number, failed: number): void {
    this.done += completed + failed;
    this.failed += failed;
    if (!this.onProgress || this.timer !== undefined) return;
    const wait = this.lastReportMs + MIN_INTERVAL_MS - nowMs();
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
    this.lastReportMs = nowMs();
    if (!this.onProgress) return;
    try {
      this.onProgress(this.snapshot());
    } catch (error) {
      this.onError(error);
    }
  }
}
