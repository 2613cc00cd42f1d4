// The workers' chunk aggregates in Chromium's Web Workers: the same check as in Node.

import { afterAll, describe, expect, it } from 'vitest';
import { createBrowserPool } from '../src/browser.js';
import { expectAggregatesMatchScan, type LandedChunk } from './support/chunk-aggregates.js';
import { gridPlan, randomInitPlan } from './support/sweeps.js';

describe('pool run(plan, { aggregate: true }) with Web Workers', () => {
  const pool = createBrowserPool({ size: 2 });
  afterAll(() => pool.dispose());
  for (const [name, plan] of Object.entries({ 'five-point grid': gridPlan(), 'random inits, diverging η': randomInitPlan() })) {
    it(`every chunk arrives with the aggregate a scan of its runs gives (${name}, progressive order)`, async () => {
      const chunks: LandedChunk[] = [];
      const result = await pool.run(plan, { aggregate: true, order: 'progressive', chunkSize: 29, onChunk: (c) => chunks.push(c) });
      expect(result.completed).toBe(plan.runCount);
      expect(expectAggregatesMatchScan(plan, result, chunks)).toBe(chunks.length);
      expect(chunks.reduce((s, c) => s + c.aggregate!.blocks.reduce((t, b) => t + b.done, 0), 0)).toBe(plan.runCount);
    });
  }
});
