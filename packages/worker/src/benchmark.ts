// Benchmark S1 of docs/design.md, written out once for the CLI's `bench`, the kernel scripts and the tests.

import type { SweepSpec } from './spec.js';

/** Epochs of benchmark S1. */
export const S1_EPOCHS = 1000;

/**
 * Benchmark S1's spec: the five points, both losses, 16 η from 0.001 to 10 (log), a 32 × 32 grid
 * of w0 and b0 in [−6, 6], 1000 epochs, sum reduction: 32,768 runs. Other `epochs` give S1's grid
 * with a smaller (or larger) workload, which is not S1. A new object on every call.
 */
export function benchmarkS1Spec(epochs = S1_EPOCHS): SweepSpec {
  return {
    version: 1,
    dataset: 'five-point',
    losses: ['se', 'ce'],
    eta: { from: 1e-3, to: 10, count: 16, scale: 'log' },
    init: { w0: { from: -6, to: 6, count: 32 }, b0: { from: -6, to: 6, count: 32 } },
    epochs,
    reduction: 'sum',
  };
}
