// Real Web Workers in real Chromium, bundled by Vite from src/worker-browser.ts through the default
// `new Worker(new URL('./worker-browser.js', import.meta.url), { type: 'module' })` in src/browser.ts.

import { afterAll, describe, expect, it } from 'vitest';
import { createBrowserPool, defaultBrowserPoolSize, type StopMode, type WorkerPool } from '../src/browser.js';
import { runChunk, RUN_DONE, RUN_FAILED, RUN_PENDING, type SweepProgress } from '../src/index.js';
import { benchmarkPlan, expectSameRuns, gridPlan, randomInitPlan } from './support/sweeps.js';

function testPool(options: Parameters<typeof createBrowserPool>[0] = {}): WorkerPool {
  const pool = createBrowserPool({ size: 2, ...options });
  afterAll(() => pool.dispose());
  return pool;
}

describe('a browser pool of Web Workers', () => {
  it('defaults to navigator.hardwareConcurrency − 1 workers, at least 1', () => {
    const expected = Math.max(1, navigator.hardwareConcurrency - 1);
    expect(defaultBrowserPoolSize()).toBe(expected);
    const pool = createBrowserPool();
    expect(pool.size).toBe(expected);
    return pool.dispose();
  });

  for (const [name, plan] of Object.entries({ 'five-point grid': gridPlan(), 'three features, random inits, full curves, diverging η': randomInitPlan() })) {
    for (const chunkSize of [1, 7, undefined]) {
      it(`computes ${name} bit for bit as runChunk in the page (chunks of ${chunkSize ?? 'adaptive size'})`, async () => {
        const pool = testPool();
        const result = await pool.run(plan, chunkSize === undefined ? {} : { chunkSize });
        expect(result.completed).toBe(plan.runCount);
        expect(result.cancelled).toBe(false);
        expectSameRuns(result, runChunk(plan, 0, plan.runCount), plan);
        expect(pool.liveWorkers).toBe(2);
      });
    }
  }

  it('takes a createWorker factory', async () => {
    let created = 0;
    const pool = testPool({
      createWorker: () => {
        created++;
        return new Worker(new URL('../src/worker-browser.ts', import.meta.url), { type: 'module' });
      },
    });
    const plan = gridPlan();
    const result = await pool.run(plan, { chunkSize: 100 });
    expectSameRuns(result, runChunk(plan, 0, plan.runCount), plan);
    expect(created).toBe(2);
  });

  it('streams progress while running, then a final report', async () => {
    const pool = testPool();
    const plan = benchmarkPlan(200);
    const reports: SweepProgress[] = [];
    const result = await pool.run(plan, { range: { start: 0, end: 4096 }, onProgress: (p) => reports.push(p) });
    expect(result.completed).toBe(4096);
    expect(reports.length).toBeGreaterThan(2);
    const running = reports.filter((p) => p.done > 0 && p.done < p.total);
    expect(running.length).toBeGreaterThan(0);
    // An ETA only once the rate is known (test/progress-meter.test.ts): NaN or positive while running.
    for (const p of running) expect(p.runsPerSecond > 0 && (Number.isNaN(p.etaSeconds) || p.etaSeconds > 0)).toBe(true);
    for (let i = 1; i < reports.length; i++) expect(reports[i]!.done).toBeGreaterThanOrEqual(reports[i - 1]!.done);
    expect(reports.at(-1)).toMatchObject({ done: 4096, total: 4096, failed: 0, etaSeconds: 0 });
  });

  it('reports a worker that cannot load instead of hanging', async () => {
    const pool = testPool({ createWorker: () => new Worker(new URL('./fixtures/no-such-worker.js', import.meta.url), { type: 'module' }) });
    await expect(pool.run(gridPlan())).rejects.toThrow(/a worker failed to load from options.createWorker\(\)/);
    expect(pool.liveWorkers).toBe(0);
  });

  it.each([
    ['throws on', 'throwAt', 'RangeError: faulty-worker: injected fault at run 301'],
    ['crashes (an uncaught error, no answer) on', 'crashAt', 'faulty-worker: crashed at run 301'],
  ])('fails only run k of a worker that %s run k, with the message, and completes the rest', async (_, fault, message) => {
    const k = 301;
    const pool = testPool({ createWorker: () => new Worker(new URL('./fixtures/faulty-worker.browser.ts', import.meta.url), { type: 'module', name: `${fault}=${k}` }) });
    const plan = gridPlan();
    const clean = runChunk(plan, 0, plan.runCount);
    const result = await pool.run(plan, { chunkSize: 64 });
    expect(result.failures).toHaveLength(1);
    expect(result.failures[0]).toMatchObject({ start: k, end: k + 1 });
    expect(result.failures[0]!.message).toContain(message);
    expect(result.status[k]).toBe(RUN_FAILED);
    expect(result.completed).toBe(plan.runCount - 1);
    expectSameRuns(result, clean, plan, { count: k });
    expectSameRuns(result, clean, plan, { actualStart: k + 1, expectedStart: k + 1, count: plan.runCount - k - 1 });
  });

  it('dispose() terminates every worker and is idempotent', async () => {
    const pool = createBrowserPool({ size: 3 });
    await pool.run(gridPlan(), { chunkSize: 20 });
    expect(pool.liveWorkers).toBe(3);
    await Promise.all([pool.dispose(), pool.dispose()]);
    expect(pool.liveWorkers).toBe(0);
    await expect(pool.run(gridPlan())).rejects.toThrow(/disposed/);
  });
});

describe('stopping', () => {
  it("defaults to the shared flag on this cross-origin isolated page (vitest.browser.config.ts sets COOP and COEP), else to 'terminate'", () => {
    expect(crossOriginIsolated).toBe(true);
    expect(testPool().stopMode).toBe('flag');
  });
});

describe.each<StopMode>(['flag', 'terminate'])("cancelling a browser sweep (stop mode '%s')", (stopMode) => {
  it('resolves with cancelled = true and the finished runs, starts no chunk after the abort, and the pool is reusable', async () => {
    const pool = testPool({ stopMode });
    expect(pool.stopMode).toBe(stopMode);
    const plan = benchmarkPlan();
    const controller = new AbortController();
    let chunks = 0;
    let chunksAfterAbort = 0;
    const result = await pool.run(plan, {
      signal: controller.signal,
      onChunk: () => {
        if (controller.signal.aborted) chunksAfterAbort++;
        else if (++chunks === 4) controller.abort();
      },
    });
    expect(result.cancelled).toBe(true);
    expect(result.completed).toBeGreaterThan(0);
    expect(result.completed).toBeLessThan(plan.runCount);
    expect(chunksAfterAbort).toBeLessThanOrEqual(pool.size);
    expect(pool.busyWorkers).toBe(0);
    if (stopMode === 'terminate') expect(pool.liveWorkers).toBe(0);
    expect(result.status.every((s) => s === RUN_DONE || s === RUN_PENDING)).toBe(true);
    const firstDone = result.status.indexOf(RUN_DONE);
    expectSameRuns(result, runChunk(plan, firstDone, firstDone + 1), plan, { actualStart: firstDone, count: 1 });

    const small = gridPlan();
    const again = await pool.run(small);
    expectSameRuns(again, runChunk(small, 0, small.runCount), small);
  });
});
