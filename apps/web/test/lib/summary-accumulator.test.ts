import { describe, expect, it } from 'vitest';
import { allocateResult, NEVER, planSweep, RUN_DONE, RUN_FAILED, RUN_PENDING, type SweepResult } from '@losslab/worker';
import { RunningMedian } from '../../src/lib/running-median.js';
import { SummaryAccumulator } from '../../src/lib/summary-accumulator.js';
import { summarize } from '../../src/lib/summary.js';
import { randomInts, randomChunks, shuffle } from '../support/random.js';

const plans = {
  both: planSweep({ version: 1, dataset: 'toy', losses: ['se', 'ce'], eta: [0.5, 1, 2], init: { w0: [0, 1, 2, 3], b0: [0, 1, 2] }, epochs: 30, curve: 'none' }),
  reversed: planSweep({ version: 1, dataset: 'toy', losses: ['ce', 'se'], eta: [1, 2], init: { w0: [0, 1, 2, 3, 4], b0: [0] }, epochs: 30, curve: 'none' }),
  one: planSweep({ version: 1, dataset: 'toy', losses: ['ce'], eta: [1, 2, 3, 4], init: { w0: [0, 1], b0: [0, 1, 2] }, epochs: 30, curve: 'none' }),
};

/** The runs' final values, written into `target` for the runs in `ranges` only (the rest pending). */
function fill(target: SweepResult, final: SweepResult, ranges: readonly { start: number; end: number }[]): void {
  for (const { start, end } of ranges) {
    for (let r = start; r < end; r++) {
      target.status[r] = final.status[r]!;
      target.epochsToFit[r] = final.epochsToFit[r]!;
      target.divergedAt[r] = final.divergedAt[r]!;
    }
  }
}

describe('SummaryAccumulator', () => {
  for (const [name, plan] of Object.entries(plans)) {
    it(`equals summarize() after every chunk, for chunks landing in any order and some twice (${name})`, () => {
      const runs = plan.runCount;
      for (let seed = 1; seed <= 150; seed++) {
          const random = randomInts(seed);
          const final = allocateResult(plan);
          for (let r = 0; r < runs; r++) {
            // kind 0: failed; 1–2: diverged; 3–5: never converged; else converged after few distinct epochs (medians tie).
            const kind = random(10);
            const epochs = random(13);
            final.status[r] = kind === 0 ? RUN_FAILED : RUN_DONE;
            final.divergedAt[r] = kind === 1 || kind === 2 ? epochs : NEVER;
            final.epochsToFit[r] = kind >= 6 ? epochs : NEVER;
          }
          // Split [0, runs) into chunks of 1–7 runs, shuffle them (Fisher–Yates), land a few twice.
          const chunks = randomChunks(runs, seed % 3 === 0 ? 40 : 7, random);
          shuffle(chunks, random);
          for (let k = random(4); k > 0; k--) chunks.splice(random(chunks.length + 1), 0, chunks[random(chunks.length)]!);
          const partial = allocateResult(plan);
          const accumulator = new SummaryAccumulator(plan);
          expect(accumulator.summary()).toEqual(summarize(plan, null));
          // Several chunks per update, as when many land within one 250 ms spacing.
          for (let k = 0; k < chunks.length; k += 2) {
            const landed = chunks.slice(k, k + 2);
            fill(partial, final, landed);
            accumulator.add(partial, landed);
            expect(accumulator.summary()).toEqual(summarize(plan, partial));
          }
          expect(partial.status.includes(RUN_PENDING)).toBe(false);
      }
    });
  }

  it('keeps the rows of the η that no chunk touched', () => {
    const plan = plans.both;
    const partial = allocateResult(plan);
    const accumulator = new SummaryAccumulator(plan);
    const before = accumulator.summary();
    // Runs [0, 12): loss se, η index 0 only.
    for (let r = 0; r < 12; r++) {
      partial.status[r] = RUN_DONE;
      partial.epochsToFit[r] = r;
      partial.divergedAt[r] = NEVER;
    }
    accumulator.add(partial, [{ start: 0, end: 12 }]);
    const after = accumulator.summary();
    expect(after.rows[0]).not.toBe(before.rows[0]);
    expect(after.rows[1]).toBe(before.rows[1]);
    expect(after.rows[0]!.perLoss[0]).toMatchObject({ done: 12, converged: 12, medianEpochs: 5.5 });
    // Nothing new (the same range again): the same table object.
    accumulator.add(partial, [{ start: 0, end: 12 }]);
    expect(accumulator.summary()).toBe(after);
  });
});

describe('RunningMedian', () => {
  it('is the sorted middle (the mean of the two middles for an even count) after every value', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const random = randomInts(seed);
      const median = new RunningMedian();
      const seen: number[] = [];
      expect(median.median()).toBeNull();
      // Few distinct values for some seeds (ties), spread doubles for others.
      const count = random(120);
      for (let k = 0; k < count; k++) {
        const v = seed % 2 === 0 ? random(5) - 2 : (random(1 << 30) - (1 << 29)) / 7.3;
        median.add(v);
        seen.push(v);
        const sorted = Float64Array.from(seen).sort();
        const mid = sorted.length >> 1;
        const expected = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
        expect(median.size).toBe(seen.length);
        expect(median.median()).toBe(expected);
      }
    }
  });
});
