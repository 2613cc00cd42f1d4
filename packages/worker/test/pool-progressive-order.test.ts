import { describe, expect, it } from 'vitest';
import { ChunkOrder, planSweep, resultHeader, resultToJson, RUN_DONE, type SweepPlan } from '../src/index.js';
import { testPool } from './support/node-pools.js';
import { expectSameRuns, gridPlan } from './support/sweeps.js';

/** The lecture's two points, both losses, 3 η × 32 w0 × 32 b0: 6,144 runs, 4,096 point-steps each (8 parts per block). */
function toyPlan(): SweepPlan {
  return planSweep({ version: 1, dataset: 'toy', losses: ['se', 'ce'], eta: [0.5, 2, 8], init: { w0: { from: -6, to: 6, count: 32 }, b0: { from: -6, to: 6, count: 32 } }, epochs: 2048, curve: 8 });
}

/** With optimizer and weight-decay axes (so a loss holds 2 · 2 · 2 blocks) and cross-entropy first. */
function axesPlan(): SweepPlan {
  return planSweep({ version: 1, dataset: 'toy', losses: ['ce', 'se'], optimizer: ['gd', 'adam'], eta: [0.1, 1], weightDecay: [0, 0.01], init: { w0: { from: -4, to: 4, count: 16 }, b0: { from: -4, to: 4, count: 32 } }, epochs: 4096, curve: 'none' });
}

function deal(plan: SweepPlan, range: { start: number; end: number }, size: number): { start: number; end: number }[] {
  const order = new ChunkOrder(plan, range, 'progressive');
  const out: { start: number; end: number }[] = [];
  for (let next = order.next(size); next; next = order.next(size)) out.push(next);
  expect(order.done).toBe(true);
  expect(order.remaining).toBe(0);
  return out;
}

/** Expects the ranges to cover [start, end) exactly once. */
function expectTiling(ranges: { start: number; end: number }[], range: { start: number; end: number }): void {
  const seen = new Uint8Array(range.end - range.start);
  for (const { start, end } of ranges) {
    expect(start).toBeGreaterThanOrEqual(range.start);
    expect(end).toBeLessThanOrEqual(range.end);
    expect(end).toBeGreaterThan(start);
    for (let r = start; r < end; r++) seen[r - range.start]!++;
  }
  expect(seen.every((c) => c === 1)).toBe(true);
}

/**
 * Where the runs dealt so far lie, from the plan's index space alone (run r: init block ⌊r / I⌋,
 * init position r mod I, loss ⌊r / (runCount / |losses|)⌋): per block, which of `slices` equal
 * slices of its init positions hold a run; and which losses have runs.
 */
function coverage(plan: SweepPlan, ranges: { start: number; end: number }[], slices: number) {
  const I = plan.initCount;
  const blocks = new Map<number, Set<number>>();
  const losses = new Set<number>();
  for (const { start, end } of ranges) {
    for (let r = start; r < end; r++) {
      const block = Math.floor(r / I);
      const slice = Math.floor(((r % I) * slices) / I);
      if (!blocks.has(block)) blocks.set(block, new Set());
      blocks.get(block)!.add(slice);
      losses.add(Math.floor(r / (plan.runCount / plan.losses.length)));
    }
  }
  return { blocks, losses };
}

