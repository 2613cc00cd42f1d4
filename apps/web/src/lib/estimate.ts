// How long a sweep will take, before it starts: point-steps (runs × points × epochs) times the
// kernel's cost per point-step, shared among the workers. That cost is measured on this machine
// from the first chunks of a sweep (the pool's steady rate, after workers have started and the
// kernel has compiled), never guessed: until a sweep has been measured no estimate is shown (a
// guess showed "about 1 min 24 s" for a sweep of 3 s).

import type { SweepPlan } from '@losslab/worker';
import { pointSteps } from './draft.js';

/** The cost per point-step and worker before anything was measured: unknown (NaN), so no estimate. */
export const DEFAULT_NS_PER_POINT_STEP = Number.NaN;

/**
 * Estimated seconds for a plan on `workers` workers at `nsPerPointStep` per worker:
 * pointSteps · ns · 10⁻⁹ / workers; null while the cost is unknown (not a positive number).
 */
export function estimateSeconds(plan: Pick<SweepPlan, 'runCount' | 'epochs' | 'data'>, workers: number, nsPerPointStep = DEFAULT_NS_PER_POINT_STEP): number | null {
  if (!(nsPerPointStep > 0) || !Number.isFinite(nsPerPointStep)) return null;
  return (pointSteps(plan) * nsPerPointStep * 1e-9) / Math.max(1, workers);
}

/**
 * The cost per point-step and worker that a finished (or cancelled) sweep measured over its whole
 * time (start-up included), or null when too little ran to tell (under 50 ms or no runs).
 */
export function measuredNsPerPointStep(plan: Pick<SweepPlan, 'epochs' | 'data'>, runsDone: number, seconds: number, workers: number): number | null {
  if (runsDone <= 0 || !(seconds >= 0.05)) return null;
  return (seconds * 1e9 * Math.max(1, workers)) / (runsDone * plan.data.n * plan.epochs);
}

/**
 * The cost per point-step and worker at a running sweep's steady rate, from its progress: the pool's
 * ETA counts the rate from the first finished chunk on (not from the start, which includes
 * spawning workers and compiling the kernel), so left / etaSeconds is runs per second once the
 * workers run. ns = workers · 10⁹ / (rate · n · epochs). Null before the rate is known (etaSeconds
 * NaN until runs finished after the first chunk) or once nothing is left.
 */
export function chunkNsPerPointStep(plan: Pick<SweepPlan, 'epochs' | 'data'>, progress: { done: number; total: number; etaSeconds: number }, workers: number): number | null {
  const left = progress.total - progress.done;
  if (left <= 0 || !(progress.etaSeconds > 0) || !Number.isFinite(progress.etaSeconds)) return null;
  const runsPerSecond = left / progress.etaSeconds;
  return (Math.max(1, workers) * 1e9) / (runsPerSecond * plan.data.n * plan.epochs);
}
