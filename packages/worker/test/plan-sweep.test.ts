// planSweep at the package's front door, field by field: what each field accepts (and what the plan
// then holds), and what it refuses, with a SweepSpecError whose message names the field and the
// value it got.

import { describe, expect, it } from 'vitest';
import { planSweep, SweepSpecError, type SweepPlan } from '../src/index.js';

/** A small valid spec; each case below changes one field. */
const base = () => ({ version: 1, dataset: 'toy', losses: ['se', 'ce'], eta: [1], init: { w0: [-2], b0: [-2] }, epochs: 10 }) as Record<string, unknown>;

const withField = (field: string, value: unknown) => {
  const spec = base();
  if (value === undefined) delete spec[field];
  else spec[field] = value;
  return spec;
};

/** The SweepSpecError planSweep throws for `spec` (fails the test if it plans). */
function refusal(spec: unknown): SweepSpecError {
  try {
    planSweep(spec);
  } catch (error) {
    expect(error).toBeInstanceOf(SweepSpecError);
    expect(error).toBeInstanceOf(RangeError);
    return error as SweepSpecError;
  }
  throw new Error(`planSweep accepted ${JSON.stringify(spec)}`);
}

type Accepted = [field: string, value: unknown, check: (plan: SweepPlan) => void];
type Refused = [field: string, value: unknown, message: string];

const accepted: Accepted[] = [
  ['dataset', 'toy', (p) => expect([p.data.n, p.data.d, Array.from(p.data.x), Array.from(p.data.y)]).toEqual([2, 1, [0.5, 2.5], [0.2, 0.9]])],
  ['dataset', 'five-point', (p) => expect([p.data.n, Array.from(p.data.y)]).toEqual([5, [0, 1, 0, 1, 1]])],
  ['dataset', { x: [1, 2, 3], y: [0, 0.5, 1] }, (p) => expect([p.data.name, p.data.n, p.data.d]).toEqual(['inline', 3, 1])],
  ['dataset', { name: 'pairs', x: [[1, 2], [3, 4]], y: [0, 1] }, (p) => expect([p.data.name, p.data.n, p.data.d, Array.from(p.data.x)]).toEqual(['pairs', 2, 2, [1, 2, 3, 4]])],
  ['dataset', { generator: 'two-classes', n: 40, d: 3, seed: 7 }, (p) => expect([p.data.n, p.data.d]).toEqual([40, 3])],
  ['dataset', { generator: 'noisy-threshold', n: 30, seed: 1 }, (p) => expect([p.data.n, p.data.d]).toEqual([30, 1])],
  ['losses', ['ce'], (p) => expect(p.losses).toEqual(['ce'])],
  ['losses', ['ce', 'se'], (p) => expect(p.losses).toEqual(['ce', 'se'])],
  ['eta', [0.1, 3], (p) => expect(Array.from(p.eta)).toEqual([0.1, 3])],
  ['eta', { from: 1, to: 3, count: 3 }, (p) => expect(Array.from(p.eta)).toEqual([1, 2, 3])],
  ['eta', { from: 0.01, to: 1, count: 3, scale: 'log' }, (p) => expect(Array.from(p.eta).map((v) => Number(v.toPrecision(12)))).toEqual([0.01, 0.1, 1])],
  ['init', { w0: [-1, 1], b0: { from: 0, to: 1, count: 3 } }, (p) => expect([p.initCount, p.runCount]).toEqual([6, 12])],
  ['init', { scheme: 'uniform', parameter: 2, count: 5, seed: 3 }, (p) => expect([p.init.kind, p.initCount, p.runCount]).toEqual(['random', 5, 10])],
  ['init', { scheme: 'zeros', count: 1 }, (p) => expect(p.init).toMatchObject({ kind: 'random', scheme: 'zeros', parameter: 0, seed: 0, count: 1 })],
  ['epochs', 1, (p) => expect(p.epochs).toBe(1)],
  ['epochs', 10_000_000, (p) => expect(p.epochs).toBe(10_000_000)],
  ['reduction', undefined, (p) => expect(p.reduction).toBe('sum')],
  ['reduction', 'mean', (p) => expect(p.reduction).toBe('mean')],
  ['tolerance', undefined, (p) => expect(p.tolerance).toBe(0.01)],
  ['tolerance', 0, (p) => expect(p.tolerance).toBe(0)],
  ['curve', undefined, (p) => expect(p.curveEpochs.length).toBe(10)], // 32 samples of 10 epochs: all 10
  ['curve', 'none', (p) => expect(p.curveEpochs.length).toBe(0)],
  ['curve', 'full', (p) => expect(Array.from(p.curveEpochs)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])],
  ['curve', 2, (p) => expect(Array.from(p.curveEpochs)).toEqual([0, 9])],
];

