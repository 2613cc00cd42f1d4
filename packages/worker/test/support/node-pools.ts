// Node pools for the tests, each disposed after its test file.

import { afterAll } from 'vitest';
import { createNodePool, type NodePoolOptions, type WorkerPool } from '../../src/node.js';
import { testWorkerUrl } from './test-build.js';

export { testWorkerUrl } from './test-build.js';

/** A pool of the current source's workers (see test-build.ts), disposed when the test file ends. */
export function testPool(options: NodePoolOptions = {}): WorkerPool {
  const pool = createNodePool({ size: 2, workerUrl: testWorkerUrl, ...options });
  afterAll(() => pool.dispose());
  return pool;
}

/** The test-only worker entry (test/fixtures/faulty-worker.mjs). */
export const faultyWorkerUrl = new URL('../fixtures/faulty-worker.mjs', import.meta.url);

/** Shared counters the faulty worker increments (see the fixture); pass `shared` as workerData.log. */
export function workerLog() {
  const counts = new Int32Array(new SharedArrayBuffer(6 * 4));
  return {
    shared: { counts: counts.buffer },
    get loaded() {
      return Atomics.load(counts, 0);
    },
    get entered() {
      return Atomics.load(counts, 1);
    },
    get returned() {
      return Atomics.load(counts, 2);
    },
    get detached() {
      return Atomics.load(counts, 3);
    },
    get faults() {
      return Atomics.load(counts, 4);
    },
    /** Calls of the kernel's shouldStop (with workerData.countPolls). */
    get polled() {
      return Atomics.load(counts, 5);
    },
  };
}
