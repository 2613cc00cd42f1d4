import { planSweep } from '@losslab/worker';
import { afterEach, describe, expect, it } from 'vitest';
import '../../src/components/ll-curves.js';
import '../../src/components/ll-gradient-split.js';
import '../../src/components/ll-summary-table.js';
import '../../src/components/ll-sweep-form.js';
import type { LlCurves } from '../../src/components/ll-curves.js';
import type { LlSummaryTable } from '../../src/components/ll-summary-table.js';
import type { LlSweepForm } from '../../src/components/ll-sweep-form.js';
import { curveRange, traceRun } from '../../src/lib/trace.js';
import { saturationSweep } from '../../src/lib/presets.js';
import type { Action } from '../../src/lib/state.js';
import { summarize } from '../../src/lib/summary.js';
import { collect, mount, shadow, typeInto, waitFor } from './helpers.js';

afterEach(() => document.body.replaceChildren());

describe('<ll-sweep-form>', () => {
  it('sends every keystroke as an action, shows issues at their field, and asks to run on submit', async () => {
    const form = document.createElement('ll-sweep-form') as LlSweepForm;
    form.draft = saturationSweep.draft;
    form.issues = [{ field: 'epochs', message: '"x" is not a number' }];
    mount(form);
    await form.updateComplete;
    const epochs = shadow<HTMLInputElement>(form, '#f-epochs');
    expect(epochs.getAttribute('aria-invalid')).toBe('true');
    expect(epochs.getAttribute('aria-describedby')).toBe('f-epochs-issue');
    expect(shadow(form, '#f-epochs-issue').textContent).toBe('"x" is not a number');
    expect(shadow<HTMLLabelElement>(form, 'label[for="f-epochs"]').textContent).toBe('Epochs');
    const actions = collect<Action>('ll-action');
    const runs = collect<null>('ll-run');
    typeInto(epochs, '250');
    shadow<HTMLButtonElement>(form, '#run').click();
    actions.stop();
    runs.stop();
    expect(actions.events).toEqual([{ type: 'set-field', field: 'epochs', value: '250' }]);
    expect(runs.events).toHaveLength(1);
  });

  it('labels every control', async () => {
    const form = document.createElement('ll-sweep-form') as LlSweepForm;
    form.draft = { ...saturationSweep.draft, dataset: { ...saturationSweep.draft.dataset, source: 'csv' } };
    mount(form);
    await form.updateComplete;
    for (const control of form.shadowRoot!.querySelectorAll<HTMLInputElement>('input, select, textarea')) {
      const labelled = (control.labels?.length ?? 0) > 0 || control.getAttribute('aria-label') || control.closest('label');
      expect(labelled, control.outerHTML).toBeTruthy();
    }
  });
});

describe('<ll-summary-table>', () => {
  it('has a row per η with a button that shows it in the heatmaps', async () => {
    const plan = planSweep({ version: 1, dataset: 'toy', losses: ['se', 'ce'], eta: [0.1, 1, 10], init: { w0: [0], b0: [0] }, epochs: 10 });
    const table = document.createElement('ll-summary-table') as LlSummaryTable;
    table.summary = summarize(plan, null);
    table.etaIndex = 1;
    mount(table);
    await table.updateComplete;
    const rows = table.shadowRoot!.querySelectorAll('tbody tr');
    expect(rows).toHaveLength(3);
    expect(rows[1]!.className).toBe('current');
    expect(table.shadowRoot!.querySelectorAll('thead th')).toHaveLength(7);
    const actions = collect<Action>('ll-action');
    rows[2]!.querySelector('button')!.click();
    actions.stop();
    expect(actions.events).toEqual([{ type: 'set-eta-index', index: 2 }]);
  });
});

describe('<ll-curves> and <ll-gradient-split>', () => {
  it('draw the selected runs with uPlot on shared scales', async () => {
    const plan = planSweep({ version: 1, dataset: 'toy', losses: ['se', 'ce'], eta: [1], init: { w0: [-2], b0: [-2] }, epochs: 1000 });
    const traces = [traceRun(plan, { etaIndex: 0, initIndex: 0 }, 0), traceRun(plan, { etaIndex: 0, initIndex: 0 }, 1)];
    const curves = document.createElement('ll-curves') as LlCurves;
    Object.assign(curves, { heading: 'Squared error', traces: [traces[0]], epochs: 1000, logScale: true, yRange: curveRange(traces, true, 0.01) });
    mount(curves);
    const split = document.createElement('ll-gradient-split');
    Object.assign(split, { heading: 'Squared error', loss: 'se', trace: traces[0], epochs: 1000, yRange: [1e-20, 10] });
    mount(split);
    const chart = await waitFor(() => curves.shadowRoot!.querySelector('.uplot'), 'the curves chart');
    expect(chart.querySelectorAll('canvas').length).toBeGreaterThan(0);
    expect(shadow(curves, 'ul').textContent).toContain('plateau 69 epochs, fit from epoch 291');
    expect(shadow(curves, '.chart').getAttribute('aria-label')).toMatch(/Squared error loss curves/);
    await waitFor(() => split.shadowRoot!.querySelector('.uplot'), 'the split chart');
    expect(shadow(split, '.formula').textContent).toContain('ŷ(1 − ŷ)');
  });
});
