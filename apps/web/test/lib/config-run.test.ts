// The app's single-run recomputations (trace, step mode, the reproduce snippet) must rerun the
// selected optimizer, batch size and weight decay, not plain full-batch descent.

import { train } from '@losslab/core';
import { planSweep } from '@losslab/worker';
import { describe, expect, it } from 'vitest';
import { configRun } from '../../src/lib/config-run.js';
import { reproduceSnippet } from '../../src/lib/export.js';
import { StepSession } from '../../src/lib/step.js';
import { traceRun } from '../../src/lib/trace.js';

// Nielsen's one-point neuron (x = 1 → 0) from his saturated start w = b = 2.
const nielsen = planSweep({
  version: 1,
  dataset: { x: [1], y: [0] },
  losses: ['se', 'ce'],
  optimizer: ['gd', 'momentum', { name: 'adam', beta1: 0.8 }],
  eta: [0.01, 0.15],
  init: { w0: [0.6, 2], b0: [0.9, 2] },
  epochs: 300,
  curve: 'none',
});

/** Adam straight from its formulas (PyTorch's order; bias correction with running products β^t). */
function plainAdam(loss: 'se' | 'ce', eta: number, w0: number, b0: number, epochs: number, beta1: number): { w: number[]; b: number[] } {
  const beta2 = 0.999;
  const eps = 1e-8;
  let w = w0;
  let b = b0;
  let mw = 0, mb = 0, vw = 0, vb = 0, p1 = 1, p2 = 1;
  const ws = [w];
  const bs = [b];
  for (let t = 0; t < epochs; t++) {
    const a = 1 / (1 + Math.exp(-(w + b)));
    const gz = loss === 'ce' ? a : a * a * (1 - a); // ∂C/∂z for y = 0, x = 1
    const gw = gz;
    const gb = gz;
    p1 *= beta1;
    p2 *= beta2;
    mw = beta1 * mw + (1 - beta1) * gw;
    mb = beta1 * mb + (1 - beta1) * gb;
    vw = beta2 * vw + (1 - beta2) * gw * gw;
    vb = beta2 * vb + (1 - beta2) * gb * gb;
    w -= (eta * (mw / (1 - p1))) / (Math.sqrt(vw / (1 - p2)) + eps);
    b -= (eta * (mb / (1 - p1))) / (Math.sqrt(vb / (1 - p2)) + eps);
    ws.push(w);
    bs.push(b);
  }
  return { w: ws, b: bs };
}

describe('configRun and the runs the app recomputes', () => {
  it('traceRun follows the selected optimizer: Adam (β₁ = 0.8) matches a plain Adam to 1e-12', () => {
    const config = { etaIndex: 0, initIndex: 3, optimizerIndex: 2 }; // η = 0.01, w0 = b0 = 2
    for (const loss of ['se', 'ce'] as const) {
      const lossIndex = nielsen.losses.indexOf(loss);
      const run = configRun(nielsen, config, lossIndex);
      expect(run).toMatchObject({ loss, eta: 0.01, b0: 2, optimizer: { name: 'adam', beta1: 0.8 } });
      const trace = traceRun(nielsen, config, lossIndex);
      const reference = plainAdam(loss, 0.01, 2, 2, nielsen.epochs, 0.8);
      expect(trace.pathB.length).toBe(nielsen.epochs + 1);
      for (let t = 0; t <= nielsen.epochs; t++) {
        expect(trace.pathW[t]).toBeCloseTo(reference.w[t]!, 12);
        expect(trace.pathB[t]).toBeCloseTo(reference.b[t]!, 12);
      }
    }
  });

  it('traceRun of momentum is core’s train with momentum, not plain descent', () => {
    const config = { etaIndex: 1, initIndex: 3, optimizerIndex: 1 };
    const trace = traceRun(nielsen, config, nielsen.losses.indexOf('ce'));
    const momentum = train({ data: nielsen.data, loss: 'ce', eta: 0.15, w0: 2, b0: 2, epochs: nielsen.epochs, optimizer: 'momentum' });
    const gd = train({ data: nielsen.data, loss: 'ce', eta: 0.15, w0: 2, b0: 2, epochs: nielsen.epochs });
    expect(Array.from(trace.pathB)).toEqual(Array.from(momentum.pathB));
    expect(trace.pathB[20]).not.toBe(gd.pathB[20]);
  });

  it('StepSession steps the selected optimizer, mini-batches and weight decay as core’s trainer does', () => {
    const plan = planSweep({
      version: 1,
      dataset: 'toy',
      losses: ['se', 'ce'],
      optimizer: ['gd', 'adam'],
      eta: [0.5],
      batchSize: [2, 1],
      weightDecay: [0, 0.05],
      shuffleSeed: 7,
      init: { w0: [-2], b0: [-2] },
      epochs: 60,
      curve: 'none',
    });
    const config = { etaIndex: 0, initIndex: 0, optimizerIndex: 1, batchIndex: 1, weightDecayIndex: 1 };
    const session = new StepSession(plan, config);
    const references = plan.losses.map((loss) =>
      train({ data: plan.data, loss, eta: 0.5, w0: -2, b0: -2, epochs: 60, optimizer: 'adam', batchSize: 1, shuffleSeed: 7, weightDecay: 0.05 }),
    );
    for (let k = 0; k <= 30; k++) {
      session.points().forEach((point, l) => {
        expect(point.w).toBe(references[l]!.pathW[k]);
        expect(point.b).toBe(references[l]!.pathB[k]);
      });
      session.step();
    }
    const gd = train({ data: plan.data, loss: 'ce', eta: 0.5, w0: -2, b0: -2, epochs: 60 });
    expect(references[1]!.pathB[10]).not.toBe(gd.pathB[10]);
  });

  it('a config without the new positions means their first values (selections from before the axes)', () => {
    expect(configRun(nielsen, { etaIndex: 1, initIndex: 1 }, 0)).toMatchObject({ optimizerIndex: 0, optimizer: { name: 'gd' }, eta: 0.15, b0: 2 });
  });

  it('the reproduce snippet names the optimizer, batch size, shuffle seed and weight decay only when they are not the defaults', () => {
    const adam = reproduceSnippet(nielsen, { etaIndex: 0, initIndex: 3, optimizerIndex: 2 });
    expect(adam).toContain('optimizer: {"name":"adam","beta1":0.8');
    const gd = reproduceSnippet(nielsen, { etaIndex: 0, initIndex: 3 });
    expect(gd).not.toContain('optimizer');
    expect(gd).not.toContain('batchSize');
    const plan = planSweep({ version: 1, dataset: 'toy', losses: ['ce'], eta: [1], batchSize: [1], weightDecay: [0.1], shuffleSeed: 3, init: { w0: [0], b0: [0] }, epochs: 10, curve: 'none' });
    expect(reproduceSnippet(plan, { etaIndex: 0, initIndex: 0 })).toContain('batchSize: 1, shuffleSeed: 3, weightDecay: 0.1 });');
  });
});
