// Step mode's model: one config of the sweep trained one epoch at a time under each of the plan's
// losses at once, with core's createTrainer (the step-by-step form of train, so after k steps the
// parameters are exactly train's pathW/pathB[k]). Each step also measures the parameters it
// started from, as traceRun does, so the curves, the gradient split and the surface paths can show
// the run so far (as RunTrace prefixes).
//
// The session keeps every epoch it has computed (the whole parameter path, all d weights), so a
// step back or a scrub to an earlier epoch only moves a cursor: the values shown at epoch k are
// the ones computed when the run first reached k, bit for bit. Scrubbing past what was computed
// trains forward to there.

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
  /** Every weight before each epoch: (epochs + 1) × d, row t = the weights before epoch t. */
  weights: Float64Array;
}

/** Where one loss's run stands after the steps so far. */
export interface StepPoint {
  loss: LossName;
  /** Epochs completed. */
  epoch: number;
  /** The current first weight and bias (train's pathW/pathB at `epoch`). */
  w: number;
  b: number;
  /** All current weights (a copy). */
  weights: Float64Array;
  /** L(w, b) at the current parameters (train's losses[epoch] while epoch < epochs). */
  value: number;
  done: boolean;
}

/** Gradient descent of one config under each of the plan's losses, one epoch per step. */
export class StepSession {
  readonly plan: SweepPlan;
  readonly config: ConfigRef;
  #tracks: Track[];
  /** The epoch on display (the cursor); every track has computed at least this many epochs unless it ended. */
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
        weights: new Float64Array((T + 1) * plan.data.d),
      };
      track.pathW[0] = trainer.w[0]!;
      track.pathB[0] = trainer.b;
      track.weights.set(trainer.w, 0);
      return track;
    });
  }

  /** The epoch on display: epochs completed (the same for every loss, unless a run ended early by diverging). */
  get epoch(): number {
    return this.#epoch;
  }

  /** The last epoch a session can reach: the plan's epochs. */
  get lastEpoch(): number {
    return this.plan.epochs;
  }

  /** True when the cursor is at the end of every run (all its epochs done, or diverged). */
  get done(): boolean {
    return this.#tracks.every((track) => track.trainer.done && this.#epoch >= track.trainer.epoch);
  }

  /** Back to the initial parameters, epoch 0 (what was computed is kept). */
  reset(): void {
    this.#epoch = 0;
  }

  /** One epoch forward under every loss (computed the first time, replayed after); false when there was nothing left to run. */
  step(): boolean {
    if (this.done) return false;
    const t = this.#epoch;
    for (const track of this.#tracks) this.#advance(track, t);
    this.#epoch = t + 1;
    return true;
  }

  /** Computes epoch t of a track (from t to t + 1) unless it already has it or has ended. */
  #advance(track: Track, t: number): void {
    if (track.trainer.epoch > t || track.trainer.done) return;
    this.#measure(track, t);
    const result = track.trainer.step();
    if (!result) return;
    track.maxError[t] = result.maxError;
    track.pathW[t + 1] = result.w[0]!;
    track.pathB[t + 1] = result.b;
    track.weights.set(result.w, (t + 1) * this.plan.data.d);
  }

  /**
   * The step loss `lossIndex`'s optimizer takes from the epoch on display: its parameters there
   * and at the next epoch (train's pathW/pathB[k] and [k + 1]; the next epoch is computed ahead if
   * needed, without moving the cursor). Exact for every optimizer, momentum and Adam included,
   * where −η∇L is not the step. Null when the run has no next epoch (its last, or it diverged).
   */
  nextStep(lossIndex: number): { from: { w: number; b: number }; to: { w: number; b: number } } | null {
    const track = this.#tracks[lossIndex];
    if (!track) throw new RangeError(`lossIndex must be 0 … ${this.#tracks.length - 1}, got ${lossIndex}`);
    const k = this.#epoch;
    if (k >= this.plan.epochs) return null;
    this.#advance(track, k);
    if (track.trainer.epoch <= k) return null;
    const to = { w: track.pathW[k + 1]!, b: track.pathB[k + 1]! };
    if (!Number.isFinite(to.w) || !Number.isFinite(to.b)) return null;
    return { from: { w: track.pathW[k]!, b: track.pathB[k]! }, to };
  }

  /** One epoch back (the values computed on the way there); false at epoch 0. */
  back(): boolean {
    if (this.#epoch === 0) return false;
    this.#epoch--;
    return true;
  }

  /** Moves the cursor to epoch k (clamped to 0 … the last epoch a run reaches), training forward if needed; returns the epoch reached. */
  seek(k: number): number {
    if (!Number.isFinite(k)) throw new RangeError(`epoch must be a finite number, got ${k}`);
    const target = Math.max(0, Math.min(this.plan.epochs, Math.round(k)));
    if (target <= this.#epoch) {
      this.#epoch = target;
      return target;
    }
    while (this.#epoch < target && this.step());
    return this.#epoch;
  }

  /** The parameters of loss `lossIndex`'s run at the epoch on display (copies). */
  parameters(lossIndex: number): { w: Float64Array; b: number } {
    const track = this.#tracks[lossIndex];
    if (!track) throw new RangeError(`lossIndex must be 0 … ${this.#tracks.length - 1}, got ${lossIndex}`);
    const k = this.#shown(track);
    const d = this.plan.data.d;
    return { w: track.weights.slice(k * d, (k + 1) * d), b: track.pathB[k]! };
  }

  /** Epochs of this track on display: the cursor, or fewer if the run ended before it. */
  #shown(track: Track): number {
    return Math.min(this.#epoch, track.trainer.epoch);
  }

  /** The current point of each loss's run. */
  points(): StepPoint[] {
    const data = planDataset(this.plan);
    return this.#tracks.map((track, l) => {
      const epoch = this.#shown(track);
      const { w, b } = this.parameters(l);
      return { loss: track.loss, epoch, w: w[0]!, b, weights: w, value: datasetLoss(data, track.loss, w, b, { reduction: this.plan.reduction }), done: track.trainer.done && epoch >= track.trainer.epoch };
    });
  }

  /** The runs so far as RunTrace prefixes (views on the session's arrays: valid until the next step or reset). */
  traces(): RunTrace[] {
    return this.#tracks.map((track) => {
      const T = this.#shown(track);
      const diverged = track.trainer.divergedAt;
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
        epochsToFit: fitSoFar(track.maxError, T, this.plan.tolerance),
        plateauEpochs: null,
        divergedAt: diverged !== null && this.#epoch > diverged ? diverged : null,
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

/** Fit from this epoch on, so far: the first epoch s with every max |ŷ − y| ≤ ε from s to T − 1 (null if the last is above ε). */
function fitSoFar(maxError: Float64Array, T: number, tolerance: number): number | null {
  let s = T;
  while (s > 0 && maxError[s - 1]! <= tolerance) s--;
  return s < T ? s : null;
}
