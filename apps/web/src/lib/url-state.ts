// The app's state in the URL's query: `?v=1&eta.from=0.1&…&run=1`. One table of properties both
// parses and serializes (as TensorFlow Playground's state.ts does, typed here). Only the fields
// that differ from the defaults are written, so a link stays short and readable. Parsing never
// throws and never evaluates anything: each value is checked against its property's kind, then the
// whole form goes through validateDraft (and planSweep); fields that fail fall back to their
// defaults and are named in `dropped`, which the app shows in a banner.

import { initSchemes } from '@losslab/core';
import { draftValue, setDraftField, validateDraft, type DraftField, type SweepDraft } from './draft.js';
import { GUIDE_STEP_COUNT, initialState, MAX_SELECTED, STATE_VERSION, type AppState, type ColorBy, type ConfigRef, type ViewState } from './state.js';

/** A form field's kind in the URL: free text (numbers as typed, checked by validateDraft), a choice, or a flag ("1"/"0"). */
type Kind = { type: 'text'; maxLength: number } | { type: 'enum'; values: readonly string[] } | { type: 'bool' };

interface DraftProperty {
  /** The query parameter's name. */
  key: string;
  field: DraftField;
  kind: Kind;
}

const text = (maxLength = 200): Kind => ({ type: 'text', maxLength });
const choice = (...values: string[]): Kind => ({ type: 'enum', values });
const flag: Kind = { type: 'bool' };

/**
 * Longest CSV text a URL may carry, in characters of the text (encoded, a link is up to about 1.5×
 * longer). A longer CSV is left out of the link, which says so with `csvOmitted=<characters>`:
 * writing megabytes into the address bar every few hundred milliseconds froze the page, and a link
 * that long is no link to share.
 */
export const MAX_URL_CSV_CHARS = 20_000;

/** The query parameter that says a link left out its CSV dataset (its value: the CSV's length in characters). */
export const CSV_OMITTED_KEY = 'csvOmitted';

/** Whether a link to this draft carries its CSV dataset (true when the form does not use a CSV). */
export function urlCarriesCsv(draft: SweepDraft): boolean {
  return draft.dataset.source !== 'csv' || draft.dataset.csvText.length <= MAX_URL_CSV_CHARS;
}

function axisProperties(prefix: 'eta' | 'w0' | 'b0', path: 'eta' | 'init.w0' | 'init.b0'): DraftProperty[] {
  return [
    { key: `${prefix}.mode`, field: `${path}.mode`, kind: choice('list', 'range') },
    { key: `${prefix}.list`, field: `${path}.list`, kind: text(2000) },
    { key: `${prefix}.from`, field: `${path}.from`, kind: text() },
    { key: `${prefix}.to`, field: `${path}.to`, kind: text() },
    { key: `${prefix}.count`, field: `${path}.count`, kind: text() },
    { key: `${prefix}.scale`, field: `${path}.scale`, kind: choice('linear', 'log') },
  ];
}

/** Every form field, with its query parameter. */
export const DRAFT_PROPERTIES: readonly DraftProperty[] = Object.freeze([
  { key: 'data', field: 'dataset.source', kind: choice('builtin', 'generated', 'csv') },
  { key: 'builtin', field: 'dataset.builtin', kind: choice('toy', 'five-point') },
  { key: 'gen', field: 'dataset.generator', kind: choice('noisy-threshold', 'two-classes') },
  { key: 'n', field: 'dataset.n', kind: text() },
  { key: 'seed', field: 'dataset.seed', kind: text() },
  { key: 'noise', field: 'dataset.noise', kind: text() },
  { key: 'd', field: 'dataset.d', kind: text() },
  { key: 'sep', field: 'dataset.separation', kind: text() },
  { key: 'thr', field: 'dataset.threshold', kind: text() },
  { key: 'range', field: 'dataset.range', kind: text() },
  { key: 'csvName', field: 'dataset.csvName', kind: text(200) },
  { key: 'csv', field: 'dataset.csvText', kind: text(MAX_URL_CSV_CHARS) },
  { key: 'se', field: 'losses.se', kind: flag },
  { key: 'ce', field: 'losses.ce', kind: flag },
  ...axisProperties('eta', 'eta'),
  { key: 'opt', field: 'optimizer', kind: text(2000) },
  { key: 'batch', field: 'batchSize', kind: text(2000) },
  { key: 'wd', field: 'weightDecay', kind: text(2000) },
  { key: 'init', field: 'init.mode', kind: choice('grid', 'random') },
  ...axisProperties('w0', 'init.w0'),
  ...axisProperties('b0', 'init.b0'),
  { key: 'scheme', field: 'init.scheme', kind: choice(...initSchemes) },
  { key: 'param', field: 'init.parameter', kind: text() },
  { key: 'count', field: 'init.count', kind: text() },
  { key: 'initSeed', field: 'init.seed', kind: text() },
  { key: 'epochs', field: 'epochs', kind: text() },
  { key: 'red', field: 'reduction', kind: choice('sum', 'mean') },
  { key: 'tol', field: 'tolerance', kind: text() },
]);

