// One pool for every platform: N workers behind comlink endpoints pull chunks of a sweep from one
// queue, and their results land in one preallocated SweepResult. node.ts and browser.ts only say
// how to start, watch and stop a worker (a WorkerPlatform).
//
// Stopping: with shared memory (Node; cross-origin isolated pages) the pool sets a flag that the
// kernel reads between runs, so a running chunk returns the runs it finished; without it the pool
// terminates the busy workers (their unfinished chunks are lost) and starts fresh ones lazily.
//
// Faults: a chunk whose worker throws or dies is retried once on a fresh worker; if it fails
// again it is bisected until the failing runs are alone, and those are marked RUN_FAILED.

import { formatValue } from '@losslab/core';
import { wrap, type Endpoint, type Remote } from 'comlink';
import type { ChunkAggregate } from './chunk-aggregate.js';
import { ChunkOrder } from './chunk-order.js';
import { ChunkSizer } from './chunk-sizer.js';
import { ProgressMeter } from './progress-meter.js';
import { allocateResult, RUN_FAILED, writeChunk, type ChunkResult, type SweepResult } from './result.js';
import type { SweepPlan } from './spec.js';
import type { CompiledKernel } from './kernel-wasm.js';
import type { RunSweepOptions, SweepPool } from './sweep-pool.js';
import { SweepWindow } from './sweep-window.js';
import type { WorkerApi } from './worker-api.js';

/** A started worker, as a platform hands it to the pool. */
export interface SpawnedWorker {
  /** The comlink endpoint that reaches the worker's {@link WorkerApi}. */
  readonly endpoint: Endpoint;
  /**
   * Subscribes to the worker's failure: an error it did not catch, a message it could not read, or
   * its end. The error's message says what happened (exit code, script URL...).
   */
  onFailure(listener: (error: Error) => void): void;
  /** Resolves once the worker is gone: exited on its own, or terminated. */
  readonly exited: Promise<void>;
  /** Stops the worker now, wherever its code is. */
  terminate(): void;
  /** Optional: whether this worker alone may keep the process alive (Node: ref/unref while busy/idle). */
  hold?(busy: boolean): void;
}

/** What a platform gives the pool. */
export interface WorkerPlatform {
  /** Starts a worker running the WorkerApi (may throw, e.g. for a malformed script URL). */
  spawn(): SpawnedWorker;
  /** Whether a SharedArrayBuffer reaches the workers: Node always, browsers only when cross-origin isolated. */
  readonly sharedMemory: boolean;
  /** Where workers come from, for error messages (e.g. the script's URL). */
  readonly source: string;
  /**
   * Optional: the SIMD kernel module compiled once in this thread and posted to every worker with
   * the plan (null where SIMD is missing), so that no worker assembles and compiles its own.
   */
  compiledKernel?(): CompiledKernel | null;
}

/** How a running chunk learns of an abort: a shared flag read between runs, or termination of its worker. */
export type StopMode = 'flag' | 'terminate';

/** Options of {@link WorkerPool}. */
export interface WorkerPoolOptions {
  /** Number of workers (an integer ≥ 1). */
  size: number;
  /** Default 'flag' where the platform has shared memory, else 'terminate' ('flag' needs shared memory). */
  stopMode?: StopMode;
}

/** A worker that could not start: its script is missing or throws while loading, or it refused the plan. */
export class WorkerLoadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkerLoadError';
  }
}

/** A {@link SweepPool} over any platform's workers; also reports its workers for tests and benchmarks. */
export class WorkerPool implements SweepPool {
  readonly size: number;
  /** How a running chunk learns of an abort (see {@link StopMode}). */
  readonly stopMode: StopMode;
  private readonly slots: Slot[];
  private readonly live = new Set<WorkerHandle>();
  private readonly stopFlag: Int32Array | null;
  private tail: Promise<unknown> = Promise.resolve();
  private current: SweepRun | null = null;
  private disposal: Promise<void> | null = null;

