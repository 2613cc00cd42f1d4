// One config of a sweep as core's train options. A ConfigRef names the η and the init; the other
// axes (optimizer, batch size, weight decay) default to their first value, so a selection made
// before those axes existed keeps meaning the same runs.

import type { TrainOptions } from '@losslab/core';
import { runConfig, runIndex, type RunConfig, type SweepPlan } from '@losslab/worker';
import type { ConfigRef } from './state.js';

/** The run of `config` under the plan's loss `lossIndex` (worker's runConfig of the run index). */
export function configRun(plan: SweepPlan, config: ConfigRef, lossIndex: number): RunConfig {
  const { etaIndex, initIndex, optimizerIndex = 0, batchIndex = 0, weightDecayIndex = 0 } = config;
  return runConfig(plan, runIndex(plan, { lossIndex, optimizerIndex, etaIndex, batchIndex, weightDecayIndex, initIndex }));
}

/**
 * Core train options that reproduce `run` of `plan` bit for bit (the worker's kernel is
 * bit-identical to core's train for the same options): data, loss, η, epochs, initial parameters,
 * reduction, and the optimizer, batch size, shuffle seed and weight decay. Leaving the last four out
 * would silently recompute plain full-batch descent for every run.
 */
export function runTrainOptions(plan: SweepPlan, run: RunConfig): TrainOptions {
  return {
    data: plan.data as TrainOptions['data'],
    loss: run.loss,
    eta: run.eta,
    epochs: plan.epochs,
    w0: run.w0,
    b0: run.b0,
    reduction: plan.reduction,
    optimizer: run.optimizer,
    batchSize: run.batchSize,
    shuffleSeed: plan.shuffleSeed,
    weightDecay: run.weightDecay,
  };
}
