import { describe, expect, it } from 'vitest';
import { planSweep, type SweepSpec } from '@losslab/worker';
import { setDraftField, validateDraft, type DraftField } from '../../src/lib/draft.js';
import { presets } from '../../src/lib/presets.js';
import { draftFromSpec } from '../../src/lib/spec-draft.js';

const canonical = (spec: unknown) => planSweep(spec).spec;

describe('draftFromSpec', () => {
  it('gives back a form that plans the same canonical spec, for every preset', () => {
    for (const preset of presets) {
      const spec = validateDraft(preset.draft).spec!;
      const again = validateDraft(draftFromSpec(spec)).spec!;
      expect(canonical(again)).toEqual(canonical(spec));
    }
  });

  it('handles generated data, inline points, random starts, mean reduction and one loss', () => {
    const specs: SweepSpec[] = [
      { version: 1, dataset: { generator: 'two-classes', n: 40, d: 3, seed: 5, noise: 0.3 }, losses: ['ce'], eta: { from: 0.1, to: 2, count: 4, scale: 'log' }, init: { scheme: 'uniform', parameter: 1.5, count: 9, seed: 2 }, epochs: 50, reduction: 'mean', tolerance: 0.05, curve: 'none' },
      { version: 1, dataset: { name: 'pts', x: [0.5, -1e-7, 2.5], y: [0.2, 1, 0.9] }, losses: ['se', 'ce'], eta: [0.3, 3], init: { w0: [-2, 0.1], b0: { from: -1, to: 1, count: 3 } }, epochs: 10, curve: 'none' },
      { version: 1, dataset: { name: 'rows', x: [[1, 2], [3, -4]], y: [0, 1] }, losses: ['se'], eta: [1], init: { w0: [0], b0: [0] }, epochs: 3, curve: 'none' },
    ];
    for (const spec of specs) {
      const validation = validateDraft(draftFromSpec(spec));
      expect(validation.issues).toEqual([]);
      expect(canonical(validation.spec)).toEqual(canonical(spec));
    }
  });

  it('fills a generator field the spec leaves out with that generator\'s default, so the form plans the same points', () => {
    for (const dataset of [{ generator: 'two-classes', n: 30, d: 2, seed: 3 }, { generator: 'noisy-threshold', n: 30, seed: 3 }] as const) {
      const spec: SweepSpec = { version: 1, dataset, losses: ['ce'], eta: [1], init: { w0: [0], b0: [0] }, epochs: 3, curve: 'none' };
      const validation = validateDraft(draftFromSpec(spec));
      expect(validation.issues).toEqual([]);
      const want = planSweep(spec).data;
      expect(Array.from(validation.plan!.data.x)).toEqual(Array.from(want.x));
      expect(Array.from(validation.plan!.data.y)).toEqual(Array.from(want.y));
    }
  });

  it('keeps a generator\'s threshold, range and separation, so the form plans the same points', () => {
    const datasets = [
      { generator: 'noisy-threshold', n: 40, seed: 4, noise: 0.2, threshold: 0.5, range: 1.5 },
      { generator: 'noisy-threshold', n: 40, seed: 4, noise: 0.5, threshold: -1e-7 },
      { generator: 'noisy-threshold', n: 40, seed: 0, noise: 0.5, range: 0 },
      { generator: 'two-classes', n: 40, d: 3, seed: 4, noise: 0.5, separation: 0.25 },
      { generator: 'two-classes', n: 40, d: 2, seed: 0, noise: 1, separation: 7 },
    ] as const;
    for (const dataset of datasets) {
      const spec: SweepSpec = { version: 1, dataset, losses: ['ce'], eta: [1], init: { w0: [0], b0: [0] }, epochs: 3, curve: 'none' };
      const draft = draftFromSpec(spec);
      if (dataset.generator === 'noisy-threshold') expect(draft.dataset).toMatchObject({ threshold: String('threshold' in dataset ? dataset.threshold : 0), range: String('range' in dataset ? dataset.range : 3) });
      else expect(draft.dataset.separation).toBe(String(dataset.separation));
      const validation = validateDraft(draft);
      expect(validation.issues).toEqual([]);
      expect(canonical(validation.spec)).toEqual(canonical(spec));
      const want = planSweep(spec).data;
      expect(Array.from(validation.plan!.data.x)).toEqual(Array.from(want.x));
      expect(Array.from(validation.plan!.data.y)).toEqual(Array.from(want.y));
    }
  });

  it('leaves those fields out of the spec at their defaults, so earlier specs plan unchanged', () => {
    for (const dataset of [{ generator: 'noisy-threshold', n: 30, seed: 1, noise: 0.5 }, { generator: 'two-classes', n: 30, d: 2, seed: 1, noise: 1 }] as const) {
      const spec: SweepSpec = { version: 1, dataset, losses: ['ce'], eta: [1], init: { w0: [0], b0: [0] }, epochs: 3, curve: 'none' };
      expect(validateDraft(draftFromSpec(spec)).spec!.dataset).toEqual(dataset);
    }
  });

  it('shows a bad threshold, range or separation at its field', () => {
    const generated = setDraftField(draftFromSpec({ version: 1, dataset: { generator: 'noisy-threshold', n: 30 }, losses: ['ce'], eta: [1], init: { w0: [0], b0: [0] }, epochs: 3, curve: 'none' }), 'dataset.source', 'generated');
    const twoClasses = setDraftField(generated, 'dataset.generator', 'two-classes');
    const cases: [typeof generated, DraftField, string, RegExp][] = [
      [generated, 'dataset.threshold', 'NaN', /not a number/],
      [generated, 'dataset.threshold', 'abc', /not a number/],
      [generated, 'dataset.threshold', '', /empty/],
      [generated, 'dataset.range', 'x', /not a number/],
      [generated, 'dataset.range', '-1', /range must be a finite number ≥ 0/],
      [twoClasses, 'dataset.separation', '1e999', /not a number/],
      [twoClasses, 'dataset.separation', '-0.5', /separation must be a finite number ≥ 0/],
    ];
    for (const [draft, field, value, message] of cases) {
      const validation = validateDraft(setDraftField(draft, field, value));
      expect(validation.spec).toBeNull();
      expect(validation.issues).toHaveLength(1);
      expect(validation.issues[0]!.field).toBe(field);
      expect(validation.issues[0]!.message).toMatch(message);
    }
    // The other generator's fields are not checked.
    expect(validateDraft(setDraftField(generated, 'dataset.separation', 'abc')).issues).toEqual([]);
    expect(validateDraft(setDraftField(twoClasses, 'dataset.threshold', 'abc')).issues).toEqual([]);
  });
});
