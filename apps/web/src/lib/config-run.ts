// One config of a sweep as core's train options. A ConfigRef names the η and the init; the other
// axes (optimizer, batch size, weight decay) default to their first value, so a selection made
// before those axes existed keeps meaning the same runs. A start or η moved by hand replaces the
// axis value (the run is then the sweep's config from another start, or at another η).

import type { TrainOptions } from '@losslab/core';
import { runConfig, runIndex, type RunConfig, type SweepPlan } from '@losslab/worker';
import type { ConfigRef } from './state.js';

/**
 * The run of `config` under the plan's loss `lossIndex` (worker's runConfig of the run index), with
 * the start and η the config moved by hand in place of the axis values (the first weight only:
 * surfaces, where starts are dragged, exist for one input). `index` stays the sweep run's.
 */
export function configRun(plan: SweepPlan, config: ConfigRef, lossIndex: number): RunConfig {
  const { etaIndex, initIndex, optimizerIndex = 0, batchIndex = 0, weightDecayIndex = 0 } = config;
  const run = runConfig(plan, runIndex(plan, { lossIndex, optimizerIndex, etaIndex, batchIndex, weightDecayIndex, initIndex }));
  if (config.w0 === undefined && config.b0 === undefined && config.eta === undefined) return run;
  const w0 = Float64Array.from(run.w0);
  if (config.w0 !== undefined) w0[0] = config.w0;
  return { ...run, w0, b0: config.b0 ?? run.b0, eta: config.eta ?? run.eta };
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
