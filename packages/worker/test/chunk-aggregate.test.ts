import { describe, expect, it } from 'vitest';
import { aggregateChunk, NEVER, planSweep, RUN_DONE, runChunk } from '../src/index.js';
import { expectAggregatesMatchScan, type LandedChunk } from './support/chunk-aggregates.js';
import { testPool } from './support/node-pools.js';
import { benchmarkPlan, gridPlan, randomInitPlan } from './support/sweeps.js';

describe('aggregateChunk', () => {
  it('the lecture by hand: two blocks of 2 runs, counts, fit epochs and the excess range as a scan gives them', () => {
    // Squared error and cross-entropy from two starts at η = 1 on the lecture's two points, 400 epochs.
    const plan = planSweep({ version: 1, dataset: 'toy', losses: ['se', 'ce'], eta: [1], init: { w0: [-4, 0], b0: [0] }, epochs: 400, curve: 'none' });
    const chunk = runChunk(plan, 0, 4);
    const { blocks } = aggregateChunk(plan, chunk);
    expect(blocks.map((b) => b.block)).toEqual([0, 1]);
    for (const b of blocks) {
      const runs = [2 * b.block, 2 * b.block + 1];
      expect(b.done).toBe(2);
      const fits = runs.map((r) => chunk.epochsToFit[r]!).filter((t) => t !== NEVER).sort((x, y) => x - y);
      // Distinct values with counts: [t, t] → [t] × 2.
      const distinct = [...new Set(fits)];
      expect([...b.fitEpochs]).toEqual(distinct);
      expect([...b.fitCounts]).toEqual(distinct.map((t) => fits.filter((u) => u === t).length));
      expect(b.excessMin).toBe(Math.min(...runs.map((r) => chunk.finalExcess[r]!)));
      expect(b.excessMax).toBe(Math.max(...runs.map((r) => chunk.finalExcess[r]!)));
    }
  });

  it('a chunk across block edges, with diverged runs (η = 1e308), equals the scan', () => {
    const plan = randomInitPlan();
    const landed: LandedChunk[] = [];
    for (const [start, end] of [[0, plan.runCount], [13, 97], [39, 41], [200, 240]] as const) {
      const chunk = runChunk(plan, start, end);
      landed.push({ start, end, aggregate: aggregateChunk(plan, chunk) });
      // A result that holds this chunk's runs at their indices, for the scan.
      const result = { ...chunk, status: new Uint8Array(plan.runCount), finalExcess: new Float64Array(plan.runCount), divergedAt: new Int32Array(plan.runCount), epochsToFit: new Int32Array(plan.runCount) };
      result.status.set(chunk.status, start);
      result.finalExcess.set(chunk.finalExcess, start);
      result.divergedAt.set(chunk.divergedAt, start);
      result.epochsToFit.set(chunk.epochsToFit, start);
      expectAggregatesMatchScan(plan, result as never, [landed.at(-1)!]);
    }
    const whole = landed[0]!.aggregate!.blocks;
    expect(whole.reduce((s, b) => s + b.diverged, 0)).toBeGreaterThan(0);
  });
});

describe('pool run(plan, { aggregate: true }) with worker_threads', () => {
  for (const [name, plan] of Object.entries({ 'five-point grid': gridPlan(), 'random inits, diverging η': randomInitPlan() })) {
    it(`every chunk arrives with the aggregate a scan of its runs gives (${name}, progressive order)`, async () => {
      const pool = testPool();
      const chunks: LandedChunk[] = [];
      const result = await pool.run(plan, { aggregate: true, order: 'progressive', chunkSize: 37, onChunk: (c) => chunks.push(c) });
      expect(result.completed).toBe(plan.runCount);
      expect(expectAggregatesMatchScan(plan, result, chunks)).toBe(chunks.length);
      expect(chunks.reduce((s, c) => s + c.aggregate!.blocks.reduce((t, b) => t + b.done, 0), 0)).toBe(plan.runCount);
    });
  }

  it('a cancelled sweep: chunks stopped midway count only their finished runs', async () => {
    const plan = benchmarkPlan(2000);
    const pool = testPool();
    const abort = new AbortController();
    const chunks: LandedChunk[] = [];
    const result = await pool.run(plan, {
      aggregate: true,
      signal: abort.signal,
      onChunk: (c) => {
        chunks.push(c);
        if (chunks.length === 3) abort.abort();
      },
    });
    expect(result.cancelled).toBe(true);
    expectAggregatesMatchScan(plan, result, chunks);
    let done = 0;
    for (let r = 0; r < plan.runCount; r++) if (result.status[r] === RUN_DONE) done++;
    expect(chunks.reduce((s, c) => s + c.aggregate!.blocks.reduce((t, b) => t + b.done, 0), 0)).toBe(done);
  });

  it('without the option, chunks carry no aggregate', async () => {
    const plan = gridPlan();
    const chunks: LandedChunk[] = [];
    await testPool().run(plan, { onChunk: (c) => chunks.push(c) });
    expect(chunks.every((c) => c.aggregate === undefined)).toBe(true);
  });
});
