// planSweep's issues carry a structured path, so that a form or a command line can map each one to
// its field or flag without reading the English message.

import { describe, expect, it } from 'vitest';
import { formatSpecPath, planSweep, SweepSpecError, type SpecPath, type SweepSpec } from '../src/index.js';

const base: SweepSpec = { version: 1, dataset: 'toy', losses: ['se', 'ce'], eta: [0.1, 1], init: { w0: [0], b0: [0] }, epochs: 10 };

/** The paths of every issue planSweep finds in `spec`. */
function pathsOf(spec: unknown): SpecPath[] {
  try {
    planSweep(spec);
  } catch (error) {
    expect(error).toBeInstanceOf(SweepSpecError);
    return (error as SweepSpecError).issues.map((issue) => {
      expect(issue.field).toBe(formatSpecPath(issue.path));
      return issue.path;
    });
  }
  throw new Error('planSweep accepted the spec');
}

describe('the path of a spec issue', () => {
  it.each<[string, unknown, SpecPath[]]>([
    ['a range endpoint', { ...base, eta: { from: 0, to: 1, count: 3 } }, [['eta', 'from']]],
    ['a list value, by index', { ...base, eta: [0.1, -1, 2] }, [['eta', 1]]],
    ['a count', { ...base, eta: { from: 0.1, to: 1, count: 0 } }, [['eta', 'count']]],
    ['a nested axis', { ...base, init: { w0: { from: 0, to: 1, count: 2.5 }, b0: [0] } }, [['init', 'w0', 'count']]],
    ['a random init field', { ...base, init: { scheme: 'normal', parameter: -1, count: 3 } }, [['init', 'parameter']]],
    ['a loss, by index', { ...base, losses: ['se', 'mse'] }, [['losses', 1]]],
    ["a generator's option (named by core's check)", { ...base, dataset: { generator: 'two-classes', n: 10, noise: -1 } }, [['dataset', 'noise']]],
    ["another generator's option", { ...base, dataset: { generator: 'noisy-threshold', n: 0 } }, [['dataset', 'n']]],
    ['an inline label', { ...base, dataset: { x: [1, 2], y: [0, 2] } }, [['dataset', 'y']]],
    ['an unknown key, inside its object', { ...base, eta: { from: 0.1, to: 1, count: 2, step: 1 } }, [['eta', 'step']]],
    ['the run cap', { ...base, eta: { from: 0.1, to: 1, count: 20_000_000 } }, [['runs']]],
    ['several at once, in order', { ...base, epochs: 0, reduction: 'median' }, [['epochs'], ['reduction']]],
  ])('%s', (_, spec, paths) => {
    expect(pathsOf(spec)).toEqual(paths);
  });

  it('is written as text with dots and brackets', () => {
    expect(formatSpecPath(['init', 'w0', 'count'])).toBe('init.w0.count');
    expect(formatSpecPath(['eta', 3])).toBe('eta[3]');
    expect(formatSpecPath([])).toBe('spec');
  });
});
