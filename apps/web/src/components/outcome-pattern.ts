// Draws an outcome's pattern (lib/outcomes.ts) over a region of a 2D canvas: the heatmap cells and
// their legend swatches use this one function, so a swatch shows exactly what a cell shows.

import { gridCellRect } from '../lib/heatmap.js';
import type { OutcomePattern } from '../lib/outcomes.js';

/**
 * Strokes `pattern` over the rectangle (x, y, w, h) of `ctx` (the caller clips to the cells it
 * belongs to): lines or dots `step` pixels apart, each drawn twice, dark and 3 × lineWidth wide then
 * light and lineWidth wide, so that it stands out on every colour of the ramps and on the grey and dark base colours
 * alike. 'none' draws nothing.
 */
export function drawOutcomePattern(ctx: CanvasRenderingContext2D, pattern: OutcomePattern, x: number, y: number, w: number, h: number, step: number, lineWidth: number): void {
  if (pattern === 'none') return;
  ctx.save();
  ctx.beginPath();
  if (pattern === 'dots') {
    // Dots on a square lattice, offset half a step from the region's corner so none is cut in half
    // at the edge of a one-cell region.
    const r = Math.max(1, step / 5);
    for (let cy = y + step / 2; cy < y + h; cy += step) {
      for (let cx = x + step / 2; cx < x + w; cx += step) {
        ctx.moveTo(cx + r, cy);
        ctx.arc(cx, cy, r, 0, 2 * Math.PI);
      }
    }
    ctx.lineWidth = lineWidth;
    ctx.strokeStyle = 'rgba(0, 0, 0, 0.75)';
    ctx.stroke();
    ctx.fillStyle = '#ffffff';
    ctx.fill();
    ctx.restore();
    return;
  }
  const lines = (dx: 1 | -1 | 0, vertical: boolean) => {
    const segment = (x0: number, y0: number, x1: number, y1: number) => {
      ctx.moveTo(x0, y0);
      ctx.lineTo(x1, y1);
    };
    if (dx === 0) {
      // Centred on pixel centres, so that the dark (3 px) and light (1 px) strokes stay crisp.
      const snap = (v: number) => Math.floor(v) + 0.5;
      if (vertical) for (let c = x + step / 2; c < x + w; c += step) segment(snap(c), y, snap(c), y + h);
      else for (let c = y + step / 2; c < y + h; c += step) segment(x, snap(c), x + w, snap(c));
      return;
    }
    // Diagonals at 45°: from the bottom edge up to the right (dx = 1) or down to the right (dx = −1).
    for (let c = x - h; c < x + w + h; c += step) {
      if (dx === 1) segment(c, y + h, c + h, y);
      else segment(c, y, c + h, y + h);
    }
  };
  if (pattern === 'diagonal') lines(1, false);
  else if (pattern === 'cross') {
    lines(1, false);
    lines(-1, false);
  } else if (pattern === 'horizontal') lines(0, false);
  else lines(0, true);
  ctx.lineCap = 'butt';
  ctx.strokeStyle = 'rgba(0, 0, 0, 0.7)';
  ctx.lineWidth = 3 * lineWidth;
  ctx.stroke();
  ctx.strokeStyle = 'rgba(255, 255, 255, 0.9)';
  ctx.lineWidth = lineWidth;
  ctx.stroke();
  ctx.restore();
}

/** A grid map's pattern spacing and stroke width on a canvas `width` device pixels wide (about 28 lines across). */
export function gridPatternMetrics(width: number): { step: number; lineWidth: number } {
  return { step: Math.max(9, Math.round(width / 28)), lineWidth: Math.max(1, Math.round(width / 400)) };
}

/**
 * Each outcome's pattern over the union of its cells: one clip and one pattern per outcome, not
 * per cell, so a 64 × 64 grid costs six strokes. `addCell(k)` adds cell k's outline to the current
 * path (a rect, or a closed arc); the pattern covers the whole width × height canvas inside the clip.
 */
export function drawPatternCells(ctx: CanvasRenderingContext2D, cells: ReadonlyMap<OutcomePattern, readonly number[]>, addCell: (k: number) => void, width: number, height: number, step: number, lineWidth: number): void {
  for (const [pattern, list] of cells) {
    if (pattern === 'none') continue;
    ctx.save();
    ctx.beginPath();
    for (const k of list) addCell(k);
    ctx.clip();
    drawOutcomePattern(ctx, pattern, 0, 0, width, height, step, lineWidth);
    ctx.restore();
  }
}

/**
 * {@link drawPatternCells} for a grid of `columns` × `rows` cells (init index k = column·rows + row,
 * b0 growing upwards, cells at lib/heatmap's gridCellRect) filling the width × height canvas: the
 * clip is one rectangle per run of consecutive cells of a column, not one per cell. Cells' rectangles
 * have whole-pixel edges and a run's rows touch, so the run's rectangle covers exactly its cells'
 * pixels and the drawing is the same; a large grid's regions of one outcome are a few runs per
 * column instead of up to 125,000 rectangles at every paint.
 */
export function drawGridPatternCells(ctx: CanvasRenderingContext2D, cells: ReadonlyMap<OutcomePattern, readonly number[]>, columns: number, rows: number, width: number, height: number, step: number, lineWidth: number): void {
  const slice = { columns, rows };
  for (const [pattern, list] of cells) {
    if (pattern === 'none' || list.length === 0) continue;
    ctx.save();
    ctx.beginPath();
    for (let i = 0; i < list.length; ) {
      // The run [first, last]: consecutive init indices in one column (rows upwards from `first`).
      const first = list[i]!;
      const column = Math.floor(first / rows);
      let last = first;
      while (i + 1 < list.length && list[i + 1] === last + 1 && Math.floor(list[i + 1]! / rows) === column) last = list[++i]!;
      i++;
      const bottom = gridCellRect(slice, first, width, height);
      const top = gridCellRect(slice, last, width, height);
      ctx.rect(top.x, top.y, top.w, bottom.y + bottom.h - top.y);
    }
    ctx.clip();
    drawOutcomePattern(ctx, pattern, 0, 0, width, height, step, lineWidth);
    ctx.restore();
  }
}
