import { describe, expect, it } from 'vitest';
import { toy, train } from '@losslab/core';
import { planSweep, runConfig, runIndex } from '@losslab/worker';
import { configRun, runTrainOptions } from '../../src/lib/config-run.js';
import { validateDraft } from '../../src/lib/draft.js';
import { outcomeText, startReadout } from '../../src/lib/live-run.js';
import { reproduceSnippet } from '../../src/lib/export.js';
import { presetById } from '../../src/lib/presets.js';
import { initialState, isMoved, reduce, sameConfig, type AppState } from '../../src/lib/state.js';
import { roundStart, startStep } from '../../src/lib/surface.js';
import { traceRun } from '../../src/lib/trace.js';
import { parseUrlState, serializeUrlState } from '../../src/lib/url-state.js';

const plan = planSweep({ version: 1, dataset: 'toy', losses: ['se', 'ce'], eta: [0.5, 1], init: { w0: [-2, 1], b0: [-2, 3] }, epochs: 120, curve: 'none' });

function selected(config: AppState['view']['selected'][number]): AppState {
  const state = initialState();
  return { ...state, view: { ...state.view, selected: [{ etaIndex: 0, initIndex: 0 }, config] } };
}

describe('a start and η moved by hand', () => {
  it('move-start, set-run-eta and restore-run change only the primary selected config', () => {
    const before = selected({ etaIndex: 1, initIndex: 3, optimizerIndex: 0 });
    const moved = reduce(before, { type: 'move-start', w0: 0.25, b0: -1.5 });
    expect(moved.view.selected).toEqual([{ etaIndex: 0, initIndex: 0 }, { etaIndex: 1, initIndex: 3, optimizerIndex: 0, w0: 0.25, b0: -1.5 }]);
    expect(moved.view.selected[0]).toBe(before.view.selected[0]);
    const faster = reduce(moved, { type: 'set-run-eta', eta: 2.5 });
    expect(faster.view.selected.at(-1)).toEqual({ etaIndex: 1, initIndex: 3, optimizerIndex: 0, w0: 0.25, b0: -1.5, eta: 2.5 });
    expect(isMoved(faster.view.selected.at(-1)!)).toBe(true);
    const restored = reduce(faster, { type: 'restore-run' });
    expect(restored.view.selected.at(-1)).toEqual({ etaIndex: 1, initIndex: 3, optimizerIndex: 0 });
    expect(isMoved(restored.view.selected.at(-1)!)).toBe(false);
    // Without a selection there is no run to move.
    const none = initialState();
    expect(reduce(none, { type: 'move-start', w0: 1, b0: 1 })).toBe(none);
    expect(reduce(none, { type: 'set-run-eta', eta: 1 })).toBe(none);
  });

  it('refuses a start or η that is not a finite number (η > 0), naming it', () => {
    const state = selected({ etaIndex: 0, initIndex: 0 });
    expect(() => reduce(state, { type: 'move-start', w0: Number.NaN, b0: 0 })).toThrow(/w0 must be a finite number, got NaN/);
    expect(() => reduce(state, { type: 'move-start', w0: 0, b0: Infinity })).toThrow(/b0 must be a finite number, got Infinity/);
    expect(() => reduce(state, { type: 'set-run-eta', eta: 0 })).toThrow(RangeError);
    expect(() => reduce(state, { type: 'set-run-eta', eta: -1 })).toThrow(/η must be a finite number > 0, got -1/);
  });

  it('sameConfig tells moved runs apart', () => {
    expect(sameConfig({ etaIndex: 0, initIndex: 1 }, { etaIndex: 0, initIndex: 1, optimizerIndex: 0 })).toBe(true);
    expect(sameConfig({ etaIndex: 0, initIndex: 1 }, { etaIndex: 0, initIndex: 1, w0: 2 })).toBe(false);
    expect(sameConfig({ etaIndex: 0, initIndex: 1, eta: 2 }, { etaIndex: 0, initIndex: 1, eta: 3 })).toBe(false);
    expect(sameConfig(null, null)).toBe(true);
    expect(sameConfig(null, { etaIndex: 0, initIndex: 0 })).toBe(false);
  });

  it('configRun trains the config from the moved start at the moved η, and the trace equals core’s train from there', () => {
    const base = runConfig(plan, runIndex(plan, { lossIndex: 0, optimizerIndex: 0, etaIndex: 1, batchIndex: 0, weightDecayIndex: 0, initIndex: 3 }));
    const run = configRun(plan, { etaIndex: 1, initIndex: 3, w0: 0.75, b0: -4, eta: 3.5 }, 0);
    expect(run.index).toBe(base.index);
    expect(Array.from(run.w0)).toEqual([0.75]);
    expect(run.b0).toBe(-4);
    expect(run.eta).toBe(3.5);
    // The sweep's own run is untouched (its w0 array is not shared).
    expect(Array.from(base.w0)).toEqual([1]);
    expect(runTrainOptions(plan, run)).toMatchObject({ eta: 3.5, w0: Float64Array.of(0.75), b0: -4, epochs: 120, loss: 'se' });
    for (const [lossIndex, loss] of [[0, 'se'], [1, 'ce']] as const) {
      const trace = traceRun(plan, { etaIndex: 1, initIndex: 3, w0: 0.75, b0: -4, eta: 3.5 }, lossIndex);
      const expected = train({ data: toy, loss, eta: 3.5, epochs: 120, w0: [0.75], b0: -4, reduction: 'sum' });
      expect(trace.pathW.at(-1)).toBe(expected.w[0]);
      expect(trace.pathB.at(-1)).toBe(expected.b);
      expect(Array.from(trace.maxError)).toEqual(Array.from(expected.maxErrors));
      expect([trace.w0, trace.b0, trace.eta]).toEqual([0.75, -4, 3.5]);
    }
    // Only η moved: the axis start stays.
    expect(configRun(plan, { etaIndex: 0, initIndex: 1, eta: 0.2 }, 1)).toMatchObject({ eta: 0.2, b0: 3 });
  });

  it('the reproduce snippet trains from the moved start at the moved η and says it was moved', () => {
    const snippet = reproduceSnippet(plan, { etaIndex: 1, initIndex: 3, w0: 0.75, b0: -4, eta: 3.5 });
    expect(snippet).toContain('eta: 3.5, w0: 0.75, b0: -4, epochs: 120');
    expect(snippet.split('\n')[0]).toMatch(/^\/\/ losslab: η = 3\.5, w0 = 0\.75, b0 = -4 \(moved by hand from runs 7 and 15 of the sweep\)/);
    expect(reproduceSnippet(plan, { etaIndex: 1, initIndex: 3 })).not.toContain('moved');
  });

  it('the keyboard step is the grid spacing, or a 1-2-5 step near 1/24 of the window for one start', () => {
    const extent = { w: [-7, 5] as [number, number], b: [-3, 3] as [number, number] };
    expect(startStep(plan, extent)).toEqual({ w: 3, b: 5 });
    const one = planSweep({ version: 1, dataset: 'toy', losses: ['se'], eta: [1], init: { w0: [-2], b0: [-2] }, epochs: 10, curve: 'none' });
    // 12/24 = 0.5 → 0.5; 6/24 = 0.25 → 0.2.
    expect(startStep(one, extent)).toEqual({ w: 0.5, b: 0.2 });
    expect(startStep(one, { w: [0, 1], b: [0, 100] })).toEqual({ w: 0.02, b: 2 });
  });

  it('rounds a dragged start to two decimals past the step’s first digit', () => {
    expect(roundStart(1.23456, 0.387)).toBe(1.23);
    expect(roundStart(-0.0004, 0.2)).toBe(0);
    expect(Object.is(roundStart(-0.0004, 0.2), -0)).toBe(false);
    expect(roundStart(12.3456, 3)).toBe(12.3);
    expect(roundStart(0.0123456, 0.002)).toBe(0.0123);
  });

  it('the link carries the moved start and η of the primary run, and drops bad ones with a reason', () => {
    const preset = presetById('lecture-two-point');
    let state = reduce(initialState(), { type: 'load-preset', preset: preset.id });
    const { spec } = validateDraft(state.draft);
    if (!spec) throw new Error('the preset does not validate');
    state = reduce(state, { type: 'launch', spec, view: { etaIndex: 0, selected: [{ etaIndex: 0, initIndex: 0 }] } });
    state = reduce(state, { type: 'move-start', w0: 0.1 + 0.2, b0: -1.25 });
    state = reduce(state, { type: 'set-run-eta', eta: 2.5 });
    const query = serializeUrlState(state, true);
    expect(query).toContain('sw0=0.30000000000000004');
    expect(query).toContain('sb0=-1.25');
    expect(query).toContain('seta=2.5');
    const read = parseUrlState(query);
    expect(read.dropped).toEqual([]);
    expect(read.state.view.selected).toEqual([{ etaIndex: 0, initIndex: 0, w0: 0.1 + 0.2, b0: -1.25, eta: 2.5 }]);
    const bad = parseUrlState(query.replace('seta=2.5', 'seta=-3').replace('sb0=-1.25', 'sb0=abc'));
    expect(bad.dropped.map((d) => d.key).sort()).toEqual(['sb0', 'seta']);
    expect(bad.dropped.find((d) => d.key === 'seta')!.reason).toMatch(/η, a number > 0, got "-3"/);
    expect(bad.state.view.selected).toEqual([{ etaIndex: 0, initIndex: 0, w0: 0.1 + 0.2 }]);
    const alone = parseUrlState('?v=1&sw0=1');
    expect(alone.dropped).toEqual([{ key: 'sw0', reason: 'needs a selected run (sel), got "1"' }]);
  });

  it('words both runs’ outcomes', () => {
    expect(outcomeText({ divergedAt: 12, epochsToFit: null, epochsRun: 12 })).toBe('diverges at epoch 12');
    expect(outcomeText({ divergedAt: null, epochsToFit: 1234, epochsRun: 2000 })).toBe('fits within ε from epoch 1,234');
    expect(outcomeText({ divergedAt: null, epochsToFit: null, epochsRun: 1000 })).toBe('not fit within ε in 1,000 epochs');
    const se = traceRun(plan, { etaIndex: 1, initIndex: 0 }, 0);
    const ce = traceRun(plan, { etaIndex: 1, initIndex: 0 }, 1);
    expect(startReadout({ se, ce })).toBe(`Start (w0, b0) = (−2, −2), η = 1: squared error ${outcomeText(se)}; cross-entropy ${outcomeText(ce)}.`);
    expect(startReadout({ se: null, ce: null })).toBe('');
  });
});
