// Runs that are not plain full-batch descent (another optimizer, mini-batches or weight decay) are
// trained by core's train's arithmetic: core's own optimizer (createUpdater) and epoch orders
// (epochPermutation), and the loop of core's train with the built-in losses inlined, so that one
// exp per point serves the loss, its derivative and |ŷ − y| (core's train calls three functions,
// each with its own exp, which is 3–4× slower). Every operation is core's, in core's order, so
// parameters, losses and measures are core's bit for bit (test/optimizer-axes.test.ts checks them
// against core's train, in Node and in Chromium). Plain runs keep the fast kernels (kernel.ts): a
// chunk is split into maximal ranges of plain and other runs, and each range goes to its engine.
// With the index order (optimizer outside η, batch size and weight decay inside it), plain runs
// come in blocks of at least initCount consecutive runs.

import { createUpdater, dataset, epochPermutation, epochsToFit, excessMeasures, expNonPositive, lossFloor, builtinLosses as coreLosses, runOutcome, type Dataset } from '@losslab/core';
import { allocateRuns, NEVER, outcomeCode, RUN_DONE, type ChunkResult, type RunArrays } from './result.js';
import { copyRuns } from './result-schema.js';
import { runConfig, runPosition } from './space.js';
import type { SweepPlan } from './spec.js';

/** True if every run of the plan is plain full-batch gradient descent without weight decay (every spec without the new axes). */
export function isPlainPlan(plan: SweepPlan): boolean {
  return plan.optimizers.every((o) => o.name === 'gd') && plan.batchSizes.every((b) => b >= plan.data.n) && plan.weightDecays.every((l) => l === 0);
}

/** True if run `index` is plain full-batch gradient descent without weight decay. */
export function isPlainRun(plan: SweepPlan, index: number): boolean {
  const { optimizerIndex, batchIndex, weightDecayIndex } = runPosition(plan, index);
  return plan.optimizers[optimizerIndex]!.name === 'gd' && plan.batchSizes[batchIndex]! >= plan.data.n && plan.weightDecays[weightDecayIndex] === 0;
}

/** Copies the runs of `part` (a chunk of runs [part.start, part.end)) into `out` at their positions. */
function copyInto(out: ChunkResult, part: ChunkResult, d: number, K: number): void {
  copyRuns(out, part.start - out.start, part, d, K);
}

/**
 * Runs [start, end) of a plan with optimizer axes: plain ranges through `plain` (the fast kernel,
 * which returns a chunk for the range it is given), the others run by run with core's train.
 * `shouldStop` is asked between runs (and passed on to the fast kernel); runs not reached stay
 * RUN_PENDING.
 */
export function runOptimizerChunk(plan: SweepPlan, start: number, end: number, shouldStop: (() => boolean) | undefined, plain: (start: number, end: number) => ChunkResult): ChunkResult {
  const d = plan.data.d;
  const K = plan.curveEpochs.length;
  const out: ChunkResult = { start, end, ...allocateRuns(end - start, d, K) };
  const set = dataset(plan.data);
  for (let index = start; index < end; ) {
    if (shouldStop && shouldStop()) break;
    if (isPlainRun(plan, index)) {
      let stop = index + 1;
      while (stop < end && isPlainRun(plan, stop)) stop++;
      const part = plain(index, stop);
      copyInto(out, part, d, K);
      // The fast kernel stopped early if asked to: then so does this chunk.
      if (part.status[stop - index - 1] !== RUN_DONE) break;
      index = stop;
    } else {
      trainRun(plan, set, index, out, index - start);
      index++;
    }
  }
  return out;
}

/** What trainRun needs of a run: core's TrainResult's losses and maxErrors, the final and the last epoch's parameters. */
interface Trained {
  losses: Float64Array;
  maxErrors: Float64Array;
  /** θ = (w, b) at the end, and before the last epoch (where finalLoss is measured). */
  theta: Float64Array;
  prev: Float64Array;
  divergedAt: number | null;
  epochsRun: number;
}

/**
 * core's train for a built-in loss, inlined: per epoch the whole dataset's loss, gradient and
 * max |ŷ − y| (evaluateInto's sums, in its order), then one update with that gradient, or one per
 * batch of the epoch's order with the batch's gradient (core's batch loop). e = exp(−|z|) and
 * r = 1/(1 + e) are computed once per point and used as squaredError, crossEntropy and sigmoid use
 * them.
 */
