// What became of a run, in one word, decided from facts every implementation has at the end of a
// run: its loss curve, the loss's floor, epochsToFit and divergedAt. The sweep kernels call this
// same function on the same facts, so core, the kernels and the CLI agree on every run.


/**
 * The outcomes, in the order the rules are tried (the first that applies wins):
 * - `'diverged'`: the loss or a parameter stopped being finite.
 * - `'fit'`: every |ŷ − y| ≤ ε from some epoch to the end (epochsToFit is not null).
 * - `'oscillating'`: the loss keeps rising and falling: at least 3 significant rises among the
 *   last quarter of the run's epoch-to-epoch steps.
 * - `'stuck'`: the run never left its plateau (plateauEpochs is null).
 * - `'stalled'`: the loss stopped falling without a fit: over the last quarter it fell by no more
 *   than a millionth of its excess: a minimum that does not fit the data (noisy labels), or a later
 *   plateau as flat as that (one point fit, another still saturated).
 * - `'descending'`: still descending: none of the above by the last epoch.
 */
export type RunOutcome = 'diverged' | 'fit' | 'oscillating' | 'stuck' | 'stalled' | 'descending';

/** The excess fraction below which a run has left its plateau ({@link plateauEpochs}): 95% of the starting excess. */
export const PLATEAU_FRACTION = 0.95;

/** Every {@link RunOutcome}, in the order its rules are tried. Frozen. */
export const runOutcomes: readonly RunOutcome[] = Object.freeze(['diverged', 'fit', 'oscillating', 'stuck', 'stalled', 'descending'] as const);

/** What {@link runOutcome} decides from. */
export interface RunFacts {
  /** The loss per epoch run (a diverged run's up to the epoch it diverged). */
  losses: ArrayLike<number>;
  /** The loss's floor over the data ({@link lossFloor}). */
  floor: number;
  /** {@link epochsToFit} of the run, or null. */
  epochsToFit: number | null;
  /** The epoch at which the run diverged, or null. */
  divergedAt: number | null;
}

/** Rises smaller than this fraction of the excess do not count (nor do decreases as "falling"). */
const RELATIVE = 1e-6;
/** Nor do changes smaller than this fraction of the starting loss: rounding of the loss's sum. */
const ROUNDING = 1e-12;
/** Rises in the last quarter that make a run oscillating. */
const RISES = 3;

/**
 * The run's outcome ({@link RunOutcome}) by these rules, tried in order:
 * 1. divergedAt ≠ null: `'diverged'`. 2. epochsToFit ≠ null: `'fit'`.
 * 3. Over the last quarter of the run, the W = ⌈(T − 1)/4⌉ steps from epoch T − 1 − W to T − 1
 *    (T epochs run), a step t → t + 1 is a *significant rise* when
 *    L[t+1] − L[t] > max(10⁻⁶·(L[t] − F), 10⁻¹²·|L[0]|): larger than a millionth of the excess and
 *    than the rounding of the loss's sum. Gradient descent below its stability limit lowers the
 *    loss at every step; past it (see {@link stabilityLimit}) the loss rises and falls, as a clean
 *    2-cycle (a rise every other step) or as irregular spikes and relaxations. At least 3 rises:
 *    `'oscillating'` (one or two are a single spike the run recovers from).
 * 4. {@link plateauEpochs} is null: `'stuck'`.
 * 5. L[T−1−W] − L[T−1] ≤ max(10⁻⁶·(L[T−1−W] − F), 10⁻¹²·|L[0]|): `'stalled'`.
 * 6. Otherwise `'descending'`.
 *
 * A 2-cycle whose two losses are equal to the last digits shows no rise in the loss and is reported
 * as stalled; a sigmoid neuron's loss is not symmetric about its optimum, so this takes constructed
 * data.
 */
export function runOutcome(facts: RunFacts): RunOutcome {
  const { losses, floor } = facts;
  if (facts.divergedAt !== null) return 'diverged';
  if (facts.epochsToFit !== null) return 'fit';
  const T = losses.length;
  if (T === 0) return 'descending';
  const noise = ROUNDING * Math.abs(losses[0]!);
  const W = Math.ceil((T - 1) / 4);
  const from = T - 1 - W;
  let rises = 0;
  for (let t = from; t < T - 1; t++) {
    const rise = losses[t + 1]! - losses[t]!;
    if (rise > noise && rise > RELATIVE * (losses[t]! - floor)) rises++;
  }
  if (rises >= RISES) return 'oscillating';
  // plateauEpochs(losses, floor) === null, in O(1): it is null exactly when the run started above
  // its floor and its last excess is still above 95% of the starting one.
  const start = losses[0]! - floor;
  if (start > 0 && losses[T - 1]! - floor > PLATEAU_FRACTION * start) return 'stuck';
  const fall = losses[from]! - losses[T - 1]!;
  if (fall <= noise || fall <= RELATIVE * (losses[from]! - floor)) return 'stalled';
  return 'descending';
}
