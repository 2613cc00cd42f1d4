import { describe, expect, it } from 'vitest';
import { presetById } from '../../src/lib/presets.js';
import { initialState, MAX_SELECTED, primarySelection, reduce, STATE_VERSION, type AppState } from '../../src/lib/state.js';
import { validateDraft } from '../../src/lib/draft.js';

const roundTrip = (state: AppState) => JSON.parse(JSON.stringify(state)) as AppState;

describe('reduce', () => {
  it('starts from the default sweep, nothing run, and is plain JSON', () => {
    const state = initialState();
    expect(state.version).toBe(STATE_VERSION);
    expect(state.run).toBeNull();
    expect(roundTrip(state)).toEqual(state);
  });

  it('sets a form field without touching the rest', () => {
    const state = initialState();
    const next = reduce(state, { type: 'set-field', field: 'epochs', value: '200' });
    expect(next.draft.epochs).toBe('200');
    expect(next.view).toBe(state.view);
    expect(state.draft.epochs).toBe('1000');
  });

  it('loads a preset into the form', () => {
    const next = reduce(initialState(), { type: 'load-preset', preset: 'lecture-two-point' });
    expect(next.draft).toEqual(presetById('lecture-two-point').draft);
  });

  it('launches a sweep: its spec and opening view go into the state, still plain JSON', () => {
    const spec = validateDraft(presetById('lecture-two-point').draft).spec!;
    const next = reduce(initialState(), { type: 'launch', spec, view: { etaIndex: 0, selected: [{ etaIndex: 0, initIndex: 0 }] } });
    expect(next.run).toBe(spec);
    expect(next.view.selected).toEqual([{ etaIndex: 0, initIndex: 0 }]);
    expect(roundTrip(next)).toEqual(next);
  });

  it('replaces, toggles and caps the selection; the last one is primary', () => {
    let state = initialState();
    state = reduce(state, { type: 'select', config: { etaIndex: 1, initIndex: 5 }, mode: 'replace' });
    state = reduce(state, { type: 'select', config: { etaIndex: 1, initIndex: 6 }, mode: 'toggle' });
    expect(primarySelection(state.view)).toEqual({ etaIndex: 1, initIndex: 6 });
    state = reduce(state, { type: 'select', config: { etaIndex: 1, initIndex: 5 }, mode: 'toggle' });
    expect(state.view.selected).toEqual([{ etaIndex: 1, initIndex: 6 }]);
    for (let k = 0; k < 10; k++) state = reduce(state, { type: 'select', config: { etaIndex: 0, initIndex: k }, mode: 'toggle' });
    expect(state.view.selected).toHaveLength(MAX_SELECTED);
    expect(state.view.selected.at(-1)).toEqual({ etaIndex: 0, initIndex: 9 });
    state = reduce(state, { type: 'select', config: { etaIndex: 2, initIndex: 3 }, mode: 'replace' });
    expect(state.view.selected).toEqual([{ etaIndex: 2, initIndex: 3 }]);
    expect(reduce(state, { type: 'clear-selection' }).view.selected).toEqual([]);
  });

  it('changes the view choices', () => {
    let state = initialState();
    state = reduce(state, { type: 'set-eta-index', index: 3 });
    state = reduce(state, { type: 'set-color-by', colorBy: 'excess' });
    state = reduce(state, { type: 'set-log-scale', logScale: false });
    expect(state.view).toMatchObject({ etaIndex: 3, colorBy: 'excess', logScale: false });
    expect(reduce(state, { type: 'set-eta-index', index: 3 })).toBe(state);
  });

  it('refuses out-of-range values, naming them', () => {
    const state = initialState();
    expect(() => reduce(state, { type: 'set-eta-index', index: -1 })).toThrow(/got -1/);
    expect(() => reduce(state, { type: 'select', config: { etaIndex: 0.5, initIndex: 0 }, mode: 'replace' })).toThrow(RangeError);
    expect(() => reduce(state, { type: 'set-color-by', colorBy: 'rainbow' as never })).toThrow(/rainbow/);
    expect(() => reduce(state, { type: 'load-preset', preset: 'nope' as never })).toThrow(/nope/);
  });
  it('opens a whole state at once (a link, an import, a history entry), checking the view', () => {
    const state = initialState();
    const draft = presetById('lecture-five-point').draft;
    const spec = validateDraft(draft).spec!;
    const view = { etaIndex: 2, colorBy: 'excess' as const, logScale: false, selected: [1, 2, 3, 4, 5].map((k) => ({ etaIndex: 0, initIndex: k })) };
    const next = reduce(state, { type: 'open', draft, run: spec, view });
    expect(next.draft).toBe(draft);
    expect(next.run).toBe(spec);
    expect(next.view.selected).toHaveLength(MAX_SELECTED);
    expect(roundTrip(next)).toEqual(next);
    expect(() => reduce(state, { type: 'open', draft, run: null, view: { ...view, etaIndex: -1 } })).toThrow(RangeError);
    expect(() => reduce(state, { type: 'open', draft, run: null, view: { ...view, colorBy: 'bogus' as never } })).toThrow(RangeError);
  });
});
