// A chunk being trained: the plan's data unpacked, its output arrays, one run's state, and the
// per-point arithmetic every part of the kernel shares (the logit, a loss summed over the points).

import { crossEntropy, lossFloor, optimizers, squaredError, type Loss, type Optimizer } from '@losslab/core';
import { allocateRuns, NEVER, type ChunkResult } from './result.js';
import { initialParameters, runPosition } from './space.js';
import type { SweepPlan } from './spec.js';

/** One run in progress: parameters before epoch t, and what the measures need so far. */
export class RunState {
  readonly w: Float64Array;
  b = 0;
  eta = 0;
  /** The run's optimizer, weight decay λ and points per update (clamped to n). */
  optimizer: Optimizer = { name: 'gd' };
  decay = 0;
  batch = 0;
  /** Plain full-batch descent without weight decay: the plain kernels' runs. */
  plain = true;
  /** The next epoch to run. */
  t = 0;
  /** The last epoch whose max |ŷ − y| exceeded the tolerance, −1 if none. */
  lastMiss = -1;
  /** The smallest loss recorded (Infinity before the first). */
  minLoss = Infinity;
  /** max |ŷ − y| at the last epoch (once it has run). */
  maxError = Number.NaN;
  divergedAt = NEVER;
  /** The parameters at the last epoch, before its update: where finalExcess is measured. */
  readonly prevW: Float64Array;
  prevB = Number.NaN;
  constructor(d: number) {
    this.w = new Float64Array(d);
    this.prevW = new Float64Array(d);
  }
}

/** Runs [start, end) of a plan being computed: the data, the output, and reusable scratch space. */
export class Chunk {
  readonly n: number;
  readonly d: number;
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly epochs: number;
  readonly mean: boolean;
  readonly tolerance: number;
  /** The floors of squared error and cross-entropy over the data (core's lossFloor), for the excess measures. */
  readonly floorSe: number;
  readonly floorCe: number;
  readonly out: ChunkResult;
  /** The JavaScript path's curve of the run being trained (a SIMD lane's is read in place in the kernel's memory; a lane that leaves the group copies its first epochs here). */
  readonly curve: Float64Array;
  readonly state: RunState;
  /** ∂L/∂w of the JavaScript path's current epoch. */
  readonly dw: Float64Array;
  constructor(
    readonly plan: SweepPlan,
    readonly start: number,
    end: number,
  ) {
    ({ n: this.n, d: this.d, x: this.x, y: this.y } = plan.data);
    this.epochs = plan.epochs;
    this.mean = plan.reduction === 'mean';
    this.tolerance = plan.tolerance;
    this.floorSe = lossFloor(plan.data, 'se', { reduction: plan.reduction });
    this.floorCe = lossFloor(plan.data, 'ce', { reduction: plan.reduction });
    this.out = { start, end, ...allocateRuns(end - start, this.d, plan.curveEpochs.length) };
    this.curve = new Float64Array(this.epochs);
    this.state = new RunState(this.d);
    this.dw = new Float64Array(this.d);
  }
  /**
   * Which runs can share a SIMD group: a number equal for two runs iff they have the same loss and
   * are both plain, or have the same optimizer (by name: hyperparameters and λ are per lane) and
   * batch size.
   */
  groupOf(r: number): number {
    const plan = this.plan;
    const p = runPosition(plan, this.start + r);
    const ce = plan.losses[p.lossIndex] === 'ce' ? 1 : 0;
    const optimizer = plan.optimizers[p.optimizerIndex]!;
    const batch = Math.min(plan.batchSizes[p.batchIndex]!, this.n);
    if (optimizer.name === 'gd' && batch === this.n && plan.weightDecays[p.weightDecayIndex] === 0) return -1 - ce;
    return (optimizers.indexOf(optimizer.name) * 2 + ce) * (this.n + 1) + batch;
  }
  /**
   * η, the optimizer, weight decay and batch size, and the initial parameters of run start + r,
   * written into `state` (epoch 0); returns whether it uses cross-entropy.
   */
  setUp(r: number, state: RunState): boolean {
    const { lossIndex, optimizerIndex, etaIndex, batchIndex, weightDecayIndex, initIndex } = runPosition(this.plan, this.start + r);
    state.eta = this.plan.eta[etaIndex]!;
    state.optimizer = this.plan.optimizers[optimizerIndex]!;
    state.decay = this.plan.weightDecays[weightDecayIndex]!;
    state.batch = Math.min(this.plan.batchSizes[batchIndex]!, this.n);
    state.plain = state.optimizer.name === 'gd' && state.batch === this.n && state.decay === 0;
    state.b = initialParameters(this.plan, initIndex, state.w);
    state.t = 0;
    state.lastMiss = -1;
    state.minLoss = Infinity;
    state.maxError = Number.NaN;
    state.divergedAt = NEVER;
    state.prevB = Number.NaN;
    return this.plan.losses[lossIndex] === 'ce';
  }
}

/**
 * z = Σⱼ wⱼ·x[row + j] + b, in core's order (logitOf: w₀x₀ first, then each further term, then
 * b), so that z has core's bits.
 */
export function logitAt(w: Float64Array, b: number, x: Float64Array, row: number, d: number): number {
  let z = w[0]! * x[row]!;
  for (let j = 1; j < d; j++) z += w[j]! * x[row + j]!;
  return z + b;
}

/**
 * Σᵢ term(zᵢ, yᵢ) over the points in index order at (w, b), ÷ n for 'mean': core's evaluateInto's
 * reduction, with `term` one of core's per-point functions (a Loss's value or excess).
 */
export function sumOverPoints(ctx: Chunk, w: Float64Array, b: number, term: (z: number, y: number) => number): number {
  const { n, d, x, y, mean } = ctx;
  let total = 0;
  for (let i = 0; i < n; i++) total += term(logitAt(w, b, x, i * d, d), y[i]!);
  return mean ? total / n : total;
}

/** core's loss object for a run. */
export function lossOf(ce: boolean): Loss {
  return ce ? crossEntropy : squaredError;
}
