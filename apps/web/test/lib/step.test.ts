import { describe, expect, it } from 'vitest';
import { train } from '@losslab/core';
import { planSweep, runConfig, runIndex } from '@losslab/worker';
import { StepSession } from '../../src/lib/step.js';
import { traceRun } from '../../src/lib/trace.js';

const plan = planSweep({ version: 1, dataset: 'toy', losses: ['se', 'ce'], eta: [0.5, 1], init: { w0: [-2, 1], b0: [-2, 3] }, epochs: 120, curve: 'none' });
const config = { etaIndex: 1, initIndex: 0 };

describe('StepSession', () => {
  it('moves exactly one epoch per step under both losses, to the parameters and losses of core’s train', () => {
    const session = new StepSession(plan, config);
    const reference = plan.losses.map((loss, lossIndex) => {
      const run = runConfig(plan, runIndex(plan, { lossIndex, ...config }));
      return train({ data: plan.data, loss, eta: run.eta, w0: run.w0, b0: run.b0, epochs: plan.epochs, reduction: plan.reduction });
    });
    for (let k = 0; k <= 40; k++) {
      expect(session.epoch).toBe(k);
      session.points().forEach((point, l) => {
        expect(point.epoch).toBe(k);
        expect(point.w).toBe(reference[l]!.pathW[k]);
        expect(point.b).toBe(reference[l]!.pathB[k]);
        expect(point.value).toBe(reference[l]!.losses[k]);
      });
      expect(session.step()).toBe(true);
    }
  });

  it('builds the same trace prefix as traceRun, and resets to epoch 0', () => {
    const session = new StepSession(plan, config);
    for (let k = 0; k < plan.epochs; k++) session.step();
    expect(session.done).toBe(true);
    expect(session.step()).toBe(false);
    session.traces().forEach((trace, l) => {
      const full = traceRun(plan, config, l);
      expect(trace.epochsRun).toBe(full.epochsRun);
      expect(Array.from(trace.excess)).toEqual(Array.from(full.excess));
      expect(Array.from(trace.maxError)).toEqual(Array.from(full.maxError));
      expect(Array.from(trace.pathW)).toEqual(Array.from(full.pathW));
      expect(Array.from(trace.gradientNorm)).toEqual(Array.from(full.gradientNorm));
      expect(trace.epochsToFit).toBe(full.epochsToFit);
    });
    session.reset();
    expect(session.epoch).toBe(0);
    expect(session.traces()[0]!.epochsRun).toBe(0);
  });

  it('measures each epoch as traceRun does, to the bit, with d = 3 inputs', () => {
    const plan3 = planSweep({ version: 1, dataset: { generator: 'two-classes', n: 12, d: 3, seed: 4 }, losses: ['se', 'ce'], eta: [0.3], init: { w0: [0.7], b0: [-0.4] }, epochs: 60, curve: 'none' });
    const cfg = { etaIndex: 0, initIndex: 0 };
    const session = new StepSession(plan3, cfg);
    while (session.step());
    session.traces().forEach((trace, l) => {
      const full = traceRun(plan3, cfg, l);
      expect(trace.epochsRun).toBe(full.epochsRun);
      for (const key of ['excess', 'maxError', 'meanError', 'meanSlope', 'gradientNorm', 'pathW', 'pathB'] as const) {
        expect(Array.from(trace[key]), key).toEqual(Array.from(full[key]));
      }
    });
  });
});
