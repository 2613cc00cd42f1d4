// The paired map's data: per start of the init axis, how squared error and cross-entropy compare at
// one configuration (η, optimizer, batch size, weight decay): the ratio of their epochs to fit where
// both fit, otherwise which one fit (or neither) and how the others ended. Read straight from the
// result arrays; "who wins" (lib/who-wins.ts) counts these per optimizer.

import { NEVER, OUTCOME_NONE, RUN_DONE, runIndex, type RunArrays, type SweepPlan } from '@losslab/worker';

/** What a start shows on the paired map. */
export const PAIR = Object.freeze({ pending: 0, both: 1, onlyCrossEntropy: 2, onlySquaredError: 3, neither: 4 });

/** A configuration: every axis but the loss and the init axis (omitted: the first value). */
export interface PairPosition {
  etaIndex: number;
  optimizerIndex?: number;
  batchIndex?: number;
  weightDecayIndex?: number;
}

/** The per-start comparison of the two losses at one configuration. */
export interface PairedComparison {
  /** Per init index: a PAIR code (pending until both runs are done). */
  kind: Uint8Array;
  /**
   * Per init index: epochsToFit(squared error) / epochsToFit(cross-entropy), each counted as at
   * least 1 (a start that already fits would give 0 or ∞), where both fit; NaN elsewhere. Above 1:
   * cross-entropy fit first.
   */
  ratio: Float64Array;
  /** Per init index: each run's epochs to fit, NEVER where it did not fit (or diverged). */
  seEpochs: Int32Array;
  ceEpochs: Int32Array;
  /** Per init index: each run's outcome code (OUTCOME_NONE while not done, or when the result has no outcomes). */
  seOutcome: Uint8Array;
  ceOutcome: Uint8Array;
  /** The run index of each loss's first start at this configuration (init k is first + k). */
  seFirst: number;
  ceFirst: number;
}

/** The result arrays the comparison reads; `outcome` is optional (older arrays lack it). */
export type PairInput = Pick<RunArrays, 'status' | 'epochsToFit' | 'divergedAt'> & Partial<Pick<RunArrays, 'outcome'>>;

/**
 * Compares the two losses start by start at `position`. A run fits when its epochsToFit is not
 * NEVER and it did not diverge (core's `fit` outcome). Needs both losses in the plan (RangeError
 * otherwise, naming the plan's losses).
 */
export function pairedComparison(plan: SweepPlan, result: PairInput, position: PairPosition): PairedComparison {
  const se = plan.losses.indexOf('se');
  const ce = plan.losses.indexOf('ce');
  if (se < 0 || ce < 0) throw new RangeError(`a paired comparison needs both losses in the plan, got ${plan.losses.join(', ')}`);
  const count = plan.initCount;
  const at = (lossIndex: number) => runIndex(plan, { ...position, lossIndex, initIndex: 0 });
  const seFirst = at(se);
  const ceFirst = at(ce);
  const out: PairedComparison = {
    kind: new Uint8Array(count),
    ratio: new Float64Array(count).fill(Number.NaN),
    seEpochs: new Int32Array(count).fill(NEVER),
    ceEpochs: new Int32Array(count).fill(NEVER),
    seOutcome: new Uint8Array(count),
    ceOutcome: new Uint8Array(count),
    seFirst,
    ceFirst,
  };
  for (let k = 0; k < count; k++) comparePairAt(result, out, k);
  return out;
}

/**
 * Fills start k of `out` from its two runs (`out.seFirst + k`, `out.ceFirst + k`) once both are
 * done; leaves it pending otherwise. The one place the rule of {@link pairedComparison} is written,
 * so that a view updating only the starts whose runs landed (lib/who-wins-tracker.ts) agrees with it.
 */
export function comparePairAt(result: PairInput, out: PairedComparison, k: number): void {
  const { status, epochsToFit, divergedAt, outcome } = result;
  const a = out.seFirst + k;
  const b = out.ceFirst + k;
  if (status[a] !== RUN_DONE || status[b] !== RUN_DONE) return;
  const ts = divergedAt[a] !== NEVER ? NEVER : epochsToFit[a]!;
  const tc = divergedAt[b] !== NEVER ? NEVER : epochsToFit[b]!;
  out.seEpochs[k] = ts;
  out.ceEpochs[k] = tc;
  out.seOutcome[k] = outcome?.[a] ?? OUTCOME_NONE;
  out.ceOutcome[k] = outcome?.[b] ?? OUTCOME_NONE;
  if (ts !== NEVER && tc !== NEVER) {
    out.kind[k] = PAIR.both;
    out.ratio[k] = Math.max(ts, 1) / Math.max(tc, 1);
  } else out.kind[k] = ts !== NEVER ? PAIR.onlySquaredError : tc !== NEVER ? PAIR.onlyCrossEntropy : PAIR.neither;
}

/** Ratios beyond this factor either way get the scale's end colours (the legend says "≥"). */
export const RATIO_LIMIT = 100;

/**
 * Where a ratio sits on the map's diverging scale: log₁₀(ratio) mapped from [−2, 2] (squared error
 * 100× faster … cross-entropy 100× faster) to [0, 1], clamped; equal epochs at 0.5. A log scale, as
 * 10× faster and 10× slower should look equally far from "equal".
 */
export function ratioPosition(ratio: number): number {
  const t = 0.5 + Math.log10(ratio) / (2 * Math.log10(RATIO_LIMIT));
  return t < 0 ? 0 : t > 1 ? 1 : t;
}
