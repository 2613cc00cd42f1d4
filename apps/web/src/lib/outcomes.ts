// How the app names and marks a run's outcome (core's runOutcome, carried in the result's `outcome`
// array): a word, what it means, and the pattern a heatmap cell (and its legend swatch) carries,
// so that no outcome is told apart by colour alone.

import type { RunOutcome } from '@losslab/core';

/**
 * The pattern drawn over a cell: fit cells have none (their colour is the measure); every other
 * outcome has its own, distinguishable in greyscale: a cross for diverged, one diagonal hatch for
 * oscillating, dots for stuck, horizontal lines for stalled, vertical lines for still descending.
 */
export type OutcomePattern = 'none' | 'cross' | 'diagonal' | 'dots' | 'horizontal' | 'vertical';

/** An outcome's word (as the readouts and legend write it), meaning and pattern. */
export interface OutcomeStyle {
  label: string;
  meaning: string;
  pattern: OutcomePattern;
}

/** Every outcome's style, keyed by core's outcome name. */
export const OUTCOME_STYLES: Readonly<Record<RunOutcome, OutcomeStyle>> = Object.freeze({
  fit: { label: 'fit', meaning: 'every |ŷ − y| ≤ ε from some epoch to the end', pattern: 'none' },
  oscillating: { label: 'oscillating', meaning: 'the loss keeps rising and falling (η past the stability limit η*)', pattern: 'diagonal' },
  stuck: { label: 'stuck', meaning: 'never left the plateau', pattern: 'dots' },
  stalled: { label: 'stalled', meaning: 'stopped falling without fitting', pattern: 'horizontal' },
  descending: { label: 'still descending', meaning: 'still falling at the last epoch, not fit yet', pattern: 'vertical' },
  diverged: { label: 'diverged', meaning: 'the loss or a parameter stopped being finite', pattern: 'cross' },
});

/** The order the legend lists outcomes in: fit first, then the ways a run fails to fit. */
export const LEGEND_OUTCOMES: readonly RunOutcome[] = Object.freeze(['fit', 'oscillating', 'stuck', 'stalled', 'descending', 'diverged'] as const);

/** The numbers an outcome's sentence quotes. */
export interface OutcomeMeasures {
  outcome: RunOutcome;
  /** Epochs run (the plan's epochs). */
  epochs: number;
  epochsToFit: number | null;
  plateauEpochs: number | null;
  divergedAt: number | null;
}

/**
 * The outcome in words with the measures that decided it, e.g.
 * "stuck: never left the plateau (≥ 1000 epochs)", "fit at epoch 228 (plateau 69 epochs)",
 * "oscillating: the loss keeps rising and falling (left the plateau after 3 epochs)".
 */
export function describeOutcome(m: OutcomeMeasures): string {
  const plateau = m.plateauEpochs === null ? `never left the plateau (≥ ${m.epochs} epochs)` : `left the plateau after ${m.plateauEpochs} epoch${m.plateauEpochs === 1 ? '' : 's'}`;
  switch (m.outcome) {
    case 'fit':
      return `fit at epoch ${m.epochsToFit ?? '?'} (${m.plateauEpochs === null ? 'no plateau measured' : `plateau ${m.plateauEpochs} epoch${m.plateauEpochs === 1 ? '' : 's'}`})`;
    case 'diverged':
      return `diverged at epoch ${m.divergedAt ?? '?'}`;
    case 'stuck':
      return `stuck: ${plateau}`;
    default: {
      const style = OUTCOME_STYLES[m.outcome];
      return `${style.label}: ${style.meaning} (${plateau})`;
    }
  }
}
