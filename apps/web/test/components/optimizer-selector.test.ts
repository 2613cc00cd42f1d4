// The optimizer selector in Chromium: a sweep of Nielsen's neuron under gd and Adam; the heatmaps,
// the paired map and their readouts show the runs of the optimizer the view selects, checked
// against core's train with that optimizer, and the selector sends the state action.

import { epochsToFit, train, type OptimizerName } from '@losslab/core';
import { planSweep } from '@losslab/worker';
import { afterEach, describe, expect, it } from 'vitest';
import '../../src/components/ll-heatmaps-section.js';
import type { LlHeatmapsSection } from '../../src/components/ll-heatmaps-section.js';
import type { LlHeatmap } from '../../src/components/ll-heatmap.js';
import type { LlPairedMap } from '../../src/components/ll-paired-map.js';
import { epochsScale } from '../../src/lib/color.js';
import { initPoints } from '../../src/lib/heatmap.js';
import type { Action } from '../../src/lib/state.js';
import { collect, mount, shadow, waitFor } from './helpers.js';
import { computeResult } from '../support/sweep.js';

afterEach(() => document.body.replaceChildren());

const data = { x: [1], y: [0] };
const w0s = [1.5, 2, 3];
const b0s = [2, 3];
const plan = planSweep({ version: 1, dataset: data, losses: ['se', 'ce'], optimizer: ['gd', 'adam'], eta: [0.01], init: { w0: w0s, b0: b0s }, epochs: 800, tolerance: 0.1, curve: 'none' });

/** Epochs until the output stays within 0.1 of the label, from core's train with this optimizer; null if never. */
const fitOf = (loss: 'se' | 'ce', optimizer: OptimizerName, w0: number, b0: number) => epochsToFit(train({ data, loss, optimizer, eta: 0.01, w0, b0, epochs: 800 }).maxErrors, 0.1);

describe('the optimizer selector', () => {
  it('shows the selected optimizer’s runs in the heatmaps’ readout and the paired map, as core’s train computes them', async () => {
    const result = computeResult(plan);
    const section = document.createElement('ll-heatmaps-section') as LlHeatmapsSection;
    Object.assign(section, { plan, result, etaIndex: 0, colorBy: 'epochs', scale: epochsScale(800), points: initPoints(plan), axes: { optimizerIndex: 1, batchIndex: 0, weightDecayIndex: 0 } });
    mount(section);
    await section.updateComplete;
    const se = shadow<LlHeatmap>(section, 'll-heatmap[data-loss="se"]');
    const map = shadow<LlPairedMap>(section, 'll-paired-map');
    await se.updateComplete;
    await map.updateComplete;
    const canvas = shadow<HTMLCanvasElement>(se, 'canvas');
    await waitFor(() => canvas.width > 2, 'the heatmap to be laid out');
    // The keyboard starts at the middle start: init 3 = column 1 (w0 = 2), row 1 (b0 = 3).
    const readout = async () => {
      canvas.blur();
      canvas.focus();
      await se.updateComplete;
      return shadow(se, '[aria-live]').textContent!;
    };
    for (const [optimizerIndex, name] of [[1, 'adam'], [0, 'gd'], [1, 'adam']] as const) {
      section.axes = { optimizerIndex, batchIndex: 0, weightDecayIndex: 0 };
      await section.updateComplete;
      await se.updateComplete;
      await map.updateComplete;
      const expected = fitOf('se', name, 2, 3);
      const text = await readout();
      if (expected === null) expect(text).not.toContain('fit at epoch');
      else expect(text, `${name}: ${text}`).toContain(`fit at epoch ${expected} `);
      // Every start of the paired map: the ratio of this optimizer's two runs.
      w0s.forEach((w0, column) =>
        b0s.forEach((b0, row) => {
          const ts = fitOf('se', name, w0, b0);
          const tc = fitOf('ce', name, w0, b0);
          const ratio = map.comparison!.ratio[column * b0s.length + row]!;
          if (ts !== null && tc !== null) expect(ratio, `${name} at w0 = ${w0}, b0 = ${b0}`).toBe(Math.max(ts, 1) / Math.max(tc, 1));
          else expect(ratio).toBeNaN();
        }),
      );
      expect(shadow(section, '.axis-note').textContent).toContain(`optimizer ${name} (${optimizerIndex + 1} of 2)`);
    }
    // Adam and gd differ here: squared error at w0 = 2, b0 = 3 fits at another epoch.
    expect(fitOf('se', 'adam', 2, 3)).not.toBe(fitOf('se', 'gd', 2, 3));
  });

  it('is a slider like η’s: moving it asks for the optimizer’s index; one optimizer shows none', async () => {
    const section = document.createElement('ll-heatmaps-section') as LlHeatmapsSection;
    Object.assign(section, { plan, result: null, etaIndex: 0, colorBy: 'epochs', scale: epochsScale(800), points: initPoints(plan) });
    mount(section);
    await section.updateComplete;
    const slider = shadow<HTMLInputElement>(section, '#axis-optimizer');
    expect(shadow(section, '.axis-choice[data-axis="optimizer"] output').textContent).toMatch(/gd\s*\(1 of 2\)/);
    const actions = collect<Action>('ll-action');
    slider.value = '1';
    slider.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    actions.stop();
    expect(actions.events).toEqual([{ type: 'set-axis-index', axis: 'optimizer', index: 1 }]);
    section.plan = planSweep({ version: 1, dataset: data, losses: ['se', 'ce'], eta: [0.01], init: { w0: w0s, b0: b0s }, epochs: 10, curve: 'none' });
    await section.updateComplete;
    expect(section.shadowRoot!.querySelector('#axis-optimizer')).toBeNull();
  });
});