const refused: Refused[] = [
  ['version', 2, 'version: must be 1, got 2'],
  ['version', undefined, 'version: must be 1, got undefined'],
  ['dataset', 'three-point', "dataset: must be 'toy', 'five-point', inline points {x, y} or a generator, got \"three-point\""],
  ['dataset', { x: [1, 2], y: [0, 2] }, 'dataset.y: y[1] must be a label in [0, 1], got 2'],
  ['dataset', { x: [1, 2], y: [0, 1], colour: 'red' }, 'dataset.colour: is not a known field'],
  ['dataset', { generator: 'spiral', n: 10 }, "dataset.generator: must be 'two-classes' or 'noisy-threshold', got \"spiral\""],
  ['losses', [], "losses: must be a non-empty list of 'se' and/or 'ce', got []"],
  ['losses', ['mse'], "losses[0]: must be one of 'se', 'ce', got \"mse\""],
  ['losses', ['se', 'se'], 'losses: must not repeat a loss, got ["se", "se"]'],
  ['eta', [], 'eta: must have at least one value, got []'],
  ['eta', [1, 0], 'eta[1]: must be > 0, got 0'],
  ['eta', { from: 0, to: 1, count: 3 }, 'eta.from: must be > 0, got 0'],
  ['eta', { from: 1, to: 2, count: 0 }, 'eta.count: must be an integer ≥ 1, got 0'],
  ['eta', { from: 1, to: 2, count: 3, scale: 'cubic' }, "eta.scale: must be one of 'linear', 'log', got \"cubic\""],
  ['eta', 'fast', 'eta: must be a list of numbers or a range {from, to, count, scale}, got "fast"'],
  ['init', { w0: [Number.NaN], b0: [0] }, 'init.w0[0]: must be a finite number, got NaN'],
  ['init', { w0: { from: -1, to: 1, count: 2, scale: 'log' }, b0: [0] }, 'init.w0.from: must be > 0, got -1'],
  ['init', { w0: [0] }, 'init.b0: must be a list of numbers or a range'],
  ['init', { scheme: 'he', count: 3 }, "init.scheme: must be one of"],
  ['init', { scheme: 'normal', parameter: -1, count: 3 }, "init.parameter: must be ≥ 0 for scheme 'normal', got -1"],
  ['init', { scheme: 'normal', count: 0 }, 'init.count: must be an integer ≥ 1, got 0'],
  ['init', { scheme: 'normal', count: 2, seed: -1 }, 'init.seed: must be an integer ≥ 0, got -1'],
  ['init', 7, 'init: must be a grid {w0, b0} or random {scheme, parameter, count, seed}, got 7'],
  ['epochs', 0, 'epochs: must be an integer ≥ 1, got 0'],
  ['epochs', 1.5, 'epochs: must be an integer ≥ 1, got 1.5'],
  ['epochs', 10_000_001, 'epochs: must be at most 10000000, got 10000001'],
  ['reduction', 'median', "reduction: must be one of 'sum', 'mean', got \"median\""],
  ['tolerance', -0.1, 'tolerance: must be ≥ 0, got -0.1'],
  ['tolerance', '0.1', 'tolerance: must be a finite number, got "0.1"'],
  ['curve', 0, "curve: must be 'none', 'full' or a positive integer, got 0"],
  ['curve', 'some', "curve: must be 'none', 'full' or a positive integer, got \"some\""],
];

describe('planSweep, field by field', () => {
  it('plans the base spec (each case below changes one field of it)', () => {
    const plan = planSweep(base());
    expect([plan.runCount, plan.epochs, plan.reduction, plan.tolerance]).toEqual([2, 10, 'sum', 0.01]);
  });

  it.each(accepted)('accepts %s = %j', (field, value, check) => {
    check(planSweep(withField(field, value)));
  });

  it.each(refused)('refuses %s = %j, naming the field and the value', (field, value, message) => {
    const error = refusal(withField(field, value));
    expect(error.message).toContain(message);
    // The issue is filed under the field (or a path inside it).
    expect(error.issues.some((issue) => String(issue.field).startsWith(field))).toBe(true);
  });

  it('refuses an unknown top-level field by name', () => {
    const error = refusal({ ...base(), seed: 3 });
    expect(error.message).toContain('spec.seed: is not a known field');
  });

  it('lists every problem of a spec at once', () => {
    const error = refusal({ ...base(), eta: [0], epochs: 0, reduction: 'median' });
    expect(error.issues.map((issue) => String(issue.field))).toEqual(['eta[0]', 'epochs', 'reduction']);
  });

  it('refuses what is not an object', () => {
    for (const spec of [null, [], 'toy', 3]) expect(refusal(spec).message).toMatch(/^spec: must be an object, got /);
  });
});
