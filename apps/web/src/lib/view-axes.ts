// Which optimizer, batch size and weight decay the comparison views show, when a sweep has several:
// the view's choice (ViewState's optimizerIndex, batchIndex, weightDecayIndex) clamped to the plan,
// and each value's label for the selectors and readouts.

import type { Optimizer } from '@losslab/core';
import type { SweepPlan } from '@losslab/worker';
import { formatNumber } from './format.js';
import type { ConfigRef, ViewState } from './state.js';

/** A position on the optimizer, batch-size and weight-decay axes. */
export interface AxesPosition {
  optimizerIndex: number;
  batchIndex: number;
  weightDecayIndex: number;
}

/** The first value of each axis: what a sweep without these axes has. */
export const FIRST_AXES: Readonly<AxesPosition> = Object.freeze({ optimizerIndex: 0, batchIndex: 0, weightDecayIndex: 0 });

/** The axes the views show: the view's indices (absent: 0) clamped to the plan's axes. */
export function shownAxes(plan: Pick<SweepPlan, 'optimizers' | 'batchSizes' | 'weightDecays'>, view: Pick<ViewState, 'optimizerIndex' | 'batchIndex' | 'weightDecayIndex'>): AxesPosition {
  const clamp = (index: number | undefined, size: number) => Math.min(Math.max(0, index ?? 0), size - 1);
  return {
    optimizerIndex: clamp(view.optimizerIndex, plan.optimizers.length),
    batchIndex: clamp(view.batchIndex, plan.batchSizes.length),
    weightDecayIndex: clamp(view.weightDecayIndex, plan.weightDecays.length),
  };
}

/** An optimizer with the hyperparameters it was given, as the form writes it: "adam (beta1 = 0.8, …)". */
export function optimizerLabel(optimizer: Optimizer): string {
  const { name, ...rest } = optimizer as { name: string } & Record<string, number>;
  const params = Object.entries(rest).map(([key, value]) => `${key} = ${formatNumber(value)}`);
  return params.length === 0 ? name : `${name} (${params.join(', ')})`;
}

/** One selectable axis: its name, its values' labels and the view's field. */
export interface AxisChoice {
  axis: 'optimizer' | 'batch' | 'weightDecay';
  name: string;
  labels: string[];
  field: keyof AxesPosition;
}

/** The axes of a plan with more than one value, in index order (optimizer, batch size, weight decay). */
export function axisChoices(plan: Pick<SweepPlan, 'optimizers' | 'batchSizes' | 'weightDecays' | 'data'>): AxisChoice[] {
  const choices: AxisChoice[] = [];
  if (plan.optimizers.length > 1) choices.push({ axis: 'optimizer', name: 'optimizer', labels: plan.optimizers.map(optimizerLabel), field: 'optimizerIndex' });
  if (plan.batchSizes.length > 1) choices.push({ axis: 'batch', name: 'batch size', labels: plan.batchSizes.map((b) => (b >= plan.data.n ? `${b} (whole dataset)` : String(b))), field: 'batchIndex' });
  if (plan.weightDecays.length > 1) choices.push({ axis: 'weightDecay', name: 'weight decay λ', labels: Array.from(plan.weightDecays, (v) => formatNumber(v)), field: 'weightDecayIndex' });
  return choices;
}

/** The config a click selects: η and start, with the shown axes' indices where they are not the first (so a sweep without these axes selects { etaIndex, initIndex }). */
export function selectionConfig(etaIndex: number, initIndex: number, axes: AxesPosition): ConfigRef {
  const config: ConfigRef = { etaIndex, initIndex };
  if (axes.optimizerIndex) config.optimizerIndex = axes.optimizerIndex;
  if (axes.batchIndex) config.batchIndex = axes.batchIndex;
  if (axes.weightDecayIndex) config.weightDecayIndex = axes.weightDecayIndex;
  return config;
}
