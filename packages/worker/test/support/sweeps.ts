// Sweeps and comparisons shared by the Node and the browser tests (no platform code here).

import { expect } from 'vitest';
import { benchmarkS1Spec, planSweep, type RunArrays, type SweepPlan } from '../../src/index.js';

/** The lecture's five points, both losses, a 6 η × 8 w0 × 8 b0 grid: 768 runs. */
export function gridPlan(epochs = 150): SweepPlan {
  return planSweep({
    version: 1,
    dataset: 'five-point',
    losses: ['se', 'ce'],
    eta: { from: 1e-2, to: 10, count: 6, scale: 'log' },
    init: { w0: { from: -6, to: 6, count: 8 }, b0: { from: -6, to: 6, count: 8 } },
    epochs,
  });
}

/** Three features, random inits, mean reduction, full curves, and an η large enough to diverge: 240 runs. */
export function randomInitPlan(): SweepPlan {
  return planSweep({
    version: 1,
    dataset: { generator: 'two-classes', n: 12, d: 3, seed: 7 },
    losses: ['ce', 'se'],
    eta: [0.1, 1, 1e308],
    init: { scheme: 'normal', parameter: 2, count: 40, seed: 3 },
    epochs: 60,
    reduction: 'mean',
    curve: 'full',
  });
}

/** Benchmark S1 (docs/design.md) at `epochs` epochs: 32,768 runs, long enough to cancel midway. */
export function benchmarkPlan(epochs = 1000): SweepPlan {
  return planSweep(benchmarkS1Spec(epochs));
}

/** Every per-run array of RunArrays. */
export const RUN_ARRAY_KEYS = ['status', 'finalLoss', 'minLoss', 'finalExcess', 'finalMaxError', 'finalW', 'finalB', 'epochsToFit', 'epochsTo99', 'plateauLength', 'divergedAt', 'curves'] as const satisfies readonly (keyof RunArrays)[];

/** The first byte at which two typed arrays differ, or −1 if they are bit for bit the same (NaN payloads included). */
export function firstDifferentByte(a: ArrayBufferView, b: ArrayBufferView): number {
  const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const y = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  if (x.length !== y.length) return Math.min(x.length, y.length);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return i;
  return -1;
}

/** Expects every array of `actual` to equal `expected`'s bit for bit, over runs [start, end) of each. */
export function expectSameRuns(actual: RunArrays, expected: RunArrays, plan: SweepPlan, at: { actualStart?: number; expectedStart?: number; count?: number } = {}): void {
  const { actualStart = 0, expectedStart = 0, count = plan.runCount } = at;
  const perRun: Record<string, number> = { finalW: plan.data.d, curves: plan.curveEpochs.length };
  for (const key of RUN_ARRAY_KEYS) {
    const width = perRun[key] ?? 1;
    const a = actual[key].subarray(actualStart * width, (actualStart + count) * width);
    const e = expected[key].subarray(expectedStart * width, (expectedStart + count) * width);
    const byte = firstDifferentByte(a, e);
    const where = byte < 0 ? '' : ` (first difference at element ${Math.floor(byte / a.BYTES_PER_ELEMENT)}: ${a[Math.floor(byte / a.BYTES_PER_ELEMENT)]} vs ${e[Math.floor(byte / e.BYTES_PER_ELEMENT)]})`;
    expect(byte, `${key} differs${where}`).toBe(-1);
  }
}
