// How long a sweep will take, before it starts: point-steps (runs × points × epochs) times the
// kernel's measured cost per point-step, shared among the workers.

import type { SweepPlan } from '@losslab/worker';
import { pointSteps } from './draft.js';

/**
 * A starting guess of the kernel's cost per point-step and worker, in nanoseconds, used until a
 * sweep on this machine has been measured (docs/design.md, benchmark S1: a plain JS loop takes
 * about 42 ns).
 */
export const DEFAULT_NS_PER_POINT_STEP = 20;

/** Estimated seconds for a plan on `workers` workers at `nsPerPointStep` per worker. */
export function estimateSeconds(plan: Pick<SweepPlan, 'runCount' | 'epochs' | 'data'>, workers: number, nsPerPointStep = DEFAULT_NS_PER_POINT_STEP): number {
  return (pointSteps(plan) * nsPerPointStep * 1e-9) / Math.max(1, workers);
}

/**
 * The cost per point-step and worker that a finished (or cancelled) sweep measured, or null when
 * too little ran to tell (under 50 ms or no runs).
 */
export function measuredNsPerPointStep(plan: Pick<SweepPlan, 'epochs' | 'data'>, runsDone: number, seconds: number, workers: number): number | null {
  if (runsDone <= 0 || !(seconds >= 0.05)) return null;
  return (seconds * 1e9 * Math.max(1, workers)) / (runsDone * plan.data.n * plan.epochs);
}
