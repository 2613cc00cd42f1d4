// All of the app's state in one serializable object (plain JSON: strings, numbers, booleans,
// arrays), changed only through `reduce`. The form draft, the spec of the sweep on display and the
// view choices live here; results, the pool and pointer positions do not (they are derived or
// transient). Versioned, so that a URL or a saved history entry can be read back later.

import type { SweepSpec } from '@losslab/worker';
import { setDraftField, type DraftField, type SweepDraft } from './draft.js';
import { presetById, saturationSweep, type PresetId } from './presets.js';

/** The state format's version. Bump it when a field changes meaning. */
export const STATE_VERSION = 1;

/** The guided path's number of steps (lib/guide.ts's GUIDE has as many). */
export const GUIDE_STEP_COUNT = 5;

/** Most configs selected at once (each gets a colour in the curves). */
export const MAX_SELECTED = 4;

/** What the heatmaps colour each start by. */
export type ColorBy = 'epochs' | 'excess';

/** A config of the sweep on display, by its position on the η axis and the init axis. Both losses share it. */
export interface ConfigRef {
  etaIndex: number;
  initIndex: number;
  /** Positions on the optimizer, batch-size and weight-decay axes; 0 (the first value) when omitted. */
  optimizerIndex?: number;
  batchIndex?: number;
  weightDecayIndex?: number;
  /**
   * The start and η moved by hand (a drag on a loss surface, the η control): the run is the
   * config's, trained from (w0, b0) with step η instead of the axis values. Absent: the axis values.
   */
  w0?: number;
  b0?: number;
  eta?: number;
}

/** The view choices. */
export interface ViewState {
  /** The η whose heatmap is shown (an index on the plan's η axis). */
  etaIndex: number;
  colorBy: ColorBy;
  /** Log scale for the loss curves. */
  logScale: boolean;
  /** Selected configs, oldest first; the last is the primary one (gradient split). */
  selected: ConfigRef[];
  /** The step of the guided path on display, 1..5 (lib/guide.ts); absent or 0: none. */
  guide?: number;
  /** The optimizer, batch size and weight decay the views show (indices on the plan's axes); absent: the first. */
  optimizerIndex?: number;
  batchIndex?: number;
  weightDecayIndex?: number;
}

/** The app's state. */
export interface AppState {
  version: typeof STATE_VERSION;
  /** The sweep form as typed. */
  draft: SweepDraft;
  /** The validated spec of the sweep on display (launched from the draft), or null before the first run. */
  run: SweepSpec | null;
  view: ViewState;
}

/** Every change to the state. */
export type Action =
  | { type: 'set-field'; field: DraftField; value: string | boolean }
  | { type: 'load-preset'; preset: PresetId }
  /** A sweep starts: its spec becomes the one on display, with the view it opens on. */
  | { type: 'launch'; spec: SweepSpec; view: Pick<ViewState, 'etaIndex' | 'selected'> & Partial<ViewState> }
  | { type: 'set-eta-index'; index: number }
  /** Shows another optimizer, batch size or weight decay in the comparison views. */
  | { type: 'set-axis-index'; axis: 'optimizer' | 'batch' | 'weightDecay'; index: number }
  | { type: 'set-color-by'; colorBy: ColorBy }
  | { type: 'set-log-scale'; logScale: boolean }
  /** 'replace' selects only this config; 'toggle' adds it (dropping the oldest past MAX_SELECTED) or removes it. */
  | { type: 'select'; config: ConfigRef; mode: 'replace' | 'toggle' }
  | { type: 'clear-selection' }
  /** Moves the primary selected run's start to (w0, b0) (finite numbers); no-op without a selection. */
  | { type: 'move-start'; w0: number; b0: number }
  /** Reruns the primary selected run with step η (finite, > 0); no-op without a selection. */
  | { type: 'set-run-eta'; eta: number }
  /** The primary selected run back at the sweep's own start and η. */
  | { type: 'restore-run' }
  /** Shows a step of the guided path (1..5), or closes it (0). */
  | { type: 'set-guide'; step: number }
  /** Opens a whole state at once (a link, an imported result, a history entry): the form, the spec on display, the view. */
  | { type: 'open'; draft: SweepDraft; run: SweepSpec | null; view: ViewState };

