// A sweep's result held as a ring of W runs instead of one slot per run: the pool deals runs in
// index order and never past `released + W`, where `released` is how far the consumer (a file
// writer) has taken the runs; so a shard's memory is bounded by W runs, not by the shard. Run i of
// the range [S, E) lives at position (i − S) mod W. The consumer reads it through a view per lap
// of the ring (the same arrays with offset S + L·W, run i at position i − offset), so writers that
// read `ResultRuns` with offset semantics need no change: a write that crosses a lap boundary is
// split there. A chunk never straddles the wrap, so writing it stays one contiguous copy.

import { formatValue } from '@losslab/core';
import type { ResultRuns } from './result-record.js';
import { RUN_PENDING } from './result-codes.js';
import { ARRAY_FIELDS, resetRuns, type RunArrays, type RunArrayKey } from './result-schema.js';
import type { SweepResult } from './result.js';

/**
 * The ring a windowed sweep writes into (RunSweepOptions.window): create one per sweep with the
 * number of runs it may hold, pass it to SweepPool.run, read finished runs with {@link view} and
 * hand them back with {@link release}. Invariant: released ≤ dealt ≤ released + capacity.
 */
export class SweepWindow {
  /** The runs the ring may hold (W, an integer ≥ 1). */
  readonly runs: number;
  private result: SweepResult | null = null;
  private start = 0;
  private end = 0;
  private size = 0;
  private releasedEnd = 0;
  private dealtEnd = 0;
  private wake: () => void = () => undefined;
  private lap: { index: number; view: ResultRuns } | null = null;

  constructor(runs: number) {
    if (!Number.isSafeInteger(runs) || runs < 1) throw new RangeError(`window runs must be an integer ≥ 1, got ${formatValue(runs)}`);
    this.runs = runs;
  }

  /**
   * Called by the pool when its sweep starts: `result` holds capacity = min(W, end − start) runs,
   * offset `range.start`; `wake` is called after each release (the pool deals the freed room).
   */
  attach(result: SweepResult, range: { start: number; end: number }, wake: () => void): void {
    if (this.result) throw new Error('SweepWindow: this window already served a sweep; create one per sweep');
    this.result = result;
    this.start = this.releasedEnd = this.dealtEnd = range.start;
    this.end = range.end;
    this.size = result.status.length;
    this.wake = wake;
  }

  /** The ring's size in runs: min(W, the range's run count); 0 before a sweep attached it. */
  get capacity(): number {
    return this.size;
  }

  /** The runs before this one were released by the consumer (their slots are free). */
  get released(): number {
    return this.releasedEnd;
  }

  /** The runs before this one were handed out to workers. */
  get dealt(): number {
    return this.dealtEnd;
  }

  /** The first run the pool may not hand out yet: released + capacity. */
  get limit(): number {
    return this.releasedEnd + this.size;
  }

  /** The first run of the lap after run i's (a chunk from i must end there or before: it would wrap). */
  lapEnd(i: number): number {
    return this.start + (Math.floor((i - this.start) / this.size) + 1) * this.size;
  }

  /** Run i's position in the ring's arrays: (i − start) mod capacity. */
  position(i: number): number {
    return (i - this.start) % this.size;
  }

  /** Called by the pool: runs before `end` were handed out (never past {@link limit}). */
  deal(end: number): void {
    if (end > this.dealtEnd) this.dealtEnd = end;
  }

  /**
   * The lap of the ring that holds run i, as ResultRuns (run j at position j − offset for j in
   * [offset, offset + capacity)); i must be held now: released ≤ i < released + capacity.
   * Views of one lap are the same object until the lap changes.
   */
  view(i: number): ResultRuns {
    const result = this.attached();
    if (!(Number.isSafeInteger(i) && this.releasedEnd <= i && i < this.limit)) throw new RangeError(`SweepWindow.view: run ${formatValue(i)} is not in the window [${this.releasedEnd}, ${this.limit})`);
    const index = Math.floor((i - this.start) / this.size);
    if (this.lap?.index !== index) {
      const arrays: Partial<Record<RunArrayKey, RunArrays[RunArrayKey]>> = {};
      for (const field of ARRAY_FIELDS) arrays[field.array as RunArrayKey] = result[field.array as RunArrayKey];
      this.lap = { index, view: { ...(arrays as RunArrays), failures: result.failures, offset: this.start + index * this.size } };
    }
    return this.lap.view;
  }

  /**
   * The consumer is done with runs before `end` (every one of them done or failed): their slots
   * are reset to pending for the runs that will reuse them, and the pool may deal up to end + capacity.
   */
  release(end: number): void {
    const result = this.attached();
    if (!Number.isSafeInteger(end) || end > this.end) throw new RangeError(`SweepWindow.release: end must be an integer ≤ ${this.end} (the range's end), got ${formatValue(end)}`);
    if (end <= this.releasedEnd) return;
    if (end > this.dealtEnd) throw new RangeError(`SweepWindow.release: runs up to ${end} were released, but only runs before ${this.dealtEnd} were dealt`);
    const { d } = result.plan.data;
    const K = result.plan.curveEpochs.length;
    // Walks [released, end) one lap segment at a time (positions contiguous within a lap).
    for (let i = this.releasedEnd; i < end; ) {
      const to = Math.min(end, this.lapEnd(i));
      const at = this.position(i);
      for (let p = at; p < at + (to - i); p++) if (result.status[p] === RUN_PENDING) throw new RangeError(`SweepWindow.release: run ${i + p - at} is still pending; release only finished runs`);
      // Only slots that a later run will use need clearing (the last lap's stay as they are).
      const reused = Math.min(to, this.end - this.size);
      if (reused > i) resetRuns(result, at, at + (reused - i), d, K);
      i = to;
    }
    this.releasedEnd = end;
    this.wake();
  }

  private attached(): SweepResult {
    if (!this.result) throw new Error('SweepWindow: no sweep uses this window yet (pass it to SweepPool.run first)');
    return this.result;
  }
}
