// Gradient flow's prediction of a one-point run's plateau: the end logit against bisection on core's
// losses, a label-1 point against the mirrored closed form, and the cases with no prediction.

import { describe, expect, it } from 'vitest';
import { builtinLosses as losses, gradientFlowEpochs, train } from '@losslab/core';
import { planSweep } from '@losslab/worker';
import { flowPrediction, plateauLogit } from '../../src/lib/flow-prediction.js';
import { traceRun } from '../../src/lib/trace.js';

/** The z where loss(z, y) = fraction·loss(z₀, y), by bisection between z₀ and z₀ ∓ 60. */
function bisect(loss: 'se' | 'ce', y: 0 | 1, z0: number, fraction: number): number {
  const value = (z: number) => losses[loss].value(z, y);
  const target = fraction * value(z0);
  let a = z0;
  let b = y === 0 ? z0 - 60 : z0 + 60;
  for (let k = 0; k < 200; k++) {
    const mid = (a + b) / 2;
    if (value(mid) > target) a = mid;
    else b = mid;
  }
  return (a + b) / 2;
}

describe('plateauLogit', () => {
  it('is where the loss is the fraction of its start, for both losses, saturated or not', () => {
    for (const loss of ['se', 'ce'] as const) {
      for (const z0 of [-2, 0.5, 4, 9]) {
        for (const fraction of [0.95, 0.5]) expect(plateauLogit(loss, z0, fraction)).toBeCloseTo(bisect(loss, 0, z0, fraction), 9);
      }
    }
  });
});

describe('flowPrediction', () => {
  it('mirrors a label-1 point (z → −z) and pairs the prediction with core’s plateau of the run', () => {
    const plan = planSweep({ version: 1, dataset: { x: [0.5], y: [1] }, losses: ['se', 'ce'], eta: [0.05], init: { w0: [-3], b0: [-1.5] }, epochs: 2000 });
    for (const [lossIndex, loss] of (['se', 'ce'] as const).entries()) {
      const trace = traceRun(plan, { etaIndex: 0, initIndex: 0 }, lossIndex);
      const prediction = flowPrediction(plan, trace)!;
      // z₀ = −3·0.5 − 1.5 = −3 on a label-1 point: the label-0 case at +3.
      const z1 = -bisect(loss, 1, -3, 0.95);
      expect(prediction.z0).toBe(3);
      expect(prediction.z1).toBeCloseTo(z1, 9);
      expect(prediction.predicted).toBeCloseTo(gradientFlowEpochs({ loss, x: 0.5, eta: 0.05, z0: 3, z1 }), 6);
      const run = train({ data: { x: [0.5], y: [1] }, loss, eta: 0.05, w0: -3, b0: -1.5, epochs: 2000 });
      let t = run.losses.length;
      while (t > 0 && run.losses[t - 1]! <= 0.95 * run.losses[0]!) t--;
      expect(prediction.measured).toBe(t);
      // At a small η the flow and the run agree to a few epochs.
      expect(Math.abs(prediction.predicted - t)).toBeLessThan(4);
    }
  });

  it('has none for two points, a soft label, or momentum', () => {
    const cases = [
      planSweep({ version: 1, dataset: 'toy', losses: ['se'], eta: [1], init: { w0: [-2], b0: [-2] }, epochs: 10 }),
      planSweep({ version: 1, dataset: { x: [1], y: [0.3] }, losses: ['se'], eta: [1], init: { w0: [2], b0: [2] }, epochs: 10 }),
      planSweep({ version: 1, dataset: { x: [1], y: [0] }, losses: ['se'], eta: [1], init: { w0: [2], b0: [2] }, epochs: 10, optimizer: ['momentum'] }),
    ];
    for (const plan of cases) expect(flowPrediction(plan, traceRun(plan, { etaIndex: 0, initIndex: 0 }, 0))).toBeNull();
  });
});
