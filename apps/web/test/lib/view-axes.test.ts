// The optimizer, batch-size and weight-decay selection as state: the reducer's action, selections
// that carry the shown axes, links that keep them (and refuse indices outside the sweep).

import { planSweep, runIndex } from '@losslab/worker';
import { describe, expect, it } from 'vitest';
import { configRun } from '../../src/lib/config-run.js';
import { initialState, reduce } from '../../src/lib/state.js';
import { parseUrlState, serializeUrlState } from '../../src/lib/url-state.js';
import { axisChoices, selectionConfig, shownAxes } from '../../src/lib/view-axes.js';

const spec = { version: 1, dataset: 'toy', losses: ['se', 'ce'], optimizer: ['gd', 'momentum', 'adam'], eta: [0.1, 1], batchSize: [2, 1], weightDecay: [0, 0.5], init: { w0: [-2, 0], b0: [-2, 0] }, epochs: 10 } as const;
const plan = planSweep(spec);

describe('view axes', () => {
  it('sets and clears an axis index through the reducer, refusing a bad one by name', () => {
    let state = reduce(initialState(), { type: 'set-axis-index', axis: 'optimizer', index: 2 });
    expect(state.view.optimizerIndex).toBe(2);
    state = reduce(state, { type: 'set-axis-index', axis: 'weightDecay', index: 1 });
    expect(shownAxes(plan, state.view)).toEqual({ optimizerIndex: 2, batchIndex: 0, weightDecayIndex: 1 });
    expect(reduce(state, { type: 'set-axis-index', axis: 'optimizer', index: 2 })).toBe(state);
    expect('optimizerIndex' in reduce(state, { type: 'set-axis-index', axis: 'optimizer', index: 0 }).view).toBe(false);
    expect(() => reduce(state, { type: 'set-axis-index', axis: 'optimizer', index: -1 })).toThrow(/optimizerIndex must be an integer ≥ 0, got -1/);
    // Clamped to a plan with fewer values.
    expect(shownAxes(planSweep({ ...spec, optimizer: ['gd'] }), state.view).optimizerIndex).toBe(0);
  });

  it('selects the run of the shown axes: the config names the index the test computes', () => {
    const config = selectionConfig(1, 3, { optimizerIndex: 2, batchIndex: 1, weightDecayIndex: 0 });
    expect(config).toEqual({ etaIndex: 1, initIndex: 3, optimizerIndex: 2, batchIndex: 1 });
    const state = reduce(initialState(), { type: 'select', config, mode: 'replace' });
    expect(state.view.selected).toEqual([config]);
    // The same η and start under another optimizer is another config: toggling adds it.
    const both = reduce(state, { type: 'select', config: { etaIndex: 1, initIndex: 3 }, mode: 'toggle' });
    expect(both.view.selected).toHaveLength(2);
    const run = configRun(plan, config, 1);
    expect(run.index).toBe(runIndex(plan, { lossIndex: 1, optimizerIndex: 2, etaIndex: 1, batchIndex: 1, weightDecayIndex: 0, initIndex: 3 }));
    expect(run.optimizer.name).toBe('adam');
    expect(selectionConfig(0, 0, { optimizerIndex: 0, batchIndex: 0, weightDecayIndex: 0 })).toEqual({ etaIndex: 0, initIndex: 0 });
  });

  it('keeps the shown axes and the selection’s axes in a link, and drops indices outside the sweep with a reason', () => {
    const opened = parseUrlState('?v=1&opt=gd%2C+momentum%2C+adam&batch=2%2C+1&wd=0%2C+0.5&eta.mode=list&eta.list=0.1%2C+1&w0.mode=list&w0.list=-2%2C+0&b0.mode=list&b0.list=-2%2C+0&epochs=10');
    expect(opened.dropped).toEqual([]);
    let state = reduce(opened.state, { type: 'set-axis-index', axis: 'optimizer', index: 2 });
    state = reduce(state, { type: 'set-axis-index', axis: 'batch', index: 1 });
    state = reduce(state, { type: 'select', config: { etaIndex: 1, initIndex: 3, optimizerIndex: 2, batchIndex: 1 }, mode: 'replace' });
    const link = serializeUrlState(state, false);
    expect(link).toContain('oi=2');
    expect(link).toContain('bi=1');
    expect(link).toContain('sel=1.3.2.1.0');
    const back = parseUrlState(link);
    expect(back.dropped).toEqual([]);
    expect(back.state.view).toMatchObject({ optimizerIndex: 2, batchIndex: 1, selected: [{ etaIndex: 1, initIndex: 3, optimizerIndex: 2, batchIndex: 1 }] });
    const bad = parseUrlState(`${link.replace('oi=2', 'oi=3')}&wi=9`);
    expect(bad.dropped.map((d) => d.key).sort()).toEqual(['oi', 'wi']);
    expect(bad.dropped.find((d) => d.key === 'oi')!.reason).toMatch(/from 0 to 2 on the sweep's optimizer axis, got "3"/);
    expect(parseUrlState(link.replace('sel=1.3.2.1.0', 'sel=1.3.5.0.0')).dropped.map((d) => d.key)).toEqual(['sel']);
  });

  it('offers a selector only for axes with several values', () => {
    expect(axisChoices(plan).map((c) => [c.axis, c.labels])).toEqual([
      ['optimizer', ['gd', 'momentum (momentum = 0.9)', 'adam (beta1 = 0.9, beta2 = 0.999, eps = 1e-8)']],
      ['batch', ['2 (whole dataset)', '1']],
      ['weightDecay', ['0', '0.5']],
    ]);
    expect(axisChoices(planSweep({ version: 1, dataset: 'toy', losses: ['se'], eta: [1], init: { w0: [0], b0: [0] }, epochs: 5 }))).toEqual([]);
  });
});
