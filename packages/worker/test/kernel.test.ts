import { train } from '@losslab/core';
import { describe, expect, it } from 'vitest';
import { planSweep, runChunk, runConfig, RUN_DONE } from '../src/index.js';

describe('runChunk agrees with core train', () => {
  it('matches core bit for bit on the five-point grid for both losses', () => {
    const plan = planSweep({
      version: 1,
      dataset: 'five-point',
      losses: ['se', 'ce'],
      eta: { from: 1e-3, to: 10, count: 4, scale: 'log' },
      init: { w0: { from: -6, to: 6, count: 3 }, b0: { from: -6, to: 6, count: 3 } },
      epochs: 300,
      curve: 'full',
    });
    const chunk = runChunk(plan, 0, plan.runCount);
    for (let i = 0; i < plan.runCount; i++) {
      const cfg = runConfig(plan, i);
      const ref = train({ data: plan.data, loss: cfg.loss, eta: cfg.eta, w0: cfg.w0, b0: cfg.b0, epochs: plan.epochs });
      expect(chunk.status[i]).toBe(RUN_DONE);
      expect(chunk.finalW[i]).toBe(ref.w[0]);
      expect(chunk.finalB[i]).toBe(ref.b);
      expect(chunk.finalLoss[i]).toBe(ref.losses[plan.epochs - 1]);
      expect(Array.from(chunk.curves.subarray(i * plan.epochs, (i + 1) * plan.epochs))).toEqual(Array.from(ref.losses));
    }
  });
});
