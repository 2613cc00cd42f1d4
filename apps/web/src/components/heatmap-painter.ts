// Paints one heatmap panel on its canvas: a w0 × b0 grid at one pixel per cell scaled up
// unsmoothed (each cell whose run did not fit carries its outcome's pattern), or random starts as
// dots (patterned likewise); then the
// outlines of the selected starts, the linked hover and the keyboard focus. A frame identical to
// the last one painted is skipped: most frames of a sweep land runs of other η. While a sweep
// runs, only the columns of the cells that landed since the last paint are repainted.

import { STATE_COLORS, type ColorScale } from '../lib/color.js';
import { CELL_DIVERGED, CELL_FAILED, CELL_NEVER, CELL_PENDING, CELL_VALUE, gridCellRect, paintGrid, paintGridCells, patternCells, pointBounds, type HeatmapSlice } from '../lib/heatmap.js';
import { OUTCOME_STYLES } from '../lib/outcomes.js';
import { outcomeOf } from '@losslab/worker';
import { drawGridPatternCells, drawOutcomePattern, gridPatternMetrics } from './outcome-pattern.js';
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

/**
 * Paints heatmap frames on one canvas. Two ways to learn what changed:
 * - untracked (no `invalidate` call ever): each paint compares the slice with the last one painted
 *   and repaints everything if anything differs;
 * - tracked: the owner calls `invalidate(cells)` with the init ranges whose cells changed (from a
 *   HeatmapSliceTracker), or `invalidate(null)` for all. A grid then rewrites only those cells'
 *   pixels (the per-cell work follows the landed runs) and composes the canvas as a full paint
 *   does (scaled image, outcome patterns, outlines), so it ends up the same as after a full paint.
 */
export class HeatmapPainter {
  #image: ImageData | null = null;
  #cells: HTMLCanvasElement | null = null;
  /** What the canvas shows, to skip repainting identical frames (untracked: with the cells). */
  #painted: { states: Uint8Array; values: Float64Array; key: unknown[] } | null = null;
  #tracked = false;
  /** Tracked: everything must be repainted. */
  #full = true;
  /** Tracked: init ranges changed since the last paint. */
  #pending: { start: number; end: number }[] = [];
  /** Cells whose pixels the last paint wrote (a patch: the landed cells only; 0 when skipped). */
  lastPaintedCells = 0;