  constructor(
    private readonly platform: WorkerPlatform,
    options: WorkerPoolOptions,
  ) {
    const { size, stopMode = platform.sharedMemory ? 'flag' : 'terminate' } = options;
    if (!Number.isSafeInteger(size) || size < 1) throw new RangeError(`pool size must be an integer ≥ 1, got ${formatValue(size)}`);
    if (stopMode !== 'flag' && stopMode !== 'terminate') throw new RangeError(`stopMode must be 'flag' or 'terminate', got ${formatValue(stopMode)}`);
    if (stopMode === 'flag' && !platform.sharedMemory) throw new RangeError(`stopMode 'flag' needs shared memory, which this page lacks (it is not cross-origin isolated); use 'terminate'`);
    this.size = size;
    this.stopMode = stopMode;
    this.slots = Array.from({ length: size }, (): Slot => ({ handle: null, busy: false, phase: 'plan' }));
    this.stopFlag = stopMode === 'flag' ? new Int32Array(new SharedArrayBuffer(4)) : null;
  }

  /** Workers started and not yet gone (idle workers stay alive between sweeps). */
  get liveWorkers(): number {
    return this.live.size;
  }

  /** Workers running a call of the current sweep. */
  get busyWorkers(): number {
    return this.slots.filter((slot) => slot.busy).length;
  }

  /**
   * Starts every worker now, and compiles the kernel module they will get, instead of when the
   * next sweep needs them: a caller that knows a sweep follows (the CLI, once the command line is
   * checked) overlaps the threads' start-up with its own preparation. Idle workers do not keep the
   * process alive. Does nothing after dispose().
   */
  start(): void {
    if (this.disposal) return;
    try {
      for (const slot of this.slots) {
        if (slot.handle) continue;
        slot.handle = this.spawn();
        slot.handle.worker.hold?.(false); // idle until a sweep holds it
      }
      this.platform.compiledKernel?.();
    } catch {
      // A worker that cannot start, or a module that cannot compile, fails the next sweep, with its message.
    }
  }

  run(plan: SweepPlan, options: RunSweepOptions = {}): Promise<SweepResult> {
    if (this.disposal) return Promise.reject(new Error('SweepPool.run: this pool was disposed; create a new one'));
    let range: { start: number; end: number };
    try {
      range = checkRunOptions(plan, options);
    } catch (error) {
      return Promise.reject(error);
    }
    const previous = this.tail;
    const sweep = (async () => {
      await previous;
      if (this.disposal) throw new Error('SweepPool.run: the pool was disposed before this sweep started');
      const run = new SweepRun(this.slots, () => this.spawn(), this.platform.source, this.stopFlag, plan, options, range, this.platform.compiledKernel?.bind(this.platform));
      this.current = run;
      try {
        return await run.start();
      } finally {
        this.current = null;
      }
    })();
    this.tail = sweep.catch(() => undefined);
    return sweep;
  }

  dispose(): Promise<void> {
    this.disposal ??= (async () => {
      this.current?.cancel();
      for (const slot of this.slots) slot.handle = null;
      const exits = [...this.live].map((handle) => {
        handle.terminate('the pool was disposed');
        return handle.worker.exited;
      });
      await Promise.all(exits);
      await this.tail;
    })();
    return this.disposal;
  }

  private spawn(): WorkerHandle {
    const handle = new WorkerHandle(this.platform.spawn());
    this.live.add(handle);
    void handle.worker.exited.then(() => this.live.delete(handle));
    return handle;
  }
}

interface Slot {
  handle: WorkerHandle | null;
  busy: boolean;
  /** What the busy slot waits for: a worker to start and take the plan, or a chunk. */
  phase: 'plan' | 'chunk';
}

/** A range of runs to compute; `retried` once it has failed before (a retry or a bisected half). */
interface Job {
  start: number;
  end: number;
  retried: boolean;
}

/** One worker and its comlink proxy; every call races the worker's failure so nothing hangs. */
class WorkerHandle {
  readonly api: Remote<WorkerApi>;
  /** The error that ended this worker, once it failed or was terminated. */
  failure: Error | null = null;
  /** True once the worker answered a call: from then on its failures are faults, not load failures. */
  answered = false;
  /** The sweep whose plan the worker holds. */
  sweep: object | null = null;
  /** Chunks it returned (its first runs slower: its code is not optimized yet). */
  chunks = 0;
  /**
   * The rejecters of the calls waiting now. Not `Promise.race([reply, failed])` with one promise
   * `failed` that settles only if the worker fails: every race leaves a reaction on that promise,
   * and each reaction keeps its race's result (a chunk's transferred arrays, ~65 bytes per run)
   * reachable for the worker's whole life, so a reused pool grew by every chunk it ever returned.
   */
  private readonly waiting = new Set<(error: Error) => void>();

