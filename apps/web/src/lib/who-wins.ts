// "Who wins": at one η, for each optimizer of the plan, which loss reached the fit first from each
// start of the init axis, and by what ratio: the paired map's per-start comparison
// (lib/paired-map.ts) counted, with the median ratio where both fit.

import type { Optimizer } from '@losslab/core';
import type { SweepPlan } from '@losslab/worker';
import { PAIR, pairedComparison, type PairedComparison, type PairInput } from './paired-map.js';
import { medianOf } from './summary.js';

/** Per-start outcome codes (Int8Array). */
export const WINNER = Object.freeze({ pending: 0, crossEntropy: 1, squaredError: 2, tie: 3, neither: 4 });

/** A WINNER code. */
export type WinnerCode = (typeof WINNER)[keyof typeof WINNER];

/** The tally's field of each WINNER code. */
export const WINNER_NAMES = ['pending', 'crossEntropy', 'squaredError', 'tie', 'neither'] as const;

/**
 * Start k's WINNER code from its paired comparison: pending until both runs are done; the loss
 * that alone fit; where both fit, the one with fewer epochs (a tie when equal); else neither.
 */
export function winnerAt(pair: PairedComparison, k: number): WinnerCode {
  const kind = pair.kind[k];
  if (kind === PAIR.pending) return WINNER.pending;
  if (kind === PAIR.neither) return WINNER.neither;
  if (kind === PAIR.onlyCrossEntropy) return WINNER.crossEntropy;
  if (kind === PAIR.onlySquaredError) return WINNER.squaredError;
  const ts = pair.seEpochs[k]!;
  const tc = pair.ceEpochs[k]!;
  return ts === tc ? WINNER.tie : tc < ts ? WINNER.crossEntropy : WINNER.squaredError;
}

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
export function whoWins(plan: SweepPlan, result: PairInput, etaIndex: number, position: { batchIndex?: number; weightDecayIndex?: number } = {}): OptimizerOutcome[] {
  const se = plan.losses.indexOf('se');
  const ce = plan.losses.indexOf('ce');
  if (se < 0 || ce < 0) throw new RangeError(`whoWins needs both losses in the plan, got ${plan.losses.join(', ')}`);
  const ratios = new Float64Array(plan.initCount);
  return plan.optimizers.map((optimizer, optimizerIndex) => {
    // The paired map's per-start comparison, counted: a start where only one loss fit is that
    // loss's win; where both fit, the one with fewer epochs (a tie when equal).
    const pair = pairedComparison(plan, result, { etaIndex, optimizerIndex, batchIndex: position.batchIndex ?? 0, weightDecayIndex: position.weightDecayIndex ?? 0 });
    const count = plan.initCount;
    const winner = new Int8Array(count);
    const tally = { crossEntropy: 0, squaredError: 0, tie: 0, neither: 0, pending: 0 };
    let both = 0;
    for (let k = 0; k < count; k++) {
      const code = winnerAt(pair, k);
      winner[k] = code;
      tally[WINNER_NAMES[code]]++;
      if (pair.kind[k] === PAIR.both) ratios[both++] = pair.ratio[k]!;
    }
    return { optimizerIndex, optimizer, winner, ratio: pair.ratio, ...tally, medianRatio: medianOf(ratios, both) };
  });
}
