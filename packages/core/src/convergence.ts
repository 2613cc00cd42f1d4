// Convergence measures that mean the same for every run, whatever its loss and however far it got.
// Each names the first epoch from which a condition holds to the end of the run, so a curve that
// dips and comes back is not counted as converged early.
//
// The loss measures are taken on the EXCESS loss E[t] = L[t] − F, F the loss's floor (its infimum
// over the logits summed over the points, lossFloor: 0 for squared error, Σ H(yᵢ) for
// cross-entropy), against a fraction of the run's starting excess E[0]. Neither F nor E[0] depends
// on how far the run got. (A fraction of the run's own total decrease, L₀ − L_end, does: on a run
// whose first point fits at once while the second stays saturated, the small decrease of the
// first defines a "plateau" of 10 epochs on a run that never left its plateau at all.)

import { PLATEAU_FRACTION, runOutcome, type RunOutcome } from './outcome.js';

/** The default tolerance ε of {@link epochsToFit}: predictions within 0.01 of their labels. */
export const DEFAULT_FIT_TOLERANCE = 0.01;

/**
 * The first epoch t from which every prediction stays within ε of its label to the end of the run:
 * maxErrors[t′] ≤ ε for all t′ ≥ t (maxErrors as {@link train} returns it). null if the last epoch
 * still misses (or the run is empty): data that cannot be fit, such as noisy hard labels, never
 * count as fit.
 *
 * Measured on predictions, not on the loss, so it means the same for squared error and
 * cross-entropy. The default ε = 0.01 is a 1% error in probability: tight enough that the fit is
 * real, loose enough that hard labels (y = 0 or 1, reached only as |z| → ∞) are reachable in a
 * few hundred epochs.
 */
export function epochsToFit(maxErrors: ArrayLike<number>, tolerance: number = DEFAULT_FIT_TOLERANCE): number | null {
  if (!(tolerance >= 0)) throw new RangeError(`tolerance must be a number ≥ 0, got ${tolerance}`);
  let t = maxErrors.length;
  if (t === 0) return null;
  while (t > 0 && maxErrors[t - 1]! <= tolerance) t--;
  return t === maxErrors.length ? null : t;
}

/**
 * The first epoch t from which the excess loss stays at or below `fraction` of its starting value
 * to the end of the run: L[t′] − floor ≤ fraction·(L[0] − floor) for all t′ ≥ t. null if the last
 * epoch is still above (the run never got there) or the curve is empty; 0 if the run starts at the
 * floor (nothing to remove). `floor` is the loss's infimum ({@link lossFloor}); with floor = 0 the
 * curve may be an excess curve itself.
 *
 * Both the floor and the starting excess are fixed before the run, so the measure means the same
 * for a run that converged and for one that did not: a run that never gets below the fraction
 * says so (null) instead of reporting a fraction of whatever little it did.
 */
export function epochsToExcessFraction(losses: ArrayLike<number>, floor: number, fraction: number): number | null {
  if (!(fraction > 0 && fraction < 1)) throw new RangeError(`fraction must be in (0, 1), got ${fraction}`);
  if (!Number.isFinite(floor)) throw new RangeError(`floor must be a finite number, got ${floor}`);
  const n = losses.length;
  if (n === 0) return null;
  const start = losses[0]! - floor;
  if (!(start > 0)) return 0;
  const target = fraction * start;
  let t = n;
  while (t > 0 && losses[t - 1]! - floor <= target) t--;
  return t === n ? null : t;
}

/**
 * How long the run stayed on its initial plateau: the first epoch from which the excess loss stays
 * at or below 95% of its starting value, {@link epochsToExcessFraction}(losses, floor, 0.95).
 * null: the run never left its plateau (shown as "≥ N epochs", N the epochs run). In the
 * lecture's squared-error run the saturated neuron spends 69 epochs there; cross-entropy leaves
 * after 1.
 */