  constructor(readonly worker: SpawnedWorker) {
    this.api = wrap<WorkerApi>(worker.endpoint);
    worker.onFailure((error) => this.fail(error));
  }

  /** The reply to a call, or the worker's failure, whichever comes first. */
  async call<T>(reply: Promise<T>): Promise<T> {
    let reject!: (error: Error) => void;
    const failed = new Promise<never>((_, fail) => (reject = fail));
    if (this.failure) reject(this.failure);
    else this.waiting.add(reject);
    try {
      const value = await Promise.race([reply, failed]);
      this.answered = true;
      return value;
    } catch (error) {
      if (error !== this.failure) this.answered = true; // the worker threw: it is alive and answering
      throw error;
    } finally {
      this.waiting.delete(reject);
      failed.catch(() => undefined);
    }
  }

  terminate(reason: string): void {
    this.fail(new Error(reason));
    this.worker.terminate();
  }

  private fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    for (const reject of this.waiting) reject(error);
    this.waiting.clear();
  }
}

/** One sweep: hands chunks to idle slots, writes what comes back, handles faults and stops. */
class SweepRun {
  private readonly result: SweepResult;
  /** The ring the result is held in (options.window), or null: one slot per run. */
  private readonly window: SweepWindow | null;
  private readonly sizer: ChunkSizer;
  private readonly meter: ProgressMeter;
  /** Which runs go out next: index order, or progressive (options.order). */
  private readonly order: ChunkOrder;
  /** Bisected halves of failing chunks: they go before new chunks. */
  private readonly isolating: Job[] = [];
  private inFlight = 0;
  private stopping = false;
  private cancelled = false;
  private fatal: { error: unknown } | null = null;
  private settled = false;
  /** Workers this sweep terminated: run() settles once they are gone. */
  private readonly exits: Promise<void>[] = [];
  private resolve!: (result: SweepResult) => void;
  private reject!: (error: unknown) => void;

  constructor(
    private readonly slots: Slot[],
    private readonly spawn: () => WorkerHandle,
    private readonly source: string,
    private readonly stopFlag: Int32Array | null,
    private readonly plan: SweepPlan,
    private readonly options: RunSweepOptions,
    private readonly range: { start: number; end: number },
    /** The platform's compiled kernel module, asked once per sweep. */
    private readonly compileKernel?: () => CompiledKernel | null,
  ) {
    this.window = options.window ?? null;
    // A window: arrays for min(W, range) runs, a ring (see SweepWindow).
    this.result = this.window ? allocateResult(plan, { start: range.start, end: range.start + Math.min(this.window.runs, range.end - range.start) }) : options.compact ? allocateResult(plan, range) : allocateResult(plan);
    this.window?.attach(this.result, range, () => this.pump());
    this.order = new ChunkOrder(plan, range, options.order);
    this.sizer = new ChunkSizer(plan, slots.length, options.chunkSize);
    this.meter = new ProgressMeter(range.end - range.start, options.onProgress, (error) => this.failWith(error));
  }

  start(): Promise<SweepResult> {
    const done = new Promise<SweepResult>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    if (this.stopFlag) Atomics.store(this.stopFlag, 0, 0);
    const signal = this.options.signal;
    if (signal?.aborted) this.abort();
    else signal?.addEventListener('abort', this.abort);
    this.pump();
    return done;
  }

  /** Stops as if aborted, and terminates every worker (the pool is being disposed). */
  cancel(): void {
    this.abort();
    for (const slot of this.slots) this.retire(slot, 'the pool was disposed');
    this.pump();
  }

  private readonly abort = (): void => {
    if (this.stopping) return;
    this.stopping = true;
    this.cancelled = true;
    if (this.stopFlag) Atomics.store(this.stopFlag, 0, 1);
    // Without the flag a chunk cannot be told to stop; a worker still starting is not worth waiting for.
    for (const slot of this.slots) if (slot.busy && (!this.stopFlag || slot.phase === 'plan')) this.retire(slot, 'the sweep was cancelled');
    this.pump();
  };

