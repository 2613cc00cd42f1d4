// The pool over Node worker_threads: starts dist/worker-node.js workers and watches them. All the
// pool logic is in pool.ts.

import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { compiledKernel } from './kernel-wasm.js';
import { WorkerPool, type SpawnedWorker, type StopMode, type WorkerPlatform } from './pool.js';

export { WorkerPool, WorkerLoadError, type StopMode } from './pool.js';
export type { SweepPool, SweepProgress, RunSweepOptions } from './sweep-pool.js';

/** Options of {@link createNodePool}. */
export interface NodePoolOptions {
  /** Number of worker threads; default os.availableParallelism(). */
  size?: number;
  /**
   * For tests: the worker script, built JavaScript that exposes a WorkerApi on the parent port
   * (default: this package's dist/worker-node.js).
   */
  workerUrl?: URL;
  /** For tests: `workerData` handed to every worker. */
  workerData?: unknown;
  /** For tests: how a running chunk learns of an abort; default 'flag' (shared memory). */
  stopMode?: StopMode;
}

/**
 * A sweep pool of worker_threads. Idle workers do not keep the process alive; dispose() the pool
 * when done anyway, to free their threads.
 */
export function createNodePool(options: NodePoolOptions = {}): WorkerPool {
  const { size = availableParallelism(), workerUrl = defaultWorkerUrl(), workerData, stopMode } = options;
  const platform: WorkerPlatform = {
    sharedMemory: true,
    source: workerUrl.href,
    spawn: () => spawnThread(workerUrl, workerData),
    // Compiled once per process (and cached), then shared: each worker instantiates it.
    compiledKernel: () => compiledKernel(),
  };
  return new WorkerPool(platform, stopMode === undefined ? { size } : { size, stopMode });
}

/**
 * This package's dist/worker-node.js (one bundled module), found through the package's exports so
 * that it is found from an application that bundles this file too (the CLI). When this file runs
 * from source (vitest imports src/node.ts) the entry still comes from dist/, built first: a
 * worker_thread cannot load a .ts entry.
 */
function defaultWorkerUrl(): URL {
  return import.meta.url.endsWith('.ts') ? new URL('../dist/worker-node.js', import.meta.url) : new URL(import.meta.resolve('@losslab/worker/worker-node'));
}

function spawnThread(url: URL, workerData: unknown): SpawnedWorker {
  const worker = new Worker(url, { workerData });
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  let terminating = false;
  return {
    endpoint: nodeEndpoint(worker),
    exited,
    onFailure(listener) {
      worker.once('error', (error) => listener(error instanceof Error ? error : new Error(`the worker threw ${String(error)}`)));
      worker.once('messageerror', (error) => listener(new Error(`a message from the worker could not be read: ${error.message}`)));
      worker.once('exit', (code) => listener(new Error(`the worker thread exited with code ${code}`)));
    },
    terminate() {
      // Referenced until it is gone: the pool awaits its 'exit', which an unreferenced worker may never get to emit.
      terminating = true;
      worker.ref();
      void worker.terminate();
    },
    hold(busy) {
      if (busy || terminating) worker.ref();
      else worker.unref();
    },
  };
}