function trainInline(set: Dataset, ce: boolean, config: ReturnType<typeof runConfig>, plan: SweepPlan): Trained {
  const { n, d, x, y } = set;
  const { epochs } = plan;
  const mean = plan.reduction === 'mean';
  const updater = createUpdater({ optimizer: config.optimizer, eta: config.eta, weightDecay: config.weightDecay, d });
  const batch = Math.min(config.batchSize, n);
  const order = new Uint32Array(batch < n ? n : 0);
  const theta = new Float64Array(d + 1);
  theta.set(config.w0);
  theta[d] = config.b0;
  const prev = new Float64Array(d + 1);
  const grad = new Float64Array(d + 1);
  const losses = new Float64Array(epochs);
  const maxErrors = new Float64Array(epochs);
  let divergedAt: number | null = null;
  let t = 0;
  for (; t < epochs; t++) {
    if (t === epochs - 1) prev.set(theta);
    const b = theta[d]!;
    let total = 0;
    let db = 0;
    let maxError = 0;
    grad.fill(0);
    for (let i = 0; i < n; i++) {
      const row = i * d;
      let z = theta[0]! * x[row]!;
      for (let j = 1; j < d; j++) z += theta[j]! * x[row + j]!;
      z += b;
      const yi = y[i]!;
      const e = expNonPositive(-Math.abs(z));
      const r = 1 / (1 + e);
      const error = (z >= 0 ? r : e * r) - yi;
      let g: number;
      if (ce) {
        total += (z >= 0 ? z * (1 - yi) : -yi * z) + Math.log1p(e);
        g = error;
      } else {
        total += 0.5 * error * error;
        g = error * (e * r * r);
      }
      for (let j = 0; j < d; j++) grad[j]! += g * x[row + j]!;
      db += g;
      const absError = Math.abs(error);
      if (absError > maxError) maxError = absError;
    }
    if (mean) {
      total /= n;
      db /= n;
      for (let j = 0; j < d; j++) grad[j]! /= n;
    }
    let finite = Number.isFinite(total);
    for (let k = 0; k <= d; k++) finite &&= Number.isFinite(theta[k]!);
    if (!finite) {
      divergedAt = t;
      break;
    }
    losses[t] = total;
    maxErrors[t] = maxError;
    if (batch >= n) {
      grad[d] = db;
      updater.update(theta, grad);
      continue;
    }
    epochPermutation(plan.shuffleSeed, t, n, order);
    for (let start = 0; start < n; start += batch) {
      const end = Math.min(start + batch, n);
      const bb = theta[d]!;
      let gb = 0;
      grad.fill(0);
      for (let k = start; k < end; k++) {
        const i = order[k]!;
        const row = i * d;
        let z = theta[0]! * x[row]!;
        for (let j = 1; j < d; j++) z += theta[j]! * x[row + j]!;
        z += bb;
        const e = expNonPositive(-Math.abs(z));
        const r = 1 / (1 + e);
        const error = (z >= 0 ? r : e * r) - y[i]!;
        const g = ce ? error : error * (e * r * r);
        for (let j = 0; j < d; j++) grad[j]! += g * x[row + j]!;
        gb += g;
      }
      if (mean) {
        const size = end - start;
        gb /= size;
        for (let j = 0; j < d; j++) grad[j]! /= size;
      }
      grad[d] = gb;
      updater.update(theta, grad);
    }
  }
  const epochsRun = divergedAt ?? epochs;
  return { losses: losses.subarray(0, epochsRun), maxErrors: maxErrors.subarray(0, epochsRun), theta, prev, divergedAt, epochsRun };
}

/** Trains run `index` as core's train does and writes its results at position r of `out`, with the fast kernels' meanings (result.ts). */
function trainRun(plan: SweepPlan, set: Dataset, index: number, out: RunArrays, r: number): void {
  const config = runConfig(plan, index);
  const { epochs, reduction } = plan;
  const d = set.d;
  const run = trainInline(set, config.loss === 'ce', config, plan);
  const completed = run.epochsRun;
  const K = plan.curveEpochs.length;
  for (let k = 0; k < K; k++) {
    const epoch = plan.curveEpochs[k]!;
    if (epoch < completed) out.curves[r * K + k] = run.losses[epoch]!;
  }
  out.status[r] = RUN_DONE;
  out.divergedAt[r] = run.divergedAt ?? NEVER;
  out.finalB[r] = run.theta[d]!;
  out.finalW.set(run.theta.subarray(0, d), r * d);
  let minLoss = Infinity;
  for (let t = 0; t < completed; t++) if (run.losses[t]! < minLoss) minLoss = run.losses[t]!;
  if (run.divergedAt === null) {
    out.finalLoss[r] = run.losses[epochs - 1]!;
    out.minLoss[r] = minLoss;
    // The excess at the parameters before the last epoch, where finalLoss was measured.
    const fn = coreLosses[config.loss];
    const last = epochs - 1;
    let excess = 0;
    for (let i = 0; i < set.n; i++) {
      let z = run.prev[0]! * set.x[i * d]!;
      for (let j = 1; j < d; j++) z += run.prev[j]! * set.x[i * d + j]!;
      z += run.prev[d]!;
      excess += fn.excess(z, set.y[i]!);
    }
    out.finalExcess[r] = excess / (reduction === 'mean' ? set.n : 1);
    out.finalMaxError[r] = run.maxErrors[last]!;
    const fit = epochsToFit(run.maxErrors, plan.tolerance);
    out.epochsToFit[r] = fit ?? NEVER;
    // core's convergence on the same facts: the excess measures and the outcome over the data's
    // floor of this run's loss (the floor of the loss itself, weight decay's penalty not included,
    // as core's convergence takes it).
    const floor = lossFloor(set, config.loss, { reduction });
    const measures = excessMeasures(run.losses, floor);
    out.plateauEpochs[r] = measures.plateauEpochs ?? NEVER;
    out.epochsTo1PercentExcess[r] = measures.epochsTo1PercentExcess ?? NEVER;
    out.outcome[r] = outcomeCode(runOutcome({ losses: run.losses, floor, epochsToFit: fit, divergedAt: null }));
  } else {
    if (completed > 0) out.minLoss[r] = minLoss;
    out.outcome[r] = outcomeCode(runOutcome({ losses: run.losses, floor: 0, epochsToFit: null, divergedAt: run.divergedAt }));
  }
}
