import { describe, expect, it } from 'vitest';
import { planSweep, type SweepSpec } from '@losslab/worker';
import { validateDraft } from '../../src/lib/draft.js';
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
});
