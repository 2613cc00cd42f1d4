import { describe, expect, it } from 'vitest';
import { createTrainer, dataset, formatValue, toy, train, type DatasetInput, type LossName, type Reduction, type TrainOptions } from '../src/index.js';

const base: TrainOptions = { data: toy, loss: 'ce', eta: 1, epochs: 10 };

/** Expects `run` to throw `type` with a message containing every one of `parts`. */
function expectThrows(run: () => unknown, type: typeof RangeError | typeof TypeError, ...parts: string[]): void {
  let error: unknown;
  try {
    run();
  } catch (e) {
    error = e;
  }
  expect(error, `expected a ${type.name}`).toBeInstanceOf(type);
  const message = (error as Error).message;
  for (const part of parts) expect(message).toContain(part);
}

describe('train and createTrainer reject invalid parameters, naming the parameter and the value', () => {
  const cases: Array<[string, Partial<TrainOptions>, typeof RangeError | typeof TypeError, string[]]> = [
    ['η = 0', { eta: 0 }, RangeError, ['eta', 'got 0']],
    ['η < 0', { eta: -0.5 }, RangeError, ['eta', 'got -0.5']],
    ['η = −0', { eta: -0 }, RangeError, ['eta', 'got -0']],
    ['η = NaN', { eta: NaN }, RangeError, ['eta', 'got NaN']],
    ['η = Infinity', { eta: Infinity }, RangeError, ['eta', 'got Infinity']],
    ['η a string', { eta: '1' as unknown as number }, TypeError, ['eta', 'got "1"']],
    ['epochs = 0', { epochs: 0 }, RangeError, ['epochs', 'got 0']],
    ['epochs = 1.5', { epochs: 1.5 }, RangeError, ['epochs', 'got 1.5']],
    ['epochs = −1', { epochs: -1 }, RangeError, ['epochs', 'got -1']],
    ['epochs = NaN', { epochs: NaN }, RangeError, ['epochs', 'got NaN']],
    ['b0 = NaN', { b0: NaN }, RangeError, ['b0', 'got NaN']],
    ['w0 of the wrong length', { w0: [1, 2] }, RangeError, ['w0', '1 entries', 'got 2']],
    ['w0 with a NaN', { w0: [NaN] }, RangeError, ['w0[0]', 'got NaN']],
    ['an unknown loss', { loss: 'mse' as LossName }, RangeError, ['loss', 'got "mse"']],
    ['an unknown reduction', { reduction: 'avg' as Reduction }, RangeError, ['reduction', 'got "avg"']],
    ['mismatched x and y lengths', { data: { x: [1, 2], y: [0, 1, 1] } }, RangeError, ['x and y', 'x.length = 2', 'y.length = 3']],
    ['empty data', { data: { x: [], y: [] } }, RangeError, ['data', 'at least one point', 'x = []']],
    ['a label above 1', { data: { x: [1, 2], y: [0, 2] } }, RangeError, ['y[1]', 'label in [0, 1]', 'got 2']],
    ['a label below 0', { data: { x: [1, 2], y: [-0.25, 1] } }, RangeError, ['y[0]', 'got -0.25']],
    ['a NaN label', { data: { x: [1, 2], y: [0, NaN] } }, RangeError, ['y[1]', 'got NaN']],
    ['a NaN feature', { data: { x: [1, NaN], y: [0, 1] } }, RangeError, ['x[1]', 'got NaN']],
    ['ragged feature vectors', { data: { x: [[1, 2], [3, 4, 5]], y: [0, 1] } }, RangeError, ['x[1]', '2 features', 'got 3']],
    ['a feature vector that is not a list', { data: { x: [[1, 2], 7], y: [0, 1] } as unknown as DatasetInput }, TypeError, ['x[1]', 'got 7']],
    ['an empty feature vector', { data: { x: [[], []], y: [0, 1] } }, TypeError, ['x[0]', 'got []']],
    ['a non-numeric feature', { data: { x: [[1, 'a']], y: [0] } as unknown as DatasetInput }, TypeError, ['x[0][1]', 'got "a"']],
    ['data that is not an object', { data: 5 as unknown as DatasetInput }, TypeError, ['data', 'got 5']],
  ];

  for (const [what, patch, type, parts] of cases) {
    it(`${what}: ${type.name} mentioning ${parts.join(', ')}`, () => {
      expectThrows(() => train({ ...base, ...patch }), type, ...parts);
      expectThrows(() => createTrainer({ ...base, ...patch }), type, ...parts);
    });
  }

  it('options that are not an object: TypeError', () => {
    expectThrows(() => train(null as unknown as TrainOptions), TypeError, 'options', 'null');
  });
});

describe('dataset', () => {
  it('builds n, d, row-major x and y from numbers or feature vectors', () => {
    const one = dataset({ x: [0.5, 2.5], y: [0.2, 0.9] });
    expect([one.n, one.d, one.name]).toEqual([2, 1, 'data']);
    expect(Array.from(one.x)).toEqual([0.5, 2.5]);
    const two = dataset({ name: 'pairs', x: [[1, 2], [3, 4], [5, 6]], y: [0, 1, 0.5] });
    expect([two.n, two.d, two.name]).toEqual([3, 2, 'pairs']);
    expect(Array.from(two.x)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(Array.from(two.y)).toEqual([0, 1, 0.5]);
    expect(Object.isFrozen(two)).toBe(true);
  });

  it('returns a Dataset unchanged', () => {
    expect(dataset(toy)).toBe(toy);
  });
});

describe('formatValue', () => {
  it('quotes strings, keeps −0, abbreviates long arrays and names typed arrays', () => {
    expect(formatValue('a')).toBe('"a"');
    expect(formatValue(-0)).toBe('-0');
    expect(formatValue(NaN)).toBe('NaN');
    expect(formatValue([1, 2, 3, 4, 5, 6, 7, 8])).toBe('[1, 2, 3, 4, 5, 6, …] (length 8)');
    expect(formatValue(new Float64Array(3))).toBe('Float64Array(length 3)');
    expect(formatValue(undefined)).toBe('undefined');
    expect(formatValue({ a: 1 })).toBe('{"a":1}');
  });
});

describe('Dataset-shaped objects that dataset() did not build', () => {
  it('are validated: a label outside [0, 1] in a flat Float64Array dataset is refused by train', () => {
    const flat = { name: 'flat', n: 2, d: 1, x: Float64Array.of(0.5, 2.5), y: Float64Array.of(0.2, 5) };
    expect(() => train({ ...base, data: flat })).toThrow(/y\[1\] must be a label in \[0, 1\], got 5/);
  });

  it('are accepted as row-major n·d features when valid (d = 2)', () => {
    const flat = { name: 'flat', n: 2, d: 2, x: Float64Array.of(1, 2, 3, 4), y: Float64Array.of(0, 1) };
    const checked = dataset(flat);
    expect(checked.n).toBe(2);
    expect(checked.d).toBe(2);
    expect(Array.from(checked.x)).toEqual([1, 2, 3, 4]);
    expect(() => dataset({ ...flat, x: Float64Array.of(1, 2, 3) })).toThrow(/x must have n·d = 4 features, got 3/);
  });
});
