// The run index space of a plan: loss outermost, then η, then the initialization (w0 outer, b0
// inner for a grid; the sample index for random inits). Index ↔ config without materializing.

import { initialize, type LossName } from '@losslab/core';
import type { SweepPlan } from './spec.js';

/** Everything that defines one run. */
export interface RunConfig {
  index: number;
  lossIndex: number;
  loss: LossName;
  etaIndex: number;
  eta: number;
  /** The initialization's index: w0Index·(number of b0) + b0Index for a grid, the sample for random. */
  initIndex: number;
  /** Grid positions, or −1 for random inits. */
  w0Index: number;
  b0Index: number;
  /** Initial weights (length d) and bias. */
  w0: Float64Array;
  b0: number;
}

/** The position of a run along each axis. */
export interface RunPosition {
  lossIndex: number;
  etaIndex: number;
  initIndex: number;
}

/** Splits a run index into its axis positions (RangeError outside [0, runCount)). */
export function runPosition(plan: SweepPlan, index: number): RunPosition {
  if (!Number.isSafeInteger(index) || index < 0 || index >= plan.runCount) throw new RangeError(`run index must be an integer in [0, ${plan.runCount}), got ${index}`);
  const initIndex = index % plan.initCount;
  const rest = (index - initIndex) / plan.initCount;
  const etaIndex = rest % plan.eta.length;
  const lossIndex = (rest - etaIndex) / plan.eta.length;
  return { lossIndex, etaIndex, initIndex };
}

/** The run index of a position (RangeError for a position off the axes). */
export function runIndex(plan: SweepPlan, position: RunPosition): number {
  const { lossIndex, etaIndex, initIndex } = position;
  const check = (name: string, v: number, size: number) => {
    if (!Number.isSafeInteger(v) || v < 0 || v >= size) throw new RangeError(`${name} must be an integer in [0, ${size}), got ${v}`);
  };
  check('lossIndex', lossIndex, plan.losses.length);
  check('etaIndex', etaIndex, plan.eta.length);
  check('initIndex', initIndex, plan.initCount);
  return (lossIndex * plan.eta.length + etaIndex) * plan.initCount + initIndex;
}

/** The init index of grid position (w0Index, b0Index). */
export function gridInitIndex(plan: SweepPlan, w0Index: number, b0Index: number): number {
  if (plan.init.kind !== 'grid') throw new RangeError('gridInitIndex needs a grid init, got random inits');
  return w0Index * plan.init.b0.length + b0Index;
}

/** Initial weights and bias of an init index, written into `w` (length d); returns b0. */
export function initialParameters(plan: SweepPlan, initIndex: number, w: Float64Array): number {
  const init = plan.init;
  if (init.kind === 'grid') {
    const nb = init.b0.length;
    const b0Index = initIndex % nb;
    w.fill(init.w0[(initIndex - b0Index) / nb]!);
    return init.b0[b0Index]!;
  }
  const p = initialize({ scheme: init.scheme, parameter: init.parameter, seed: init.seed }, plan.data.d, initIndex);
  w.set(p.w);
  return p.b;
}

/** The full config of a run index. */
export function runConfig(plan: SweepPlan, index: number): RunConfig {
  const { lossIndex, etaIndex, initIndex } = runPosition(plan, index);
  const w0 = new Float64Array(plan.data.d);
  const b0 = initialParameters(plan, initIndex, w0);
  const grid = plan.init.kind === 'grid';
  const nb = grid ? (plan.init as { b0: Float64Array }).b0.length : 1;
  return {
    index,
    lossIndex,
    loss: plan.losses[lossIndex]!,
    etaIndex,
    eta: plan.eta[etaIndex]!,
    initIndex,
    w0Index: grid ? Math.floor(initIndex / nb) : -1,
    b0Index: grid ? initIndex % nb : -1,
    w0,
    b0,
  };
}
