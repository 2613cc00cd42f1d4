import { describe, expect, it } from 'vitest';
import { allocateResult, planSweep, RUN_DONE, RUN_FAILED } from '@losslab/worker';
import { ExcessRangeAccumulator } from '../../src/lib/excess-range-accumulator.js';
import { excessRange } from '../../src/lib/heatmap.js';
import { randomInts, randomChunks, shuffle } from '../support/random.js';

const plan = planSweep({ version: 1, dataset: 'toy', losses: ['se', 'ce'], eta: [0.5, 1, 2], init: { w0: [0, 1, 2, 3], b0: [0, 1, 2] }, epochs: 30, curve: 'none' });

describe('ExcessRangeAccumulator', () => {
  it('equals excessRange() for every η after every chunk, chunks in any order and some twice', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const random = randomInts(seed);
      const values = [Number.NaN, Infinity, 0, 1e-300, 2.5, 1e-3, 7];
      const final = allocateResult(plan);
      for (let r = 0; r < plan.runCount; r++) {
        final.status[r] = random(8) === 0 ? RUN_FAILED : RUN_DONE;
        final.finalExcess[r] = random(3) === 0 ? values[random(values.length)]! : random(1000) / 97;
      }
      const chunks = randomChunks(plan.runCount, 9, random);
      shuffle(chunks, random);
      chunks.splice(random(chunks.length), 0, chunks[random(chunks.length)]!);
      const partial = allocateResult(plan);
      const accumulator = new ExcessRangeAccumulator(plan);
      for (const chunk of chunks) {
        for (let r = chunk.start; r < chunk.end; r++) {
          partial.status[r] = final.status[r]!;
          partial.finalExcess[r] = final.finalExcess[r]!;
        }
        const before = accumulator.version;
        const previous = Array.from(plan.eta, (_, e) => accumulator.range(e));
        accumulator.add(partial, [chunk]);
        const now = Array.from(plan.eta, (_, e) => accumulator.range(e));
        for (let e = 0; e < plan.eta.length; e++) expect(now[e]).toEqual(excessRange(partial, e));
        // version moves exactly when some range changed.
        expect(accumulator.version !== before).toBe(JSON.stringify(now) !== JSON.stringify(previous));
      }
    }
  });
});
