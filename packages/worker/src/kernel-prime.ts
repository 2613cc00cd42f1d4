// Priming a fresh worker's code before its first chunk. V8 optimizes a function on the type
// feedback gathered so far, and code that has never run has none: the optimized code gives up
// (deoptimizes) the first time it meets a path not seen before, and the function is compiled again.
// A sweep in index order meets its paths late: S1's cross-entropy runs start halfway through, a
// diverging η comes last. Each worker then compiled its per-run code (finishRun and what it
// inlines, ~25 ms a time) four times, on the compiler's background threads, which on a machine
// with as many cores as workers take their time from the workers. Measured for S1 on 2 workers
// (with this file's runs taken by hand from the pool): 1.60 s → 1.50 s per cold sweep, 0.2 s less CPU.
//
// So each worker first runs a few short runs spread over the plan (both ends of 8 slices, a
// whole SIMD group each): every loss, the η at both ends of its rows, the optimizers and batch
// sizes that fall there. Their results are thrown away; the sweep's runs are computed as always,
// and their bits do not depend on which code V8 runs (the kernel's arithmetic is IEEE, in order).

import { runChunkWith } from './kernel.js';
import type { SweepPlan } from './spec.js';

/** Slices of the plan whose two ends are sampled. */
const SLICES = 8;
/** Runs per sample: one SIMD group of the shipped kernel (2 vectors of 2 lanes). */
const SAMPLE_RUNS = 4;
/** The priming's whole work at most, in point-steps (runs · epochs · n · d): about a millisecond. */
const MAX_POINT_STEPS = 2 ** 16;

/** The run ranges priming takes: both ends of SLICES equal slices of the plan, SAMPLE_RUNS runs each (fewer for a small plan), distinct. */
export function primeRanges(runCount: number): { start: number; end: number }[] {
  const starts = new Set<number>();
  for (let k = 0; k < SLICES; k++) {
    const from = Math.floor((k * runCount) / SLICES);
    const to = Math.floor(((k + 1) * runCount) / SLICES);
    if (to <= from) continue;
    starts.add(from);
    starts.add(Math.max(from, to - SAMPLE_RUNS));
  }
  return [...starts].sort((a, b) => a - b).map((start) => ({ start, end: Math.min(runCount, start + SAMPLE_RUNS) }));
}

/**
 * The plan priming runs: `plan` with fewer epochs, so that all of primeRanges' runs together take
 * at most MAX_POINT_STEPS point-steps (at least 2 epochs), and the curve epochs that remain.
 */
export function primePlan(plan: SweepPlan): SweepPlan {
  const runs = Math.min(plan.runCount, SLICES * 2 * SAMPLE_RUNS);
  const epochs = Math.max(2, Math.min(plan.epochs, Math.floor(MAX_POINT_STEPS / (runs * plan.data.n * plan.data.d))));
  if (epochs === plan.epochs) return plan;
  return { ...plan, epochs, curveEpochs: plan.curveEpochs.filter((epoch) => epoch < epochs) };
}

/** Runs primeRanges of primePlan(plan) in this thread and discards the results (see the top of this file). */
export function primeKernel(plan: SweepPlan): void {
  const probe = primePlan(plan);
  for (const { start, end } of primeRanges(probe.runCount)) runChunkWith(probe, start, end, {}, 'auto');
}
