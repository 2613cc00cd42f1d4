import { describe, expect, it } from 'vitest';
import { setDraftField, validateDraft, type SweepDraft } from '../../src/lib/draft.js';
import { saturationSweep } from '../../src/lib/presets.js';
import { draftFromSpec } from '../../src/lib/spec-draft.js';

const base: SweepDraft = { ...saturationSweep.draft, eta: { ...saturationSweep.draft.eta, mode: 'list', list: '0.15' } };
const baseRuns = validateDraft(base).plan!.runCount;

function withFields(fields: Partial<Record<'optimizer' | 'batchSize' | 'weightDecay', string>>): SweepDraft {
  let draft = base;
  for (const [field, value] of Object.entries(fields)) draft = setDraftField(draft, field as 'optimizer', value);
  return draft;
}

describe('the form’s optimizer, batch size and weight decay axes', () => {
  it('leaves the new axes out of the spec at their defaults (gd, whole dataset, λ = 0)', () => {
    const { spec, plan } = validateDraft(base);
    expect(spec).not.toHaveProperty('optimizer');
    expect(spec).not.toHaveProperty('batchSize');
    expect(spec).not.toHaveProperty('weightDecay');
    expect(plan!.optimizers).toEqual([{ name: 'gd' }]);
    expect(plan!.batchSizes).toEqual([plan!.data.n]);
  });

  it('plans every listed optimizer with its hyperparameters (PyTorch’s defaults for the rest)', () => {
    const { spec, plan, issues } = validateDraft(withFields({ optimizer: 'gd, momentum, adam:beta1=0.8:eps=1e-6' }));
    expect(issues).toEqual([]);
    expect(spec!.optimizer).toEqual(['gd', 'momentum', { name: 'adam', beta1: 0.8, eps: 1e-6 }]);
    expect(plan!.optimizers).toEqual([{ name: 'gd' }, { name: 'momentum', momentum: 0.9 }, { name: 'adam', beta1: 0.8, beta2: 0.999, eps: 1e-6 }]);
    expect(plan!.runCount).toBe(3 * baseRuns);
  });

  it('plans batch sizes and weight decays as lists', () => {
    const { plan, issues } = validateDraft(withFields({ batchSize: '1, 2', weightDecay: '0, 0.01, 0.1' }));
    expect(issues).toEqual([]);
    expect(Array.from(plan!.batchSizes)).toEqual([1, 2]);
    expect(Array.from(plan!.weightDecays)).toEqual([0, 0.01, 0.1]);
    expect(plan!.runCount).toBe(6 * baseRuns);
  });

  it.each([
    ['optimizer', 'sgd', /sgd/],
    ['optimizer', 'gd, adam:beta1=1.5', /^optimizer 2, beta1, must .*1\.5/],
    ['optimizer', 'adam:beta1', /"beta1" is not KEY=NUMBER/],
    ['optimizer', '', /is empty/],
    ['batchSize', '0', /0/],
    ['batchSize', '1.5', /1\.5/],
    ['batchSize', 'two', /"two"/],
    ['weightDecay', '-0.1', /-0\.1/],
    ['weightDecay', '', /is empty/],
  ] as const)('reports %s = %j at its field, naming the value', (field, value, message) => {
    const { spec, issues } = validateDraft(withFields({ [field]: value }));
    expect(spec).toBeNull();
    expect(issues).toHaveLength(1);
    expect(issues[0]!.field).toBe(field);
    expect(issues[0]!.message).toMatch(message);
  });

  it('opens a spec with the new axes in the form that plans it again', () => {
    const { spec } = validateDraft(withFields({ optimizer: 'momentum:momentum=0.5, adam', batchSize: '1', weightDecay: '0.01' }));
    const draft = draftFromSpec(spec!);
    expect(draft).toMatchObject({ optimizer: 'momentum:momentum=0.5, adam', batchSize: '1', weightDecay: '0.01' });
    expect(validateDraft(draft).spec).toEqual(spec);
  });
});