describe("ChunkOrder 'progressive'", () => {
  for (const [name, plan] of [['toy', toyPlan()], ['optimizer and weight-decay axes', axesPlan()]] as const) {
    it(`${name}: after every prefix of whole parts, both losses are present and after m passes runs lie in every 1/2^⌊log₂ m⌋ of every block's init grid`, () => {
      const range = { start: 0, end: plan.runCount };
      const order = new ChunkOrder(plan, range, 'progressive');
      const P = order.parts;
      expect(P).toBeGreaterThanOrEqual(8);
      const blocks = plan.runCount / plan.initCount;
      const chunks = deal(plan, range, Number.MAX_SAFE_INTEGER);
      expect(chunks.length).toBe(blocks * P);
      expectTiling(chunks, range);
      for (let k = 1; k <= chunks.length; k++) {
        const prefix = chunks.slice(0, k);
        const { blocks: seen, losses } = coverage(plan, prefix, 1);
        if (k >= 2) expect(losses.size, `losses after ${k} chunks`).toBe(2);
        // After m whole passes every block was visited m times; its visits lie in each of 2^j slices, 2^j ≤ m.
        const passes = Math.floor(k / blocks);
        if (passes === 0) continue;
        expect(seen.size).toBe(blocks);
        const slices = 2 ** Math.floor(Math.log2(passes));
        for (const [block, hit] of coverage(plan, prefix, slices).blocks) expect(hit.size, `block ${block} after ${k} chunks`).toBe(slices);
      }
      // The example: once k ≥ 8 chunks per loss... here once every block had 4 visits, each quarter holds runs.
      const quarters = coverage(plan, chunks.slice(0, 4 * blocks), 4).blocks;
      for (const hit of quarters.values()) expect([...hit].sort()).toEqual([0, 1, 2, 3]);
    });
  }

  it('chunks smaller than a part: every part is visited once per pass before any is visited twice, and the ranges tile the sweep', () => {
    const plan = toyPlan();
    const range = { start: 0, end: plan.runCount };
    const P = new ChunkOrder(plan, range, 'progressive').parts;
    const partRuns = plan.initCount / P;
    const chunks = deal(plan, range, partRuns / 4);
    expectTiling(chunks, range);
    const parts = (plan.runCount / plan.initCount) * P;
    // The first `parts` chunks start each part (one chunk in every part), so they are all different parts.
    const firstPass = new Set(chunks.slice(0, parts).map((c) => Math.floor(c.start / partRuns)));
    expect(firstPass.size).toBe(parts);
    for (const c of chunks) expect(Math.floor(c.start / partRuns)).toBe(Math.floor((c.end - 1) / partRuns));
  });

  it('a range (a shard) that cuts blocks: only its runs, each once, and both losses within the first pass', () => {
    const plan = toyPlan();
    const range = { start: 1200, end: 4400 };
    const chunks = deal(plan, range, 7);
    expectTiling(chunks, range);
    // The range holds parts of 4 blocks (2 of each loss); block 1's part 0 lies before it, so the first pass has 3 chunks.
    expect(coverage(plan, chunks.slice(0, 3), 1).losses.size).toBe(2);
    expect(deal(plan, { start: 5, end: 5 }, 7)).toEqual([]);
  });

  it("'index' deals runs in order, `size` at a time", () => {
    const plan = toyPlan();
    const order = new ChunkOrder(plan, { start: 10, end: 35 }, 'index');
    const out = [];
    for (let next = order.next(10); next; next = order.next(10)) out.push(next);
    expect(out).toEqual([
      { start: 10, end: 20 },
      { start: 20, end: 30 },
      { start: 30, end: 35 },
    ]);
  });
});

describe("pool run(plan, { order: 'progressive' })", () => {
  it('one worker: chunks arrive in the order ChunkOrder deals them, and the result and its JSON file equal index order', async () => {
    const plan = toyPlan();
    const range = { start: 0, end: plan.runCount };
    const partRuns = plan.initCount / new ChunkOrder(plan, range, 'progressive').parts;
    const pool = testPool({ size: 1 });
    const arrived: { start: number; end: number }[] = [];
    const progressive = await pool.run(plan, { order: 'progressive', chunkSize: partRuns, onChunk: (r) => arrived.push(r) });
    expect(arrived).toEqual(deal(plan, range, partRuns));
    const indexed = await pool.run(plan, { chunkSize: partRuns });
    expect(progressive.completed).toBe(plan.runCount);
    expectSameRuns(progressive, indexed, plan);
    const header = resultHeader(plan, 'test');
    expect(resultToJson(plan, progressive, header)).toBe(resultToJson(plan, indexed, header));
  });

  it('two workers, adaptive chunks: the same bytes as index order', async () => {
    const plan = gridPlan();
    const pool = testPool({ size: 2 });
    const progressive = await pool.run(plan, { order: 'progressive' });
    const indexed = await pool.run(plan, { order: 'index' });
    expectSameRuns(progressive, indexed, plan);
  });

  it('cancelled after 4 passes: the finished runs are exactly those chunks, both losses, in every quarter of every block', async () => {
    const plan = toyPlan();
    const range = { start: 0, end: plan.runCount };
    const partRuns = plan.initCount / new ChunkOrder(plan, range, 'progressive').parts;
    const blocks = plan.runCount / plan.initCount;
    const pool = testPool({ size: 1 });
    const abort = new AbortController();
    let chunks = 0;
    const result = await pool.run(plan, {
      order: 'progressive',
      chunkSize: partRuns,
      signal: abort.signal,
      onChunk: () => {
        if (++chunks === 4 * blocks) abort.abort();
      },
    });
    expect(result.cancelled).toBe(true);
    const done: { start: number; end: number }[] = [];
    for (let r = 0; r < plan.runCount; r++) if (result.status[r] === RUN_DONE) done.push({ start: r, end: r + 1 });
    expect(done.length).toBe(4 * blocks * partRuns);
    const { blocks: seen, losses } = coverage(plan, done, 4);
    expect(losses.size).toBe(2);
    expect(seen.size).toBe(blocks);
    for (const hit of seen.values()) expect(hit.size).toBe(4);
  });

  it("refuses an unknown order, naming the option", async () => {
    const pool = testPool({ size: 1 });
    await expect(pool.run(toyPlan(), { order: 'random' as 'index' })).rejects.toThrow(/order must be 'index' or 'progressive', got .*random/);
  });
});