/** The state on first load: the default sweep in the form, nothing run yet. */
export function initialState(): AppState {
  return {
    version: STATE_VERSION,
    draft: saturationSweep.draft,
    run: null,
    view: { etaIndex: 0, colorBy: 'epochs', logScale: true, selected: [] },
  };
}

function isIndex(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0;
}

function checkConfig(config: ConfigRef): void {
  const axes = [config.optimizerIndex, config.batchIndex, config.weightDecayIndex].filter((v) => v !== undefined);
  if (!isIndex(config.etaIndex) || !isIndex(config.initIndex) || !axes.every(isIndex)) throw new RangeError(`a config must have integer indices ≥ 0, got ${JSON.stringify(config)}`);
}

/** A config with only its non-zero axis indices (a config of a sweep without those axes stays { etaIndex, initIndex }). */
function normalConfig(config: ConfigRef): ConfigRef {
  const out: ConfigRef = { etaIndex: config.etaIndex, initIndex: config.initIndex };
  if (config.optimizerIndex) out.optimizerIndex = config.optimizerIndex;
  if (config.batchIndex) out.batchIndex = config.batchIndex;
  if (config.weightDecayIndex) out.weightDecayIndex = config.weightDecayIndex;
  return out;
}

/** The view field of each selectable axis. */
const AXIS_FIELDS = { optimizer: 'optimizerIndex', batch: 'batchIndex', weightDecay: 'weightDecayIndex' } as const;

/**
 * The state after an action, as a new object (the state is never mutated; unchanged parts are
 * shared, so components can compare by identity). Throws a RangeError or TypeError for an action
 * whose values are out of range, naming the value.
 */
