// Heatmap data straight from the sweep's structure-of-arrays result: the runs of one loss at one η,
// over the init axis (a w0 × b0 grid, or scattered random starts), and the pixels that paint it.

import type { RunOutcome } from '@losslab/core';
import { NEVER, OUTCOME_NONE, RUN_DONE, RUN_FAILED, initialParameters, outcomeOf, runIndex, type SweepPlan, type SweepResult } from '@losslab/worker';
import { EXCESS_FLOOR, STATE_COLORS, packColor, type ColorScale } from './color.js';
import { OUTCOME_STYLES, type OutcomePattern } from './outcomes.js';
import type { ColorBy } from './state.js';
import { FIRST_AXES, type AxesPosition } from './view-axes.js';

/** What a heatmap cell (or point) shows. */
export const CELL_PENDING = 0;
export const CELL_VALUE = 1;
export const CELL_NEVER = 2;
export const CELL_DIVERGED = 3;
export const CELL_FAILED = 4;

/** One loss at one η over the inits: values and cell states indexed by init index. */
export interface HeatmapSlice {
  kind: 'grid' | 'points';
  lossIndex: number;
  etaIndex: number;
  /** Grid: number of w0 values (columns) and b0 values (rows); points: count × 1. */
  columns: number;
  rows: number;
  /** Grid: the axes. Points: each start's first weight and bias (length = number of inits). */
  w0: Float64Array;
  b0: Float64Array;
  /** Per init index: epochs to converge or final excess (NaN when the state is not CELL_VALUE). */
  values: Float64Array;
  /** Per init index: CELL_PENDING, CELL_VALUE, CELL_NEVER, CELL_DIVERGED or CELL_FAILED. */
  states: Uint8Array;
  /** Per init index: the run's outcome code (@losslab/worker's outcomeCode), OUTCOME_NONE while not done. */
  outcomes: Uint8Array;
}

/** The starts of a plan as points: each init's first weight and bias. Computed once per plan. */
export function initPoints(plan: SweepPlan): { w0: Float64Array; b0: Float64Array } {
  if (plan.init.kind === 'grid') return { w0: plan.init.w0, b0: plan.init.b0 };
  const w0 = new Float64Array(plan.initCount);
  const b0 = new Float64Array(plan.initCount);
  const d = plan.data.d;
  const w = new Float64Array(d);
  for (let k = 0; k < plan.initCount; k++) {
    // The same draws as @losslab/worker's initialParameters (core's initialize at sample k).
    b0[k] = initialParameters(plan, k, w);
    w0[k] = w[0]!;
  }
  return { w0, b0 };
}

/**
 * The slice of loss `lossIndex` at η index `etaIndex` (and the optimizer, batch size and weight
 * decay of `axes`, the first of each by default), coloured by epochs to convergence (NEVER →
 * CELL_NEVER) or final excess loss (floored at EXCESS_FLOOR); every cell pending while `result` is
 * null. Reads initCount runs; `into` is reused when its shape matches, so a redraw per frame
 * allocates nothing.
 */
export function heatmapSlice(plan: SweepPlan, result: SweepResult | null, lossIndex: number, etaIndex: number, colorBy: ColorBy, points: { w0: Float64Array; b0: Float64Array }, into?: HeatmapSlice, axes: AxesPosition = FIRST_AXES): HeatmapSlice {
  const count = plan.initCount;
  const grid = plan.init.kind === 'grid';
  const slice: HeatmapSlice =
    into && into.values.length === count && into.w0 === points.w0
      ? into
      : {
          kind: grid ? 'grid' : 'points',
          lossIndex,
          etaIndex,
          columns: grid ? points.w0.length : count,
          rows: grid ? points.b0.length : 1,
          w0: points.w0,
          b0: points.b0,
          values: new Float64Array(count),
          states: new Uint8Array(count),
          outcomes: new Uint8Array(count),
        };
  slice.lossIndex = lossIndex;
  slice.etaIndex = etaIndex;
  if (!result) {
    slice.states.fill(CELL_PENDING);
    slice.values.fill(Number.NaN);
    slice.outcomes.fill(OUTCOME_NONE);
    return slice;
  }
  fillSliceCells(plan, result, slice, colorBy, 0, count, axes);
  return slice;
}