  /** Tells the painter which cells (init ranges [start, end)) changed since the last paint; null: possibly all. */
  invalidate(cells: readonly { start: number; end: number }[] | null): void {
    this.#tracked = true;
    if (cells === null) {
      this.#full = true;
      this.#pending = [];
    } else if (!this.#full) for (const range of cells) this.#pending.push(range);
  }

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
      this.#full = true;
    }
    const key = [width, height, scale, points, frame.selected, frame.hoverInit, frame.focus, frame.etaIndex, frame.lossIndex, slice.kind, canvas];
    const last = this.#painted;
    const sameKey = last !== null && last.key.every((v, k) => v === key[k]);
    const pending = this.#pending;
    const patch = this.#tracked && !this.#full && sameKey && slice.kind === 'grid' && this.#image !== null && this.#cells !== null;
    this.#full = false;
    this.#pending = [];
    this.lastPaintedCells = 0;
    if (patch && pending.length === 0) return;
    if (!this.#tracked) {
      if (sameKey && sameStates(last.states, slice.states) && sameValues(last.values, slice.values)) return;
      this.#painted = { states: slice.states.slice(), values: slice.values.slice(), key };
    } else this.#painted = { states: EMPTY_STATES, values: EMPTY_VALUES, key };
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.save();
    if (patch) this.#patchGrid(ctx, slice, scale, width, height, pending);
    else if (slice.kind === 'grid') this.#paintGrid(ctx, slice, scale, width, height);
    else {
      paintPoints(ctx, slice, scale, points, width, height, dpr);
      this.lastPaintedCells = slice.states.length;
    }
    const outline = (initIndex: number, color: string, lineWidth: number, dash: number[] = []) => {
      const rect = cellRect(slice, points, initIndex, width, height, dpr);
      if (rect) outlineCell(ctx, rect, color, lineWidth, dpr, dash);
    };
    frame.selected.forEach((config, k) => {
      const color = SELECTION_COLORS[k % SELECTION_COLORS.length]!;
      outline(config.initIndex, color, 2, config.etaIndex === frame.etaIndex ? [] : [3, 2]);
    });
    if (frame.hoverInit >= 0) outline(frame.hoverInit, '#111111', 1.5);
    if (frame.focus >= 0) outline(frame.focus, '#000000', 2, [2, 2]);
    ctx.restore();
  }

  /** The grid at one pixel per cell, scaled up unsmoothed, then the outcome patterns on top. */
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
    this.lastPaintedCells = columns * rows;
    cellsCtx.putImageData(this.#image, 0, 0);
    ctx.imageSmoothingEnabled = false;
    ctx.clearRect(0, 0, width, height);
    ctx.drawImage(this.#cells, 0, 0, width, height);
    drawPatterns(ctx, slice, patternCells(slice), width, height);
  }

  /**
   * Rewrites the pixels of the cells of `ranges` only (in the one-pixel-per-cell image and, as
   * dirty rectangles of their columns, in its canvas), then composes the canvas as #paintGrid does.
   * The composite is redrawn whole: redrawing only the dirty columns' strips under a clip differed
   * from a full paint on a few pixels of the outcome patterns' semi-transparent lines (up to 64 of
   * 255), and the composite is a scaled drawImage plus a few strokes, whatever the grid's size.
   */
  #patchGrid(ctx: CanvasRenderingContext2D, slice: HeatmapSlice, scale: ColorScale, width: number, height: number, ranges: readonly { start: number; end: number }[]): void {
    const { columns, rows } = slice;
    const image = this.#image!;
    const cellsCtx = this.#cells!.getContext('2d')!;
    const dirty = new Uint8Array(columns);
    for (const { start, end } of ranges) {
      if (start >= end) continue;
      paintGridCells(image, slice, scale, start, end);
      this.lastPaintedCells += end - start;
      dirty.fill(1, Math.floor(start / rows), Math.floor((end - 1) / rows) + 1);
    }
    for (let c0 = 0; c0 < columns; ) {
      if (dirty[c0] === 0) {
        c0++;
        continue;
      }
      let c1 = c0;
      while (c1 < columns && dirty[c1] === 1) c1++;
      cellsCtx.putImageData(image, 0, 0, c0, 0, c1 - c0, rows);
      c0 = c1;
    }
    ctx.imageSmoothingEnabled = false;
    ctx.clearRect(0, 0, width, height);
    ctx.drawImage(this.#cells!, 0, 0, width, height);
    drawPatterns(ctx, slice, patternCells(slice), width, height);
  }

}

/**
 * Outlines a cell (device pixels) in `color` over a white halo one line wider, so that it shows on
 * every colour of the maps; `lineWidth` and `dash` in CSS pixels. Both maps outline this way.
 */
export function outlineCell(ctx: CanvasRenderingContext2D, rect: { x: number; y: number; w: number; h: number }, color: string, lineWidth: number, dpr: number, dash: readonly number[] = []): void {
  const line = lineWidth * dpr;
  ctx.save();
  ctx.setLineDash(dash.map((v) => v * dpr));
  ctx.lineWidth = line;
  ctx.strokeStyle = '#ffffff';
  ctx.strokeRect(rect.x - line, rect.y - line, rect.w + 2 * line, rect.h + 2 * line);
  ctx.strokeStyle = color;
  ctx.strokeRect(rect.x, rect.y, rect.w, rect.h);
  ctx.restore();
}

const EMPTY_STATES = new Uint8Array(0);
const EMPTY_VALUES = new Float64Array(0);

/** Each outcome's pattern over the union of its grid cells (init indices). */
function drawPatterns(ctx: CanvasRenderingContext2D, slice: HeatmapSlice, cells: ReturnType<typeof patternCells>, width: number, height: number): void {
  const { step, lineWidth } = gridPatternMetrics(width);
  drawGridPatternCells(ctx, cells, slice.columns, slice.rows, width, height, step, lineWidth);
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