/** The view's query parameters. */
export const VIEW_KEYS = Object.freeze({ etaIndex: 'ei', colorBy: 'color', logScale: 'log', selected: 'sel', run: 'run', guide: 'guide', optimizerIndex: 'oi', batchIndex: 'bi', weightDecayIndex: 'wi' });

/** A selected config in a link: `η-index.start-index`, then `.optimizer.batch.decay` indices when any is not 0. */
function configText(c: ConfigRef): string {
  const axes = [c.optimizerIndex ?? 0, c.batchIndex ?? 0, c.weightDecayIndex ?? 0];
  return axes.some((v) => v !== 0) ? `${c.etaIndex}.${c.initIndex}.${axes.join('.')}` : `${c.etaIndex}.${c.initIndex}`;
}

/** The primary selected run's start and η moved by hand (ConfigRef's w0, b0, eta), each its own key. */
export const MOVED_KEYS = Object.freeze({ w0: 'sw0', b0: 'sb0', eta: 'seta' } as const);

/** What {@link parseUrlState} read. */
export interface UrlState {
  /** The state to open on (run: the draft's spec when the link asks to run it, else null). */
  state: AppState;
  /** Whether the link asks to run the form's sweep at once. */
  run: boolean;
  /** The parameters that were dropped (unknown version: 'v'), each with why, for the banner. */
  dropped: { key: string; reason: string }[];
  /** Whether the query held any state at all (a bare URL opens the defaults silently). */
  present: boolean;
}

function encodeValue(value: string | boolean): string {
  return typeof value === 'boolean' ? (value ? '1' : '0') : value;
}

/**
 * The query string (with its `?`) for a state: the version, the form fields that differ from the
 * defaults, the view choices that differ, and `run=1` when the sweep on display is the form's.
 * `ranDraft` says whether state.run is the draft's spec (ll-app knows it from its validation).
 */
export function serializeUrlState(state: AppState, ranDraft: boolean): string {
  const defaults = initialState();
  const params = new URLSearchParams();
  params.set('v', String(STATE_VERSION));
  const carriesCsv = urlCarriesCsv(state.draft);
  for (const property of DRAFT_PROPERTIES) {
    if (property.field === 'dataset.csvText' && !carriesCsv) {
      params.set(CSV_OMITTED_KEY, String(state.draft.dataset.csvText.length));
      continue;
    }
    const value = draftValue(state.draft, property.field);
    if (value !== draftValue(defaults.draft, property.field)) params.set(property.key, encodeValue(value));
  }
  const view = state.view;
  if (view.etaIndex !== defaults.view.etaIndex) params.set(VIEW_KEYS.etaIndex, String(view.etaIndex));
  if (view.colorBy !== defaults.view.colorBy) params.set(VIEW_KEYS.colorBy, view.colorBy);
  if (view.logScale !== defaults.view.logScale) params.set(VIEW_KEYS.logScale, view.logScale ? '1' : '0');
  for (const field of ['optimizerIndex', 'batchIndex', 'weightDecayIndex'] as const) if (view[field]) params.set(VIEW_KEYS[field], String(view[field]));
  if (view.selected.length > 0) params.set(VIEW_KEYS.selected, view.selected.map(configText).join('_'));
  const primary = view.selected.at(-1);
  for (const field of ['w0', 'b0', 'eta'] as const) {
    // String(number) gives the shortest text that reads back as the same double.
    const value = primary?.[field];
    if (value !== undefined) params.set(MOVED_KEYS[field], String(value));
  }
  if (view.guide) params.set(VIEW_KEYS.guide, String(view.guide));
  if (state.run && ranDraft) params.set(VIEW_KEYS.run, '1');
  return `?${params.toString()}`;
}

function parseIndex(text: string): number | null {
  return /^\d{1,9}$/.test(text) ? Number(text) : null;
}

/**
 * Reads a state from a query string (`?v=1&…`, with or without the `?`). Never throws: a missing
 * or unknown version drops everything (defaults); a bad value drops its field (its default) and is
 * named in `dropped`, as is a field validateDraft or planSweep refuses, and a view index outside
 * the planned sweep.
 */
