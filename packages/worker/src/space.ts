// The run index space of a plan: loss outermost, then the optimizer, then η, then the batch size,
// then the weight decay, then the initialization (w0 outer, b0 inner for a grid; the sample index
// for random inits). Index ↔ config without materializing. A spec without the optimizer, batch
// size and weight-decay axes has one value on each, so its indices are what they always were:
// (lossIndex·|η| + etaIndex)·initCount + initIndex.

import { initialize, type LossName, type Optimizer } from '@losslab/core';
import type { SweepPlan } from './spec.js';

/** Everything that defines one run. */
export interface RunConfig {
  index: number;
  lossIndex: number;
  loss: LossName;
  etaIndex: number;
  eta: number;
  optimizerIndex: number;
  /** The optimizer, resolved (core's Optimizer: { name: 'gd' } by default). */
  optimizer: Optimizer;
  batchIndex: number;
  /** Points per update (n or more: the whole dataset). */
  batchSize: number;
  weightDecayIndex: number;
  weightDecay: number;
  /** The initialization's index: w0Index·(number of b0) + b0Index for a grid, the sample for random. */
  initIndex: number;
  /** Grid positions, or −1 for random inits. */
  w0Index: number;
  b0Index: number;
  /** Initial weights (length d) and bias. */
  w0: Float64Array;
  b0: number;
}

/** The position of a run along each axis (the optional ones default to 0 where a position is given). */
export interface RunPosition {
  lossIndex: number;
  optimizerIndex?: number;
  etaIndex: number;
  batchIndex?: number;
  weightDecayIndex?: number;
  initIndex: number;
}

/** Splits a run index into its axis positions (RangeError outside [0, runCount)). */
export function runPosition(plan: SweepPlan, index: number): Required<RunPosition> {
  if (!Number.isSafeInteger(index) || index < 0 || index >= plan.runCount) throw new RangeError(`run index must be an integer in [0, ${plan.runCount}), got ${index}`);
  let rest = index;
  const take = (size: number): number => {
    const k = rest % size;
    rest = (rest - k) / size;
    return k;
  };
  const initIndex = take(plan.initCount);
  const weightDecayIndex = take(plan.weightDecays.length);
  const batchIndex = take(plan.batchSizes.length);
  const etaIndex = take(plan.eta.length);
  const optimizerIndex = take(plan.optimizers.length);
  return { lossIndex: rest, optimizerIndex, etaIndex, batchIndex, weightDecayIndex, initIndex };
}

/** The run index of a position (RangeError for a position off the axes). */
export function runIndex(plan: SweepPlan, position: RunPosition): number {
  const { lossIndex, optimizerIndex = 0, etaIndex, batchIndex = 0, weightDecayIndex = 0, initIndex } = position;
  const check = (name: string, v: number, size: number) => {
    if (!Number.isSafeInteger(v) || v < 0 || v >= size) throw new RangeError(`${name} must be an integer in [0, ${size}), got ${v}`);
  };
  check('lossIndex', lossIndex, plan.losses.length);
  check('optimizerIndex', optimizerIndex, plan.optimizers.length);
  check('etaIndex', etaIndex, plan.eta.length);
  check('batchIndex', batchIndex, plan.batchSizes.length);
  check('weightDecayIndex', weightDecayIndex, plan.weightDecays.length);
  check('initIndex', initIndex, plan.initCount);
  const outer = (lossIndex * plan.optimizers.length + optimizerIndex) * plan.eta.length + etaIndex;
  return ((outer * plan.batchSizes.length + batchIndex) * plan.weightDecays.length + weightDecayIndex) * plan.initCount + initIndex;
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
  return runConfigInto(plan, index, null);
}

/**
 * The full config of a run index written into `config` (its w0 reused when it has d entries), or
 * into a new one when `config` is null: writers that read every run's config in turn reuse one
 * object, without an object and a Float64Array per run for the collector.
 */
export function runConfigInto(plan: SweepPlan, index: number, config: RunConfig | null): RunConfig {
  const { lossIndex, optimizerIndex, etaIndex, batchIndex, weightDecayIndex, initIndex } = runPosition(plan, index);
  const w0 = config !== null && config.w0.length === plan.data.d ? config.w0 : new Float64Array(plan.data.d);
  const b0 = initialParameters(plan, initIndex, w0);
  const grid = plan.init.kind === 'grid';
  const nb = grid ? (plan.init as { b0: Float64Array }).b0.length : 1;
  const target = config ?? ({} as RunConfig);
  target.index = index;
  target.lossIndex = lossIndex;
  target.loss = plan.losses[lossIndex]!;
  target.etaIndex = etaIndex;
  target.eta = plan.eta[etaIndex]!;
  target.optimizerIndex = optimizerIndex;
  target.optimizer = plan.optimizers[optimizerIndex]!;
  target.batchIndex = batchIndex;
  target.batchSize = plan.batchSizes[batchIndex]!;
  target.weightDecayIndex = weightDecayIndex;
  target.weightDecay = plan.weightDecays[weightDecayIndex]!;
  target.initIndex = initIndex;
  target.w0Index = grid ? Math.floor(initIndex / nb) : -1;
  target.b0Index = grid ? initIndex % nb : -1;
  target.w0 = w0;
  target.b0 = b0;
  return target;
}
