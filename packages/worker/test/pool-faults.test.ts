import { describe, expect, it } from 'vitest';
import { runChunk, RUN_DONE, RUN_FAILED } from '../src/index.js';
import { createNodePool, WorkerLoadError } from '../src/node.js';
import { faultyWorkerUrl, testPool, workerLog } from './support/node-pools.js';
import { expectSameRuns, gridPlan } from './support/sweeps.js';

const plan = gridPlan();
const clean = runChunk(plan, 0, plan.runCount);
const k = 301;

describe.each([
  { fault: 'throws on', workerData: { throwAt: k }, message: `RangeError: faulty-worker: injected fault at run ${k}` },
  { fault: 'exits (process.exit) in the middle of', workerData: { exitAt: k }, message: 'exited with code 3' },
])('a worker that $fault run k', ({ workerData, message }) => {
  for (const chunkSize of [64, undefined]) {
    it(`fails run k alone, with the message, and completes every other run as a clean sweep does (chunks of ${chunkSize ?? 'adaptive size'})`, async () => {
      const log = workerLog();
      const pool = testPool({ workerUrl: faultyWorkerUrl, workerData: { ...workerData, log: log.shared } });
      let lastProgress = { done: 0, failed: 0 };
      const result = await pool.run(plan, { ...(chunkSize === undefined ? {} : { chunkSize }), onProgress: (p) => (lastProgress = p) });
      expect(result.cancelled).toBe(false);
      expect(result.status[k]).toBe(RUN_FAILED);
      expect(result.failures).toHaveLength(1);
      expect(result.failures[0]).toMatchObject({ start: k, end: k + 1 });
      expect(result.failures[0]!.message).toContain(message);
      expect(result.completed).toBe(plan.runCount - 1);
      expect(lastProgress).toMatchObject({ done: plan.runCount, failed: 1 });
      expectSameRuns(result, clean, plan, { count: k });
      expectSameRuns(result, clean, plan, { actualStart: k + 1, expectedStart: k + 1, count: plan.runCount - k - 1 });
      // The failing chunk ran again on a fresh worker (the retry). A chunk of 64 is then bisected on
      // more fresh workers; an adaptive chunk's size depends on the machine's speed, and when it is
      // run k alone there is nothing to bisect, so only the retry's worker is certain.
      if (chunkSize === undefined) expect(log.loaded).toBeGreaterThanOrEqual(pool.size + 1);
      else expect(log.loaded).toBeGreaterThan(pool.size + 1);
      expect(pool.busyWorkers).toBe(0);
    });
  }

  it('that fails once only is rescued by the retry on a fresh worker: nothing fails', async () => {
    const log = workerLog();
    const pool = testPool({ workerUrl: faultyWorkerUrl, workerData: { ...workerData, faultLimit: 1, log: log.shared } });
    const result = await pool.run(plan, { chunkSize: 64 });
    expect(log.faults).toBeGreaterThanOrEqual(1);
    expect(result.failures).toEqual([]);
    expect(result.status.every((s) => s === RUN_DONE)).toBe(true);
    expectSameRuns(result, clean, plan);
  });
});

describe('a worker that refuses the plan', () => {
  it("rejects the sweep with the worker's error name and message", async () => {
    const pool = testPool({ workerUrl: faultyWorkerUrl, workerData: { refusePlan: true } });
    const error = (await pool.run(plan).catch((e: unknown) => e)) as Error;
    expect(error.name).toBe('TypeError');
    expect(error.message).toBe(`a worker refused the plan: TypeError: faulty-worker: refusing a plan of ${plan.runCount} runs on purpose`);
    expect(pool.busyWorkers).toBe(0);
  });
});

describe('a worker that cannot load', () => {
  it('rejects the sweep with a WorkerLoadError naming the script and the cause, and leaves no worker', async () => {
    const pool = testPool({ workerUrl: faultyWorkerUrl, workerData: { failToLoad: true } });
    const error = await pool.run(plan).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkerLoadError);
    expect((error as Error).message).toMatch(/a worker failed to load from file:.*faulty-worker\.mjs: Error: faulty-worker: failing to load on purpose/);
    expect(pool.liveWorkers).toBe(0);
    expect(pool.busyWorkers).toBe(0);
  });

  it('rejects the sweep when the script does not exist', async () => {
    const missing = new URL('./fixtures/no-such-worker.mjs', import.meta.url);
    const pool = testPool({ workerUrl: missing });
    await expect(pool.run(plan)).rejects.toThrow(/a worker failed to load from file:.*no-such-worker\.mjs: .*(Cannot find|ERR_MODULE_NOT_FOUND)/);
    expect(pool.liveWorkers).toBe(0);
  });

  it('rejects the sweep when the worker cannot even be created, naming the URL', async () => {
    const pool = testPool({ workerUrl: new URL('https://example.invalid/worker.js') });
    await expect(pool.run(plan)).rejects.toThrow(/could not start a worker from https:\/\/example\.invalid\/worker\.js: /);
    expect(pool.liveWorkers).toBe(0);
  });

  it('rejects every sweep, never hangs, and the pool still disposes cleanly', async () => {
    const pool = createNodePool({ size: 2, workerUrl: faultyWorkerUrl, workerData: { failToLoad: true } });
    await expect(pool.run(plan)).rejects.toThrow(WorkerLoadError);
    await expect(pool.run(plan, { range: { start: 0, end: 10 } })).rejects.toThrow(WorkerLoadError);
    await pool.dispose();
    expect(pool.liveWorkers).toBe(0);
  });
});
