import { describe, expect, it } from 'vitest';
import { draftValue, setDraftField, validateDraft, type DraftField } from '../../src/lib/draft.js';
import { presets } from '../../src/lib/presets.js';
import { initialState, reduce, type AppState } from '../../src/lib/state.js';
import { CSV_OMITTED_KEY, DRAFT_PROPERTIES, MAX_URL_CSV_CHARS, parseUrlState, serializeUrlState, urlCarriesCsv } from '../../src/lib/url-state.js';

/** A valid value for each form field that differs from the default (with the fields it needs to count). */
const CHANGES: Record<DraftField, { value: string | boolean; with?: Partial<Record<DraftField, string | boolean>> }> = {
  'dataset.source': { value: 'generated' },
  'dataset.builtin': { value: 'five-point' },
  'dataset.generator': { value: 'two-classes', with: { 'dataset.source': 'generated' } },
  'dataset.n': { value: '50', with: { 'dataset.source': 'generated' } },
  'dataset.seed': { value: '7', with: { 'dataset.source': 'generated' } },
  'dataset.noise': { value: '0.25', with: { 'dataset.source': 'generated' } },
  'dataset.d': { value: '3', with: { 'dataset.source': 'generated', 'dataset.generator': 'two-classes' } },
  'dataset.separation': { value: '1.5', with: { 'dataset.source': 'generated', 'dataset.generator': 'two-classes' } },
  'dataset.threshold': { value: '0.5', with: { 'dataset.source': 'generated' } },
  'dataset.range': { value: '2', with: { 'dataset.source': 'generated' } },
  'dataset.csvName': { value: 'points.csv', with: { 'dataset.source': 'csv', 'dataset.csvText': '0.5,0.2\n2.5,0.9' } },
  'dataset.csvText': { value: '0.5,0.2\n2.5,0.9\n1,1', with: { 'dataset.source': 'csv' } },
  'losses.se': { value: false },
  'losses.ce': { value: false },
  'eta.mode': { value: 'list' },
  'eta.list': { value: '0.1, 1', with: { 'eta.mode': 'list' } },
  'eta.from': { value: '0.02' },
  'eta.to': { value: '5' },
  'eta.count': { value: '8' },
  'eta.scale': { value: 'linear' },
  'init.mode': { value: 'random' },
  'init.w0.mode': { value: 'list' },
  'init.w0.list': { value: '-1, 1', with: { 'init.w0.mode': 'list' } },
  'init.w0.from': { value: '-3' },
  'init.w0.to': { value: '3' },
  'init.w0.count': { value: '4' },
  'init.w0.scale': { value: 'log', with: { 'init.w0.from': '0.1', 'init.w0.to': '2' } },
  'init.b0.mode': { value: 'list' },
  'init.b0.list': { value: '0', with: { 'init.b0.mode': 'list' } },
  'init.b0.from': { value: '-1' },
  'init.b0.to': { value: '1' },
  'init.b0.count': { value: '3' },
  'init.b0.scale': { value: 'log', with: { 'init.b0.from': '0.5', 'init.b0.to': '2' } },
  'init.scheme': { value: 'uniform', with: { 'init.mode': 'random' } },
  'init.parameter': { value: '2', with: { 'init.mode': 'random' } },
  'init.count': { value: '16', with: { 'init.mode': 'random' } },
  'init.seed': { value: '3', with: { 'init.mode': 'random' } },
  optimizer: { value: 'gd, adam:beta1=0.8' },
  batchSize: { value: '1' },
  weightDecay: { value: '0, 0.01' },
  epochs: { value: '200' },
  reduction: { value: 'mean' },
  tolerance: { value: '0.05' },
};

function stateWith(field: DraftField): AppState {
  const change = CHANGES[field];
  let state = initialState();
  for (const [other, value] of Object.entries(change.with ?? {})) state = reduce(state, { type: 'set-field', field: other as DraftField, value: value! });
  return reduce(state, { type: 'set-field', field, value: change.value });
}

