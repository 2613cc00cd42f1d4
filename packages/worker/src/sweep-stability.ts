// The local stability limits η* of a sweep's losses, for result files' headers and the app.

import { crossEntropyOptimum, stabilityLimit, type LossName } from '@losslab/core';
import type { SweepPlan } from './spec.js';

/** What {@link sweepStability} returns (the `stability` field of a result file's header). */
export interface SweepStability {
  /** Where η* is evaluated: cross-entropy's optimum over the sweep's data (w a number for one input), or null when it has none. */
  optimum: { w: number | number[]; b: number } | null;
  /** Only when optimum is null: why (no finite optimum, a singular Hessian, or data too large to try). */
  reason?: string;
  /** Only with an optimum: η* = 2/λ_max there, per loss of the sweep, for its reduction. */
  etaStar?: { se?: number; ce?: number };
}

/** Newton's method costs about n·(d + 1)² per iteration: above this it is not tried. */
const MAX_WORK = 2e7;

/**
 * The stability limits of a sweep: core's crossEntropyOptimum over the plan's data (Newton's
 * method on the convex cross-entropy, so the optimum is unique when it is finite), and there core's
 * stabilityLimit η* = 2/λ_max of each of the plan's losses, with the plan's reduction. Squared
 * error's η* is taken at the same point: where the data can be fit exactly (σ(w·xᵢ + b) = yᵢ for
 * every point, as the lecture's two points) that is squared error's optimum too; otherwise it is
 * squared error's curvature at cross-entropy's optimum, near its own. Past η*, runs that reach the
 * optimum's neighbourhood cannot settle there and oscillate. No optimum (hard labels that a
 * hyperplane separates, such as the five-point table, or a singular Hessian): `optimum: null` and
 * the reason.
 */
export function sweepStability(plan: Pick<SweepPlan, 'data' | 'losses' | 'reduction'>): SweepStability {
  const { data, reduction } = plan;
  const work = data.n * (data.d + 1) ** 2;
  if (work > MAX_WORK) return { optimum: null, reason: `not computed: n·(d + 1)² = ${work} is above ${MAX_WORK}` };
  const optimum = crossEntropyOptimum(data, { reduction });
  if (!optimum.found) return { optimum: null, reason: optimum.reason };
  const etaStar: { se?: number; ce?: number } = {};
  for (const loss of ['se', 'ce'] as LossName[]) {
    if (plan.losses.includes(loss)) etaStar[loss] = stabilityLimit(data, loss, optimum.w, optimum.b, { reduction }).eta;
  }
  return { optimum: { w: data.d === 1 ? optimum.w[0]! : Array.from(optimum.w), b: optimum.b }, etaStar };
}