/**
 * Recomputes the cells [from, to) (init indices) of `slice` (of its lossIndex and etaIndex, at
 * `axes`) from `result`, by the rules of {@link heatmapSlice}: for a chunk that landed, only its
 * cells change.
 */
export function fillSliceCells(plan: SweepPlan, result: SweepResult, slice: HeatmapSlice, colorBy: ColorBy, from: number, to: number, axes: AxesPosition = FIRST_AXES): void {
  const first = runIndex(plan, { ...axes, lossIndex: slice.lossIndex, etaIndex: slice.etaIndex, initIndex: 0 });
  const { status, epochsToFit, finalExcess, divergedAt, outcome } = result;
  for (let k = from; k < to; k++) {
    const r = first + k;
    const s = status[r];
    let state = CELL_PENDING;
    let value = Number.NaN;
    if (s === RUN_DONE) {
      if (divergedAt[r] !== NEVER) state = CELL_DIVERGED;
      else if (colorBy === 'epochs') {
        const t = epochsToFit[r]!;
        if (t === NEVER) state = CELL_NEVER;
        else {
          state = CELL_VALUE;
          value = t;
        }
      } else {
        state = CELL_VALUE;
        value = Math.max(finalExcess[r]!, EXCESS_FLOOR);
      }
    } else if (s === RUN_FAILED) state = CELL_FAILED;
    slice.states[k] = state;
    slice.values[k] = value;
    slice.outcomes[k] = s === RUN_DONE ? outcome[r]! : OUTCOME_NONE;
  }
}

/** The smallest and largest final excess over the done, finite runs of one η (both losses), or null. */
export function excessRange(result: SweepResult, etaIndex: number): [number, number] | null {
  const plan = result.plan;
  let lo = Infinity;
  let hi = -Infinity;
  for (let lossIndex = 0; lossIndex < plan.losses.length; lossIndex++) {
    const first = runIndex(plan, { lossIndex, etaIndex, initIndex: 0 });
    for (let r = first; r < first + plan.initCount; r++) {
      if (result.status[r] !== RUN_DONE) continue;
      const v = result.finalExcess[r]!;
      if (!Number.isFinite(v)) continue;
      const clamped = Math.max(v, EXCESS_FLOOR);
      if (clamped < lo) lo = clamped;
      if (clamped > hi) hi = clamped;
    }
  }
  return lo <= hi ? [lo, hi] : null;
}

