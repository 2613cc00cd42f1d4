// Paints one heatmap panel on its canvas: a w0 × b0 grid at one pixel per cell scaled up
// unsmoothed (each cell whose run did not fit carries its outcome's pattern), or random starts as
// dots (patterned likewise); then the
// outlines of the selected starts, the linked hover and the keyboard focus. A frame identical to
// the last one painted is skipped: most frames of a sweep land runs of other η.

import { STATE_COLORS, type ColorScale } from '../lib/color.js';
import { CELL_DIVERGED, CELL_FAILED, CELL_NEVER, CELL_PENDING, CELL_VALUE, gridCellRect, paintGrid, patternCells, pointBounds, type HeatmapSlice } from '../lib/heatmap.js';
import { OUTCOME_STYLES } from '../lib/outcomes.js';
import { outcomeOf } from '@losslab/worker';
import { drawOutcomePattern } from './outcome-pattern.js';
import type { ConfigRef } from '../lib/state.js';
import { SELECTION_COLORS } from './shared-styles.js';

type Points = { w0: Float64Array; b0: Float64Array };

/** What a panel shows, besides its size. */
export interface HeatmapFrame {
  slice: HeatmapSlice;
  scale: ColorScale;
  points: Points;
  selected: readonly ConfigRef[];
  /** The start hovered in either panel, -1 for none. */
  hoverInit: number;
  /** The keyboard's start while the canvas has focus, -1 otherwise. */
  focus: number;
  etaIndex: number;
  lossIndex: number;
}

/** A start's rectangle on a canvas of width × height device pixels (a dot's box for random starts); null outside the slice. */
export function cellRect(slice: HeatmapSlice, points: Points, initIndex: number, width: number, height: number, dpr: number): { x: number; y: number; w: number; h: number } | null {
  if (initIndex < 0 || initIndex >= slice.values.length) return null;
  if (slice.kind === 'grid') return gridCellRect(slice, initIndex, width, height);
  const bounds = pointBounds(points);
  const x = ((points.w0[initIndex]! - bounds.w[0]) / (bounds.w[1] - bounds.w[0])) * width;
  const y = (1 - (points.b0[initIndex]! - bounds.b[0]) / (bounds.b[1] - bounds.b[0])) * height;
  const r = 7 * dpr;
  return { x: x - r, y: y - r, w: 2 * r, h: 2 * r };
}

export class HeatmapPainter {
  #image: ImageData | null = null;
  #cells: HTMLCanvasElement | null = null;
  /** What the canvas shows, to skip repainting identical frames. */
  #painted: { states: Uint8Array; values: Float64Array; key: unknown[] } | null = null;

  /** Paints `frame` on `canvas` at `cssWidth` × `cssHeight` CSS pixels (device pixels up to 2×). */
  paint(canvas: HTMLCanvasElement, frame: HeatmapFrame, cssWidth: number, cssHeight: number): void {
    const { slice, scale, points } = frame;
    const dpr = Math.min(window.devicePixelRatio || 1, 2);
    const width = Math.round(cssWidth * dpr);
    const height = Math.round(cssHeight * dpr);
    if (width < 2 || height < 2) return;
    if (canvas.width !== width || canvas.height !== height) {
      canvas.width = width;
      canvas.height = height;
    }
    const key = [width, height, scale, points, frame.selected, frame.hoverInit, frame.focus, frame.etaIndex, frame.lossIndex, slice.kind];
    const last = this.#painted;
    if (last && last.key.every((v, k) => v === key[k]) && sameStates(last.states, slice.states) && sameValues(last.values, slice.values)) return;
    this.#painted = { states: slice.states.slice(), values: slice.values.slice(), key };
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    if (slice.kind === 'grid') this.#paintGrid(ctx, slice, scale, width, height);
    else paintPoints(ctx, slice, scale, points, width, height, dpr);
    const outline = (initIndex: number, color: string, lineWidth: number, dash: number[] = []) => {
      const rect = cellRect(slice, points, initIndex, width, height, dpr);
      if (!rect) return;
      ctx.save();
      ctx.setLineDash(dash.map((v) => v * dpr));
      ctx.lineWidth = lineWidth * dpr;
      ctx.strokeStyle = '#ffffff';
      ctx.strokeRect(rect.x - lineWidth * dpr, rect.y - lineWidth * dpr, rect.w + 2 * lineWidth * dpr, rect.h + 2 * lineWidth * dpr);
      ctx.strokeStyle = color;
      ctx.strokeRect(rect.x, rect.y, rect.w, rect.h);
      ctx.restore();
    };
    frame.selected.forEach((config, k) => {
      const color = SELECTION_COLORS[k % SELECTION_COLORS.length]!;
      outline(config.initIndex, color, 2, config.etaIndex === frame.etaIndex ? [] : [3, 2]);
    });
    if (frame.hoverInit >= 0) outline(frame.hoverInit, '#111111', 1.5);
    if (frame.focus >= 0) outline(frame.focus, '#000000', 2, [2, 2]);
  }

