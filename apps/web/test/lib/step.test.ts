import { describe, expect, it } from 'vitest';
import { train } from '@losslab/core';
import { planSweep, runConfig, runIndex } from '@losslab/worker';
import { scrubTarget } from '../../src/lib/scrub.js';
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

describe('StepSession back and seek', () => {
  const reference = plan.losses.map((loss, lossIndex) => {
    const run = runConfig(plan, runIndex(plan, { lossIndex, ...config }));
    return train({ data: plan.data, loss, eta: run.eta, w0: run.w0, b0: run.b0, epochs: plan.epochs, reduction: plan.reduction });
  });
  const expectAt = (session: StepSession, k: number) => {
    expect(session.epoch).toBe(k);
    session.points().forEach((point, l) => {
      expect(point.w).toBe(reference[l]!.pathW[k]);
      expect(point.b).toBe(reference[l]!.pathB[k]);
      expect(point.value).toBe(reference[l]!.losses[k]);
    });
    session.traces().forEach((trace) => expect(trace.epochsRun).toBe(k));
  };

  it('seeks forward to epoch k with core’s parameters there, steps back to k − 1, and replays forward to the same bits', () => {
    const session = new StepSession(plan, config);
    expect(session.seek(57)).toBe(57);
    expectAt(session, 57);
    expect(session.back()).toBe(true);
    expectAt(session, 56);
    expect(session.seek(3)).toBe(3);
    expectAt(session, 3);
    expect(session.step()).toBe(true);
    expectAt(session, 4);
    expect(session.seek(1e9)).toBe(plan.epochs);
    expect(session.done).toBe(true);
    expect(session.seek(-5)).toBe(0);
    expect(session.back()).toBe(false);
    expectAt(session, 0);
    expect(() => session.seek(Number.NaN)).toThrow(/epoch must be a finite number, got NaN/);
  });

  it('gives a prefix’s fit epoch as the whole run’s measure would on that prefix', () => {
    const session = new StepSession(plan, config);
    session.seek(plan.epochs);
    const full = session.traces().map((trace) => trace.epochsToFit);
    // From the end back: the fit epoch of a prefix is the first epoch from which max |ŷ − y| ≤ ε up to its end.
    for (const k of [10, 60, plan.epochs]) {
      session.seek(k);
      session.traces().forEach((trace, l) => {
        const errors = reference[l]!.maxErrors.subarray(0, k);
        let s: number | null = null;
        for (let t = 0; t < k; t++) if (errors[t]! <= plan.tolerance) s ??= t; else s = null;
        expect(trace.epochsToFit).toBe(s);
        if (k === plan.epochs) expect(trace.epochsToFit).toBe(full[l]);
      });
    }
  });
});

describe('scrubTarget', () => {
  it('moves ±1 on arrows, ±10 % of the run on PageUp/PageDown, to the ends on Home/End, clamped', () => {
    expect(scrubTarget('ArrowRight', 5, 300)).toBe(6);
    expect(scrubTarget('ArrowUp', 5, 300)).toBe(6);
    expect(scrubTarget('ArrowLeft', 5, 300)).toBe(4);
    expect(scrubTarget('ArrowDown', 0, 300)).toBe(0);
    expect(scrubTarget('PageUp', 5, 300)).toBe(35);
    expect(scrubTarget('PageDown', 5, 300)).toBe(0);
    expect(scrubTarget('PageUp', 295, 300)).toBe(300);
    expect(scrubTarget('PageUp', 0, 4)).toBe(1);
    expect(scrubTarget('Home', 120, 300)).toBe(0);
    expect(scrubTarget('End', 120, 300)).toBe(300);
    expect(scrubTarget('a', 120, 300)).toBeNull();
  });
});
