import { describe, expect, it, vi } from 'vitest';
import { allocateResult, runChunk, RUN_DONE, type SweepProgress } from '../src/index.js';
import { createNodePool } from '../src/node.js';
import { faultyWorkerUrl, testPool, testWorkerUrl, workerLog } from './support/node-pools.js';
import { benchmarkPlan, expectSameRuns, gridPlan } from './support/sweeps.js';

const plan = gridPlan();

describe('run(plan, { range })', () => {
  it('computes only the runs in range, as runChunk does, and leaves the others pending and untouched', async () => {
    const pool = testPool();
    const range = { start: 100, end: 523 };
    const result = await pool.run(plan, { range, chunkSize: 50 });
    const count = range.end - range.start;
    expect(result.completed).toBe(count);
    expect(result.cancelled).toBe(false);
    expectSameRuns(result, runChunk(plan, range.start, range.end), plan, { actualStart: range.start, count });
    const empty = allocateResult(plan);
    expectSameRuns(result, empty, plan, { count: range.start });
    expectSameRuns(result, empty, plan, { actualStart: range.end, expectedStart: range.end, count: plan.runCount - range.end });
  });

  it('resolves at once for an empty range', async () => {
    const pool = testPool();
    const result = await pool.run(plan, { range: { start: 7, end: 7 } });
    expect(result.completed).toBe(0);
    expect(result.cancelled).toBe(false);
    expect(pool.liveWorkers).toBe(0);
  });
});

describe('run() streams', () => {
  it('progress while running: done grows to total, with a rate and an ETA, reports at least 50 ms apart plus a final one', async () => {
    const pool = testPool();
    const big = benchmarkPlan(200);
    const range = { start: 0, end: 8192 };
    const reports: SweepProgress[] = [];
    await pool.run(big, { range, onProgress: (p) => reports.push(p) });
    expect(reports.length).toBeGreaterThan(2);
    for (let i = 1; i < reports.length; i++) {
      expect(reports[i]!.done).toBeGreaterThanOrEqual(reports[i - 1]!.done);
      expect(reports[i]!.elapsedSeconds).toBeGreaterThanOrEqual(reports[i - 1]!.elapsedSeconds);
    }
    // The throttle, read on the reports' own clock (so on a machine of any speed): consecutive
    // reports are at least 50 ms apart, except the final one. Each report's clock is read just
    // after the throttle's, and Node truncates timer delays to whole milliseconds: 5 ms of slack.
    for (let i = 1; i < reports.length - 1; i++) expect(reports[i]!.elapsedSeconds - reports[i - 1]!.elapsedSeconds).toBeGreaterThanOrEqual(0.045);
    const running = reports.filter((p) => p.done > 0 && p.done < p.total);
    expect(running.length).toBeGreaterThan(0);
    for (const p of running) expect(p.runsPerSecond).toBeGreaterThan(0);
    // No ETA before the first runs are done; then none (rate not known yet) or a positive one. The
    // rule itself, with numbers, is test/progress-meter.test.ts (on a clock the test holds).
    for (const p of reports.filter((r) => r.done === 0)) expect(p.etaSeconds).toBeNaN();
    for (const p of running) expect(Number.isNaN(p.etaSeconds) || p.etaSeconds > 0).toBe(true);
    expect(reports.at(-1)).toMatchObject({ done: 8192, failed: 0, total: 8192, etaSeconds: 0 });
  });

  it('chunks: each onChunk range is already written into the result, and the ranges tile the sweep', async () => {
    const pool = testPool();
    const reference = runChunk(plan, 0, plan.runCount);
    const ranges: { start: number; end: number }[] = [];
    await pool.run(plan, {
      chunkSize: 37,
      onChunk: (range, result) => {
        ranges.push(range);
        for (let i = range.start; i < range.end; i++) expect(result.status[i]).toBe(RUN_DONE);
        expectSameRuns(result, reference, plan, { actualStart: range.start, expectedStart: range.start, count: range.end - range.start });
      },
    });
    ranges.sort((a, b) => a.start - b.start);
    expect(ranges[0]!.start).toBe(0);
    for (let i = 1; i < ranges.length; i++) expect(ranges[i]!.start).toBe(ranges[i - 1]!.end);
    expect(ranges.at(-1)!.end).toBe(plan.runCount);
    expect(ranges.every((r) => r.end - r.start <= 37)).toBe(true);
  });
});

