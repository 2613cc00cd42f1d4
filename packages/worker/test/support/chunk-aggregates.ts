// The check of workers' chunk aggregates, shared by the Node and the browser tests: a plain scan of
// the written result (a Map of epoch counts per block, no sorting tricks) against what the worker sent.

import { expect } from 'vitest';
import { NEVER, RUN_DONE, type ChunkAggregate, type SweepPlan, type SweepResult } from '../../src/index.js';

/** A chunk as onChunk reported it. */
export interface LandedChunk {
  start: number;
  end: number;
  aggregate?: ChunkAggregate;
}

/** Expects each chunk's aggregate to equal a scan of `result`'s runs [start, end); returns how many were checked. */
export function expectAggregatesMatchScan(plan: SweepPlan, result: SweepResult, chunks: readonly LandedChunk[]): number {
  let checked = 0;
  for (const chunk of chunks) {
    expect(chunk.aggregate, `chunk [${chunk.start}, ${chunk.end}) has an aggregate`).toBeDefined();
    const expected = new Map<number, { done: number; diverged: number; fits: Map<number, number>; min: number; max: number }>();
    for (let r = chunk.start; r < chunk.end; r++) {
      const block = Math.floor(r / plan.initCount);
      if (!expected.has(block)) expected.set(block, { done: 0, diverged: 0, fits: new Map(), min: Infinity, max: -Infinity });
      if (result.status[r] !== RUN_DONE) continue;
      const e = expected.get(block)!;
      e.done++;
      const x = result.finalExcess[r]!;
      if (Number.isFinite(x)) {
        e.min = Math.min(e.min, x);
        e.max = Math.max(e.max, x);
      }
      if (result.divergedAt[r] !== NEVER) e.diverged++;
      else if (result.epochsToFit[r] !== NEVER) e.fits.set(result.epochsToFit[r]!, (e.fits.get(result.epochsToFit[r]!) ?? 0) + 1);
    }
    const actual = chunk.aggregate!.blocks.map((b) => ({ block: b.block, done: b.done, diverged: b.diverged, fits: [...b.fitEpochs].map((v, k) => [v, b.fitCounts[k]]), min: b.excessMin, max: b.excessMax }));
    const wanted = [...expected].map(([block, e]) => ({ block, done: e.done, diverged: e.diverged, fits: [...e.fits].sort((a, b) => a[0]! - b[0]!), min: e.min, max: e.max }));
    expect(actual, `chunk [${chunk.start}, ${chunk.end})`).toEqual(wanted);
    checked++;
  }
  return checked;
}
