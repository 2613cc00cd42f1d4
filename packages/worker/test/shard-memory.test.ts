// Memory bounded by the shard: a compact run allocates arrays for its range only (offset = start)
// and writes the same records and file text as a whole-sweep result; shard bounds are exact over
// the whole index space (up to 2^53 − 1 runs), checked against BigInt arithmetic.

import { describe, expect, it } from 'vitest';
import { allocateResult, resultHeader, resultToCsv, resultToJson, runChunk, shardRange, writeChunk, RUN_FAILED } from '../src/index.js';
import { testPool } from './support/node-pools.js';
import { gridPlan, randomInitPlan } from './support/sweeps.js';

/** [⌊(I−1)·R/N⌋, ⌊I·R/N⌋) in BigInt: a plain second implementation. */
function bigRange(index: number, count: number, runCount: number) {
  const f = (i: number) => Number((BigInt(i) * BigInt(runCount)) / BigInt(count));
  return { start: f(index - 1), end: f(index) };
}

describe('shardRange over the whole index space', () => {
  it('equals the BigInt bounds where the float product rounds (R = 2^53 − 1, N = 3)', () => {
    const R = Number.MAX_SAFE_INTEGER;
    // 2·R = 2^54 − 2 is exact, but 2·R/3 = 6004799503160660.67 rounds up to …661 in doubles.
    expect(shardRange({ index: 2, count: 3 }, R)).toEqual(bigRange(2, 3, R));
    expect(shardRange({ index: 2, count: 3 }, R).end).toBe(6004799503160660);
  });

  it('gives contiguous shards covering [0, R) for large R and N, each as BigInt computes it', () => {
    const cases: Array<[number, number]> = [
      [Number.MAX_SAFE_INTEGER, 7],
      [Number.MAX_SAFE_INTEGER - 1, 2 ** 40 + 1],
      [6 * Math.floor(Number.MAX_SAFE_INTEGER / 6), 2 ** 50],
      [1_000_000_000, 999_983],
      [10, 1000],
    ];
    for (const [R, N] of cases) {
      // Sample indices: the ends, the middle and a spread (every shard when N is small).
      const indices = new Set([1, 2, N - 1, N, Math.floor(N / 2), Math.floor(N / 3) + 1]);
      for (let k = 0; k < 50; k++) indices.add(1 + Math.floor(((k * 0.6180339887) % 1) * N));
      for (const I of indices) {
        if (I < 1 || I > N) continue;
        const range = shardRange({ index: I, count: N }, R);
        expect(range).toEqual(bigRange(I, N, R));
        if (I < N) expect(shardRange({ index: I + 1, count: N }, R).start).toBe(range.end);
        expect(range.end - range.start).toBeGreaterThanOrEqual(Math.floor(R / N));
        expect(range.end - range.start).toBeLessThanOrEqual(Math.ceil(R / N));
      }
      expect(shardRange({ index: 1, count: N }, R).start).toBe(0);
      expect(shardRange({ index: N, count: N }, R).end).toBe(R);
    }
  });
});

describe('range-only (compact) results', () => {
  const plans = [
    ['grid', gridPlan(60)],
    ['random inits, d = 3, full curves', randomInitPlan()],
  ] as const;

  it.each(plans)('%s: allocateResult(plan, range) holds only the range, and writeChunk places chunks at index − offset', (_, plan) => {
    const range = { start: 37, end: 150 };
    const compact = allocateResult(plan, range);
    expect(compact.offset).toBe(37);
    expect(compact.status.length).toBe(113);
    expect(compact.curves.length).toBe(113 * plan.curveEpochs.length);
    expect(compact.finalW.length).toBe(113 * plan.data.d);
    const whole = allocateResult(plan);
    for (const [a, b] of [[37, 90], [90, 150]] as const) {
      writeChunk(compact, runChunk(plan, a, b));
      writeChunk(whole, runChunk(plan, a, b));
    }
    expect(compact.completed).toBe(whole.completed);
    // The same text for the shard's file from either layout.
    const shard = { index: 2, count: 5 };
    const bounds = shardRange(shard, plan.runCount);
    const sub = allocateResult(plan, bounds);
    const full = allocateResult(plan);
    writeChunk(sub, runChunk(plan, bounds.start, bounds.end));
    writeChunk(full, runChunk(plan, bounds.start, bounds.end));
    const header = resultHeader(plan, '0.0.0-test', shard);
    expect(resultToJson(plan, sub, header)).toBe(resultToJson(plan, full, header));
    expect(resultToCsv(plan, sub, header)).toBe(resultToCsv(plan, full, header));
    // A chunk outside the range, and a file of runs the arrays do not hold, are refused.
    expect(() => writeChunk(compact, runChunk(plan, 10, 20))).toThrow(/outside the result's runs \[37, 150\)/);
    expect(() => resultToJson(plan, sub, resultHeader(plan, '0.0.0-test', { index: 3, count: 5 }))).toThrow(/at least the header's runs \[\d+, \d+\)/);
  });

  it('pool.run(plan, { range, compact: true }) computes the range into range-sized arrays, equal to the whole-sweep layout', async () => {
    const plan = gridPlan(60);
    const pool = testPool();
    const range = { start: 211, end: 640 };
    const compact = await pool.run(plan, { range, compact: true, chunkSize: 37 });
    const whole = await pool.run(plan, { range, chunkSize: 53 });
    expect(compact.offset).toBe(211);
    expect(compact.status.length).toBe(429);
    expect(whole.status.length).toBe(plan.runCount);
    expect(compact.completed).toBe(429);
    const reference = runChunk(plan, range.start, range.end);
    for (let k = 0; k < 429; k++) {
      expect(compact.status[k]).toBe(reference.status[k]);
      expect(compact.finalB[k]).toBe(reference.finalB[k]);
      expect(compact.finalLoss[k]).toBe(whole.finalLoss[range.start + k]);
    }
    expect(compact.curves).toEqual(reference.curves);
    expect(compact.status.includes(RUN_FAILED)).toBe(false);
  });
});
