import { describe, expect, it } from 'vitest';
import { runChunk, RUN_DONE } from '../src/index.js';
import { testPool } from './support/node-pools.js';
import { expectSameRuns, gridPlan, randomInitPlan } from './support/sweeps.js';

const plans = { 'five-point grid': gridPlan(), 'three features, random inits, full curves, diverging η': randomInitPlan() };
const pools = { 1: testPool({ size: 1 }), 2: testPool({ size: 2 }), 8: testPool({ size: 8 }) };

describe('a Node pool computes every run bit for bit as one in-process runChunk over the whole plan', () => {
  for (const [name, plan] of Object.entries(plans)) {
    const reference = runChunk(plan, 0, plan.runCount);
    for (const [size, pool] of Object.entries(pools)) {
      for (const chunkSize of [1, 7, 1000, undefined]) {
        it(`${name}: ${size} workers, chunks of ${chunkSize ?? 'adaptive size'}`, async () => {
          const result = await pool.run(plan, chunkSize === undefined ? {} : { chunkSize });
          expect(result.completed).toBe(plan.runCount);
          expect(result.failures).toEqual([]);
          expect(result.cancelled).toBe(false);
          expect(result.status.every((s) => s === RUN_DONE)).toBe(true);
          expectSameRuns(result, reference, plan);
        });
      }
    }
  }

  it('the diverging runs are in the comparison (NaN losses, a divergence epoch)', () => {
    const plan = randomInitPlan();
    const reference = runChunk(plan, 0, plan.runCount);
    expect(reference.divergedAt.some((t) => t >= 0)).toBe(true);
    expect(reference.divergedAt.some((t) => t < 0)).toBe(true);
  });
});
