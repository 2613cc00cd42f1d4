// Gradient flow's prediction beside the curves, in Chromium: Nielsen's neuron (x = 1 → 0) run from
// its preset shows, per loss, core's gradientFlowEpochs from the start's logit to where the excess
// is 95 % of its start, and the epochs the selected run took to get there. Every expected number is
// computed here: the plateau's end logit by bisection on core's loss, the run by core's train and
// its plateau by a plain loop over its losses.

import { afterEach, describe, expect, it } from 'vitest';
import { builtinLosses as losses, gradientFlowEpochs, train } from '@losslab/core';
import '../../src/components/ll-app.js';
import type { LlApp } from '../../src/components/ll-app.js';
import { deep, deepAll, mount, shadow, waitFor } from './helpers.js';

afterEach(() => document.body.replaceChildren());

const status = (root: LlApp) => shadow(deep(root, 'll-progress'), '.box').dataset.status;

/** The z₁ < z₀ where loss(z₁, 0) = 0.95·loss(z₀, 0), by bisection (both losses rise with z for label 0). */
function plateauEnd(loss: 'se' | 'ce', z0: number): number {
  const target = 0.95 * losses[loss].value(z0, 0);
  let lo = z0 - 50;
  let hi = z0;
  for (let k = 0; k < 200; k++) {
    const mid = (lo + hi) / 2;
    if (losses[loss].value(mid, 0) > target) hi = mid;
    else lo = mid;
  }
  return (lo + hi) / 2;
}

/** The first epoch from which the loss stays ≤ 95 % of its start (the floor is 0 for label 0 under both losses). */
function plateau(values: Float64Array | number[]): number | null {
  let t = values.length;
  while (t > 0 && values[t - 1]! <= 0.95 * values[0]!) t--;
  return t === values.length ? null : t;
}

describe('gradient flow’s prediction of the plateau', () => {
  it('shows core’s gradientFlowEpochs and the selected run’s plateau epochs per loss for Nielsen’s neuron', async () => {
    const root = mount(document.createElement('ll-app')) as LlApp;
    await root.updateComplete;
    shadow(deep(root, 'll-presets'), '#preset-nielsen-neuron').click();
    await waitFor(() => status(root) === 'done', 'the sweep to finish');
    const view = deep(root, 'll-flow-prediction');
    // The preset selects the start (2, 2) at η = 0.15: z₀ = 4.
    for (const loss of ['se', 'ce'] as const) {
      const shown = await waitFor(() => view.shadowRoot?.querySelector<HTMLElement>(`.prediction[data-loss=${loss}]`), `the ${loss} prediction`);
      const z1 = plateauEnd(loss, 4);
      const predicted = gradientFlowEpochs({ loss, x: 1, eta: 0.15, z0: 4, z1 });
      expect(Number(shown.dataset.predicted)).toBeCloseTo(predicted, 6);
      const run = train({ data: { x: [1], y: [0] }, loss, eta: 0.15, w0: 2, b0: 2, epochs: 300 });
      const measured = plateau(run.losses);
      expect(measured).not.toBeNull();
      expect(Number(shown.dataset.measured)).toBe(measured);
      const text = shown.textContent!.replace(/\s+/g, ' ');
      const rounded = predicted >= 10 ? String(Math.round(predicted)) : String(Number(predicted.toPrecision(2)));
      expect(text).toContain(`gradient flow predicts ${rounded} epochs`);
      expect(text).toContain(`this run took ${measured}.`);
      // At η = 0.15 the flow is within a few epochs of the run (squared error: about 117 against 118).
      expect(Math.abs(predicted - measured!)).toBeLessThan(3);
    }
    const why = view.shadowRoot!.querySelector('.why')!;
    expect([...why.querySelectorAll('sup')].map((sup) => sup.textContent)).toEqual(['−z', 'z₀']);
    expect(why.textContent).toContain('grows only like z₀');
  });

  it('is not there for data with more than one point', async () => {
    const root = mount(document.createElement('ll-app')) as LlApp;
    await root.updateComplete;
    shadow(deep(root, 'll-presets'), '#preset-lecture-two-point').click();
    await waitFor(() => status(root) === 'done', 'the sweep to finish');
    await waitFor(() => deep(root, 'll-curves').shadowRoot?.querySelector('.uplot'), 'the curves');
    expect(deepAll(root, 'll-flow-prediction')).toHaveLength(0);
  });
});