/** Anything ImageData-like: RGBA bytes, row-major from the top-left. */
export interface PixelTarget {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

const PENDING = packColor(STATE_COLORS.pending);
const NEVER_BASE = packColor(STATE_COLORS.never);
const DIVERGED_BASE = packColor(STATE_COLORS.diverged);

/**
 * Paints a grid slice at one pixel per cell (columns × rows, w0 left to right, b0 bottom to top):
 * the scale's colour, or the base colour of its state (pending, never converged, diverged). The
 * canvas scales this image up without smoothing and draws each outcome's pattern over the cells of
 * runs that did not fit (see {@link patternCells}), so that no outcome is told by colour alone.
 */
export function paintGrid(target: PixelTarget, slice: HeatmapSlice, scale: ColorScale): void {
  paintGridCells(target, slice, scale, 0, slice.states.length);
}

/**
 * The pixel of init index k in an image of one pixel per cell (columns × rows, row-major from the
 * top): k = column·rows + row (w0 outer, b0 inner), b0 growing upwards.
 */
export function gridPixel(columns: number, rows: number, k: number): number {
  const column = Math.floor(k / rows);
  return (rows - 1 - (k - column * rows)) * columns + column;
}

/** {@link paintGrid} for the cells [from, to) (init indices) only: the pixels of a landed chunk. */
export function paintGridCells(target: PixelTarget, slice: HeatmapSlice, scale: ColorScale, from: number, to: number): void {
  if (slice.kind !== 'grid') throw new RangeError(`paintGrid needs a grid slice, got ${slice.kind}`);
  const { columns, rows, states, values } = slice;
  if (target.width !== columns || target.height !== rows) throw new RangeError(`paintGrid needs a ${columns} × ${rows} target (one pixel per cell), got ${target.width} × ${target.height}`);
  const pixels = new Uint32Array(target.data.buffer, target.data.byteOffset, columns * rows);
  for (let k = Math.max(0, from); k < Math.min(to, columns * rows); k++) {
    const state = states[k];
    pixels[gridPixel(columns, rows, k)] =
      state === CELL_VALUE ? scale.packed(values[k]!) : state === CELL_NEVER ? NEVER_BASE : state === CELL_DIVERGED || state === CELL_FAILED ? DIVERGED_BASE : PENDING;
  }
}

/** Adds cell k to its pattern's list in `cells` (grouping cells so each pattern is drawn once); 'none' adds nothing. */
export function addPatternCell(cells: Map<Exclude<OutcomePattern, 'none'>, number[]>, pattern: OutcomePattern, k: number): void {
  if (pattern === 'none') return;
  let list = cells.get(pattern);
  if (!list) cells.set(pattern, (list = []));
  list.push(k);
}

/**
 * The init indices of the cells that carry each outcome's pattern (see lib/outcomes.ts): every done
 * run whose outcome is not `fit`, grouped by pattern. Failed runs (no outcome) get the cross, as
 * diverged ones: neither has a value.
 */
export function patternCells(slice: Pick<HeatmapSlice, 'states' | 'outcomes'>): Map<Exclude<OutcomePattern, 'none'>, number[]> {
  const cells = new Map<Exclude<OutcomePattern, 'none'>, number[]>();
  const add = (pattern: OutcomePattern, k: number) => addPatternCell(cells, pattern, k);
  slice.states.forEach((state, k) => {
    if (state === CELL_FAILED) add('cross', k);
    else if (state !== CELL_PENDING) {
      const outcome = outcomeOf(slice.outcomes[k]!);
      if (outcome) add(OUTCOME_STYLES[outcome].pattern, k);
    }
  });
  return cells;
}

/** The grid cell under a point of a width × height canvas (x right, y down), as an init index, or -1. */
export function gridCellAt(slice: Pick<HeatmapSlice, 'columns' | 'rows'>, x: number, y: number, width: number, height: number): number {
  if (!(x >= 0 && x < width && y >= 0 && y < height)) return -1;
  const column = Math.min(slice.columns - 1, Math.floor((x * slice.columns) / width));
  const row = slice.rows - 1 - Math.min(slice.rows - 1, Math.floor((y * slice.rows) / height));
  return column * slice.rows + row;
}

/** The rectangle of a grid cell (init index) on a width × height canvas. */
export function gridCellRect(slice: Pick<HeatmapSlice, 'columns' | 'rows'>, initIndex: number, width: number, height: number): { x: number; y: number; w: number; h: number } {
  const column = Math.floor(initIndex / slice.rows);
  const row = initIndex % slice.rows;
  const x0 = Math.floor((column * width) / slice.columns);
  const x1 = Math.floor(((column + 1) * width) / slice.columns);
  const yTop = Math.floor(((slice.rows - 1 - row) * height) / slice.rows);
  const yBottom = Math.floor(((slice.rows - row) * height) / slice.rows);
  return { x: x0, y: yTop, w: x1 - x0, h: yBottom - yTop };
}

/** Bounds of scattered starts, padded, for mapping points to pixels. */
export function pointBounds(points: { w0: Float64Array; b0: Float64Array }): { w: [number, number]; b: [number, number] } {
  const span = (values: Float64Array): [number, number] => {
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of values) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    if (!(lo < hi)) return [lo - 1, hi + 1];
    const pad = 0.05 * (hi - lo);
    return [lo - pad, hi + pad];
  };
  return { w: span(points.w0), b: span(points.b0) };
}