export function parseUrlState(search: string): UrlState {
  const params = new URLSearchParams(search.startsWith('?') ? search.slice(1) : search);
  const defaults = initialState();
  const present = [...params.keys()].length > 0;
  const dropped: UrlState['dropped'] = [];
  if (!present) return { state: defaults, run: false, dropped, present };
  const version = params.get('v');
  if (version !== String(STATE_VERSION)) {
    dropped.push({ key: 'v', reason: version === null ? 'the link has no version (v=1)' : `version ${JSON.stringify(version.slice(0, 20))} is not one this app reads (it reads v=${STATE_VERSION})` });
    return { state: defaults, run: false, dropped, present };
  }
  const known = new Set<string>(['v', CSV_OMITTED_KEY, ...DRAFT_PROPERTIES.map((p) => p.key), ...Object.values(VIEW_KEYS), ...Object.values(MOVED_KEYS)]);
  const seen = new Set<string>();
  for (const key of params.keys()) {
    if (!known.has(key)) dropped.push({ key: key.slice(0, 40), reason: 'is not a field of this app' });
    else if (seen.has(key)) dropped.push({ key, reason: 'is given more than once (the first is used)' });
    seen.add(key);
  }

  // A link made without its (too long) CSV: say so, and open the rest on the default dataset.
  const omitted = params.get(CSV_OMITTED_KEY);
  const csvOmitted = omitted !== null && params.get('csv') === null;
  if (csvOmitted) {
    const chars = parseIndex(omitted);
    dropped.push({ key: 'csv', reason: `the link does not carry its CSV dataset (${chars === null ? 'more than' : `${chars.toLocaleString('en-US')} characters;`} links carry up to ${MAX_URL_CSV_CHARS.toLocaleString('en-US')}${chars === null ? ' characters' : ''}): choose or paste the file again` });
  }

  // Each form field on its own: its kind.
  let draft: SweepDraft = defaults.draft;
  const fromUrl = new Map<DraftField, string>();
  for (const property of DRAFT_PROPERTIES) {
    const raw = params.get(property.key);
    if (raw === null) continue;
    if (csvOmitted && property.field === 'dataset.source' && raw === 'csv') continue;
    const kind = property.kind;
    let value: string | boolean;
    if (kind.type === 'bool') {
      if (raw !== '0' && raw !== '1') {
        dropped.push({ key: property.key, reason: `must be 0 or 1, got ${JSON.stringify(raw.slice(0, 40))}` });
        continue;
      }
      value = raw === '1';
    } else if (kind.type === 'enum') {
      if (!kind.values.includes(raw)) {
        dropped.push({ key: property.key, reason: `must be one of ${kind.values.join(', ')}, got ${JSON.stringify(raw.slice(0, 40))}` });
        continue;
      }
      value = raw;
    } else {
      if (raw.length > kind.maxLength) {
        dropped.push({ key: property.key, reason: `is longer than ${kind.maxLength} characters` });
        continue;
      }
      value = raw;
    }
    draft = setDraftField(draft, property.field, value);
    fromUrl.set(property.field, property.key);
  }

  // The form as a whole: a field validateDraft refuses goes back to its default, until it plans.
  let validation = validateDraft(draft);
  for (let round = 0; validation.issues.length > 0 && round < 4; round++) {
    let reset = false;
    for (const issue of validation.issues) {
      const fields = [...fromUrl.keys()].filter((field) => field === issue.field || (issue.field === 'losses' && field.startsWith('losses.')) || issue.field === 'runs' || issue.field === 'form');
      for (const field of fields) {
        draft = setDraftField(draft, field, draftValue(defaults.draft, field));
        dropped.push({ key: fromUrl.get(field)!, reason: issue.message });
        fromUrl.delete(field);
        reset = true;
      }
    }
    if (!reset) break;
    validation = validateDraft(draft);
  }
  if (validation.issues.length > 0) {
    // Fields that are fine alone but not together (say a generator's fields with another source).
    for (const key of fromUrl.values()) dropped.push({ key, reason: 'the form did not validate with it' });
    draft = defaults.draft;
    validation = validateDraft(draft);
  }
  const plan = validation.plan;

  // The view, checked against the sweep the form plans.
  const view: ViewState = { ...defaults.view };
  const etaCount = plan?.eta.length ?? 1;
  const initCount = plan?.initCount ?? 1;
  const etaText = params.get(VIEW_KEYS.etaIndex);
  if (etaText !== null) {
    const index = parseIndex(etaText);
    if (index === null || index >= etaCount) dropped.push({ key: VIEW_KEYS.etaIndex, reason: `must be an η index from 0 to ${etaCount - 1}, got ${JSON.stringify(etaText.slice(0, 40))}` });
    else view.etaIndex = index;
  }
  const colorBy = params.get(VIEW_KEYS.colorBy);
  if (colorBy !== null) {
    if (colorBy !== 'epochs' && colorBy !== 'excess') dropped.push({ key: VIEW_KEYS.colorBy, reason: `must be epochs or excess, got ${JSON.stringify(colorBy.slice(0, 40))}` });
    else view.colorBy = colorBy satisfies ColorBy;
  }
  const log = params.get(VIEW_KEYS.logScale);
  if (log !== null) {
    if (log !== '0' && log !== '1') dropped.push({ key: VIEW_KEYS.logScale, reason: `must be 0 or 1, got ${JSON.stringify(log.slice(0, 40))}` });
    else view.logScale = log === '1';
  }
  const axisSizes = { optimizerIndex: plan?.optimizers.length ?? 1, batchIndex: plan?.batchSizes.length ?? 1, weightDecayIndex: plan?.weightDecays.length ?? 1 };
  for (const field of ['optimizerIndex', 'batchIndex', 'weightDecayIndex'] as const) {
    const text = params.get(VIEW_KEYS[field]);
    if (text === null) continue;
    const index = parseIndex(text);
    if (index === null || index >= axisSizes[field]) dropped.push({ key: VIEW_KEYS[field], reason: `must be an index from 0 to ${axisSizes[field] - 1} on the sweep's ${field.replace('Index', '')} axis, got ${JSON.stringify(text.slice(0, 40))}` });
    else if (index > 0) view[field] = index;
  }
  const sel = params.get(VIEW_KEYS.selected);
  if (sel !== null) {
    const configs: ConfigRef[] = [];
    let bad = sel.length > 200;
    for (const part of bad ? [] : sel.split('_')) {
      const match = /^(\d{1,9})\.(\d{1,9})(?:\.(\d{1,9})\.(\d{1,9})\.(\d{1,9}))?$/.exec(part);
      const etaIndex = match ? Number(match[1]) : -1;
      const initIndex = match ? Number(match[2]) : -1;
      const [o, b, w] = match?.[3] !== undefined ? [Number(match[3]), Number(match[4]), Number(match[5])] : [0, 0, 0];
      if (!match || etaIndex >= etaCount || initIndex >= initCount || o >= axisSizes.optimizerIndex || b >= axisSizes.batchIndex || w >= axisSizes.weightDecayIndex) bad = true;
      else {
        const config: ConfigRef = { etaIndex, initIndex };
        if (o) config.optimizerIndex = o;
        if (b) config.batchIndex = b;
        if (w) config.weightDecayIndex = w;
        if (!configs.some((c) => configText(c) === configText(config))) configs.push(config);
      }
    }
    if (bad || configs.length > MAX_SELECTED) dropped.push({ key: VIEW_KEYS.selected, reason: `must be up to ${MAX_SELECTED} configs η-index.start-index (then .optimizer.batch.decay indices) joined by _, within the sweep, got ${JSON.stringify(sel.slice(0, 40))}` });
    else view.selected = configs;
  }
  for (const field of ['w0', 'b0', 'eta'] as const) {
    const text = params.get(MOVED_KEYS[field]);
    if (text === null) continue;
    const value = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(text) ? Number(text) : NaN;
    const primary = view.selected.at(-1);
    const what = field === 'eta' ? 'the selected run’s η, a number > 0' : `the selected run’s start ${field}, a finite number`;
    if (!primary) dropped.push({ key: MOVED_KEYS[field], reason: `needs a selected run (${VIEW_KEYS.selected}), got ${JSON.stringify(text.slice(0, 40))}` });
    else if (!Number.isFinite(value) || (field === 'eta' && !(value > 0))) dropped.push({ key: MOVED_KEYS[field], reason: `must be ${what}, got ${JSON.stringify(text.slice(0, 40))}` });
    else view.selected = [...view.selected.slice(0, -1), { ...primary, [field]: value }];
  }
  const guideText = params.get(VIEW_KEYS.guide);
  if (guideText !== null) {
    const step = parseIndex(guideText);
    if (step === null || step < 1 || step > GUIDE_STEP_COUNT) dropped.push({ key: VIEW_KEYS.guide, reason: `must be a step of the guided path from 1 to ${GUIDE_STEP_COUNT}, got ${JSON.stringify(guideText.slice(0, 40))}` });
    else view.guide = step;
  }
  const runText = params.get(VIEW_KEYS.run);
  let run = false;
  if (runText !== null) {
    if (runText !== '0' && runText !== '1') dropped.push({ key: VIEW_KEYS.run, reason: `must be 0 or 1, got ${JSON.stringify(runText.slice(0, 40))}` });
    // Never run a sweep on another dataset than the link's.
    else run = runText === '1' && validation.spec !== null && !csvOmitted;
  }
  return { state: { version: STATE_VERSION, draft, run: run ? validation.spec : null, view }, run, dropped, present };
}