describe('chunk results', () => {
  it('are transferred, not copied: their buffers are detached in the worker once sent', async () => {
    const log = workerLog();
    const pool = testPool({ workerUrl: faultyWorkerUrl, workerData: { log: log.shared } });
    await pool.run(plan, { chunkSize: 64 });
    expect(log.returned).toBe(Math.ceil(plan.runCount / 64));
    await vi.waitFor(() => expect(log.detached).toBe(log.returned));
  });
});

describe('a pool', () => {
  it('runs sweeps one after another when run() is called twice at once', async () => {
    const pool = testPool();
    const reference = runChunk(plan, 0, plan.runCount);
    const [a, b] = await Promise.all([pool.run(plan, { chunkSize: 100 }), pool.run(plan, { range: { start: 0, end: 300 } })]);
    expectSameRuns(a, reference, plan);
    expectSameRuns(b, reference, plan, { count: 300 });
    expect(b.completed).toBe(300);
  });

  it('rejects the sweep with the error an onChunk callback throws, and stops', async () => {
    const pool = testPool();
    await expect(
      pool.run(plan, {
        chunkSize: 10,
        onChunk: () => {
          throw new TypeError('onChunk broke');
        },
      }),
    ).rejects.toThrow('onChunk broke');
    expect(pool.busyWorkers).toBe(0);
    const after = await pool.run(plan, { range: { start: 0, end: 20 } });
    expect(after.completed).toBe(20);
  });

  it('rejects the sweep with the error an onProgress callback throws', async () => {
    const pool = testPool();
    await expect(
      pool.run(plan, {
        chunkSize: 10,
        onProgress: () => {
          throw new TypeError('onProgress broke');
        },
      }),
    ).rejects.toThrow('onProgress broke');
    expect(pool.busyWorkers).toBe(0);
  });

  it('dispose() terminates every worker, is idempotent, and later runs reject', async () => {
    const pool = createNodePool({ size: 3, workerUrl: testWorkerUrl });
    await pool.run(plan, { chunkSize: 10 });
    expect(pool.liveWorkers).toBe(3);
    await Promise.all([pool.dispose(), pool.dispose()]);
    await pool.dispose();
    expect(pool.liveWorkers).toBe(0);
    await expect(pool.run(plan)).rejects.toThrow('SweepPool.run: this pool was disposed; create a new one');
  });

  it('defaults to os.availableParallelism() workers', async () => {
    const { availableParallelism } = await import('node:os');
    const pool = createNodePool();
    expect(pool.size).toBe(availableParallelism());
    await pool.dispose();
  });
});

describe('invalid options throw RangeErrors that name the value', () => {
  it.each([
    [{ chunkSize: 0 }, 'chunkSize must be an integer ≥ 1, got 0'],
    [{ chunkSize: 2.5 }, 'chunkSize must be an integer ≥ 1, got 2.5'],
    [{ range: { start: 10, end: 5 } }, `range must satisfy 0 ≤ start ≤ end ≤ ${plan.runCount} (the plan's run count) with integers, got {"start":10,"end":5}`],
    [{ range: { start: 0, end: plan.runCount + 1 } }, `got {"start":0,"end":${plan.runCount + 1}}`],
  ])('%j', async (options, message) => {
    const pool = testPool();
    await expect(pool.run(plan, options)).rejects.toThrow(RangeError);
    await expect(pool.run(plan, options)).rejects.toThrow(message);
  });

  it('pool size', () => {
    expect(() => createNodePool({ size: 0 })).toThrow('pool size must be an integer ≥ 1, got 0');
  });
});
