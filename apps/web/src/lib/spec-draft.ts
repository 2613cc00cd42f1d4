// A sweep spec back into the form (the inverse of validateDraft's mapping), so that an imported
// result or a history entry opens with the form that plans it. Numbers are written with
// JavaScript's shortest round-trip form, which validateDraft reads back to the same double.

import type { AxisSpec, SweepSpec } from '@losslab/worker';
import { GENERATOR_DEFAULTS, listAxis, rangeAxis, type AxisDraft, type SweepDraft } from './draft.js';
import { formatOptimizerList } from './optimizer-list.js';
import { saturationSweep } from './presets.js';

function axisDraft(axis: AxisSpec): AxisDraft {
  if (Array.isArray(axis)) return listAxis(axis as readonly number[]);
  const range = axis as Exclude<AxisSpec, readonly number[]>;
  return rangeAxis(range.from, range.to, range.count, range.scale ?? 'linear');
}

/** The CSV text of inline points: features, then the label, one row per line. */
function csvOf(x: readonly number[] | readonly (readonly number[])[], y: readonly number[]): string {
  return y.map((label, i) => [...(typeof x[i] === 'number' ? [x[i] as number] : (x[i] as readonly number[])), label].map(String).join(',')).join('\n');
}

/** The form that plans this spec (a spec's `curve` has no field: the app's sweeps keep none). */
export function draftFromSpec(spec: SweepSpec): SweepDraft {
  const base = saturationSweep.draft;
  let dataset: SweepDraft['dataset'] = base.dataset;
  const data = spec.dataset;
  if (data === 'toy' || data === 'five-point') dataset = { ...base.dataset, source: 'builtin', builtin: data };
  else if ('generator' in data) {
    // A field left out of the spec is the generator's own default (core's twoClasses: noise 1,
    // noisyThreshold: 0.5; separation 3, threshold 0, range 3), not the form's.
    dataset = { ...base.dataset, source: 'generated', generator: data.generator, n: String(data.n), seed: String(data.seed ?? 0), noise: String(data.noise ?? GENERATOR_DEFAULTS[data.generator].noise) };
    if (data.generator === 'two-classes') {
      dataset.d = String(data.d ?? GENERATOR_DEFAULTS['two-classes'].d);
      dataset.separation = String(data.separation ?? GENERATOR_DEFAULTS.separation);
    } else {
      dataset.threshold = String(data.threshold ?? GENERATOR_DEFAULTS.threshold);
      dataset.range = String(data.range ?? GENERATOR_DEFAULTS.range);
    }
  } else dataset = { ...base.dataset, source: 'csv', csvName: data.name ?? 'csv', csvText: csvOf(data.x, data.y) };
  const init: SweepDraft['init'] =
    'scheme' in spec.init
      ? { ...base.init, mode: 'random', scheme: spec.init.scheme, parameter: String(spec.init.parameter ?? base.init.parameter), count: String(spec.init.count), seed: String(spec.init.seed ?? 0) }
      : { ...base.init, mode: 'grid', w0: axisDraft(spec.init.w0), b0: axisDraft(spec.init.b0) };
  return {
    dataset,
    losses: { se: spec.losses.includes('se'), ce: spec.losses.includes('ce') },
    eta: axisDraft(spec.eta),
    optimizer: spec.optimizer ? formatOptimizerList(spec.optimizer) : 'gd',
    batchSize: spec.batchSize ? spec.batchSize.join(', ') : '',
    weightDecay: spec.weightDecay ? spec.weightDecay.join(', ') : '0',
    init,
    epochs: String(spec.epochs),
    reduction: spec.reduction ?? 'sum',
    tolerance: String(spec.tolerance ?? 0.01),
  };
}
