// Every optimizer, batch size and weight decay on each kernel path (the WebAssembly SIMD kernel:
// every run for one input, plain descent for d > 1; the JavaScript path: any run) against core's
// train, run by run, on random data,
// random hyperparameters and random starts: parameters, divergence and squared-error losses bit
// for bit, cross-entropy losses within a few ulps (the kernel's own blocked log1p), and the
// measures and outcome equal to core's convergence of core's run.

import { convergence, train, type LossName } from '@losslab/core';
import { describe, expect, it } from 'vitest';
import { allocateResult, NEVER, outcomeOf, planSweep, runConfig, writeChunk, type SweepPlan, type SweepResult } from '../src/index.js';
import { runChunkWith, type KernelEngine } from '../src/kernel.js';
import { expectSameRuns } from './support/sweeps.js';

/** A small seeded generator (mulberry32), uniform on [0, 1): the test's own, not core's. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A random sweep of n points with d inputs: both losses × the six optimizers (random
 * hyperparameters) × 3 random η (log-uniform in [1e-3, 0.1] and [0.1, 3], and one near overflow, at
 * which runs diverge) × batch sizes 1, 2, 3 and n × λ in {0, random} × 2 random starts in [−6, 6];
 * labels hard and soft.
 */
function randomPlan(seed: number, n: number, d: number, reduction: 'sum' | 'mean', epochs: number): SweepPlan {
  const u = random(seed);
  const between = (a: number, b: number) => a + (b - a) * u();
  const rate = () => Math.round(between(0.5, 0.99) * 1000) / 1000;
  const x = Array.from({ length: n }, () => Array.from({ length: d }, () => between(-3, 3)));
  const y = Array.from({ length: n }, (_, i) => (i % 3 === 2 ? u() : u() < 0.5 ? 0 : 1));
  return planSweep({
    version: 1,
    dataset: { x: d === 1 ? x.map((row) => row[0]!) : x, y },
    losses: ['se', 'ce'],
    optimizer: [
      'gd',
      { name: 'momentum', momentum: rate() },
      { name: 'nesterov', momentum: rate() },
      { name: 'rmsprop', alpha: rate(), eps: 1e-8 * between(0.5, 2) },
      { name: 'adam', beta1: rate(), beta2: 0.999 - 0.01 * u() },
      { name: 'adagrad', eps: 1e-10 * between(0.5, 2) },
    ],
    eta: [10 ** between(-3, -1), 10 ** between(-1, 0.5), 10 ** between(300, 307)],
    batchSize: [1, 2, 3, n],
    weightDecay: [0, between(0.001, 0.1)],
    init: { w0: [between(-6, 6)], b0: [between(-6, 6), between(-6, 6)] },
    epochs,
    reduction,
    shuffleSeed: Math.floor(u() * 1000),
    curve: 'full',
  });
}

function sweep(plan: SweepPlan, engine: KernelEngine): SweepResult {
  const result = allocateResult(plan);
  writeChunk(result, runChunkWith(plan, 0, plan.runCount, {}, engine));
  return result;
}

/** Every run of `result` against core's train for the same config (see the file's head). */
function expectCore(plan: SweepPlan, result: SweepResult): void {
  const { d } = plan.data;
  let diverged = 0;
  for (let index = 0; index < plan.runCount; index++) {
    const c = runConfig(plan, index);
    const run = train({ data: plan.data, loss: c.loss as LossName, eta: c.eta, epochs: plan.epochs, w0: c.w0, b0: c.b0, reduction: plan.reduction, optimizer: c.optimizer, batchSize: c.batchSize, shuffleSeed: plan.shuffleSeed, weightDecay: c.weightDecay, recordPath: false });
    const label = `run ${index} (${c.loss}, ${c.optimizer.name}, η ${c.eta}, batch ${c.batchSize}, λ ${c.weightDecay})`;
    for (let j = 0; j < d; j++) expect(Object.is(result.finalW[index * d + j], run.w[j]), `${label} w${j}: ${result.finalW[index * d + j]} vs ${run.w[j]}`).toBe(true);
    expect(Object.is(result.finalB[index], run.b), `${label} b: ${result.finalB[index]} vs ${run.b}`).toBe(true);
    expect(result.divergedAt[index], label).toBe(run.divergedAt ?? NEVER);
    for (let t = 0; t < run.losses.length; t++) {
      const got = result.curves[index * plan.epochs + t]!;
      if (c.loss === 'se') expect(got, `${label}, epoch ${t}`).toBe(run.losses[t]);
      else expect(Math.abs(got - run.losses[t]!), `${label}, epoch ${t}: ${got} vs ${run.losses[t]}`).toBeLessThanOrEqual(8 * Number.EPSILON * Math.abs(run.losses[t]!));
    }
    const measures = convergence(run, plan.tolerance);
    expect(outcomeOf(result.outcome[index]!), label).toBe(measures.outcome);
    if (run.divergedAt !== null) {
      diverged++;
      continue;
    }
    expect(result.epochsToFit[index], label).toBe(measures.epochsToFit ?? NEVER);
    expect(result.plateauEpochs[index], label).toBe(measures.plateauEpochs ?? NEVER);
    expect(result.epochsTo1PercentExcess[index], label).toBe(measures.epochsTo1PercentExcess ?? NEVER);
    expect(result.finalMaxError[index], label).toBe(run.maxErrors[plan.epochs - 1]);
  }
  // The largest η makes runs diverge, so divergence is exercised too (but not everywhere).
  expect(diverged, 'diverged runs').toBeGreaterThan(0);
  expect(diverged, 'diverged runs').toBeLessThan(plan.runCount / 2);
}

describe('every optimizer, batch size and weight decay on each kernel path', () => {
  it.each([
    [1, 7, 'sum'],
    [2, 9, 'mean'],
    [3, 6, 'sum'],
  ] as const)("d = 1 (seed %i, %i points, %s): the SIMD kernel trains every run to core's train, and the JavaScript path gives the same bits", (seed, n, reduction) => {
    const plan = randomPlan(seed, n, 1, reduction, 50);
    const simd = sweep(plan, 'wasm');
    expectCore(plan, simd);
    expectSameRuns(sweep(plan, 'js'), simd, plan);
  });

  it.each([
    [4, 3, 11, 'sum'],
    [5, 3, 8, 'mean'],
    [6, 8, 13, 'sum'],
    [7, 8, 10, 'mean'],
  ] as const)("d > 1 (seed %i, d = %i, %i points, %s): every run equals core's train (plain descent on the SIMD kernel, the rest on the JavaScript path), and the JavaScript path alone gives the same bits", (seed, d, n, reduction) => {
    const plan = randomPlan(seed, n, d, reduction, 40);
    const simd = sweep(plan, 'wasm');
    expectCore(plan, simd);
    expectSameRuns(sweep(plan, 'js'), simd, plan);
  });
});
