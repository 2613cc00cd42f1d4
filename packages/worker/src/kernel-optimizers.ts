// Runs that are not plain full-batch descent (another optimizer, mini-batches or weight decay) are
// trained by core's own `train`, so their parameters, losses and measures are core's by
// construction, in Node and in every browser. Plain runs keep the fast kernels (kernel.ts): a
// chunk is split into maximal ranges of plain and other runs, and each range goes to its engine.
// With the index order (optimizer outside η, batch size and weight decay inside it), plain runs
// come in blocks of at least initCount consecutive runs.

import { dataset, epochsToDecrease, epochsToFit, losses as coreLosses, train, type Dataset } from '@losslab/core';
import { allocateRuns, NEVER, RUN_DONE, type ChunkResult, type RunArrays } from './result.js';
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

const PER_RUN = ['status', 'finalLoss', 'minLoss', 'finalExcess', 'finalMaxError', 'finalB', 'epochsToFit', 'epochsTo99', 'plateauLength', 'divergedAt'] as const;

/** Copies the runs of `part` (a chunk of runs [part.start, part.end)) into `out` at their positions. */
function copyInto(out: ChunkResult, part: ChunkResult, d: number, K: number): void {
  const at = part.start - out.start;
  for (const key of PER_RUN) (out[key] as Float64Array).set(part[key] as Float64Array, at);
  out.finalW.set(part.finalW, at * d);
  out.curves.set(part.curves, at * K);
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

/** Trains run `index` with core's train and writes its results at position r of `out`, with the fast kernels' meanings (result.ts). */
function trainRun(plan: SweepPlan, set: Dataset, index: number, out: RunArrays, r: number): void {
  const config = runConfig(plan, index);
  const { epochs, reduction } = plan;
  const d = set.d;
  const run = train({
    data: set,
    loss: config.loss,
    eta: config.eta,
    epochs,
    w0: config.w0,
    b0: config.b0,
    reduction,
    optimizer: config.optimizer,
    batchSize: config.batchSize,
    shuffleSeed: plan.shuffleSeed,
    weightDecay: config.weightDecay,
    recordPath: true,
  });
  const completed = run.epochsRun;
  const K = plan.curveEpochs.length;
  for (let k = 0; k < K; k++) {
    const epoch = plan.curveEpochs[k]!;
    if (epoch < completed) out.curves[r * K + k] = run.losses[epoch]!;
  }
  out.status[r] = RUN_DONE;
  out.divergedAt[r] = run.divergedAt ?? NEVER;
  out.finalB[r] = run.b;
  out.finalW.set(run.w, r * d);
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
      let z = run.pathW[last * d]! * set.x[i * d]!;
      for (let j = 1; j < d; j++) z += run.pathW[last * d + j]! * set.x[i * d + j]!;
      z += run.pathB[last]!;
      excess += fn.excess(z, set.y[i]!);
    }
    out.finalExcess[r] = excess / (reduction === 'mean' ? set.n : 1);
    out.finalMaxError[r] = run.maxErrors[last]!;
    out.epochsToFit[r] = epochsToFit(run.maxErrors, plan.tolerance) ?? NEVER;
    out.epochsTo99[r] = epochsToDecrease(run.losses, 0.99) ?? NEVER;
    out.plateauLength[r] = epochsToDecrease(run.losses, 0.05) ?? NEVER;
  } else if (completed > 0) {
    out.minLoss[r] = minLoss;
  }
}
