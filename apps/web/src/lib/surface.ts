// Loss surfaces over (w, b) for one-input data, as contour maps: core's lossSurface gives the grid
// (of the excess over the minimum, so both losses bottom out at 0), d3-contour traces the level
// lines at log-spaced thresholds shared by both losses (same scales), and the selected runs'
// descent paths are drawn on top in the same coordinates.

import { builtinLosses as lossFunctions, lossSurface, type LossName, type LossSurface } from '@losslab/core';
import type { SweepPlan } from '@losslab/worker';
import { contours, type ContourMultiPolygon } from 'd3-contour';
import { planDataset, type RunTrace } from './trace.js';

/** The (w, b) window of the surfaces. */
export interface SurfaceExtent {
  w: [number, number];
  b: [number, number];
}

/** One loss's contour map. */
export interface SurfaceMap {
  loss: LossName;
  extent: SurfaceExtent;
  /** Grid size (samples along w and along b). */
  width: number;
  height: number;
  /** One filled band per threshold (value ≥ threshold), in grid coordinates [0, width] × [0, height]. */
  bands: { threshold: number; path: string }[];
  /** Smallest and largest excess on the grid. */
  min: number;
  max: number;
}

/** Both maps with the thresholds they share. */
export interface SurfacePair {
  extent: SurfaceExtent;
  thresholds: number[];
  maps: SurfaceMap[];
}

/** The narrowest window along w or along b: room to drag a start around a single start's paths. */
export const MIN_WINDOW_SPAN = 6;

/**
 * The window: the starts (grid axes or the random starts' range), the exact fit where there is one
 * and the selected paths, padded by 8%, and widened about its centre to at least
 * {@link MIN_WINDOW_SPAN} per axis (one start's paths alone can be a sliver: the lecture's run
 * spans 2 in b, too little to drag its start anywhere). Paths that run far away (a large η) are
 * not chased further than 1.5 times the starts' span (at least 6) beyond them, so the window stays
 * about the landscape people chose.
 */
export function surfaceExtent(plan: SweepPlan, points: { w0: Float64Array; b0: Float64Array }, traces: readonly RunTrace[]): SurfaceExtent {
  const w: [number, number] = [Infinity, -Infinity];
  const b: [number, number] = [Infinity, -Infinity];
  const add = (range: [number, number], v: number) => {
    if (!Number.isFinite(v)) return;
    if (v < range[0]) range[0] = v;
    if (v > range[1]) range[1] = v;
  };
  for (const v of points.w0) add(w, v);
  for (const v of points.b0) add(b, v);
  const spanW = Math.max(w[1] - w[0], 6);
  const spanB = Math.max(b[1] - b[0], 6);
  const limitW: [number, number] = [w[0] - 1.5 * spanW, w[1] + 1.5 * spanW];
  const limitB: [number, number] = [b[0] - 1.5 * spanB, b[1] + 1.5 * spanB];
  const clampTo = (range: [number, number], v: number) => Math.min(range[1], Math.max(range[0], v));
  for (const trace of traces) {
    for (let t = 0; t < trace.pathW.length; t++) {
      add(w, clampTo(limitW, trace.pathW[t]!));
      add(b, clampTo(limitB, trace.pathB[t]!));
    }
  }
  if (plan.data.d === 1 && plan.data.n >= 1) {
    // Centre of the data's fit region: where the cross-entropy runs end up (if they converge).
    for (const trace of traces) {
      if (trace.loss === 'ce' && trace.divergedAt === null) {
        add(w, clampTo(limitW, trace.pathW.at(-1)!));
        add(b, clampTo(limitB, trace.pathB.at(-1)!));
      }
    }
  }
  const pad = (range: [number, number]): [number, number] => {
    const span = range[1] - range[0] || 2;
    const padded: [number, number] = [range[0] - 0.08 * span, range[1] + 0.08 * span];
    const widen = MIN_WINDOW_SPAN - (padded[1] - padded[0]);
    return widen > 0 ? [padded[0] - widen / 2, padded[1] + widen / 2] : padded;
  };
  return { w: pad(w), b: pad(b) };
}

/** Most points × grid samples of one surface: a few tens of milliseconds of work. */
export const SURFACE_BUDGET = 600_000;

/** Fewest grid samples per side that still make a readable contour map. */
const MIN_RESOLUTION = 24;

/** Most points a loss surface is drawn for (1,041). */
export const MAX_SURFACE_POINTS = Math.floor(SURFACE_BUDGET / MIN_RESOLUTION ** 2);

/**
 * Grid samples per side: 96 for small data, fewer for larger (n·size² ≤ SURFACE_BUDGET), or 0
 * when even MIN_RESOLUTION would pass the budget (about 1,000 points): no surface then.
 */
