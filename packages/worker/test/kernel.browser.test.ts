// The kernel in real Chromium (the page's main thread), with the same standards as
// test/kernel.test.ts: results identical to core's train computed in this page.
//
// Chromium's Math.exp is not Node's (Chromium 156 on Linux: glibc's exp, V8 in Node 20: fdlibm's),
// but neither core nor the kernel uses it: core's expNonPositive is fdlibm's exp in JavaScript and
// the SIMD kernel computes the same operations, so the SIMD kernel runs here as in Node, and the
// results are Node's. Shown two ways: in this page, the kernel equals core's train bit for bit in
// the parameters; and core and the kernel here reproduce digests that the Node tests check
// against Node's Math.exp and core's train there (test/support/kernel-parity.ts).

import { expNonPositive, train } from '@losslab/core';
import { describe, expect, it } from 'vitest';
import { planSweep, runConfig, RUN_DONE } from '../src/index.js';
import { runChunk, runChunkWith } from '../src/kernel.js';
import { simdKernel } from '../src/kernel-wasm.js';
import { chunkParityValues, coreParityValues, digest, EXP_DIGEST, PARITY_DIGEST, parityExpArguments, parityPlans } from './support/kernel-parity.js';

const plan = planSweep({
  version: 1,
  dataset: 'five-point',
  losses: ['se', 'ce'],
  eta: { from: 1e-3, to: 10, count: 4, scale: 'log' },
  init: { w0: { from: -6, to: 6, count: 4 }, b0: { from: -6, to: 6, count: 3 } },
  epochs: 300,
  curve: 'full',
});

const KEYS = ['status', 'finalLoss', 'minLoss', 'finalExcess', 'finalMaxError', 'finalW', 'finalB', 'epochsToFit', 'epochsTo99', 'plateauLength', 'divergedAt', 'curves'] as const;

describe('the kernel in Chromium', () => {
  it("computes core's exp, Node's bits, in JavaScript and in the SIMD kernel, whatever this engine's Math.exp", () => {
    const xs = parityExpArguments();
    expect(digest(Array.from(xs, expNonPositive)), "core's expNonPositive").toBe(EXP_DIGEST);
    const kernel = simdKernel();
    expect(kernel).not.toBeNull();
    expect(digest(kernel!.apply('exp', xs)), 'SIMD exp').toBe(EXP_DIGEST);
    let differ = 0;
    for (const x of xs) if (!Object.is(Math.exp(x), expNonPositive(x))) differ++;
    console.info(`this engine's Math.exp differs from core's expNonPositive (Node's Math.exp) on ${differ} of ${xs.length} arguments`);
  });

  it("uses the SIMD kernel, and its results are the JavaScript path's bit for bit", () => {
    expect(simdKernel()).not.toBeNull();
    const auto = runChunk(plan, 0, plan.runCount);
    const wasm = runChunkWith(plan, 0, plan.runCount, {}, 'wasm');
    const js = runChunkWith(plan, 0, plan.runCount, {}, 'js');
    for (const key of KEYS) {
      expect(Array.from(wasm[key]), `auto vs wasm: ${key}`).toEqual(Array.from(auto[key]));
      expect(Array.from(js[key]), `js vs wasm: ${key}`).toEqual(Array.from(wasm[key]));
    }
  });

  it("matches core's train in this page: parameters and squared-error losses to the bit, cross-entropy losses within 1e-12", () => {
    const chunk = runChunkWith(plan, 0, plan.runCount, {}, 'wasm');
    for (let i = 0; i < plan.runCount; i++) {
      const cfg = runConfig(plan, i);
      const ref = train({ data: plan.data, loss: cfg.loss, eta: cfg.eta, w0: cfg.w0, b0: cfg.b0, epochs: plan.epochs });
      expect(chunk.status[i]).toBe(RUN_DONE);
      expect(chunk.finalW[i], `run ${i} w`).toBe(ref.w[0]);
      expect(chunk.finalB[i], `run ${i} b`).toBe(ref.b);
      for (let t = 0; t < plan.epochs; t++) {
        const got = chunk.curves[i * plan.epochs + t]!;
        const want = ref.losses[t]!;
        if (cfg.loss === 'se') expect(got).toBe(want);
        else expect(Math.abs(got - want) / want).toBeLessThanOrEqual(1e-12);
      }
    }
  });

  it("gives Node's results: core's train and both kernel paths here reproduce the digest of core's train in Node", () => {
    const plans = parityPlans();
    expect(digest(plans.flatMap((p) => coreParityValues(p))), "core's train").toBe(PARITY_DIGEST);
    for (const engine of ['wasm', 'js'] as const) {
      expect(digest(plans.flatMap((p) => chunkParityValues(p, runChunkWith(p, 0, p.runCount, {}, engine)))), engine).toBe(PARITY_DIGEST);
    }
  });
});
