// Step mode's update arrow on the loss surfaces, in Chromium: at every scrubbed epoch k each
// loss's surface draws an arrow from the parameters at k to those at k + 1, as core's train
// computes them here (plain descent and momentum, where the step is not −η∇L), mapped through the
// surface's window by a formula written out in this test.

import { train, toy } from '@losslab/core';
import { planSweep } from '@losslab/worker';
import { afterEach, describe, expect, it } from 'vitest';
import '../../src/components/ll-step-mode.js';
import type { LlStepMode } from '../../src/components/ll-step-mode.js';
import type { LlSurface } from '../../src/components/ll-surface.js';
import { surfacePair, type SurfaceMap } from '../../src/lib/surface.js';
import { mount, shadow } from './helpers.js';

afterEach(() => document.body.replaceChildren());

/** A fixed window about the lecture's runs (wider than the paths, so both endpoints are inside). */
const extent = { w: [-4, 6] as [number, number], b: [-5, 3] as [number, number] };

/** (w, b) → the surface's grid coordinates: sample i of `size` sits at i + 0.5 over the window. */
function gridOf(map: SurfaceMap, w: number, b: number): [number, number] {
  const gx = 0.5 + (map.width - 1) * ((w - extent.w[0]) / (extent.w[1] - extent.w[0]));
  const gy = 0.5 + (map.height - 1) * ((b - extent.b[0]) / (extent.b[1] - extent.b[0]));
  return [gx, gy];
}

async function scrubTo(mode: LlStepMode, k: number): Promise<void> {
  const slider = shadow<HTMLInputElement>(mode, '#step-scrub');
  slider.value = String(k);
  slider.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await mode.updateComplete;
}

async function surfaceOf(mode: LlStepMode, loss: 'se' | 'ce'): Promise<LlSurface> {
  const surface = mode.shadowRoot!.querySelector<LlSurface>(`.pair > div[data-loss=${loss}] ll-surface`)!;
  await surface.updateComplete;
  return surface;
}

const cases = [
  { name: 'plain descent', optimizer: 'gd' as const, eta: 1 },
  { name: 'momentum (its step is not −η∇L)', optimizer: 'momentum' as const, eta: 0.5 },
];

describe('<ll-step-mode> update arrow on the surfaces', () => {
  for (const { name, optimizer, eta } of cases) {
    it(`draws the step from epoch k to k + 1 of core’s train at each scrubbed epoch: ${name}`, async () => {
      const plan = planSweep({ version: 1, dataset: 'toy', losses: ['se', 'ce'], eta: [eta], init: { w0: [-2], b0: [-2] }, epochs: 300, optimizer: [optimizer] });
      const surfaces = surfacePair(plan, extent);
      const mode = document.createElement('ll-step-mode') as LlStepMode;
      Object.assign(mode, { plan, config: { etaIndex: 0, initIndex: 0, optimizerIndex: 0 }, surfaces, yRange: [0, 1], logScale: false });
      mount(mode);
      await mode.updateComplete;
      for (const loss of ['se', 'ce'] as const) {
        const reference = train({ data: toy, loss, eta, w0: -2, b0: -2, epochs: 300, optimizer });
        const map = surfaces.maps.find((m) => m.loss === loss)!;
        for (const k of [0, 1, 40, 137, 299]) {
          await scrubTo(mode, k);
          const surface = await surfaceOf(mode, loss);
          const line = surface.shadowRoot!.querySelector('line.update-line');
          expect(line, `${loss} arrow at epoch ${k}`).not.toBeNull();
          const [x1, y1] = gridOf(map, reference.pathW[k]!, reference.pathB[k]!);
          const [x2, y2] = gridOf(map, reference.pathW[k + 1]!, reference.pathB[k + 1]!);
          expect(Number(line!.getAttribute('x1'))).toBeCloseTo(x1, 9);
          expect(Number(line!.getAttribute('y1'))).toBeCloseTo(y1, 9);
          expect(Number(line!.getAttribute('x2'))).toBeCloseTo(x2, 9);
          expect(Number(line!.getAttribute('y2'))).toBeCloseTo(y2, 9);
          // The head's tip is the arrow's end (it points at epoch k + 1's parameters).
          const tip = surface.shadowRoot!.querySelector('polygon.update-head')!.getAttribute('points')!.split(' ')[0]!.split(',').map(Number);
          expect(tip[0]).toBeCloseTo(x2, 9);
          expect(tip[1]).toBeCloseTo(y2, 9);
          // The current point (the path's epoch marker) is where the arrow starts.
          const marker = surface.shadowRoot!.querySelector('circle.epoch-marker')!;
          expect(Number(marker.getAttribute('cx'))).toBeCloseTo(x1, 9);
          expect(Number(marker.getAttribute('cy'))).toBeCloseTo(y1, 9);
          expect(surface.shadowRoot!.querySelector('.update-readout')!.textContent).toContain(`the step to epoch ${k + 1}`);
        }
      }
      // After the last epoch there is no step to draw.
      await scrubTo(mode, 300);
      for (const loss of ['se', 'ce'] as const) expect((await surfaceOf(mode, loss)).shadowRoot!.querySelector('line.update-line')).toBeNull();
    });
  }
});
