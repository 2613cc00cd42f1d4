// Writing a result while the sweep computes: after each chunk, the runs finished in index order
// (the pool deals chunks in index order, so they follow close behind) are written in windows:
// JSON and CSV text run by run, Parquet a whole row group at a time. Without it every run was
// written after the last chunk, on one thread while the workers sat idle (about 1 s for S1's 12 MB
// of JSON). The bytes are the same as one pass (ResultTextWriter and ResultParquetWriter guarantee
// it), and the output is discarded as a whole on failure.
//
// With a SweepWindow (the pool holds a ring of W runs, not the whole shard) the runs are read
// through the window's lap views, a step never crosses a lap's end (Parquet: W is whole row
// groups, so no row group does), and each step's runs are released once written: the pool then
// deals the runs that reuse their slots.

import { RUN_PENDING, type ResultRuns, type SweepWindow } from '@losslab/worker';
import type { Output } from './output.js';

/** A result file written in windows of finished runs: @losslab/worker's ResultTextWriter or ResultParquetWriter. */
export interface WindowWriter {
  /** The first run not written yet. */
  readonly next: number;
  /** The index after the file's last run. */
  readonly last: number;
  /** How far a window ending at `end` can go (Parquet: whole row groups); `end` if absent. */
  reach?(end: number): number;
  opening(): string | Uint8Array;
  /** The file's pieces for runs [next, reach(end)), which must be finished. */
  runs(runs: ResultRuns, end: number): Iterable<string | Uint8Array>;
  closing(): string | Uint8Array;
}

/**
 * About this many characters of text per synchronous step; then the event loop runs, so the pool
 * hands the next chunk to a worker that just finished one instead of leaving it idle.
 */
const STEP_CHARS = 1 << 18;

/** Writes a result's opening, then windows of finished runs in index order, then (finish) the rest and the closing. */
export class ResultWindows {
  private running: Promise<void> | null = null;
  private latest: ResultRuns | null = null;
  private failure: { error: unknown } | null = null;
  private opened = false;

  constructor(
    private readonly writer: WindowWriter,
    private readonly output: Output,
    /** Once aborted, nothing more is written (the output is about to be discarded). */
    private readonly signal?: AbortSignal,
    /** The ring the pool writes into, if any: `runs` are then read through its views, and released once written. */
    private readonly window?: SweepWindow,
    /**
     * Called once if writing fails in the background. With a window the pool waits for releases
     * that will never come: the caller must stop the sweep (then `finish` throws the error).
     */
    private readonly onFailure?: (error: unknown) => void,
  ) {}

  /** Runs were written into `runs` (the pool's live result; with a window, its ring): write the finished prefix, in the background. */
  wake(runs: ResultRuns): void {
    this.latest = runs;
    if (this.running || this.failure) return;
    this.running = this.drain().finally(() => (this.running = null));
  }

  /** Waits for the background writing, then writes every remaining run of `runs` (all finished or failed) and the closing. */
  async finish(runs: ResultRuns): Promise<void> {
    while (this.running) await this.running;
    if (this.failure) throw this.failure.error;
    await this.open();
    await this.write(runs, this.writer.last);
    await this.output.write(this.writer.closing());
  }

  /** Waits for the background writing to stop (after an abort). */
  async settle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Throws the error that stopped the background writing, if any. */
  throwIfFailed(): void {
    if (this.failure) throw this.failure.error;
  }

  private async open(): Promise<void> {
    if (this.opened) return;
    this.opened = true;
    await this.output.write(this.writer.opening());
  }

  private async drain(): Promise<void> {
    try {
      for (;;) {
        const runs = this.latest!;
        const end = this.reach(this.readyEnd(runs));
        if (end <= this.writer.next || this.signal?.aborted) return;
        await this.open();
        await this.write(runs, end);
      }
    } catch (error) {
      if (this.failure) return;
      this.failure = { error };
      this.onFailure?.(error);
    }
  }

  /** The end of the finished prefix from writer.next: the first run still pending. */
  private readyEnd(runs: ResultRuns): number {
    const window = this.window;
    if (window) {
      // Lap by lap, within what the ring holds now.
      const stop = Math.min(this.writer.last, window.limit);
      let i = this.writer.next;
      while (i < stop) {
        const view = window.view(i);
        const offset = view.offset ?? 0;
        const lapStop = Math.min(stop, offset + view.status.length);
        while (i < lapStop && view.status[i - offset] !== RUN_PENDING) i++;
        if (i < lapStop) break;
      }
      return i;
    }
    const offset = runs.offset ?? 0;
    const last = Math.min(this.writer.last, offset + runs.status.length);
    let i = this.writer.next;
    while (i < last && runs.status[i - offset] !== RUN_PENDING) i++;
    return i;
  }

  /** How far the writer can go towards `end` (whole row groups for Parquet). */
  private reach(end: number): number {
    return this.writer.reach ? this.writer.reach(end) : end;
  }

  /** Writes runs [writer.next, reach(end)) in steps of about STEP_CHARS characters (Parquet: at least a row group), letting the event loop run between steps. */
  private async write(runs: ResultRuns, end: number): Promise<void> {
    while (this.writer.next < end) {
      if (this.signal?.aborted) return;
      const from = this.writer.next;
      // With a window: the lap that holds `from`, and no step past its end.
      const view = this.window ? this.window.view(from) : runs;
      const cap = this.window ? Math.min(end, (view.offset ?? 0) + view.status.length) : end;
      let stepEnd = this.reach(Math.min(cap, from + this.stepRuns()));
      if (stepEnd <= from) stepEnd = this.reach(cap);
      if (stepEnd <= from) return; // no whole row group is finished yet
      const pieces: (string | Uint8Array)[] = [];
      let size = 0;
      for (const piece of this.writer.runs(view, stepEnd)) {
        pieces.push(piece);
        size += piece.length;
      }
      this.charsPerRun = size / (stepEnd - from);
      if (pieces.every((piece) => typeof piece === 'string')) await this.output.write(pieces.join(''));
      else for (const piece of pieces) await this.output.write(piece);
      // Written: their slots may take the next runs.
      this.window?.release(this.writer.next);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  private charsPerRun = 0;

  /** Runs per step: STEP_CHARS over the length of the last runs' text (16 before any). */
  private stepRuns(): number {
    return this.charsPerRun > 0 ? Math.max(1, Math.floor(STEP_CHARS / this.charsPerRun)) : 16;
  }
}