export function reduce(state: AppState, action: Action): AppState {
  switch (action.type) {
    case 'set-field':
      return { ...state, draft: setDraftField(state.draft, action.field, action.value) };
    case 'load-preset': {
      const preset = presetById(action.preset);
      return { ...state, draft: preset.draft, view: { ...state.view, colorBy: preset.colorBy } };
    }
    case 'launch': {
      action.view.selected.forEach(checkConfig);
      if (!isIndex(action.view.etaIndex)) throw new RangeError(`etaIndex must be an integer ≥ 0, got ${action.view.etaIndex}`);
      return { ...state, run: action.spec, view: { ...state.view, ...action.view, selected: action.view.selected.slice(-MAX_SELECTED) } };
    }
    case 'set-eta-index':
      if (!isIndex(action.index)) throw new RangeError(`etaIndex must be an integer ≥ 0, got ${action.index}`);
      return action.index === state.view.etaIndex ? state : { ...state, view: { ...state.view, etaIndex: action.index } };
    case 'set-axis-index': {
      const field = AXIS_FIELDS[action.axis];
      if (!field) throw new RangeError(`axis must be optimizer, batch or weightDecay, got ${JSON.stringify(action.axis)}`);
      if (!isIndex(action.index)) throw new RangeError(`${field} must be an integer ≥ 0, got ${action.index}`);
      if ((state.view[field] ?? 0) === action.index) return state;
      const view = { ...state.view };
      if (action.index === 0) delete view[field];
      else view[field] = action.index;
      return { ...state, view };
    }
    case 'set-color-by':
      if (action.colorBy !== 'epochs' && action.colorBy !== 'excess') throw new RangeError(`colorBy must be 'epochs' or 'excess', got ${JSON.stringify(action.colorBy)}`);
      return { ...state, view: { ...state.view, colorBy: action.colorBy } };
    case 'set-log-scale':
      return { ...state, view: { ...state.view, logScale: Boolean(action.logScale) } };
    case 'select': {
      checkConfig(action.config);
      const config = normalConfig(action.config);
      const same = (c: ConfigRef) =>
        c.etaIndex === config.etaIndex && c.initIndex === config.initIndex && (c.optimizerIndex ?? 0) === (config.optimizerIndex ?? 0) && (c.batchIndex ?? 0) === (config.batchIndex ?? 0) && (c.weightDecayIndex ?? 0) === (config.weightDecayIndex ?? 0);
      let selected: ConfigRef[];
      if (action.mode === 'replace') selected = [config];
      else if (state.view.selected.some(same)) selected = state.view.selected.filter((c) => !same(c));
      else selected = [...state.view.selected, config].slice(-MAX_SELECTED);
      return { ...state, view: { ...state.view, selected } };
    }
    case 'clear-selection':
      return { ...state, view: { ...state.view, selected: [] } };
    case 'move-start': {
      if (typeof action.w0 !== 'number' || !Number.isFinite(action.w0)) throw new RangeError(`the start's w0 must be a finite number, got ${action.w0}`);
      if (typeof action.b0 !== 'number' || !Number.isFinite(action.b0)) throw new RangeError(`the start's b0 must be a finite number, got ${action.b0}`);
      return withPrimary(state, (primary) => ({ ...primary, w0: action.w0, b0: action.b0 }));
    }
    case 'set-run-eta':
      if (typeof action.eta !== 'number' || !Number.isFinite(action.eta) || action.eta <= 0) throw new RangeError(`the run's η must be a finite number > 0, got ${action.eta}`);
      return withPrimary(state, (primary) => ({ ...primary, eta: action.eta }));
    case 'restore-run':
      return withPrimary(state, ({ w0: _w0, b0: _b0, eta: _eta, ...axes }) => axes);
    case 'set-guide': {
      if (!Number.isSafeInteger(action.step) || action.step < 0 || action.step > GUIDE_STEP_COUNT) throw new RangeError(`guide step must be an integer from 0 to ${GUIDE_STEP_COUNT}, got ${action.step}`);
      const { guide: _dropped, ...rest } = state.view;
      return { ...state, view: action.step === 0 ? rest : { ...rest, guide: action.step } };
    }
    case 'open': {
      action.view.selected.forEach(checkConfig);
      if (!isIndex(action.view.etaIndex)) throw new RangeError(`etaIndex must be an integer ≥ 0, got ${action.view.etaIndex}`);
      if (action.view.colorBy !== 'epochs' && action.view.colorBy !== 'excess') throw new RangeError(`colorBy must be 'epochs' or 'excess', got ${JSON.stringify(action.view.colorBy)}`);
      for (const field of Object.values(AXIS_FIELDS)) {
        const index = action.view[field];
        if (index !== undefined && !isIndex(index)) throw new RangeError(`${field} must be an integer ≥ 0, got ${index}`);
      }
      return { version: STATE_VERSION, draft: action.draft, run: action.run, view: { ...action.view, selected: action.view.selected.slice(-MAX_SELECTED) } };
    }
  }
}

/** The state with the primary (last) selected config replaced by `change(primary)`; the same state without a selection. */
function withPrimary(state: AppState, change: (primary: ConfigRef) => ConfigRef): AppState {
  const selected = state.view.selected;
  const primary = selected.at(-1);
  if (!primary) return state;
  return { ...state, view: { ...state.view, selected: [...selected.slice(0, -1), change(primary)] } };
}

/** Whether a config's start or η was moved by hand (it then differs from the sweep's run). */
export function isMoved(config: ConfigRef): boolean {
  return config.w0 !== undefined || config.b0 !== undefined || config.eta !== undefined;
}

/** Whether two configs name the same run: the same axis positions and the same moved start and η. */
export function sameConfig(a: ConfigRef | null | undefined, b: ConfigRef | null | undefined): boolean {
  if (!a || !b) return a === b;
  return (
    a.etaIndex === b.etaIndex &&
    a.initIndex === b.initIndex &&
    (a.optimizerIndex ?? 0) === (b.optimizerIndex ?? 0) &&
    (a.batchIndex ?? 0) === (b.batchIndex ?? 0) &&
    (a.weightDecayIndex ?? 0) === (b.weightDecayIndex ?? 0) &&
    a.w0 === b.w0 &&
    a.b0 === b.b0 &&
    a.eta === b.eta
  );
}

/** The primary selected config (the last one selected), or null. */
export function primarySelection(view: ViewState): ConfigRef | null {
  return view.selected.at(-1) ?? null;
}
