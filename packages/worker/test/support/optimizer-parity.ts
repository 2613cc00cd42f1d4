// A sweep over every optimizer, mini-batches and weight decay whose results must be the same bits in
// every engine, and their digest computed in Node by core's train (never by the kernel). The Node
// test (test/optimizer-axes.test.ts) checks core and the kernel against it there, the browser test
// (test/optimizer-axes.browser.test.ts) in Chromium. No platform code here.

import { train } from '@losslab/core';
import { planSweep, runConfig, NEVER, type ChunkResult, type SweepPlan } from '../../src/index.js';
import { digest } from './kernel-parity.js';

/** Both losses × the six optimizers × 2 η × batch sizes 1, 2 and all × λ 0 and 0.05 × 4 starts, full curves: 1,152 runs. */
export function optimizerParityPlan(): SweepPlan {
  return planSweep({
    version: 1,
    dataset: 'five-point',
    losses: ['se', 'ce'],
    optimizer: ['gd', 'momentum', 'nesterov', { name: 'rmsprop', alpha: 0.9 }, 'adam', 'adagrad'],
    eta: [0.03, 0.8],
    batchSize: [1, 2, 5],
    weightDecay: [0, 0.05],
    init: { w0: [-4, 3], b0: [-3, 2] },
    epochs: 60,
    shuffleSeed: 9,
    curve: 'full',
  });
}

/** Digest of core's train over optimizerParityPlan() (see optimizerParityValues), computed in Node. */
export const OPTIMIZER_PARITY_DIGEST = '33c251bdff831667:19008';

/** Per run: w, b, divergedAt, and for squared error every epoch's loss (the kernel's cross-entropy losses are its own blocked sum, within a few ulps of core's). */
function values(plan: SweepPlan, runAt: (index: number) => { w: ArrayLike<number>; b: number; divergedAt: number; losses: ArrayLike<number> }): string {
  const out: number[] = [];
  for (let index = 0; index < plan.runCount; index++) {
    const run = runAt(index);
    out.push(...Array.from(run.w), run.b, run.divergedAt);
    if (runConfig(plan, index).loss === 'se') out.push(...Array.from(run.losses));
  }
  return digest(out);
}

/** The digest from core's train. */
export function coreOptimizerDigest(plan: SweepPlan): string {
  return values(plan, (index) => {
    const c = runConfig(plan, index);
    const run = train({ data: plan.data, loss: c.loss, eta: c.eta, w0: c.w0, b0: c.b0, epochs: plan.epochs, reduction: plan.reduction, optimizer: c.optimizer, batchSize: c.batchSize, weightDecay: c.weightDecay, shuffleSeed: plan.shuffleSeed, recordPath: false });
    return { w: run.w, b: run.b, divergedAt: run.divergedAt ?? NEVER, losses: run.losses };
  });
}

/** The digest from a kernel chunk holding every run of the plan. */
export function chunkOptimizerDigest(plan: SweepPlan, chunk: ChunkResult): string {
  const { d } = plan.data;
  const E = plan.epochs;
  return values(plan, (index) => {
    const divergedAt = chunk.divergedAt[index]!;
    return { w: chunk.finalW.subarray(index * d, (index + 1) * d), b: chunk.finalB[index]!, divergedAt, losses: chunk.curves.subarray(index * E, index * E + (divergedAt === NEVER ? E : divergedAt)) };
  });
}
