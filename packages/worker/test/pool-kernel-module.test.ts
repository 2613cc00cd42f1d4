// The SIMD kernel is compiled once per process: the Node pool compiles it in the main thread and
// posts the compiled WebAssembly.Module to its workers with the plan, and the workers instantiate
// it without compiling anything (counted in each worker by test/fixtures/counting-worker.mjs). The
// results are those of the kernel run in this thread.

import { describe, expect, it } from 'vitest';
import { allocateResult, planSweep, runChunk, writeChunk } from '../src/index.js';
import { compiledKernel } from '../src/kernel-wasm.js';
import { createNodePool } from '../src/node.js';
import { gridPlan, RUN_ARRAY_KEYS } from './support/sweeps.js';

const countingWorkerUrl = new URL('./fixtures/counting-worker.mjs', import.meta.url);

function counters() {
  const counts = new Int32Array(new SharedArrayBuffer(8));
  return { shared: counts.buffer, compiled: () => Atomics.load(counts, 0), instantiated: () => Atomics.load(counts, 1) };
}

describe('the compiled kernel module', () => {
  it('is compiled once in this thread: the same module every time', () => {
    const kernel = compiledKernel();
    expect(kernel).not.toBeNull();
    expect(compiledKernel()).toBe(kernel);
    expect(kernel!.module).toBeInstanceOf(WebAssembly.Module);
  });

  it('reaches the workers, which instantiate it and compile nothing; results equal this thread’s kernel', async () => {
    const count = counters();
    const pool = createNodePool({ size: 2, workerUrl: countingWorkerUrl, workerData: { counts: count.shared } });
    try {
      const plan = gridPlan(60);
      // Small chunks, so that both workers run several.
      const result = await pool.run(plan, { chunkSize: 16 });
      expect(pool.liveWorkers).toBe(2);
      expect(count.compiled()).toBe(0);
      expect(count.instantiated()).toBe(2); // one kernel instance per worker
      const expected = allocateResult(plan);
      writeChunk(expected, runChunk(plan, 0, plan.runCount));
      for (const key of RUN_ARRAY_KEYS) expect(result[key], key).toEqual(expected[key]);
    } finally {
      await pool.dispose();
    }
  });

  it('serves plans with several features (d = 3) too: the worker instantiates it and compiles nothing', async () => {
    const count = counters();
    const pool = createNodePool({ size: 1, workerUrl: countingWorkerUrl, workerData: { counts: count.shared } });
    try {
      const plan = planSweep({ version: 1, dataset: { generator: 'two-classes', n: 12, d: 3, seed: 4 }, losses: ['se', 'ce'], eta: [0.5], init: { w0: [0, 1], b0: [0] }, epochs: 30 });
      const result = await pool.run(plan);
      expect(result.completed).toBe(plan.runCount);
      expect(count.compiled()).toBe(0);
      expect(count.instantiated()).toBe(1);
    } finally {
      await pool.dispose();
    }
  });

});
