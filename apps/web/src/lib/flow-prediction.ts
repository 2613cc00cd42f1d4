// Gradient flow's prediction of a one-point run's plateau, beside what the run measured: for one
// input and one point with a hard label, core's gradientFlowEpochs integrates dz/dt =
// −η(1 + x²)·∂loss/∂z in closed form from the start's logit z₀ to the logit z₁ where the excess loss
// has fallen to PLATEAU_FRACTION (95 %) of its start, the same threshold core's plateauEpochs uses
// on the measured curve; so the two numbers answer the same question.

import { PLATEAU_FRACTION, gradientFlowEpochs, type LossName } from '@losslab/core';
import type { SweepPlan } from '@losslab/worker';
import { isPlainDescent } from './mechanism.js';
import type { RunTrace } from './trace.js';

/** One loss's prediction next to its measurement. */
export interface FlowPrediction {
  loss: LossName;
  /** The start's logit z₀ = w₀x + b₀, mirrored (−z₀) for label 1 so that the flow lowers it. */
  z0: number;
  /** The logit where the excess is PLATEAU_FRACTION of its start (same mirroring). */
  z1: number;
  /** gradientFlowEpochs from z₀ to z₁ at the run's η. */
  predicted: number;
  /** The run's plateauEpochs (null: it never left the plateau in its epochs). */
  measured: number | null;
  /** Epochs the run ran (for "≥ N" when it never left). */
  epochsRun: number;
}

/**
 * Why there is no prediction for this plan, or null when there is one: gradient flow's closed
 * form needs one input, one point with label 0 or 1, and plain full-batch descent.
 */
export function flowUnsupported(plan: SweepPlan, trace: RunTrace): string | null {
  const { n, d, y } = plan.data;
  if (d !== 1 || n !== 1) return 'one input and one point';
  if (y[0] !== 0 && y[0] !== 1) return 'a label of 0 or 1';
  // The run's optimizer, batch size and decay from the plan's axes (not configRun: that would bring
  // the sweep engine's run layout into the first load for three lookups).
  const c = trace.config;
  const run = { optimizer: plan.optimizers[c.optimizerIndex ?? 0], batchSize: plan.batchSizes[c.batchIndex ?? 0], weightDecay: plan.weightDecays[c.weightDecayIndex ?? 0] };
  if (!isPlainDescent(run, n)) return 'plain gradient descent';
  return null;
}

/**
 * The logit z₁ ≤ z₀ (label 0) where the loss's excess is `fraction` of its value at z₀. Squared
 * error's excess is ½σ(z)², so σ(z₁) = σ(z₀)·√fraction; cross-entropy's is softplus(z), so
 * z₁ = log(e^{fraction·softplus(z₀)} − 1), with expm1 and log1p keeping the small values exact.
 */
export function plateauLogit(loss: LossName, z0: number, fraction = PLATEAU_FRACTION): number {
  if (loss === 'se') {
    const a = (1 / (1 + Math.exp(-z0))) * Math.sqrt(fraction);
    return Math.log(a / (1 - a));
  }
  const softplus = z0 > 0 ? z0 + Math.log1p(Math.exp(-z0)) : Math.log1p(Math.exp(z0));
  return Math.log(Math.expm1(fraction * softplus));
}

/**
 * Gradient flow's epochs to leave the plateau for a one-point run, next to its measured
 * plateauEpochs; null when the plan has no such prediction ({@link flowUnsupported}).
 */
export function flowPrediction(plan: SweepPlan, trace: RunTrace): FlowPrediction | null {
  if (flowUnsupported(plan, trace) !== null) return null;
  const x = plan.data.x[0]!;
  // Both losses satisfy loss(z, 1) = loss(−z, 0): a label-1 point is the label-0 case mirrored.
  const sign = plan.data.y[0] === 0 ? 1 : -1;
  const z0 = sign * (trace.w0 * x + trace.b0);
  if (!Number.isFinite(z0)) return null;
  const z1 = plateauLogit(trace.loss, z0);
  if (!(z1 <= z0)) return null;
  const predicted = gradientFlowEpochs({ loss: trace.loss, x, eta: trace.eta, z0, z1 });
  return { loss: trace.loss, z0, z1, predicted, measured: trace.plateauEpochs, epochsRun: trace.epochsRun };
}
