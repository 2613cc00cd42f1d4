// The words for the selected run as it is moved by hand (a dragged start, the η control): where it
// starts, at which η, and how each loss's run ends. Screen readers hear the same sentence as the
// pointer's user reads (the views put it in an aria-live region).

import { formatCount, formatNumber } from './format.js';
import type { RunTrace } from './trace.js';

/** How one run ends: diverged at an epoch, fit within ε from an epoch, or not fit in its epochs. */
export function outcomeText(trace: Pick<RunTrace, 'divergedAt' | 'epochsToFit' | 'epochsRun'>): string {
  if (trace.divergedAt !== null) return `diverges at epoch ${formatCount(trace.divergedAt)}`;
  if (trace.epochsToFit !== null) return `fits within ε from epoch ${formatCount(trace.epochsToFit)}`;
  return `not fit within ε in ${formatCount(trace.epochsRun)} epochs`;
}

/**
 * One sentence on the primary selected run under each loss: "Start (w0, b0) = (−2, −2), η = 1:
 * squared error fits within ε from epoch 83; cross-entropy fits within ε from epoch 36." '' when
 * neither loss has a trace.
 */
export function startReadout(primary: Record<'se' | 'ce', RunTrace | null>): string {
  const first = primary.se ?? primary.ce;
  if (!first) return '';
  const parts: string[] = [];
  if (primary.se) parts.push(`squared error ${outcomeText(primary.se)}`);
  if (primary.ce) parts.push(`cross-entropy ${outcomeText(primary.ce)}`);
  return `Start (w0, b0) = (${formatNumber(first.w0, 4)}, ${formatNumber(first.b0, 4)}), η = ${formatNumber(first.eta, 4)}: ${parts.join('; ')}.`;
}
