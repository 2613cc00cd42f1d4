// What a worker exposes through comlink: keep a plan, run ranges of it. The same object serves
// Web Workers and worker_threads; only the entry files (worker-browser.ts, worker-node.ts) differ.

import { transfer } from 'comlink';
import { aggregateChunk, type ChunkAggregate } from './chunk-aggregate.js';
import { runChunk } from './kernel.js';
import { primeKernel } from './kernel-prime.js';
import { adoptCompiledKernel, type CompiledKernel } from './kernel-wasm.js';
import { chunkBuffers, type ChunkResult } from './result.js';
import type { SweepPlan } from './spec.js';

/** The worker's side of the pool. */
export interface WorkerApi {
  /**
   * Keeps `plan` for the following runRange calls (sent once per worker per sweep). `stopFlag`, a
   * one-element Int32Array over a SharedArrayBuffer, stops a running chunk between two runs as soon
   * as the pool sets it to non-zero; null where shared memory is unavailable. `kernel`, when
   * given, is the SIMD kernel module the pool compiled: the worker instantiates it instead of
   * assembling and compiling its own.
   */
  setPlan(plan: SweepPlan, stopFlag: Int32Array | null, kernel?: CompiledKernel | null): void;
  /**
   * Runs [start, end) of the plan; the result's buffers are transferred, not copied. With
   * `aggregate`, the chunk also carries its {@link ChunkAggregate} (computed here, in the worker).
   */
  runRange(start: number, end: number, aggregate?: boolean): ChunkResult & { aggregate?: ChunkAggregate };
}

/** A fresh worker-side API with no plan yet. */
export function createWorkerApi(): WorkerApi {
  let plan: SweepPlan | null = null;
  let stopFlag: Int32Array | null = null;
  const shouldStop = () => Atomics.load(stopFlag!, 0) !== 0;
  return {
    setPlan(next, flag, kernel) {
      if (kernel) adoptCompiledKernel(kernel);
      plan = next;
      stopFlag = flag;
      try {
        primeKernel(next);
      } catch {
        // Priming only warms code up: a plan it cannot run fails in runRange, with its own message.
      }
    },
    runRange(start, end, aggregate = false) {
      if (plan === null) throw new Error(`runRange(${start}, ${end}) was called before setPlan: this worker has no plan`);
      const chunk: ChunkResult & { aggregate?: ChunkAggregate } = runChunk(plan, start, end, stopFlag === null ? {} : { shouldStop });
      if (aggregate) chunk.aggregate = aggregateChunk(plan, chunk);
      return transfer(chunk, chunkBuffers(chunk));
    },
  };
}
