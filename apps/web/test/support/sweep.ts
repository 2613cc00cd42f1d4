// Small sweeps computed in-process with the worker package's kernel (no workers): results to test
// the lib functions and the elements against (in Node and in the browser alike).

import { allocateResult, planSweep, runChunk, writeChunk, type SweepPlan, type SweepResult, type SweepSpec } from '@losslab/worker';

/** A plan's result with runs [0, done) computed by the kernel (all of them by default), the rest pending. */
export function computeResult(plan: SweepPlan, done = plan.runCount): SweepResult {
  const result = allocateResult(plan);
  if (done > 0) writeChunk(result, runChunk(plan, 0, done));
  return result;
}

/** A plan, and its result with runs [0, done) computed (all of them by default). */
export function sweep(spec: Omit<SweepSpec, 'version'>, done?: number): { plan: SweepPlan; result: SweepResult } {
  const plan = planSweep({ version: 1, ...spec });
  return { plan, result: computeResult(plan, done) };
}

/** The lecture's two points, 2 losses × 3 η × 6 × 6 starts, 300 epochs: 216 runs. */
export const smallSpec: Omit<SweepSpec, 'version'> = {
  dataset: 'toy',
  losses: ['se', 'ce'],
  eta: [0.3, 1, 3],
  init: { w0: { from: -4, to: 4, count: 6 }, b0: { from: -4, to: 4, count: 6 } },
  epochs: 300,
  curve: 'none',
};
