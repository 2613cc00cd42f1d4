// Colour scales for the heatmaps: perceptually uniform, colour-blind-safe ramps from
// d3-scale-chromatic (viridis for epochs, cividis for excess loss), sampled once into lookup
// tables of packed RGBA so that painting a pixel is one array read. Brighter always means better:
// fewer epochs, smaller excess.

import { interpolateCividis, interpolateViridis } from 'd3-scale-chromatic';
import { formatNumber } from './format.js';

/** Lookup table size: 256 steps are finer than the eye separates on these ramps. */
export const LUT_SIZE = 256;

/** Colours of the states that have no value, as CSS colours (the legend's swatches use them too). */
export const STATE_COLORS = Object.freeze({
  /** Not computed yet. */
  pending: '#ecebe6',
  /** Never converged (oscillating, stuck, stalled or still descending): light grey, under its outcome's pattern. */
  never: '#cfcfcf',
  /** Diverged (parameters stopped being finite), or its worker failed: dark grey, under the cross. */
  diverged: '#3a3a3a',
});

/** '#rrggbb' or 'rgb(r, g, b)' → [r, g, b]. */
export function parseColor(css: string): [number, number, number] {
  const hex = /^#([0-9a-f]{6})$/i.exec(css);
  if (hex) {
    const v = parseInt(hex[1]!, 16);
    return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
  }
  const rgb = /^rgb\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*\)$/.exec(css);
  if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])];
  throw new TypeError(`expected a colour '#rrggbb' or 'rgb(r, g, b)', got ${JSON.stringify(css)}`);
}

/** r, g, b (and alpha 255) packed as ImageData's bytes read through a little-endian Uint32Array. */
export function packRgb(r: number, g: number, b: number): number {
  return ((255 << 24) | (b << 16) | (g << 8) | r) >>> 0;
}

/** A CSS colour packed (see {@link packRgb}). */
export function packColor(css: string): number {
  const [r, g, b] = parseColor(css);
  return packRgb(r, g, b);
}

/** `size` samples of an interpolator over [0, 1], packed. */
export function lookupTable(interpolator: (t: number) => string, size = LUT_SIZE): Uint32Array {
  const table = new Uint32Array(size);
  for (let k = 0; k < size; k++) table[k] = packColor(interpolator(k / (size - 1)));
  return table;
}

/** A tick of a colour legend: a value, where it sits on the legend (0 = left, 1 = right) and its label. */
export interface LegendTick {
  value: number;
  position: number;
  label: string;
}

/** A continuous colour scale over values. */
export interface ColorScale {
  /** What it colours, for the legend's title. */
  readonly title: string;
  readonly domain: readonly [number, number];
  /** Where a value sits on the legend, 0 (left) to 1 (right), clamped. */
  position(value: number): number;
  /** The packed colour of a value. */
  packed(value: number): number;
  /** The CSS colour at a legend position. */
  colorAt(position: number): string;
  ticks(): LegendTick[];
}

function clamp01(t: number): number {
  return t < 0 ? 0 : t > 1 ? 1 : t;
}

function makeScale(title: string, domain: readonly [number, number], position: (v: number) => number, interpolator: (t: number) => string, ticks: () => LegendTick[]): ColorScale {
  const table = lookupTable(interpolator);
  return {
    title,
    domain,
    position: (v) => clamp01(position(v)),
    // Position 0 (left: fast, small) is the ramp's bright end.
    packed: (v) => table[Math.round((1 - clamp01(position(v))) * (LUT_SIZE - 1))]!,
    colorAt: (t) => interpolator(1 - clamp01(t)),
    ticks,
  };
}

/**
 * Epochs to convergence, 0 to `epochs`, on a log(1 + t) scale (a run that fits in 30 epochs and one
 * that needs 300 differ by as much as 300 and 3000), viridis from bright (fast) to dark (slow).
 */
export function epochsScale(epochs: number): ColorScale {
  if (!(Number.isFinite(epochs) && epochs >= 1)) throw new RangeError(`epochs must be a number ≥ 1, got ${epochs}`);
  const top = Math.log1p(epochs);
  const position = (v: number) => Math.log1p(Math.max(0, v)) / top;
  const ticks = (): LegendTick[] => {
    const values = [0];
    for (let p = 1; p <= epochs; p *= 10) values.push(p);
    if (values.at(-1)! < epochs) {
      // Drop a power of ten that would crowd the last tick.
      if (position(epochs) - position(values.at(-1)!) < 0.12) values.pop();
      values.push(epochs);
    }
    return values.map((value) => ({ value, position: position(value), label: formatNumber(value) }));
  };
  return makeScale('epochs to converge', [0, epochs], position, interpolateViridis, ticks);
}

/**
 * Final excess loss (loss minus its minimum, KL for cross-entropy) on a log10 scale over
 * [lo, hi], cividis from bright (small) to dark (large).
 */
export function excessScale(lo: number, hi: number): ColorScale {
  if (!(lo > 0 && hi >= lo && Number.isFinite(hi))) throw new RangeError(`excess scale needs 0 < lo ≤ hi < ∞, got lo = ${lo}, hi = ${hi}`);
  const a = Math.floor(Math.log10(lo));
  const b = Math.max(a + 1, Math.ceil(Math.log10(hi)));
  const position = (v: number) => (v > 0 ? (Math.log10(v) - a) / (b - a) : 0);
  const ticks = (): LegendTick[] => {
    const step = Math.max(1, Math.ceil((b - a) / 6));
    const out: LegendTick[] = [];
    for (let k = a; k <= b; k += step) out.push({ value: 10 ** k, position: position(10 ** k), label: `1e${k}` });
    return out;
  };
  return makeScale('final excess loss', [10 ** a, 10 ** b], position, interpolateCividis, ticks);
}

/** The smallest excess a colour scale resolves; smaller (and exactly 0) shows as this. */
export const EXCESS_FLOOR = 1e-20;