  /** The grid at one pixel per cell, scaled up unsmoothed, then the hatches on top. */
  #paintGrid(ctx: CanvasRenderingContext2D, slice: HeatmapSlice, scale: ColorScale, width: number, height: number): void {
    const { columns, rows } = slice;
    if (!this.#cells || this.#cells.width !== columns || this.#cells.height !== rows) {
      this.#cells = document.createElement('canvas');
      this.#cells.width = columns;
      this.#cells.height = rows;
      this.#image = null;
    }
    const cellsCtx = this.#cells.getContext('2d')!;
    this.#image ??= cellsCtx.createImageData(columns, rows);
    paintGrid(this.#image, slice, scale);
    cellsCtx.putImageData(this.#image, 0, 0);
    ctx.imageSmoothingEnabled = false;
    ctx.clearRect(0, 0, width, height);
    ctx.drawImage(this.#cells, 0, 0, width, height);
    // Each outcome's pattern over the union of its cells: one clip and one pattern per outcome,
    // not per cell, so a 64 × 64 grid costs six strokes.
    const step = Math.max(9, Math.round(width / 28));
    const lineWidth = Math.max(1, Math.round(width / 400));
    for (const [pattern, cells] of patternCells(slice)) {
      ctx.save();
      ctx.beginPath();
      for (const k of cells) {
        const rect = gridCellRect(slice, k, width, height);
        ctx.rect(rect.x, rect.y, rect.w, rect.h);
      }
      ctx.clip();
      drawOutcomePattern(ctx, pattern, 0, 0, width, height, step, lineWidth);
      ctx.restore();
    }
  }
}

/** Random starts as dots at their (w0[0], b0), filled by value or state. */
function paintPoints(ctx: CanvasRenderingContext2D, slice: HeatmapSlice, scale: ColorScale, points: Points, width: number, height: number, dpr: number): void {
  const bounds = pointBounds(points);
  ctx.fillStyle = '#f6f5f1';
  ctx.fillRect(0, 0, width, height);
  const radius = Math.max(2.5, Math.min(6, 900 / Math.sqrt(points.w0.length) / 10)) * dpr;
  for (let k = 0; k < points.w0.length; k++) {
    const x = ((points.w0[k]! - bounds.w[0]) / (bounds.w[1] - bounds.w[0])) * width;
    const y = (1 - (points.b0[k]! - bounds.b[0]) / (bounds.b[1] - bounds.b[0])) * height;
    const state = slice.states[k];
    ctx.beginPath();
    ctx.arc(x, y, radius, 0, 2 * Math.PI);
    if (state === CELL_VALUE) {
      const packed = scale.packed(slice.values[k]!);
      ctx.fillStyle = `rgb(${packed & 255}, ${(packed >> 8) & 255}, ${(packed >> 16) & 255})`;
      ctx.fill();
    } else if (state === CELL_NEVER) {
      ctx.fillStyle = STATE_COLORS.never;
      ctx.fill();
    } else if (state === CELL_DIVERGED || state === CELL_FAILED) {
      ctx.fillStyle = STATE_COLORS.diverged;
      ctx.fill();
    }
    const outcome = outcomeOf(slice.outcomes[k]!);
    const pattern = state === CELL_FAILED ? 'cross' : outcome ? OUTCOME_STYLES[outcome].pattern : 'none';
    if (state === CELL_PENDING) {
      ctx.lineWidth = dpr;
      ctx.strokeStyle = '#c9c8c2';
      ctx.stroke();
    } else if (pattern !== 'none') {
      ctx.save();
      ctx.clip();
      drawOutcomePattern(ctx, pattern, x - radius, y - radius, 2 * radius, 2 * radius, Math.max(3 * dpr, radius * 0.9), dpr);
      ctx.restore();
    }
  }
}

function sameStates(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}

/** Equal element by element, NaN equal to NaN. */
function sameValues(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) {
    const x = a[k]!;
    const y = b[k]!;
    if (x !== y && (x === x || y === y)) return false;
  }
  return true;
}
