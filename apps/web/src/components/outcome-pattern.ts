// Draws an outcome's pattern (lib/outcomes.ts) over a region of a 2D canvas: the heatmap cells and
// their legend swatches use this one function, so a swatch shows exactly what a cell shows.

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
