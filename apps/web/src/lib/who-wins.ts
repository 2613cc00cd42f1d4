// "Who wins": at one η, for each optimizer of the plan, which loss reached the fit first from each
// start of the init axis, and by what ratio. The per-start codes and ratios are the map a paired
// view draws; the counts and the median ratio are its caption. Read straight from the result arrays.

import type { Optimizer } from '@losslab/core';
import { NEVER, RUN_DONE, runIndex, type RunArrays, type SweepPlan } from '@losslab/worker';
import { medianOf } from './summary.js';

/** Per-start outcome codes (Int8Array). */
export const WINNER = Object.freeze({ pending: 0, crossEntropy: 1, squaredError: 2, tie: 3, neither: 4 });

/** One optimizer's outcome over the init axis. */
export interface OptimizerOutcome {
  optimizerIndex: number;
  optimizer: Optimizer;
  /** WINNER code per init index: the loss whose run reached the fit in fewer epochs (a diverged run never does). */
  winner: Int8Array;
  /** epochsToFit(se) / epochsToFit(ce) per init index (each at least 1), NaN unless both converged. */
  ratio: Float64Array;
  crossEntropy: number;
  squaredError: number;
  tie: number;
  neither: number;
  pending: number;
  /** Median of `ratio` over the starts where both converged (> 1: cross-entropy faster), or null. */
  medianRatio: number | null;
}

/**
 * Who wins at η index `etaIndex` (and the given batch-size and weight-decay positions), for every
 * optimizer of the plan. Needs both losses in the plan (RangeError otherwise). A start where only
 * one loss converged is that loss's win; where neither did (or either diverged without the other
 * converging), neither's.
 */
export function whoWins(
  plan: SweepPlan,
  result: Pick<RunArrays, 'status' | 'epochsToFit' | 'divergedAt'>,
  etaIndex: number,
  position: { batchIndex?: number; weightDecayIndex?: number } = {},
): OptimizerOutcome[] {
  const se = plan.losses.indexOf('se');
  const ce = plan.losses.indexOf('ce');
  if (se < 0 || ce < 0) throw new RangeError(`whoWins needs both losses in the plan, got ${plan.losses.join(', ')}`);
  const count = plan.initCount;
  const ratios = new Float64Array(count);
  const { status, epochsToFit, divergedAt } = result;
  // Epochs to the fit, or Infinity for a run that never fit or diverged.
  const fitAt = (r: number): number => (divergedAt[r] !== NEVER || epochsToFit[r] === NEVER ? Infinity : epochsToFit[r]!);
  return plan.optimizers.map((optimizer, optimizerIndex) => {
    const at = (lossIndex: number) => runIndex(plan, { lossIndex, optimizerIndex, etaIndex, batchIndex: position.batchIndex ?? 0, weightDecayIndex: position.weightDecayIndex ?? 0, initIndex: 0 });
    const seFirst = at(se);
    const ceFirst = at(ce);
    const winner = new Int8Array(count);
    const ratio = new Float64Array(count).fill(NaN);
    const tally = { crossEntropy: 0, squaredError: 0, tie: 0, neither: 0, pending: 0 };
    let both = 0;
    for (let k = 0; k < count; k++) {
      if (status[seFirst + k] !== RUN_DONE || status[ceFirst + k] !== RUN_DONE) {
        tally.pending++;
        continue;
      }
      const ts = fitAt(seFirst + k);
      const tc = fitAt(ceFirst + k);
      let code: number;
      if (ts === Infinity && tc === Infinity) code = WINNER.neither;
      else if (ts === tc) code = WINNER.tie;
      else code = tc < ts ? WINNER.crossEntropy : WINNER.squaredError;
      if (ts !== Infinity && tc !== Infinity) {
        // At least 1 epoch each: a start already fitting (0 epochs) would make the ratio 0 or ∞.
        ratio[k] = Math.max(ts, 1) / Math.max(tc, 1);
        ratios[both++] = ratio[k]!;
      }
      winner[k] = code;
      if (code === WINNER.crossEntropy) tally.crossEntropy++;
      else if (code === WINNER.squaredError) tally.squaredError++;
      else if (code === WINNER.tie) tally.tie++;
      else tally.neither++;
    }
    return { optimizerIndex, optimizer, winner, ratio, ...tally, medianRatio: medianOf(ratios, both) };
  });
}
