// Outcome patterns over a grid's cells, in Chromium: drawGridPatternCells (a clip of one rectangle
// per run of consecutive cells in a column) draws, pixel for pixel, what drawPatternCells draws
// clipped to every cell's own rectangle (gridCellRect), for scattered cells and for long runs, on
// canvases whose cells are whole pixels or of uneven widths: to within one level (of 255) per
// channel, as Chromium's rasterizer anti-aliases the dots a level differently inside a clip of one
// rectangle and inside a clip of many that cover the same pixels.

import { describe, expect, it } from 'vitest';
import { drawGridPatternCells, drawPatternCells, gridPatternMetrics } from '../../src/components/outcome-pattern.js';
import { gridCellRect } from '../../src/lib/heatmap.js';
import type { OutcomePattern } from '../../src/lib/outcomes.js';
import { randomInts } from '../support/random.js';

const columns = 13;
const rows = 9;

function canvas(width: number, height: number): CanvasRenderingContext2D {
  const c = document.createElement('canvas');
  c.width = width;
  c.height = height;
  const ctx = c.getContext('2d')!;
  ctx.fillStyle = '#7a8a9a';
  ctx.fillRect(0, 0, width, height);
  return ctx;
}

/** Some cells per pattern (a cell in at most one pattern, as the maps group them). */
function cellsByPattern(seed: number): Map<Exclude<OutcomePattern, 'none'>, number[]> {
  const patterns: Exclude<OutcomePattern, 'none'>[] = ['diagonal', 'dots', 'horizontal', 'cross'];
  const random = randomInts(seed);
  const cells = new Map<Exclude<OutcomePattern, 'none'>, number[]>();
  for (let k = 0; k < columns * rows; k++) {
    const p = random(4 + patterns.length);
    if (p < patterns.length) {
      const name = patterns[p]!;
      cells.set(name, [...(cells.get(name) ?? []), k]);
    }
  }
  return cells;
}

/** The reference: one clip per pattern over the cells' rectangles. */
function byClip(width: number, height: number, cells: ReturnType<typeof cellsByPattern>): CanvasRenderingContext2D {
  const ctx = canvas(width, height);
  const { step, lineWidth } = gridPatternMetrics(width);
  const addCell = (k: number) => {
    const r = gridCellRect({ columns, rows }, k, width, height);
    ctx.rect(r.x, r.y, r.w, r.h);
  };
  drawPatternCells(ctx, cells, addCell, width, height, step, lineWidth);
  return ctx;
}

function byMask(width: number, height: number, cells: ReturnType<typeof cellsByPattern>): CanvasRenderingContext2D {
  const ctx = canvas(width, height);
  const { step, lineWidth } = gridPatternMetrics(width);
  drawGridPatternCells(ctx, cells, columns, rows, width, height, step, lineWidth);
  return ctx;
}

/** Pixels (x, y) that differ by more than `tolerance` in a channel between the two canvases, among those `where` accepts. */
function differences(a: CanvasRenderingContext2D, b: CanvasRenderingContext2D, where: (x: number, y: number) => boolean, tolerance = 0): string[] {
  const { width, height } = a.canvas;
  const x = a.getImageData(0, 0, width, height).data;
  const y = b.getImageData(0, 0, width, height).data;
  const out: string[] = [];
  for (let p = 0; p < width * height; p++) {
    const px = p % width;
    const py = Math.floor(p / width);
    if (!where(px, py)) continue;
    for (let i = 0; i < 4; i++) {
      if (Math.abs(x[4 * p + i]! - y[4 * p + i]!) > tolerance) {
        out.push(`${px}, ${py}: ${x.slice(4 * p, 4 * p + 4).join(' ')} vs ${y.slice(4 * p, 4 * p + 4).join(' ')}`);
        break;
      }
    }
  }
  return out;
}

/** Whole columns and runs that end mid-column: long runs, some across a column's end. */
function runsByPattern(): Map<Exclude<OutcomePattern, 'none'>, number[]> {
  const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
  return new Map<Exclude<OutcomePattern, 'none'>, number[]>([
    ['dots', range(0, 2 * rows)],
    ['diagonal', [...range(3 * rows + 2, 4 * rows + 5), ...range(6 * rows, 6 * rows + 1)]],
    ['cross', range(8 * rows + 4, 11 * rows + 3)],
  ]);
}

describe('drawGridPatternCells', () => {
  it('draws, pixel for pixel, the patterns clipped to each cell, for scattered cells and long runs, on whole-pixel and uneven cells', () => {
    for (const [width, height] of [[260, 180], [250, 183], [97, 61]] as const) {
      for (const [what, cells] of [['seed 1', cellsByPattern(1)], ['seed 2', cellsByPattern(2)], ['runs', runsByPattern()]] as const) {
        const mask = byMask(width, height, cells);
        const diff = differences(mask, byClip(width, height, cells), () => true, 1);
        expect(diff.slice(0, 3), `${what} on ${width} × ${height}: ${diff.length} pixels differ`).toEqual([]);
        // Not a vacuous comparison: the patterns changed many pixels.
        expect(differences(mask, canvas(width, height), () => true).length, `${what} on ${width} × ${height}`).toBeGreaterThan((width * height) / 20);
      }
    }
  });
});
