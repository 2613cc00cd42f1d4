import { allocateResult, NEVER, planSweep, RUN_DONE, RUN_FAILED, type SweepResult } from '@losslab/worker';
import { describe, expect, it } from 'vitest';
import { heatmapSlice, initPoints, sliceCounts } from '../../src/lib/heatmap.js';
import { HeatmapSliceTracker } from '../../src/lib/heatmap-slice-tracker.js';
import { startLandingLog } from '../../src/lib/landing-log.js';
import { randomInts, randomChunks, shuffle } from '../support/random.js';

// 2 losses × 3 η × (8 w0 × 6 b0): blocks of 48 runs.
const plan = planSweep({ version: 1, dataset: 'toy', losses: ['se', 'ce'], eta: [0.5, 1, 2], init: { w0: { from: -3, to: 3, count: 8 }, b0: { from: -3, to: 3, count: 6 } }, epochs: 50, curve: 'none' });
const points = initPoints(plan);

/** Final values for every run: done (fit, never, diverged) or failed, with excess values. */
function finalValues(random: (n: number) => number): SweepResult {
  const final = allocateResult(plan);
  for (let r = 0; r < plan.runCount; r++) {
    const kind = random(8);
    final.status[r] = kind === 0 ? RUN_FAILED : RUN_DONE;
    final.divergedAt[r] = kind === 1 ? 3 : NEVER;
    final.epochsToFit[r] = kind >= 4 ? random(50) : NEVER;
    final.finalExcess[r] = random(1000) / 77;
  }
  return final;
}

describe('HeatmapSliceTracker', () => {
  for (const colorBy of ['epochs', 'excess'] as const) {
    it(`equals a fresh heatmapSlice and sliceCounts after every landing, recomputing only this panel's landed cells (${colorBy})`, () => {
      for (let seed = 1; seed <= 40; seed++) {
        const random = randomInts(seed);
        const final = finalValues(random);
        const result = allocateResult(plan);
        const log = startLandingLog(result);
        const lossIndex = random(2);
        const etaIndex = random(3);
        const first = (lossIndex * 3 + etaIndex) * plan.initCount;
        const tracker = new HeatmapSliceTracker();
        expect(tracker.update(plan, result, lossIndex, etaIndex, colorBy, points).dirty).toBeNull(); // the first look is whole
        // Chunks of 1–20 runs over the whole sweep, in a random order.
        const chunks = randomChunks(plan.runCount, 20, random);
        shuffle(chunks, random);
        for (let k = 0; k < chunks.length; ) {
          const batch = chunks.slice(k, k + 1 + random(4));
          k += batch.length;
          const before = heatmapSlice(plan, result, lossIndex, etaIndex, colorBy, points);
          for (const { start, end } of batch) {
            for (let r = start; r < end; r++) {
              result.status[r] = final.status[r]!;
              result.divergedAt[r] = final.divergedAt[r]!;
              result.epochsToFit[r] = final.epochsToFit[r]!;
              result.finalExcess[r] = final.finalExcess[r]!;
            }
            log.push({ start, end });
          }
          const { slice, counts, dirty } = tracker.update(plan, result, lossIndex, etaIndex, colorBy, points);
          const fresh = heatmapSlice(plan, result, lossIndex, etaIndex, colorBy, points);
          expect(slice.states).toEqual(fresh.states);
          expect(slice.values).toEqual(fresh.values);
          expect(counts).toEqual(sliceCounts(fresh));
          // dirty: exactly this panel's part of the landed runs, as init indices.
          const mine = new Set<number>();
          for (const { start, end } of batch) for (let r = Math.max(start, first); r < Math.min(end, first + plan.initCount); r++) mine.add(r - first);
          const touched = new Set<number>();
          for (const { start, end } of dirty!) for (let i = start; i < end; i++) touched.add(i);
          expect(touched).toEqual(mine);
          for (let i = 0; i < plan.initCount; i++) if (fresh.states[i] !== before.states[i] || !Object.is(fresh.values[i], before.values[i])) expect(touched.has(i)).toBe(true);
        }
      }
    });
  }

  it('recomputes the whole slice when η, loss, colouring or the result object change, or the result has no log', () => {
    const result = allocateResult(plan);
    startLandingLog(result);
    const tracker = new HeatmapSliceTracker();
    expect(tracker.update(plan, result, 0, 0, 'epochs', points).dirty).toBeNull();
    expect(tracker.update(plan, result, 0, 0, 'epochs', points).dirty).toEqual([]);
    expect(tracker.update(plan, result, 0, 1, 'epochs', points).dirty).toBeNull();
    expect(tracker.update(plan, result, 1, 1, 'epochs', points).dirty).toBeNull();
    expect(tracker.update(plan, result, 1, 1, 'excess', points).dirty).toBeNull();
    const shown = allocateResult(plan);
    expect(tracker.update(plan, shown, 1, 1, 'excess', points).dirty).toBeNull();
    expect(tracker.update(plan, shown, 1, 1, 'excess', points).dirty).toBeNull();
  });
});