export function plateauEpochs(losses: ArrayLike<number>, floor: number): number | null {
  return epochsToExcessFraction(losses, floor, PLATEAU_FRACTION);
}

/**
 * The 99% point: the first epoch from which the excess loss stays at or below 1% of its starting
 * value, {@link epochsToExcessFraction}(losses, floor, 0.01); null if the run never got there.
 */
export function epochsTo1PercentExcess(losses: ArrayLike<number>, floor: number): number | null {
  return epochsToExcessFraction(losses, floor, 0.01);
}

/** {@link plateauEpochs} and {@link epochsTo1PercentExcess} of one curve. */
export interface ExcessMeasures {
  plateauEpochs: number | null;
  epochsTo1PercentExcess: number | null;
}

/**
 * {@link plateauEpochs} and {@link epochsTo1PercentExcess} in one backward pass, for sweep kernels
 * and {@link convergence}: an excess ≤ 1% of the start is ≤ 95% of it too, so the plateau's scan
 * goes on from where the 1% scan stopped. The same answers as the two functions.
 */
export function excessMeasures(losses: ArrayLike<number>, floor: number): ExcessMeasures {
  if (!Number.isFinite(floor)) throw new RangeError(`floor must be a finite number, got ${floor}`);
  const n = losses.length;
  if (n === 0) return { plateauEpochs: null, epochsTo1PercentExcess: null };
  const start = losses[0]! - floor;
  if (!(start > 0)) return { plateauEpochs: 0, epochsTo1PercentExcess: 0 };
  const onePercent = 0.01 * start;
  const plateau = PLATEAU_FRACTION * start;
  let t = n;
  while (t > 0 && losses[t - 1]! - floor <= onePercent) t--;
  const to1 = t;
  while (t > 0 && losses[t - 1]! - floor <= plateau) t--;
  return { plateauEpochs: t === n ? null : t, epochsTo1PercentExcess: to1 === n ? null : to1 };
}

/** The measures of one run together. */
export interface Convergence {
  /** {@link epochsToFit}. */
  epochsToFit: number | null;
  /** {@link plateauEpochs} (null for a diverged run). */
  plateauEpochs: number | null;
  /** {@link epochsTo1PercentExcess} (null for a diverged run). */
  epochsTo1PercentExcess: number | null;
  /** {@link runOutcome}. */
  outcome: RunOutcome;
}

/** What {@link convergence} reads from a run: a {@link TrainResult} has all of it. */
export interface ConvergenceInput {
  /** The loss per epoch run. */
  losses: ArrayLike<number>;
  /** max |ŷ − y| per epoch run. */
  maxErrors: ArrayLike<number>;
  /** The loss's floor over the data ({@link lossFloor}). */
  floor: number;
  /** The epoch at which the run diverged, or null. */
  divergedAt: number | null;
}

/**
 * {@link epochsToFit}, {@link plateauEpochs}, {@link epochsTo1PercentExcess} and the
 * {@link runOutcome} of one run, such as a {@link TrainResult}. A diverged run's loss measures are
 * null, and so is its epochsToFit (it does not end fitted). Sweep kernels compute the same from the same facts with the same functions.
 */
export function convergence(run: ConvergenceInput, tolerance: number = DEFAULT_FIT_TOLERANCE): Convergence {
  const diverged = run.divergedAt !== null;
  const fit = diverged ? null : epochsToFit(run.maxErrors, tolerance);
  const measures = diverged ? { plateauEpochs: null, epochsTo1PercentExcess: null } : excessMeasures(run.losses, run.floor);
  return {
    epochsToFit: fit,
    plateauEpochs: measures.plateauEpochs,
    epochsTo1PercentExcess: measures.epochsTo1PercentExcess,
    outcome: runOutcome({ losses: run.losses, floor: run.floor, epochsToFit: fit, divergedAt: run.divergedAt }),
  };
}
