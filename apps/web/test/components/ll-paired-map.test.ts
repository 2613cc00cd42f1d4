// The paired map in Chromium: each start's colour is the ratio of the two losses' epochs to fit,
// computed here from core's train; one-sided starts say which loss fit; keys move the cell and
// Enter selects it in every view (an ll-action, as the heatmaps send).

import { epochsToFit, train } from '@losslab/core';
import { planSweep } from '@losslab/worker';
import { interpolatePuOr } from 'd3-scale-chromatic';
import { afterEach, describe, expect, it } from 'vitest';
import '../../src/components/ll-paired-map.js';
import type { LlPairedMap } from '../../src/components/ll-paired-map.js';
import { initPoints } from '../../src/lib/heatmap.js';
import type { Action } from '../../src/lib/state.js';
import { collect, mount, shadow, waitFor } from './helpers.js';
import { computeResult } from '../support/sweep.js';

afterEach(() => document.body.replaceChildren());

const toy = { x: [0.5, 2.5], y: [0.2, 0.9] };
const axis = [-4, 0, 4];
const plan = planSweep({ version: 1, dataset: 'toy', losses: ['se', 'ce'], eta: [1], init: { w0: axis, b0: axis }, epochs: 400, tolerance: 0.05, curve: 'none' });

/** Epochs to fit of one run from core's train, null when it never fits. */
const fit = (loss: 'se' | 'ce', w0: number, b0: number) => epochsToFit(train({ data: toy, loss, eta: 1, w0, b0, epochs: 400 }).maxErrors, 0.05);

async function setup() {
  const result = computeResult(plan);
  const map = document.createElement('ll-paired-map') as LlPairedMap;
  Object.assign(map, { plan, result, etaIndex: 0, points: initPoints(plan) });
  map.style.width = '240px';
  mount(map);
  await map.updateComplete;
  const canvas = shadow<HTMLCanvasElement>(map, 'canvas');
  await waitFor(() => canvas.width > 2 && canvas.getContext('2d')!.getImageData(1, 1, 1, 1).data[3] === 255, 'the paired map to paint');
  return { map, canvas };
}

describe('<ll-paired-map>', () => {
  it('colours each start where both losses fit by log(se epochs / ce epochs) on PuOr, and names one-sided starts', async () => {
    const { map, canvas } = await setup();
    const ctx = canvas.getContext('2d')!;
    let both = 0;
    let onlyCe = 0;
    axis.forEach((w0, column) =>
      axis.forEach((b0, row) => {
        const k = column * 3 + row;
        const ts = fit('se', w0, b0);
        const tc = fit('ce', w0, b0);
        if (ts !== null && tc !== null) {
          both++;
          const ratio = Math.max(ts, 1) / Math.max(tc, 1);
          // The scale written out: log10 of the ratio over [−2, 2] onto PuOr, cross-entropy faster
          // (ratio > 1) towards PuOr's purple end (its 0), squared error faster towards orange.
          const t = Math.min(1, Math.max(0, 0.5 - Math.log10(ratio) / 4));
          const expected = interpolatePuOr(t).match(/\d+/g)!.map(Number);
          // Purple has more blue than red; here cross-entropy is always the faster one.
          if (ratio > 1.5) expect(expected[2]!).toBeGreaterThan(expected[0]!);
          const x = Math.floor(((column + 0.5) * canvas.width) / 3);
          const y = Math.floor(((2 - row + 0.5) * canvas.height) / 3);
          const pixel = Array.from(ctx.getImageData(x, y, 1, 1).data.slice(0, 3));
          expect(pixel, `colour of w0 = ${w0}, b0 = ${b0} (ratio ${ratio})`).toEqual(expected);
          expect(map.comparison!.ratio[k]).toBe(ratio);
          expect(map.describe(k)).toContain(`cross-entropy ${Number((ratio).toPrecision(3))}× faster`);
        } else if (tc !== null) {
          onlyCe++;
          expect(map.describe(k)).toMatch(/only cross-entropy fit: squared error (stuck|stalled|still descending|oscillating)/);
        }
      }),
    );
    // This grid has both kinds (squared error stays saturated from the corners at w0 = −4).
    expect(both).toBeGreaterThan(2);
    expect(onlyCe).toBeGreaterThan(0);
    expect(shadow(map, '.counts').textContent).toMatch(new RegExp(`cross-entropy first from ${both + onlyCe}`));
  });

  it('moves with arrows, Home/End and PageUp/PageDown, reads each start out, and selects it with Enter', async () => {
    const { map, canvas } = await setup();
    const actions = collect<Action>('ll-action');
    canvas.focus();
    const key = (k: string) => canvas.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, composed: true }));
    // Focus starts at the middle start (init 4: w0 = 0, b0 = 0).
    await waitFor(() => shadow(map, '.readout').textContent!.startsWith('w0 = 0, b0 = 0'), 'the readout of the middle start');
    key('Home'); // column 0 → init 1 (w0 = −4, b0 = 0)
    key('PageUp'); // top row → init 2 (w0 = −4, b0 = 4)
    key('Enter');
    key('End'); // last column → init 8 (w0 = 4, b0 = 4)
    key('PageDown'); // bottom row → init 6 (w0 = 4, b0 = −4)
    key('ArrowUp'); // → init 7 (w0 = 4, b0 = 0)
    key('ArrowLeft'); // → init 4
    key('ArrowLeft'); // → init 1
    key('Enter');
    actions.stop();
    expect(actions.events).toEqual([
      { type: 'select', config: { etaIndex: 0, initIndex: 2 }, mode: 'replace' },
      { type: 'select', config: { etaIndex: 0, initIndex: 1 }, mode: 'replace' },
    ]);
    await map.updateComplete;
    const tc = fit('ce', -4, 0)!;
    expect(fit('se', -4, 0)).toBeNull();
    expect(shadow(map, '.readout').textContent).toMatch(new RegExp(`^w0 = −4, b0 = 0: only cross-entropy fit: squared error \\w.*, cross-entropy fit at epoch ${tc}$`));
  });
});
