// The kernel in real Chromium (the page's main thread), with the same standards as
// test/kernel.test.ts: results identical to core's train in this engine, whichever Math.exp it has.
//
// Chromium's Math.exp is no longer fdlibm's (Chromium 156: glibc's exp on Linux), so there the
// kernel must notice and use Math.exp itself (kernel-math.ts's MATH_EXP_IS_FDLIBM); where it is
// fdlibm's, the SIMD kernel runs and must agree with the JavaScript path bit for bit.

import { train } from '@losslab/core';
import { describe, expect, it } from 'vitest';
import { planSweep, runConfig, RUN_DONE } from '../src/index.js';
import { runChunkWith } from '../src/kernel.js';
import { expNonPositive, fdlibmExpNonPositive, MATH_EXP_IS_FDLIBM } from '../src/kernel-math.js';
import { wasmKernel } from '../src/kernel-wasm.js';

const plan = planSweep({
  version: 1,
  dataset: 'five-point',
  losses: ['se', 'ce'],
  eta: { from: 1e-3, to: 10, count: 4, scale: 'log' },
  init: { w0: { from: -6, to: 6, count: 4 }, b0: { from: -6, to: 6, count: 3 } },
  epochs: 300,
  curve: 'full',
});

describe('the kernel in Chromium', () => {
  it("tells whether this engine's Math.exp is fdlibm's, and its exp is Math.exp either way", () => {
    let fdlibmMismatches = 0;
    let mismatches = 0;
    const count = 200_000;
    for (let i = 0; i < count; i++) {
      const x = -((i * 0.6180339887498949) % 1) * (i % 2 ? 40 : 750);
      if (!Object.is(fdlibmExpNonPositive(x), Math.exp(x))) fdlibmMismatches++;
      if (!Object.is(expNonPositive(x), Math.exp(x))) mismatches++;
    }
    console.info(`Math.exp differs from fdlibm's on ${fdlibmMismatches} of ${count} arguments; MATH_EXP_IS_FDLIBM = ${MATH_EXP_IS_FDLIBM}`);
    expect(MATH_EXP_IS_FDLIBM).toBe(fdlibmMismatches === 0);
    expect(mismatches).toBe(0);
  });

  it("uses the SIMD kernel exactly where Math.exp is fdlibm's, and its paths agree bit for bit", () => {
    expect(wasmKernel() !== null).toBe(MATH_EXP_IS_FDLIBM);
    const auto = runChunkWith(plan, 0, plan.runCount, {}, 'auto');
    const js = runChunkWith(plan, 0, plan.runCount, {}, 'js');
    for (const key of ['finalLoss', 'minLoss', 'finalExcess', 'finalW', 'finalB', 'epochsTo99', 'plateauLength', 'epochsToFit', 'curves'] as const) {
      expect(Array.from(js[key]), key).toEqual(Array.from(auto[key]));
    }
  });

  it("matches core's train: parameters and squared-error losses to the bit, cross-entropy losses within 1e-12", () => {
    const chunk = runChunkWith(plan, 0, plan.runCount, {}, 'auto');
    for (let i = 0; i < plan.runCount; i++) {
      const cfg = runConfig(plan, i);
      const ref = train({ data: plan.data, loss: cfg.loss, eta: cfg.eta, w0: cfg.w0, b0: cfg.b0, epochs: plan.epochs });
      expect(chunk.status[i]).toBe(RUN_DONE);
      expect(chunk.finalW[i]).toBe(ref.w[0]);
      expect(chunk.finalB[i]).toBe(ref.b);
      for (let t = 0; t < plan.epochs; t++) {
        const got = chunk.curves[i * plan.epochs + t]!;
        const want = ref.losses[t]!;
        if (cfg.loss === 'se') expect(got).toBe(want);
        else expect(Math.abs(got - want) / want).toBeLessThanOrEqual(1e-12);
      }
    }
  });
});