  /** Stops the sweep and makes run() reject with `error` (the first one wins). */
  private failWith(error: unknown): void {
    this.fatal ??= { error };
    this.stopping = true;
    for (const slot of this.slots) if (slot.busy) this.retire(slot, 'the sweep failed');
    this.pump();
  }

  private pump(): void {
    if (this.settled) return;
    if (!this.stopping) {
      for (const slot of this.slots) {
        if (slot.busy) continue;
        const job = this.nextJob(!slot.handle || slot.handle.failure !== null || slot.handle.chunks === 0);
        if (!job) break;
        this.dispatch(slot, job);
      }
    }
    if (this.inFlight === 0 && (this.stopping || (this.isolating.length === 0 && this.order.done))) void this.settle();
  }

  private nextJob(freshWorker: boolean): Job | undefined {
    const isolated = this.isolating.shift();
    if (isolated) return isolated;
    if (this.order.done) return undefined;
    let size = this.sizer.next(this.order.remaining, freshWorker);
    const window = this.window;
    if (window) {
      // Index order deals [end − remaining, end) next. The chunk stops at the window's limit (the
      // consumer has not freed the slots after it: wait for a release) and at the ring's wrap.
      const from = this.range.end - this.order.remaining;
      const room = Math.min(window.limit, window.lapEnd(from)) - from;
      if (room <= 0) return undefined;
      size = Math.min(size, room);
    }
    const next = this.order.next(size);
    if (next && window) window.deal(next.end);
    return next && { ...next, retried: false };
  }

  private dispatch(slot: Slot, job: Job): void {
    slot.busy = true;
    this.inFlight++;
    void this.runJob(slot, job);
  }

  private async runJob(slot: Slot, job: Job): Promise<void> {
    let handle: WorkerHandle | undefined;
    let phase: 'spawn' | 'plan' | 'chunk' = 'spawn';
    let followUp: Job | undefined;
    try {
      if (slot.handle?.failure) this.retire(slot, 'it had failed while idle');
      handle = slot.handle ??= this.spawn();
      handle.worker.hold?.(true);
      phase = slot.phase = 'plan';
      if (handle.sweep !== this) {
        // Lets the other idle slots start their workers first: the kernel's first compile takes
        // tens of milliseconds, which the new threads spend starting up.
        await null;
        await handle.call(handle.api.setPlan(this.plan, this.stopFlag, this.kernel()));
        handle.sweep = this;
      }
      if (!this.stopping) {
        // No chunk starts after an abort.
        phase = slot.phase = 'chunk';
        const startedMs = performance.now();
        const chunk = await handle.call(handle.api.runRange(job.start, job.end, this.options.aggregate === true));
        const seconds = (performance.now() - startedMs) / 1000;
        handle.chunks++;
        try {
          this.accept(job, chunk, seconds);
        } catch (error) {
          this.failWith(error); // onChunk threw: the caller's error, not the worker's
        }
      }
    } catch (error) {
      followUp = this.onJobFailed(slot, handle, job, phase, error);
    } finally {
      handle?.worker.hold?.(false);
      slot.busy = false;
      this.inFlight--;
    }
    if (followUp && !this.stopping) this.dispatch(slot, followUp);
    this.pump();
  }

  private compiled: CompiledKernel | null | undefined;

  /** The kernel module the workers get with the plan: compiled once (the platform caches it). */
  private kernel(): CompiledKernel | null {
    if (this.compiled === undefined) this.compiled = this.compileKernel ? this.compileKernel() : null;
    return this.compiled;
  }

  /** Writes a chunk that took `seconds` into the result. */
  private accept(job: Job, chunk: ChunkResult & { aggregate?: ChunkAggregate }, seconds: number): void {
    const before = this.result.completed;
    writeChunk(this.result, chunk, this.window ? this.window.position(chunk.start) : undefined);
    const completed = this.result.completed - before;
    if (completed === job.end - job.start) this.sizer.record(completed, seconds);
    this.meter.add(completed, 0);
    this.options.onChunk?.(chunk.aggregate ? { start: job.start, end: job.end, aggregate: chunk.aggregate } : { start: job.start, end: job.end }, this.result);
  }

