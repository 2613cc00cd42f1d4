// Convergence measures that do not depend on the loss's scale, so that a squared-error run and a
// cross-entropy run compare fairly. Each names the first epoch from which a condition holds to
// the end of the run, so a curve that dips and comes back is not counted as converged early.

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
 * The first epoch t from which the loss has made at least `fraction` of its total decrease and
 * keeps it to the end: L₀ − L[t′] ≥ fraction·(L₀ − L_end) for all t′ ≥ t, with L₀ the first and
 * L_end the last value of the curve. null if the loss did not decrease (L_end ≥ L₀) or the curve
 * is empty. A ratio of decreases, so the loss's scale and its minimum (0 or H(y)) cancel out.
 */
export function epochsToDecrease(losses: ArrayLike<number>, fraction: number): number | null {
  if (!(fraction > 0 && fraction <= 1)) throw new RangeError(`fraction must be in (0, 1], got ${fraction}`);
  const n = losses.length;
  if (n === 0) return null;
  const first = losses[0]!;
  const total = first - losses[n - 1]!;
  if (!(total > 0)) return null;
  const target = fraction * total;
  let t = n;
  while (t > 0 && first - losses[t - 1]! >= target) t--;
  return t;
}

/** The epoch from which the loss has made 99% of its total decrease: {@link epochsToDecrease}(losses, 0.99). */
export function epochsTo99(losses: ArrayLike<number>): number | null {
  return epochsToDecrease(losses, 0.99);
}

/**
 * The length of the initial plateau: the epoch from which the loss has made 5% of its total
 * decrease, {@link epochsToDecrease}(losses, 0.05). In the lecture's squared-error run the
 * saturated neuron spends about 70 epochs here; cross-entropy leaves at once.
 */
export function plateauLength(losses: ArrayLike<number>): number | null {
  return epochsToDecrease(losses, 0.05);
}

/** The three measures together. */
export interface Convergence {
  epochsToFit: number | null;
  epochsTo99: number | null;
  plateauLength: number | null;
}

/** All of {@link epochsToFit}, {@link epochsTo99} and {@link plateauLength} for one run. */
export function convergence(run: { losses: ArrayLike<number>; maxErrors: ArrayLike<number> }, tolerance: number = DEFAULT_FIT_TOLERANCE): Convergence {
  return {
    epochsToFit: epochsToFit(run.maxErrors, tolerance),
    epochsTo99: epochsTo99(run.losses),
    plateauLength: plateauLength(run.losses),
  };
}
