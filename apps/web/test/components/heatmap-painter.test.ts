// Incremental heatmap painting in Chromium: a painter told which cells landed rewrites only their
// pixels, and its canvas is pixel for pixel the canvas of a painter that repaints everything.

import { allocateResult, NEVER, planSweep, RUN_DONE, RUN_FAILED } from '@losslab/worker';
import { describe, expect, it } from 'vitest';
import { HeatmapPainter, type HeatmapFrame } from '../../src/components/heatmap-painter.js';
import { epochsScale, excessScale } from '../../src/lib/color.js';
import { heatmapSlice, initPoints } from '../../src/lib/heatmap.js';
import { HeatmapSliceTracker } from '../../src/lib/heatmap-slice-tracker.js';
import { startLandingLog } from '../../src/lib/landing-log.js';
import { randomInts, randomChunks, shuffle } from '../support/random.js';

// 13 w0 × 9 b0 on a 250 × 180 canvas: columns and rows of uneven pixel widths.
const plan = planSweep({ version: 1, dataset: 'toy', losses: ['se', 'ce'], eta: [0.5, 2], init: { w0: { from: -3, to: 3, count: 13 }, b0: { from: -3, to: 3, count: 9 } }, epochs: 60, curve: 'none' });
const points = initPoints(plan);

function pixels(canvas: HTMLCanvasElement): Uint8ClampedArray {
  return canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
}

const TOLERANCE = 0;

/** Where two canvases first differ by more than TOLERANCE levels ("x, y: rgba vs rgba", and how many bytes do), or 'none'. */
function firstDifference(a: HTMLCanvasElement, b: HTMLCanvasElement): string {
  const x = pixels(a);
  const y = pixels(b);
  let first = -1;
  let count = 0;
  for (let i = 0; i < x.length; i++) {
    if (Math.abs(x[i]! - y[i]!) <= TOLERANCE) continue;
    if (first < 0) first = i - (i % 4);
    count++;
  }
  if (first < 0) return 'none';
  const p = first / 4;
  let max = 0;
  for (let i = 0; i < x.length; i++) max = Math.max(max, Math.abs(x[i]! - y[i]!));
  return `${p % a.width}, ${Math.floor(p / a.width)}: ${x.slice(first, first + 4).join(' ')} vs ${y.slice(first, first + 4).join(' ')} (${count} of ${x.length} bytes differ by more than ${TOLERANCE}, at most ${max})`;
}

describe('HeatmapPainter, tracked (patches the landed cells) against untracked (repaints all)', () => {
  for (const colorBy of ['epochs', 'excess'] as const) {
    it(`the canvases are identical after every landing, with outcome patterns and outlines, and a patch writes only the landed cells (${colorBy})`, () => {
      for (let seed = 1; seed <= 6; seed++) {
        const random = randomInts(seed);
        const result = allocateResult(plan);
        const log = startLandingLog(result);
        const lossIndex = seed % 2;
        const etaIndex = (seed >> 1) % 2;
        const first = (lossIndex * 2 + etaIndex) * plan.initCount;
        const scale = colorBy === 'epochs' ? epochsScale(60) : excessScale(1e-3, 20);
        const selected = [
          { etaIndex, initIndex: 20 },
          { etaIndex: 1 - etaIndex, initIndex: 50 },
        ];
        const tracker = new HeatmapSliceTracker();
        const tracked = new HeatmapPainter();
        const full = new HeatmapPainter();
        const a = document.createElement('canvas');
        const b = document.createElement('canvas');
        const frame = (slice: HeatmapFrame['slice']): HeatmapFrame => ({ slice, scale, points, selected, hoverInit: 33, focus: 64, etaIndex, lossIndex });
        const paintBoth = () => {
          const t = tracker.update(plan, result, lossIndex, etaIndex, colorBy, points);
          tracked.invalidate(t.dirty);
          tracked.paint(a, frame(t.slice), 250, 180);
          full.paint(b, frame(heatmapSlice(plan, result, lossIndex, etaIndex, colorBy, points)), 250, 180);
          expect(firstDifference(a, b)).toBe('none');
        };
        paintBoth();
        expect(tracked.lastPaintedCells).toBe(plan.initCount);
        // Chunks of 1–15 runs over the whole sweep, shuffled, landing a few at a time.
        const chunks = randomChunks(plan.runCount, 15, random);
        shuffle(chunks, random);
        let patches = 0;
        for (let k = 0; k < chunks.length; ) {
          const batch = chunks.slice(k, k + 1 + random(3));
          k += batch.length;
          let mine = 0;
          for (const { start, end } of batch) {
            for (let r = start; r < end; r++) {
              const kind = random(8);
              result.status[r] = kind === 0 ? RUN_FAILED : RUN_DONE;
              result.divergedAt[r] = kind === 1 ? 2 : NEVER;
              result.epochsToFit[r] = kind >= 4 ? 1 + random(59) : NEVER;
              result.finalExcess[r] = random(1000) / 50;
            }
            log.push({ start, end });
            mine += Math.max(0, Math.min(end, first + plan.initCount) - Math.max(start, first));
          }
          paintBoth();
          // Only this panel's landed cells were written (0: nothing of this panel landed, nothing painted).
          expect(tracked.lastPaintedCells).toBe(mine);
          if (mine > 0) patches++;
        }
        expect(patches).toBeGreaterThan(3);
      }
    });
  }
});
