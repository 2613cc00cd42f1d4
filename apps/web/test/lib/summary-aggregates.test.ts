// The summary and the colour ranges fed as the app feeds them during a sweep: chunks that carry
// their worker's aggregate (computed here by @losslab/worker's aggregateChunk on the chunk's
// runs), failed runs afterwards as plain ranges. Compared with the from-scratch computations.

import { describe, expect, it } from 'vitest';
import { aggregateChunk, allocateResult, NEVER, planSweep, RUN_DONE, RUN_FAILED, RUN_PENDING, type ChunkResult, type SweepPlan, type SweepResult } from '@losslab/worker';
import { CountedMedian } from '../../src/lib/counted-median.js';
import { ExcessRangeAccumulator } from '../../src/lib/excess-range-accumulator.js';
import { excessRange } from '../../src/lib/heatmap.js';
import { SummaryAccumulator } from '../../src/lib/summary-accumulator.js';
import { summarize } from '../../src/lib/summary.js';
import { randomInts, shuffle } from '../support/random.js';

const plans = {
  both: planSweep({ version: 1, dataset: 'toy', losses: ['se', 'ce'], eta: [0.5, 1, 2], init: { w0: [0, 1, 2, 3], b0: [0, 1, 2] }, epochs: 30, curve: 'none' }),
  reversed: planSweep({ version: 1, dataset: 'toy', losses: ['ce', 'se'], eta: [1, 2], init: { w0: [0, 1, 2, 3, 4], b0: [0] }, epochs: 30, curve: 'none' }),
  one: planSweep({ version: 1, dataset: 'toy', losses: ['ce'], eta: [1, 2, 3, 4], init: { w0: [0, 1], b0: [0, 1, 2] }, epochs: 30, curve: 'none' }),
  // Blocks of other optimizers and weight decays lie between the ones the table shows.
  axes: planSweep({ version: 1, dataset: 'toy', losses: ['se', 'ce'], optimizer: ['gd', 'adam'], eta: [0.5, 2], weightDecay: [0, 0.1], init: { w0: [0, 1, 2], b0: [0, 1] }, epochs: 30, curve: 'none' }),
};

/** What a worker returns for runs [start, end) of `final` (the kernel's arrays, sliced). */
function chunkOf(final: SweepResult, start: number, end: number): ChunkResult {
  return { start, end, status: final.status.slice(start, end), epochsToFit: final.epochsToFit.slice(start, end), divergedAt: final.divergedAt.slice(start, end), finalExcess: final.finalExcess.slice(start, end) } as unknown as ChunkResult;
}

function randomFinal(plan: SweepPlan, random: (n: number) => number): SweepResult {
  const final = allocateResult(plan);
  const values = [Number.NaN, Infinity, 0, 1e-300, 2.5, 1e-3, 7];
  for (let r = 0; r < plan.runCount; r++) {
    const kind = random(10);
    const epochs = random(13);
    final.status[r] = kind === 0 ? RUN_FAILED : RUN_DONE;
    final.divergedAt[r] = kind === 1 || kind === 2 ? epochs : NEVER;
    final.epochsToFit[r] = kind >= 6 ? epochs : NEVER;
    final.finalExcess[r] = random(3) === 0 ? values[random(values.length)]! : random(1000) / 97;
  }
  return final;
}

describe('SummaryAccumulator and ExcessRangeAccumulator fed with worker aggregates', () => {
  for (const [name, plan] of Object.entries(plans)) {
    it(`equal summarize() and excessRange() after every update, chunks in any order, some landing twice (${name})`, () => {
      for (let seed = 1; seed <= 120; seed++) {
        const random = randomInts(seed);
        const final = randomFinal(plan, random);
        // Chunks of done runs only (a failed run is not in any chunk: the pool isolates it), shuffled.
        const chunks: { start: number; end: number }[] = [];
        for (let start = 0; start < plan.runCount; ) {
          let end = Math.min(plan.runCount, start + 1 + random(seed % 3 === 0 ? 40 : 7));
          for (let r = start; r < end; r++) if (final.status[r] === RUN_FAILED) end = r;
          if (end > start) chunks.push({ start, end });
          start = Math.max(end, start + (final.status[start] === RUN_FAILED ? 1 : 0));
        }
        shuffle(chunks, random);
        for (let k = random(4); k > 0; k--) chunks.splice(random(chunks.length + 1), 0, chunks[random(chunks.length)]!);
        const partial = allocateResult(plan);
        const summary = new SummaryAccumulator(plan);
        const excess = new ExcessRangeAccumulator(plan);
        for (let k = 0; k < chunks.length; k += 3) {
          const landed = chunks.slice(k, k + 3).map(({ start, end }) => {
            for (let r = start; r < end; r++) {
              partial.status[r] = final.status[r]!;
              partial.epochsToFit[r] = final.epochsToFit[r]!;
              partial.divergedAt[r] = final.divergedAt[r]!;
              partial.finalExcess[r] = final.finalExcess[r]!;
            }
            return { start, end, aggregate: aggregateChunk(plan, chunkOf(final, start, end)) };
          });
          summary.add(partial, landed);
          excess.add(partial, landed);
          expect(summary.summary()).toEqual(summarize(plan, partial));
          for (let e = 0; e < plan.eta.length; e++) expect(excess.range(e)).toEqual(excessRange(partial, e));
        }
        // The end of the sweep: failed runs, as their ranges.
        const failures: { start: number; end: number }[] = [];
        for (let r = 0; r < plan.runCount; r++) {
          if (final.status[r] !== RUN_FAILED) continue;
          partial.status[r] = RUN_FAILED;
          failures.push({ start: r, end: r + 1 });
        }
        summary.add(partial, failures);
        expect(partial.status.includes(RUN_PENDING)).toBe(false);
        expect(summary.summary()).toEqual(summarize(plan, partial));
      }
    });
  }
});

describe('CountedMedian', () => {
  it('is the sorted middle (the mean of the two middles for an even count) after every (value, count) added', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const random = randomInts(seed);
      const median = new CountedMedian();
      const seen: number[] = [];
      expect(median.median()).toBeNull();
      const adds = random(60);
      for (let k = 0; k < adds; k++) {
        const v = seed % 2 === 0 ? random(6) - 2 : (random(1 << 30) - (1 << 29)) / 7.3;
        const count = random(4) === 0 ? 0 : 1 + random(seed % 3 === 0 ? 50 : 3);
        median.add(v, count);
        for (let c = 0; c < count; c++) seen.push(v);
        expect(median.size).toBe(seen.length);
        if (seen.length === 0) continue;
        const sorted = Float64Array.from(seen).sort();
        const mid = sorted.length >> 1;
        expect(median.median()).toBe(sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2);
      }
    }
  });
});
