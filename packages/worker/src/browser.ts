// The pool over Web Workers: starts worker-browser.js module workers and watches them. All the
// pool logic is in pool.ts.

import { WorkerPool, type SpawnedWorker, type StopMode, type WorkerPlatform } from './pool.js';

export { WorkerPool, WorkerLoadError, type StopMode } from './pool.js';
export type { SweepPool, SweepProgress, RunSweepOptions } from './sweep-pool.js';

/** An event a Worker dispatches ('error' events carry a message when the browser gives one). */
export interface BrowserWorkerEvent {
  readonly type: string;
  readonly message?: string;
  readonly filename?: string;
  readonly lineno?: number;
  preventDefault?(): void;
}

/** The part of a DOM Worker the pool uses: any `Worker` fits (declared here so the package builds without lib.dom). */
export interface BrowserWorker {
  postMessage(message: unknown, transfer: object[]): void;
  addEventListener(type: string, listener: (event: BrowserWorkerEvent) => void): void;
  removeEventListener(type: string, listener: (event: BrowserWorkerEvent) => void): void;
  terminate(): void;
}

/** The DOM's Worker constructor, as far as this file uses it. */
declare const Worker: new (url: URL, options: { type: 'module'; name?: string }) => BrowserWorker;

/** Options of {@link createBrowserPool}. */
export interface BrowserPoolOptions {
  /** Number of workers; default {@link defaultBrowserPoolSize}(). */
  size?: number;
  /**
   * Starts one worker that runs this package's worker-browser.js (or anything exposing a WorkerApi
   * at its global scope). Default: `new Worker(new URL('./worker-browser.js', import.meta.url),
   * { type: 'module' })`, which Vite (and other bundlers that know this pattern) bundle.
   */
  createWorker?: () => BrowserWorker;
  /**
   * How a running chunk learns of an abort: 'flag' (a SharedArrayBuffer; only on cross-origin
   * isolated pages) or 'terminate' (the busy workers are terminated and replaced lazily). Default:
   * 'flag' when the page is cross-origin isolated, else 'terminate'.
   */
  stopMode?: StopMode;
}

/**
 * The default pool size: navigator.hardwareConcurrency − 1 (at least 1), leaving a core to the
 * main thread and the browser's own threads. Measured with test/measure/pool-size.measure.browser.ts
 * (benchmark S1 at 300 epochs while the page redraws a heatmap of every run each frame): on a 2-core
 * machine one worker gave more runs per second than two, with fewer late frames and shorter timer
 * delays (figures: the root README's Performance section). On n cores the choice costs at most 1/n of the throughput where cores scale perfectly; pass
 * `size` to use them all.
 */
export function defaultBrowserPoolSize(): number {
  const reported = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency;
  const cores = typeof reported === 'number' && Number.isSafeInteger(reported) && reported >= 1 ? reported : 4;
  return Math.max(1, cores - 1);
}

/** A sweep pool of Web Workers. dispose() it when the page no longer needs it. */
export function createBrowserPool(options: BrowserPoolOptions = {}): WorkerPool {
  const { size = defaultBrowserPoolSize(), createWorker, stopMode } = options;
  const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true && typeof SharedArrayBuffer === 'function';
  const platform: WorkerPlatform = {
    sharedMemory: isolated,
    source: createWorker ? 'options.createWorker()' : 'worker-browser.js (new URL(\'./worker-browser.js\', import.meta.url))',
    spawn: () => watchWorker(createWorker ? createWorker() : new Worker(new URL('./worker-browser.js', import.meta.url), { type: 'module' })),
  };
  return new WorkerPool(platform, stopMode === undefined ? { size } : { size, stopMode });
}

function watchWorker(worker: BrowserWorker): SpawnedWorker {
  let markExited!: () => void;
  const exited = new Promise<void>((resolve) => (markExited = resolve));
  return {
    endpoint: worker,
    exited,
    onFailure(listener) {
      worker.addEventListener('error', (event) => {
        event.preventDefault?.(); // handled here: the pool retries or reports it
        const where = event.filename ? ` (${event.filename}:${event.lineno ?? '?'})` : '';
        // A module worker whose script is missing or does not parse gets an 'error' Event with no message.
        listener(new Error(event.message ? `${event.message}${where}` : 'the worker reported an error event without details: its script may be missing, fail to parse, or import something that fails to load'));
      });
      worker.addEventListener('messageerror', () => listener(new Error('a message from the worker could not be deserialized')));
    },
    terminate() {
      worker.terminate();
      markExited();
    },
  };
}