export function surfaceResolution(n: number): number {
  const size = Math.min(96, Math.floor(Math.sqrt(SURFACE_BUDGET / Math.max(1, n))));
  return size >= MIN_RESOLUTION ? size : 0;
}

/** Whether the plan's data can have loss surfaces: one input, and few enough points. */
export function mappable(plan: Pick<SweepPlan, 'data'>): boolean {
  return plan.data.d === 1 && surfaceResolution(plan.data.n) > 0;
}

/**
 * Log-spaced thresholds over [min, max]: two per decade (1 and 3.16 × 10^k), from 1e-8 of the
 * maximum (below that the bands are too thin to see) up to the maximum.
 */
export function logThresholds(min: number, max: number): number[] {
  if (!(max > 0)) return [];
  const top = Math.ceil(Math.log10(max));
  const bottom = Math.floor(Math.log10(Math.max(min, max * 1e-8)));
  const out: number[] = [];
  for (let k = 2 * bottom; k < 2 * top; k++) {
    const value = 10 ** (k / 2);
    if (value > min && value < max) out.push(value);
  }
  return out;
}

/** An SVG path for a d3-contour multipolygon (grid coordinates). */
export function contourPath(geometry: Pick<ContourMultiPolygon, 'coordinates'>): string {
  let d = '';
  for (const polygon of geometry.coordinates) {
    for (const ring of polygon) {
      ring.forEach((point, k) => {
        d += `${k === 0 ? 'M' : 'L'}${+point[0]!.toFixed(2)} ${+point[1]!.toFixed(2)}`;
      });
      d += 'Z';
    }
  }
  return d;
}

