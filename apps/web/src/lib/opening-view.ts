// Which η and which runs a sweep opens on: the view a link asked for, a preset's focus run, or
// (for a sweep run from the form) the η nearest to the one on display before, nothing selected;
// with one start (no map to pick it from) its run at that η is selected at once.

import type { SweepPlan } from '@losslab/worker';
import { initPoints } from './heatmap.js';
import type { ConfigRef, ViewState } from './state.js';
import { nearestConfig, nearestIndex } from './surface.js';

/** Where a new sweep's view comes from. */
export interface OpeningSource {
  /** A view to restore as it is (a link). */
  view?: Pick<ViewState, 'etaIndex' | 'selected'> | null;
  /** A preset's run to select, by value: its nearest η (log distance) and start. */
  focus?: { eta: number; w0: number; b0: number } | null;
  /** The η on display before, if any: the new sweep shows its nearest η (log distance); else η nearest 1. */
  previousEta?: number | undefined;
}

/** The η index and selection a sweep of `plan` opens on. */
export function openingView(plan: SweepPlan, source: OpeningSource): { etaIndex: number; selected: ConfigRef[] } {
  if (source.view) return { etaIndex: source.view.etaIndex, selected: source.view.selected };
  if (source.focus) {
    const config = nearestConfig(plan, initPoints(plan), source.focus);
    return { etaIndex: config.etaIndex, selected: [config] };
  }
  const etaIndex = nearestIndex(plan.eta, source.previousEta ?? 1, true);
  return { etaIndex, selected: shownSelection(plan, etaIndex) };
}

/** What is selected when nothing asked for a run: the one start at η index `etaIndex` for a one-start sweep (it has no map to select from), else nothing. */
export function shownSelection(plan: Pick<SweepPlan, 'initCount'>, etaIndex: number): ConfigRef[] {
  return plan.initCount === 1 ? [{ etaIndex, initIndex: 0 }] : [];
}

/** The η shown for a finished result opened from a file or the history: the one nearest η = 1. */
export function shownEtaIndex(plan: SweepPlan): number {
  return nearestIndex(plan.eta, 1, true);
}
