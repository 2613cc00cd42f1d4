// WorkerPool.start(): the workers start before a sweep asks for them (the CLI starts them once the
// command line is checked), and the sweep that follows uses them, with the same results.

import { describe, expect, it, vi } from 'vitest';
import { runChunk } from '../src/index.js';
import { createNodePool } from '../src/node.js';
import { faultyWorkerUrl, workerLog } from './support/node-pools.js';
import { expectSameRuns, gridPlan } from './support/sweeps.js';

const plan = gridPlan();
/** A hang guard for waiting on threads to load, not a timing assertion. */
const LOAD_GUARD = { timeout: 120_000, interval: 20 };

describe('WorkerPool.start()', () => {
  it('starts every worker before any sweep; the next sweep uses them (none started again) and computes what runChunk does', async () => {
    const log = workerLog();
    const pool = createNodePool({ size: 2, workerUrl: faultyWorkerUrl, workerData: { log: log.shared } });
    try {
      pool.start();
      expect(pool.liveWorkers).toBe(2);
      await vi.waitFor(() => expect(log.loaded).toBe(2), LOAD_GUARD);
      expect(log.entered).toBe(0);
      pool.start(); // again: nothing more
      expect(pool.liveWorkers).toBe(2);
      const result = await pool.run(plan, { chunkSize: 40 });
      expect(result.completed).toBe(plan.runCount);
      expectSameRuns(result, runChunk(plan, 0, plan.runCount), plan);
      expect(log.loaded).toBe(2);
      expect(log.entered).toBeGreaterThan(0);
    } finally {
      await pool.dispose();
    }
  });

  it('does nothing after dispose()', async () => {
    const pool = createNodePool({ size: 2, workerUrl: faultyWorkerUrl });
    await pool.dispose();
    pool.start();
    expect(pool.liveWorkers).toBe(0);
  });

  it('a worker that cannot load fails the sweep that follows, with the load error, not start()', async () => {
    const pool = createNodePool({ size: 1, workerUrl: faultyWorkerUrl, workerData: { failToLoad: true } });
    try {
      expect(() => pool.start()).not.toThrow();
      await expect(pool.run(plan)).rejects.toThrow(/failing to load on purpose/);
    } finally {
      await pool.dispose();
    }
  });
});