/** Surfaces of every loss of the plan over one window, with shared thresholds. Needs d = 1. */
export function surfacePair(plan: SweepPlan, extent: SurfaceExtent): SurfacePair {
  const steps = surfaceSteps(plan, extent);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * {@link surfacePair} in small steps, for a caller that spreads the work over idle time: each
 * `next()` samples one loss's grid or traces one contour band (a few milliseconds at most), and
 * the last returns the pair.
 */
export function* surfaceSteps(plan: SweepPlan, extent: SurfaceExtent): Generator<void, SurfacePair, void> {
  if (plan.data.d !== 1) throw new RangeError(`loss surfaces need one-input data (d = 1), got d = ${plan.data.d}`);
  const size = surfaceResolution(plan.data.n);
  if (size === 0) throw new RangeError(`loss surfaces are drawn for at most ${MAX_SURFACE_POINTS} points, got n = ${plan.data.n}`);
  const data = planDataset(plan);
  const grids: LossSurface[] = [];
  for (const loss of plan.losses) {
    grids.push(lossSurface({ data, loss, reduction: plan.reduction, excess: true, w: { from: extent.w[0], to: extent.w[1], count: size }, b: { from: extent.b[0], to: extent.b[1], count: size } }));
    yield;
  }
  let min = Infinity;
  let max = -Infinity;
  for (const grid of grids) {
    min = Math.min(min, grid.min);
    max = Math.max(max, grid.max);
  }
  const thresholds = logThresholds(min, max);
  const generator = contours().size([size, size]);
  const maps: SurfaceMap[] = [];
  for (let k = 0; k < grids.length; k++) {
    const grid = grids[k]!;
    const values = Array.from(grid.values);
    const bands: SurfaceMap['bands'] = [];
    for (const threshold of thresholds) {
      bands.push({ threshold, path: contourPath(generator.contour(values, threshold)) });
      yield;
    }
    maps.push({ loss: plan.losses[k]!, extent, width: size, height: size, bands, min: grid.min, max: grid.max });
  }
  return { extent, thresholds, maps };
}

/** The excess of `loss` at (w, b) over the plan's data (the linked cursor's readout). */
export function excessAt(plan: SweepPlan, loss: LossName, w: number, b: number): number {
  const fn = lossFunctions[loss];
  const { n, x, y } = plan.data;
  let total = 0;
  for (let i = 0; i < n; i++) total += fn.excess(w * x[i]! + b, y[i]!);
  return plan.reduction === 'mean' ? total / n : total;
}

/** (w, b) → grid coordinates of a map (sample i sits at i + 0.5, as d3-contour places it). */
export function toGrid(map: Pick<SurfaceMap, 'extent' | 'width' | 'height'>, w: number, b: number): [number, number] {
  const gx = 0.5 + ((w - map.extent.w[0]) / (map.extent.w[1] - map.extent.w[0])) * (map.width - 1);
  const gy = 0.5 + ((b - map.extent.b[0]) / (map.extent.b[1] - map.extent.b[0])) * (map.height - 1);
  return [gx, gy];
}

/** Grid coordinates → (w, b). */
export function fromGrid(map: Pick<SurfaceMap, 'extent' | 'width' | 'height'>, gx: number, gy: number): [number, number] {
  const w = map.extent.w[0] + ((gx - 0.5) / (map.width - 1)) * (map.extent.w[1] - map.extent.w[0]);
  const b = map.extent.b[0] + ((gy - 0.5) / (map.height - 1)) * (map.extent.b[1] - map.extent.b[0]);
  return [w, b];
}

/**
 * A descent path as an SVG polyline in grid coordinates, thinned to at most `maxPoints` vertices
 * (the first and last always kept; steps shorter than a tenth of a grid cell merged).
 */
export function pathPoints(map: Pick<SurfaceMap, 'extent' | 'width' | 'height'>, pathW: Float64Array, pathB: Float64Array, maxPoints = 600): string {
  const length = pathW.length;
  if (length === 0) return '';
  const stride = Math.max(1, Math.ceil(length / maxPoints));
  let out = '';
  let lastX = Infinity;
  let lastY = Infinity;
  for (let t = 0; t < length; t += stride) {
    const [gx, gy] = toGrid(map, pathW[t]!, pathB[t]!);
    if (!Number.isFinite(gx) || !Number.isFinite(gy)) break;
    if (Math.abs(gx - lastX) + Math.abs(gy - lastY) < 0.1 && t !== 0) continue;
    out += `${+gx.toFixed(2)},${+gy.toFixed(2)} `;
    lastX = gx;
    lastY = gy;
  }
  const [ex, ey] = toGrid(map, pathW[length - 1]!, pathB[length - 1]!);
  if (Number.isFinite(ex) && Number.isFinite(ey)) out += `${+ex.toFixed(2)},${+ey.toFixed(2)}`;
  return out.trim();
}

/** The index on an axis nearest to a value (in log distance for a positive, log-spaced axis). */
export function nearestIndex(axis: ArrayLike<number>, value: number, log = false): number {
  let best = 0;
  let bestDistance = Infinity;
  for (let k = 0; k < axis.length; k++) {
    const v = axis[k]!;
    const distance = log && v > 0 && value > 0 ? Math.abs(Math.log(v) - Math.log(value)) : Math.abs(v - value);
    if (distance < bestDistance) {
      bestDistance = distance;
      best = k;
    }
  }
  return best;
}

/** The config of a plan nearest to (η, w0, b0): the nearest η (in log) and start. */
export function nearestConfig(plan: SweepPlan, points: { w0: Float64Array; b0: Float64Array }, focus: { eta: number; w0: number; b0: number }): { etaIndex: number; initIndex: number } {
  const etaIndex = nearestIndex(plan.eta, focus.eta, true);
  if (plan.init.kind === 'grid') {
    const i = nearestIndex(plan.init.w0, focus.w0);
    const j = nearestIndex(plan.init.b0, focus.b0);
    return { etaIndex, initIndex: i * plan.init.b0.length + j };
  }
  let best = 0;
  let bestDistance = Infinity;
  for (let k = 0; k < points.w0.length; k++) {
    const distance = (points.w0[k]! - focus.w0) ** 2 + (points.b0[k]! - focus.b0) ** 2;
    if (distance < bestDistance) {
      bestDistance = distance;
      best = k;
    }
  }
  return { etaIndex, initIndex: best };
}

/** 1, 2 or 5 × 10^k: the nearest such value at or below `x` (> 0). */
function niceStep(x: number): number {
  const power = Number(`1e${Math.floor(Math.log10(x))}`);
  const m = x / power;
  return (m >= 5 ? 5 : m >= 2 ? 2 : 1) * power;
}

/**
 * The keyboard step of a start on the surfaces, per parameter: the sweep's grid spacing
 * (max − min)/(count − 1) along that axis when it has two values or more, else a 1-2-5 step
 * near 1/24 of the window's span (one start, or random starts).
 */
export function startStep(plan: Pick<SweepPlan, 'init'>, extent: SurfaceExtent): { w: number; b: number } {
  const along = (axis: ArrayLike<number> | null, window: [number, number]) => {
    if (axis && axis.length >= 2) {
      let lo = Infinity;
      let hi = -Infinity;
      for (let k = 0; k < axis.length; k++) {
        lo = Math.min(lo, axis[k]!);
        hi = Math.max(hi, axis[k]!);
      }
      if (hi > lo) return (hi - lo) / (axis.length - 1);
    }
    return niceStep((window[1] - window[0]) / 24);
  };
  const grid = plan.init.kind === 'grid' ? plan.init : null;
  return { w: along(grid?.w0 ?? null, extent.w), b: along(grid?.b0 ?? null, extent.b) };
}

/**
 * A dragged start rounded for people and links: to two decimals past the step's first significant
 * digit (a step of 0.39 keeps 0.01), far below a grid cell of the surface.
 */
export function roundStart(value: number, step: number): number {
  const decimals = Math.min(12, Math.max(0, 1 - Math.floor(Math.log10(step))));
  return Number(value.toFixed(decimals)) + 0;
}
