// Step mode's model: one config of the sweep trained one epoch at a time under each of the plan's
// losses at once, with core's createTrainer (the step-by-step form of train, so after k steps the
// parameters are exactly train's pathW/pathB[k]). Each step also measures the parameters it
// started from, as traceRun does, so the curves, the gradient split and the surface paths can show
// the run so far (as RunTrace prefixes).

import { createTrainer, datasetLoss, builtinLosses as lossFunctions, sigmoid, sigmoidSlope, type LossName, type Trainer } from '@losslab/core';
import type { SweepPlan } from '@losslab/worker';
import { configRun, runTrainOptions } from './config-run.js';
import type { ConfigRef } from './state.js';
import { planDataset, type RunTrace } from './trace.js';

interface Track {
  loss: LossName;
  lossIndex: number;
  trainer: Trainer;
  runIndex: number;
  eta: number;
  w0: number;
  b0: number;
  epochs: Float64Array;
  excess: Float64Array;
  maxError: Float64Array;
  meanError: Float64Array;
  meanSlope: Float64Array;
  gradientNorm: Float64Array;
  pathW: Float64Array;
  pathB: Float64Array;
  epochsToFit: number | null;
  divergedAt: number | null;
}

/** Where one loss's run stands after the steps so far. */
export interface StepPoint {
  loss: LossName;
  /** Epochs completed. */
  epoch: number;
  /** The current first weight and bias (train's pathW/pathB at `epoch`). */
  w: number;
  b: number;
  /** L(w, b) at the current parameters (train's losses[epoch] while epoch < epochs). */
  value: number;
  done: boolean;
}

/** Gradient descent of one config under each of the plan's losses, one epoch per step. */
export class StepSession {
  readonly plan: SweepPlan;
  readonly config: ConfigRef;
  #tracks: Track[];
  #epoch = 0;

  constructor(plan: SweepPlan, config: ConfigRef) {
    this.plan = plan;
    this.config = config;
    const data = planDataset(plan);
    const T = plan.epochs;
    this.#tracks = plan.losses.map((loss, lossIndex) => {
      const run = configRun(plan, config, lossIndex);
      const index = run.index;
      const trainer = createTrainer({ ...runTrainOptions(plan, run), data, loss, epochs: T });
      const track: Track = {
        loss,
        lossIndex,
        trainer,
        runIndex: index,
        eta: run.eta,
        w0: run.w0[0]!,
        b0: run.b0,
        epochs: Float64Array.from({ length: T }, (_, t) => t),
        excess: new Float64Array(T),
        maxError: new Float64Array(T),
        meanError: new Float64Array(T),
        meanSlope: new Float64Array(T),
        gradientNorm: new Float64Array(T),
        pathW: new Float64Array(T + 1),
        pathB: new Float64Array(T + 1),
        epochsToFit: null,
        divergedAt: null,
      };
      return track;
    });
    this.reset();
  }

  /** Epochs completed (the same for every loss, unless a run ended early by diverging). */
  get epoch(): number {
    return this.#epoch;
  }

  /** True once every run has done all its epochs (or diverged). */
  get done(): boolean {
    return this.#tracks.every((track) => track.trainer.done);
  }

  /** Back to the initial parameters, epoch 0. */
  reset(): void {
    this.#epoch = 0;
    for (const track of this.#tracks) {
      track.trainer.reset();
      track.pathW[0] = track.trainer.w[0]!;
      track.pathB[0] = track.trainer.b;
      track.epochsToFit = null;
      track.divergedAt = null;
    }
  }

  /** One epoch under every loss; false when there was nothing left to run. */
  step(): boolean {
    if (this.done) return false;
    const t = this.#epoch;
    for (const track of this.#tracks) {
      if (track.trainer.done) continue;
      this.#measure(track, t);
      const result = track.trainer.step();
      if (!result) continue;
      track.maxError[t] = result.maxError;
      track.pathW[t + 1] = result.w[0]!;
      track.pathB[t + 1] = result.b;
      if (result.diverged) track.divergedAt = t;
      // Fit from this epoch on, so far: every |ŷ − y| ≤ ε since the first such epoch.
      if (result.maxError <= this.plan.tolerance) track.epochsToFit ??= t;
      else track.epochsToFit = null;
    }
    this.#epoch = t + 1;
    return true;
  }

  /** The current point of each loss's run. */
  points(): StepPoint[] {
    const data = planDataset(this.plan);
    return this.#tracks.map((track) => {
      const epoch = track.trainer.epoch;
      const w = track.trainer.w;
      return { loss: track.loss, epoch, w: w[0]!, b: track.trainer.b, value: datasetLoss(data, track.loss, w, track.trainer.b, { reduction: this.plan.reduction }), done: track.trainer.done };
    });
  }

  /** The runs so far as RunTrace prefixes (views on the session's arrays: valid until the next step or reset). */
  traces(): RunTrace[] {
    return this.#tracks.map((track) => {
      const T = track.trainer.epoch;
      return {
        config: this.config,
        loss: track.loss,
        lossIndex: track.lossIndex,
        runIndex: track.runIndex,
        eta: track.eta,
        w0: track.w0,
        b0: track.b0,
        epochsRun: T,
        epochs: track.epochs.subarray(0, T),
        excess: track.excess.subarray(0, T),
        maxError: track.maxError.subarray(0, T),
        meanError: track.meanError.subarray(0, T),
        meanSlope: track.meanSlope.subarray(0, T),
        gradientNorm: track.gradientNorm.subarray(0, T),
        pathW: track.pathW.subarray(0, T + 1),
        pathB: track.pathB.subarray(0, T + 1),
        epochsToFit: track.epochsToFit,
        plateauEpochs: null,
        divergedAt: track.divergedAt,
      };
    });
  }

  /** The excess loss, errors and gradient size at the parameters before epoch t (as traceRun measures them). */
  #measure(track: Track, t: number): void {
    const { n, d, x, y } = this.plan.data;
    const fn = lossFunctions[track.loss];
    const scale = this.plan.reduction === 'mean' ? 1 / n : 1;
    const w = track.trainer.w;
    const b = track.trainer.b;
    let sumExcess = 0;
    let sumError = 0;
    let sumSlope = 0;
    let db = 0;
    const dw = new Float64Array(d);
    for (let i = 0; i < n; i++) {
      // z in core's order (logitOf, as traceRun): w₀x₀ + w₁x₁ + … + b; starting from b gives other
      // last bits for d > 1.
      let z = w[0]! * x[i * d]!;
      for (let j = 1; j < d; j++) z += w[j]! * x[i * d + j]!;
      z += b;
      const yi = y[i]!;
      sumExcess += fn.excess(z, yi);
      sumError += Math.abs(sigmoid(z) - yi);
      sumSlope += sigmoidSlope(z);
      const g = fn.dz(z, yi);
      for (let j = 0; j < d; j++) dw[j]! += g * x[i * d + j]!;
      db += g;
    }
    let norm = db * db;
    for (let j = 0; j < d; j++) norm += dw[j]! * dw[j]!;
    track.excess[t] = sumExcess * scale;
    track.meanError[t] = sumError / n;
    track.meanSlope[t] = sumSlope / n;
    track.gradientNorm[t] = Math.sqrt(norm) * scale;
  }
}
