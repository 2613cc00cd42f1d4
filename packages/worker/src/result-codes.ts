// The codes the per-run arrays hold besides numbers: a run's status, "not reached" in the epoch
// measures, and the outcome as a small integer. Their own file so that the schema table
// (result-schema.ts) and the allocation in result.ts share them without importing each other.

import { runOutcomes, type RunOutcome } from '@losslab/core';

/** A run not computed (yet, or cancelled). */
export const RUN_PENDING = 0;
/** A run computed (converged, stalled or diverged: see the measures). */
export const RUN_DONE = 1;
/** A run whose worker failed twice; see SweepResult.failures. */
export const RUN_FAILED = 2;

/** "Not reached" in the Int32 measures. */
export const NEVER = -1;

/** The `outcome` code of a run not done. A done run's code is 1 + its index in core's runOutcomes. */
export const OUTCOME_NONE = 0;

/** The `outcome` code of a {@link RunOutcome}: 1 + its index in core's `runOutcomes` (diverged 1, fit 2, oscillating 3, stuck 4, stalled 5, descending 6). */
export function outcomeCode(outcome: RunOutcome): number {
  return runOutcomes.indexOf(outcome) + 1;
}

/** The {@link RunOutcome} of an `outcome` code, or null for OUTCOME_NONE (a run not done) and unknown codes. */
export function outcomeOf(code: number): RunOutcome | null {
  return runOutcomes[code - 1] ?? null;
}
