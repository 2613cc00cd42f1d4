import { describe, expect, it } from 'vitest';
import { planSweep, runChunk, RUN_DONE, RUN_PENDING, type SweepResult } from '../src/index.js';
import type { StopMode } from '../src/node.js';
import { faultyWorkerUrl, testPool, workerLog } from './support/node-pools.js';
import { benchmarkPlan, expectSameRuns, gridPlan } from './support/sweeps.js';

const plan = benchmarkPlan();

/** The maximal ranges of DONE runs. */
function doneRanges(result: SweepResult): { start: number; end: number }[] {
  const ranges: { start: number; end: number }[] = [];
  for (let i = 0; i < result.runCount; i++) {
    if (result.status[i] !== RUN_DONE) continue;
    const last = ranges.at(-1);
    if (last && last.end === i) last.end++;
    else ranges.push({ start: i, end: i + 1 });
  }
  return ranges;
}

describe.each<StopMode>(['flag', 'terminate'])("cancelling a sweep (stop mode '%s')", (stopMode) => {
  it('resolves with cancelled = true, keeps every finished run, starts no chunk after the abort and leaves no worker busy', async () => {
    const log = workerLog();
    const pool = testPool({ stopMode, workerUrl: faultyWorkerUrl, workerData: { log: log.shared } });
    const controller = new AbortController();
    let enteredAtAbort = -1;
    let chunksAfterAbort = 0;
    const result = await pool.run(plan, {
      signal: controller.signal,
      onChunk: () => {
        if (controller.signal.aborted) chunksAfterAbort++;
        else if (log.returned >= 6) {
          controller.abort();
          enteredAtAbort = log.entered;
        }
      },
    });
    expect(result.cancelled).toBe(true);
    expect(result.completed).toBeGreaterThan(0);
    expect(result.completed).toBeLessThan(plan.runCount);
    // Only chunks already sent to a worker (one per worker) can start after the abort.
    expect(log.entered).toBeLessThanOrEqual(enteredAtAbort + pool.size);
    expect(chunksAfterAbort).toBeLessThanOrEqual(pool.size);
    expect(pool.busyWorkers).toBe(0);
    if (stopMode === 'terminate') expect(pool.liveWorkers).toBe(0);
    // Every run is DONE (and right) or still PENDING.
    let done = 0;
    for (const { start, end } of doneRanges(result)) {
      expectSameRuns(result, runChunk(plan, start, end), plan, { actualStart: start, count: end - start });
      done += end - start;
    }
    expect(done).toBe(result.completed);
    expect(result.status.every((s) => s === RUN_DONE || s === RUN_PENDING)).toBe(true);
  });

  it('leaves the pool reusable: the next sweep completes and matches runChunk', async () => {
    const pool = testPool({ stopMode });
    const controller = new AbortController();
    const cancelled = await pool.run(plan, { signal: controller.signal, onChunk: () => controller.abort() });
    expect(cancelled.cancelled).toBe(true);
    const small = gridPlan();
    const result = await pool.run(small);
    expect(result.cancelled).toBe(false);
    expectSameRuns(result, runChunk(small, 0, small.runCount), small);
    await pool.dispose();
    expect(pool.liveWorkers).toBe(0);
  });
});

describe('cancelling', () => {
  it('with a signal aborted before run() resolves at once with nothing done and starts no worker', async () => {
    const pool = testPool();
    const progress: number[] = [];
    const result = await pool.run(plan, { signal: AbortSignal.abort(), onProgress: (p) => progress.push(p.done) });
    expect(result.cancelled).toBe(true);
    expect(result.completed).toBe(0);
    expect(pool.liveWorkers).toBe(0);
    expect(progress).toEqual([0]);
  });

  it('during a sweep by dispose() resolves the sweep as cancelled and leaves no worker', async () => {
    const pool = testPool();
    let disposal: Promise<void> | undefined;
    const result = await pool.run(plan, { onChunk: () => void (disposal ??= pool.dispose()) });
    await disposal;
    expect(result.cancelled).toBe(true);
    expect(result.completed).toBeLessThan(plan.runCount);
    expect(pool.liveWorkers).toBe(0);
    await expect(pool.run(plan)).rejects.toThrow(/disposed/);
  });
});

describe('cancelling during one long run', () => {
  it('stops the run in progress (the kernel asks inside runs) without waiting for it; the run stays pending', async () => {
    const log = workerLog();
    const pool = testPool({ stopMode: 'flag', workerUrl: faultyWorkerUrl, workerData: { log: log.shared, countPolls: true } });
    // One run of 2·10¹¹ point-steps: minutes of work even for the SIMD kernel.
    const long = planSweep({ version: 1, dataset: { generator: 'two-classes', n: 20_000, d: 1, seed: 1 }, losses: ['ce'], eta: [0.1], init: { w0: [0], b0: [0] }, epochs: 10_000_000, curve: 'none' });
    const controller = new AbortController();
    const running = pool.run(long, { signal: controller.signal });
    // Wait until the kernel has asked once, before the run: from then on it is training that run.
    while (log.polled < 1) await new Promise((resolve) => setTimeout(resolve, 10));
    controller.abort();
    // Resolves only once the worker stopped that run: the test's timeout (well below the run's
    // minutes) is the generous bound, not a measured duration.
    const result = await running;
    expect(result.cancelled).toBe(true);
    expect(result.completed).toBe(0);
    expect(result.status[0]).toBe(RUN_PENDING);
    expect(result.finalLoss[0]).toBeNaN();
    expect(log.polled).toBeGreaterThanOrEqual(2); // stopped by a check inside the run
    expect(pool.busyWorkers).toBe(0);
    expect(pool.liveWorkers).toBeGreaterThan(0); // the flag stopped the run: no worker was terminated
  }, 120_000);
});