/** The scattered start nearest to a canvas point, within `radius` pixels, or -1. */
export function nearestPoint(points: { w0: Float64Array; b0: Float64Array }, bounds: { w: [number, number]; b: [number, number] }, x: number, y: number, width: number, height: number, radius: number): number {
  let best = -1;
  let bestDistance = radius * radius;
  for (let k = 0; k < points.w0.length; k++) {
    const px = ((points.w0[k]! - bounds.w[0]) / (bounds.w[1] - bounds.w[0])) * width;
    const py = (1 - (points.b0[k]! - bounds.b[0]) / (bounds.b[1] - bounds.b[0])) * height;
    const distance = (px - x) ** 2 + (py - y) ** 2;
    if (distance <= bestDistance) {
      bestDistance = distance;
      best = k;
    }
  }
  return best;
}

/** How many cells of a slice are in each state. */
export function sliceCounts(slice: Pick<HeatmapSlice, 'states'>): { pending: number; value: number; never: number; diverged: number; failed: number } {
  const counts = { pending: 0, value: 0, never: 0, diverged: 0, failed: 0 };
  for (const state of slice.states) {
    if (state === CELL_VALUE) counts.value++;
    else if (state === CELL_NEVER) counts.never++;
    else if (state === CELL_DIVERGED) counts.diverged++;
    else if (state === CELL_FAILED) counts.failed++;
    else counts.pending++;
  }
  return counts;
}

/** One run's numbers, for a tooltip. */
export interface RunFacts {
  runIndex: number;
  eta: number;
  w0: number;
  b0: number;
  state: 'pending' | 'converged' | 'never' | 'diverged' | 'failed';
  epochsToFit: number | null;
  plateauEpochs: number | null;
  finalExcess: number;
  finalMaxError: number;
  divergedAt: number | null;
  /** core's runOutcome of the run, null unless it is done. */
  outcome: RunOutcome | null;
  /** Epochs the run was trained for (the plan's). */
  epochs: number;
}

/** The numbers of run (lossIndex, etaIndex, initIndex) at `axes` (the first optimizer, batch size and decay by default) from the result arrays. */
export function runFacts(plan: SweepPlan, result: SweepResult | null, points: { w0: Float64Array; b0: Float64Array }, lossIndex: number, etaIndex: number, initIndex: number, axes: AxesPosition = FIRST_AXES): RunFacts {
  const index = runIndex(plan, { ...axes, lossIndex, etaIndex, initIndex });
  const grid = plan.init.kind === 'grid';
  const nb = points.b0.length;
  const w0 = grid ? points.w0[Math.floor(initIndex / nb)]! : points.w0[initIndex]!;
  const b0 = grid ? points.b0[initIndex % nb]! : points.b0[initIndex]!;
  const facts: RunFacts = { runIndex: index, eta: plan.eta[etaIndex]!, w0, b0, state: 'pending', epochsToFit: null, plateauEpochs: null, finalExcess: Number.NaN, finalMaxError: Number.NaN, divergedAt: null, outcome: null, epochs: plan.epochs };
  if (!result) return facts;
  const status = result.status[index];
  if (status === RUN_FAILED) facts.state = 'failed';
  if (status !== RUN_DONE) return facts;
  const never = (v: number) => (v === NEVER ? null : v);
  facts.divergedAt = never(result.divergedAt[index]!);
  facts.epochsToFit = never(result.epochsToFit[index]!);
  facts.plateauEpochs = never(result.plateauEpochs[index]!);
  facts.finalExcess = result.finalExcess[index]!;
  facts.finalMaxError = result.finalMaxError[index]!;
  facts.outcome = outcomeOf(result.outcome[index]!);
  facts.state = facts.divergedAt !== null ? 'diverged' : facts.epochsToFit !== null ? 'converged' : 'never';
  return facts;
}