  /**
   * Handles a call that failed: the worker could not start, died (error === its failure), or threw
   * (an Error rebuilt by comlink). Returns the job this slot retries on a fresh worker, if any.
   */
  private onJobFailed(slot: Slot, handle: WorkerHandle | undefined, job: Job, phase: 'spawn' | 'plan' | 'chunk', error: unknown): Job | undefined {
    const died = handle !== undefined && error === handle.failure;
    this.retire(slot, 'it failed');
    if (this.stopping) return undefined; // terminated by this sweep's abort or failure, or lost to it
    if (handle === undefined) {
      this.failWith(new WorkerLoadError(`could not start a worker from ${this.source}: ${describeError(error)}`));
      return undefined;
    }
    if (died && !handle.answered) {
      this.failWith(new WorkerLoadError(`a worker failed to load from ${this.source}: ${describeError(error)}`));
      return undefined;
    }
    if (phase === 'plan' && !died) {
      this.failWith(renamed(error, `a worker refused the plan: ${describeError(error)}`));
      return undefined;
    }
    // A fault of this chunk: the worker is not reused; retry once on a fresh one, then bisect.
    const message = died ? `the worker running runs [${job.start}, ${job.end}) stopped: ${describeError(error)}` : describeError(error);
    if (!job.retried) return { ...job, retried: true };
    if (job.end - job.start === 1) {
      const at = this.window ? this.window.position(job.start) : job.start - (this.result.offset ?? 0);
      this.result.status.fill(RUN_FAILED, at, at + 1);
      this.result.failures.push({ start: job.start, end: job.end, message });
      this.meter.add(0, 1);
      if (this.window) {
        // A windowed consumer releases runs as it learns they are finished: a failed run is one,
        // and if it was the last run the pool waited on, nothing else would tell the consumer.
        try {
          this.options.onChunk?.({ start: job.start, end: job.end }, this.result);
        } catch (error) {
          this.failWith(error);
        }
      }
      return undefined;
    }
    const middle = Math.floor((job.start + job.end) / 2);
    this.isolating.unshift({ start: job.start, end: middle, retried: true }, { start: middle, end: job.end, retried: true });
    return undefined;
  }

  /** Terminates the slot's worker (if any) and leaves the slot empty for a fresh one. */
  private retire(slot: Slot, reason: string): void {
    const handle = slot.handle;
    if (!handle) return;
    slot.handle = null;
    handle.terminate(`the pool terminated this worker: ${reason}`);
    this.exits.push(handle.worker.exited);
  }

  private async settle(): Promise<void> {
    this.settled = true;
    this.options.signal?.removeEventListener('abort', this.abort);
    await Promise.all(this.exits);
    this.result.failures.sort((a, b) => a.start - b.start);
    const { done, total } = this.meter.snapshot();
    this.result.cancelled = this.cancelled && done < total;
    if (!this.fatal) this.meter.finish();
    else this.meter.stop();
    if (this.fatal) this.reject(this.fatal.error);
    else this.resolve(this.result);
  }
}

/** Checks run()'s options against the plan; returns the run range. */
function checkRunOptions(plan: SweepPlan, options: RunSweepOptions): { start: number; end: number } {
  const { chunkSize, range, order, window } = options;
  if (order !== undefined && order !== 'index' && order !== 'progressive') throw new RangeError(`order must be 'index' or 'progressive', got ${formatValue(order)}`);
  if (window !== undefined && !(window instanceof SweepWindow)) throw new TypeError(`window must be a SweepWindow, got ${formatValue(window)}`);
  if (window !== undefined && order === 'progressive') throw new RangeError(`window needs order 'index' (a window deals runs in index order), got order 'progressive'`);
  if (chunkSize !== undefined && (!Number.isSafeInteger(chunkSize) || chunkSize < 1)) throw new RangeError(`chunkSize must be an integer ≥ 1, got ${formatValue(chunkSize)}`);
  if (range === undefined) return { start: 0, end: plan.runCount };
  const { start, end } = range;
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || start > end || end > plan.runCount) {
    throw new RangeError(`range must satisfy 0 ≤ start ≤ end ≤ ${plan.runCount} (the plan's run count) with integers, got ${formatValue(range)}`);
  }
  return { start, end };
}

function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return formatValue(error);
}

/** An Error with the original's name and a message with context (only name and message cross a worker boundary). */
function renamed(error: unknown, message: string): Error {
  const out = new Error(message);
  if (error instanceof Error) out.name = error.name;
  return out;
}