describe('URL state', () => {
  it('has a property for every form field, each with its own key', () => {
    expect(new Set(DRAFT_PROPERTIES.map((p) => p.key)).size).toBe(DRAFT_PROPERTIES.length);
    expect(DRAFT_PROPERTIES.map((p) => p.field).sort()).toEqual(Object.keys(CHANGES).sort());
  });

  it('writes the version only for the defaults, and a bare URL opens the defaults silently', () => {
    expect(serializeUrlState(initialState(), false)).toBe('?v=1');
    expect(parseUrlState('')).toEqual({ state: initialState(), run: false, dropped: [], present: false });
    expect(parseUrlState('?v=1')).toMatchObject({ state: initialState(), dropped: [] });
  });

  for (const property of DRAFT_PROPERTIES) {
    it(`round-trips the form field ${property.field} (?${property.key}=…)`, () => {
      const state = stateWith(property.field);
      expect(validateDraft(state.draft).issues).toEqual([]);
      const query = serializeUrlState(state, false);
      expect(new URLSearchParams(query).has(property.key)).toBe(true);
      const parsed = parseUrlState(query);
      expect(parsed.dropped).toEqual([]);
      expect(draftValue(parsed.state.draft, property.field)).toEqual(CHANGES[property.field].value);
      expect(parsed.state.draft).toEqual(state.draft);
    });
  }

  it('round-trips the view choices and the run flag, with the spec the form plans', () => {
    let state = reduce(initialState(), { type: 'set-color-by', colorBy: 'excess' });
    state = reduce(state, { type: 'set-log-scale', logScale: false });
    const spec = validateDraft(state.draft).spec!;
    state = reduce(state, { type: 'launch', spec, view: { etaIndex: 5, selected: [{ etaIndex: 5, initIndex: 100 }, { etaIndex: 2, initIndex: 1023 }] } });
    const query = serializeUrlState(state, true);
    expect(query).toBe('?v=1&ei=5&color=excess&log=0&sel=5.100_2.1023&run=1');
    const parsed = parseUrlState(query);
    expect(parsed.dropped).toEqual([]);
    expect(parsed.run).toBe(true);
    expect(parsed.state).toEqual(state);
  });

  it('round-trips every preset, run', () => {
    for (const preset of presets) {
      let state = reduce(initialState(), { type: 'load-preset', preset: preset.id });
      state = reduce(state, { type: 'launch', spec: validateDraft(state.draft).spec!, view: { etaIndex: 0, selected: [{ etaIndex: 0, initIndex: 0 }] } });
      expect(parseUrlState(serializeUrlState(state, true)).state).toEqual(state);
    }
  });

  it('round-trips CSV text with commas, newlines and characters that need escaping', () => {
    let state = initialState();
    state = reduce(state, { type: 'set-field', field: 'dataset.source', value: 'csv' });
    state = reduce(state, { type: 'set-field', field: 'dataset.csvText', value: '0.5, 0.2\n+2.5,0.9\n1e0,1' });
    state = reduce(state, { type: 'set-field', field: 'dataset.csvName', value: 'a&b=c.csv' });
    const parsed = parseUrlState(serializeUrlState(state, false));
    expect(parsed.state.draft).toEqual(state.draft);
  });

  it('carries a CSV up to MAX_URL_CSV_CHARS characters; a longer one is left out, and the link says so and opens without running', () => {
    // Rows "0.5,0.2\n" are 8 characters: 2,500 of them are exactly the limit, one more is over it.
    const csvState = (rows: number) => {
      let state = initialState();
      state = reduce(state, { type: 'set-field', field: 'dataset.source', value: 'csv' });
      state = reduce(state, { type: 'set-field', field: 'dataset.csvText', value: '0.5,0.2\n'.repeat(rows) });
      state = reduce(state, { type: 'set-field', field: 'dataset.csvName', value: 'big.csv' });
      state = reduce(state, { type: 'set-field', field: 'epochs', value: '300' });
      return reduce(state, { type: 'launch', spec: validateDraft(state.draft).spec!, view: { etaIndex: 0, selected: [] } });
    };
    const fits = csvState(MAX_URL_CSV_CHARS / 8);
    expect(fits.draft.dataset.csvText.length).toBe(MAX_URL_CSV_CHARS);
    expect(urlCarriesCsv(fits.draft)).toBe(true);
    const fitsQuery = serializeUrlState(fits, true);
    expect(new URLSearchParams(fitsQuery).get('csv')).toBe(fits.draft.dataset.csvText);
    expect(parseUrlState(fitsQuery).state.draft).toEqual(fits.draft);

    const over = csvState(MAX_URL_CSV_CHARS / 8 + 1);
    expect(urlCarriesCsv(over.draft)).toBe(false);
    const query = serializeUrlState(over, true);
    const params = new URLSearchParams(query);
    expect(params.get('csv')).toBeNull();
    expect(params.get(CSV_OMITTED_KEY)).toBe(String(MAX_URL_CSV_CHARS + 8));
    expect(query.length).toBeLessThan(300);
    const parsed = parseUrlState(query);
    const note = parsed.dropped.find((d) => d.key === 'csv');
    expect(note?.reason).toBe('the link does not carry its CSV dataset (20,008 characters; links carry up to 20,000): choose or paste the file again');
    // The rest of the link opens (epochs), on the default dataset, and nothing runs on data that is not the link's.
    expect(parsed.state.draft.epochs).toBe('300');
    expect(parsed.state.draft.dataset.source).toBe(initialState().draft.dataset.source);
    expect(parsed.run).toBe(false);
    expect(parsed.state.run).toBeNull();
  });

  it('opens the defaults, naming the version, for an unknown or missing version', () => {
    for (const query of ['?v=2&epochs=10', '?epochs=10', '?v=abc']) {
      const parsed = parseUrlState(query);
      expect(parsed.state).toEqual(initialState());
      expect(parsed.run).toBe(false);
      expect(parsed.dropped.map((d) => d.key)).toEqual(['v']);
    }
  });

  it('drops each tampered field to its default, names it, and keeps the others', () => {
    const parsed = parseUrlState('?v=1&epochs=abc&eta.scale=cubic&se=yes&tol=0.05&red=mean&run=1&bogus=1&ei=99&sel=1.2_x');
    expect(parsed.dropped.map((d) => d.key).sort()).toEqual(['bogus', 'ei', 'epochs', 'eta.scale', 'se', 'sel'].sort());
    const defaults = initialState();
    expect(parsed.state.draft.epochs).toBe(defaults.draft.epochs);
    expect(parsed.state.draft.eta.scale).toBe(defaults.draft.eta.scale);
    expect(parsed.state.draft.losses.se).toBe(true);
    expect(parsed.state.draft.tolerance).toBe('0.05');
    expect(parsed.state.draft.reduction).toBe('mean');
    expect(parsed.state.view.etaIndex).toBe(0);
    expect(parsed.state.view.selected).toEqual([]);
    expect(parsed.run).toBe(true);
    expect(parsed.state.run).toEqual(validateDraft(parsed.state.draft).spec);
  });

  it('drops values that validateDraft or planSweep refuse (η = 0, too many runs, no loss)', () => {
    expect(parseUrlState('?v=1&eta.mode=list&eta.list=0').dropped.map((d) => d.key)).toEqual(['eta.list']);
    const huge = parseUrlState('?v=1&w0.count=100000&b0.count=100000');
    expect(huge.dropped.map((d) => d.key).sort()).toEqual(['b0.count', 'w0.count']);
    expect(validateDraft(huge.state.draft).issues).toEqual([]);
    const none = parseUrlState('?v=1&se=0&ce=0');
    expect(none.dropped.map((d) => d.key).sort()).toEqual(['ce', 'se']);
    expect(none.state.draft.losses).toEqual({ se: true, ce: true });
  });

  it('carries a generator\'s threshold, range and separation, omitting their defaults, to the same data points', () => {
    let state = reduce(initialState(), { type: 'set-field', field: 'dataset.source', value: 'generated' });
    expect(serializeUrlState(state, false)).toBe('?v=1&data=generated');
    state = reduce(state, { type: 'set-field', field: 'dataset.threshold', value: '0.5' });
    state = reduce(state, { type: 'set-field', field: 'dataset.range', value: '1.25' });
    const query = serializeUrlState(state, false);
    expect(query).toBe('?v=1&data=generated&thr=0.5&range=1.25');
    const parsed = parseUrlState(query);
    expect(parsed.dropped).toEqual([]);
    expect(parsed.state.draft).toEqual(state.draft);
    const spec = validateDraft(parsed.state.draft).spec!;
    expect(spec.dataset).toMatchObject({ generator: 'noisy-threshold', threshold: 0.5, range: 1.25 });
    const x = Array.from(validateDraft(parsed.state.draft).plan!.data.x);
    expect(Math.max(...x.map(Math.abs))).toBeLessThanOrEqual(1.25);

    const two = parseUrlState('?v=1&data=generated&gen=two-classes&sep=0.75');
    expect(two.dropped).toEqual([]);
    expect(validateDraft(two.state.draft).spec!.dataset).toMatchObject({ generator: 'two-classes', separation: 0.75 });
    expect(serializeUrlState(two.state, false)).toBe('?v=1&data=generated&gen=two-classes&sep=0.75');
  });

  it('drops a bad threshold, range or separation to its default, naming it', () => {
    for (const [query, key] of [
      ['?v=1&data=generated&thr=abc', 'thr'],
      ['?v=1&data=generated&thr=NaN', 'thr'],
      ['?v=1&data=generated&range=-1', 'range'],
      ['?v=1&data=generated&range=', 'range'],
      ['?v=1&data=generated&gen=two-classes&sep=-2', 'sep'],
      ['?v=1&data=generated&gen=two-classes&sep=x', 'sep'],
    ] as const) {
      const parsed = parseUrlState(query);
      expect(parsed.dropped.map((d) => d.key)).toEqual([key]);
      expect(parsed.state.draft.dataset.source).toBe('generated');
      expect(validateDraft(parsed.state.draft).issues).toEqual([]);
      expect(parsed.state.draft.dataset).toMatchObject({ threshold: '0', range: '3', separation: '3' });
    }
  });

  it('never throws on garbage, and treats values as text only', () => {
    for (const query of ['?v=1&%E0%A4%A=1', '?v=1&csv=' + 'x'.repeat(30_000), '?v=1&sel=' + '1.1_'.repeat(100), '?v=1&eta.mode=list&eta.list=<img src=x onerror=alert(1)>', '?v=1&__proto__=1&constructor=2', '?v=1&v=2']) {
      const parsed = parseUrlState(query);
      expect(validateDraft(parsed.state.draft).issues).toEqual([]);
      expect(parsed.dropped.length).toBeGreaterThan(0);
    }
  });

  it('keeps a draft field that setDraftField accepts unchanged through the table', () => {
    const draft = setDraftField(initialState().draft, 'eta.from', '1e-3');
    expect(parseUrlState(serializeUrlState({ ...initialState(), draft }, false)).state.draft.eta.from).toBe('1e-3');
  });
});
