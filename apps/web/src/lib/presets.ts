// The one-click sweeps: the lecture's own examples, the default saturation sweep, Nielsen's neuron
// (and whether Adam fixes squared error) and benchmark S1
// (docs/design.md). Each is a complete form draft plus the config to select when it has run.

import { listAxis, rangeAxis, type SweepDraft } from './draft.js';
import type { ColorBy } from './state.js';

/** The presets' ids. */
export type PresetId = 'lecture-two-point' | 'lecture-five-point' | 'saturation-sweep' | 'nielsen-neuron' | 'adam-squared-error' | 'benchmark-s1';

/** A preset: the form it fills in and what to show once it runs. */
export interface Preset {
  id: PresetId;
  /** The button's text. */
  title: string;
  /** One sentence on what it shows. */
  description: string;
  draft: SweepDraft;
  /** The config to select when the sweep has started: the nearest η, w0 and b0 on the plan's axes. */
  focus: { eta: number; w0: number; b0: number };
  colorBy: ColorBy;
}

const baseDataset: SweepDraft['dataset'] = { source: 'builtin', builtin: 'toy', generator: 'noisy-threshold', n: '200', seed: '0', noise: '0.5', d: '2', separation: '3', threshold: '0', range: '3', csvName: '', csvText: '' };
/** Nielsen's one-point problem (x = 1 → 0) as CSV text. */
const nielsenDataset: SweepDraft['dataset'] = { ...baseDataset, source: 'csv', csvName: 'nielsen', csvText: '1,0' };
const baseInit: SweepDraft['init'] = { mode: 'grid', w0: rangeAxis(-6, 6, 32), b0: rangeAxis(-6, 6, 32), scheme: 'normal', parameter: '1', count: '256', seed: '0' };

/** The default sweep: the lecture's two points over a 32 × 32 grid of starts and 16 learning rates. */
export const saturationSweep: Preset = {
  id: 'saturation-sweep',
  title: 'Saturation sweep',
  description: 'The lecture’s two points from 1,024 starts (w0, b0 ∈ [−6, 6]) and 16 learning rates: 32,768 runs. Squared error stalls wherever the neuron starts saturated; cross-entropy does not.',
  draft: {
    dataset: baseDataset,
    losses: { se: true, ce: true },
    eta: rangeAxis(0.01, 10, 16, 'log'),
    optimizer: 'gd',
    batchSize: '',
    weightDecay: '0',
    init: baseInit,
    epochs: '1000',
    reduction: 'sum',
    tolerance: '0.01',
  },
  focus: { eta: 1, w0: -2, b0: -2 },
  colorBy: 'epochs',
};

/** The presets, in the order of their buttons. */
export const presets: readonly Preset[] = Object.freeze([
  {
    id: 'lecture-two-point',
    title: 'Lecture: two points',
    description: 'x = [0.5, 2.5], y = [0.2, 0.9], w = b = −2, η = 1, 1000 epochs: squared error sits on a plateau for about 70 epochs; cross-entropy falls at once.',
    draft: { ...saturationSweep.draft, eta: listAxis([1]), init: { ...baseInit, w0: listAxis([-2]), b0: listAxis([-2]) } },
    focus: { eta: 1, w0: -2, b0: -2 },
    colorBy: 'epochs',
  },
  {
    id: 'lecture-five-point',
    title: 'Lecture: five points',
    description: 'The five-point table (hard labels) from w = b = −2 at five learning rates; fit means every prediction within 0.05 of its label.',
    draft: { ...saturationSweep.draft, dataset: { ...baseDataset, builtin: 'five-point' }, eta: listAxis([0.1, 0.3, 1, 3, 10]), init: { ...baseInit, w0: listAxis([-2]), b0: listAxis([-2]) }, tolerance: '0.05' },
    focus: { eta: 1, w0: -2, b0: -2 },
    colorBy: 'epochs',
  },
  saturationSweep,
  {
    id: 'nielsen-neuron',
    title: 'Nielsen’s neuron',
    description:
      'One input x = 1, label 0, from Nielsen’s starts w = 0.6, b = 0.9 and w = b = 2 (Neural Networks and Deep Learning, chapter 3; with the grid’s two other corners), η = 0.15, 300 epochs; converged means the output stays below 0.1. The book’s cross-entropy animation steps with ∂C/∂a instead of the ∂C/∂z its text derives, which is why it uses η = 0.005; here both losses step with ∂C/∂z at the same η.',
    draft: { ...saturationSweep.draft, dataset: nielsenDataset, eta: listAxis([0.15]), init: { ...baseInit, w0: listAxis([0.6, 2]), b0: listAxis([0.9, 2]) }, epochs: '300', tolerance: '0.1' },
    focus: { eta: 0.15, w0: 2, b0: 2 },
    colorBy: 'epochs',
  },
  {
    id: 'adam-squared-error',
    title: 'Does Adam fix squared error?',
    description:
      'Nielsen’s neuron from a 9 × 9 grid of saturated starts (w0, b0 ∈ [1, 5]) under gd, momentum and Adam at η = 0.01 and 0.15. Adam’s step ignores the gradient’s scale, cancelling the ŷ(1 − ŷ) factor that slows squared error: from strongly saturated starts squared error can then beat cross-entropy.',
    draft: { ...saturationSweep.draft, dataset: nielsenDataset, optimizer: 'gd, momentum, adam', eta: listAxis([0.01, 0.15]), init: { ...baseInit, w0: rangeAxis(1, 5, 9), b0: rangeAxis(1, 5, 9) }, epochs: '1000', tolerance: '0.1' },
    focus: { eta: 0.01, w0: 2, b0: 2 },
    colorBy: 'epochs',
  },
  {
    id: 'benchmark-s1',
    title: 'Benchmark S1',
    description: 'The benchmark used to measure losslab’s speed: the five points, 16 η from 0.001 to 10, a 32 × 32 grid of starts, 1000 epochs: 32,768 runs, 164 million neuron updates.',
    draft: { ...saturationSweep.draft, dataset: { ...baseDataset, builtin: 'five-point' }, eta: rangeAxis(0.001, 10, 16, 'log') },
    focus: { eta: 1, w0: -2, b0: -2 },
    colorBy: 'epochs',
  },
]);

/** The preset with this id; throws a RangeError for an unknown id. */
export function presetById(id: string): Preset {
  const found = presets.find((preset) => preset.id === id);
  if (!found) throw new RangeError(`preset must be one of ${presets.map((p) => p.id).join(', ')}, got ${JSON.stringify(id)}`);
  return found;
}

/** The preset whose form the draft is exactly, or null once anything was edited. */
export function matchingPreset(draft: SweepDraft): PresetId | null {
  const text = JSON.stringify(draft);
  return presets.find((preset) => JSON.stringify(preset.draft) === text)?.id ?? null;
}
