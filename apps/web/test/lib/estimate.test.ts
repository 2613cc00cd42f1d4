import { describe, expect, it } from 'vitest';
import { chunkNsPerPointStep, estimateSeconds } from '../../src/lib/estimate.js';

describe('the run-time estimate, calibrated from a sweep’s first chunks', () => {
  const plan = { runCount: 1000, epochs: 300, data: { n: 5 } } as never;

  it('takes the cost per point-step from the steady rate the pool’s ETA implies, not from the start-up', () => {
    // 200 runs left in 4 s: 50 runs/s on 2 workers, each run 5 × 300 point-steps:
    // 2 worker-seconds / (50 · 1500) point-steps = 26,666.7 ns.
    const ns = chunkNsPerPointStep(plan, { done: 800, total: 1000, etaSeconds: 4 }, 2)!;
    expect(ns).toBeCloseTo((2 / (50 * 1500)) * 1e9, 6);
    // Fed back, it predicts the whole sweep at that rate: 1000 runs at 50 runs/s.
    expect(estimateSeconds(plan, 2, ns)).toBeCloseTo(1000 / 50, 9);
  });

  it('gives nothing before the rate is known, once nothing is left, or for a cost that is not a positive number', () => {
    expect(chunkNsPerPointStep(plan, { done: 10, total: 1000, etaSeconds: Number.NaN }, 2)).toBeNull();
    expect(chunkNsPerPointStep(plan, { done: 1000, total: 1000, etaSeconds: 0 }, 2)).toBeNull();
    expect(chunkNsPerPointStep(plan, { done: 10, total: 1000, etaSeconds: Number.POSITIVE_INFINITY }, 2)).toBeNull();
    expect(estimateSeconds(plan, 2, Number.NaN)).toBeNull();
    expect(estimateSeconds(plan, 2, 0)).toBeNull();
    expect(estimateSeconds(plan, 2, -1)).toBeNull();
  });
});
