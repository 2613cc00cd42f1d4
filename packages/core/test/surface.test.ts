import { describe, expect, it } from 'vitest';
import { axisValues, axisValuesUnchecked, binaryEntropy, datasetLoss, lossSurface, toy, twoClasses } from '../src/index.js';

// The lecture's exact fit, from σ(0.5w + b) = 0.2 and σ(2.5w + b) = 0.9.
const logitOf = (p: number) => Math.log(p / (1 - p));
const exactW = (logitOf(0.9) - logitOf(0.2)) / 2;
const exactB = logitOf(0.2) - 0.5 * exactW;

describe('lossSurface', () => {
  it('lays values out as values[j·width + i] = L(w[i], b[j]), as datasetLoss computes it', () => {
    for (const reduction of ['sum', 'mean'] as const) {
      const surface = lossSurface({ data: toy, loss: 'se', w: { from: -4, to: 4, count: 9 }, b: { from: -3, to: 3, count: 7 }, reduction });
      expect(surface.width).toBe(9);
      expect(surface.height).toBe(7);
      expect(surface.values.length).toBe(63);
      for (const [i, j] of [[0, 0], [8, 0], [0, 6], [3, 5], [8, 6]] as const) {
        expect(surface.w[i]).toBe(-4 + i);
        expect(surface.b[j]).toBe(-3 + j);
        expect(surface.values[j * 9 + i]).toBe(datasetLoss(toy, 'se', -4 + i, -3 + j, { reduction }));
      }
      expect(surface.min).toBe(Math.min(...surface.values));
      expect(surface.max).toBe(Math.max(...surface.values));
    }
  });

  it('takes explicit axis values as well as ranges', () => {
    const surface = lossSurface({ data: toy, loss: 'ce', w: [0, 1.5], b: [-1] });
    expect([surface.width, surface.height]).toEqual([2, 1]);
    expect(surface.values[1]).toBe(datasetLoss(toy, 'ce', 1.5, -1));
  });

  it('the cross-entropy surface has its minimum on a fine grid next to the exact fit (w*, b*), and the minimum is H(y)', () => {
    const step = 0.005;
    const surface = lossSurface({
      data: toy,
      loss: 'ce',
      w: { from: exactW - 0.5, to: exactW + 0.5, count: 201 },
      b: { from: exactB - 0.5, to: exactB + 0.5, count: 201 },
    });
    const k = surface.values.indexOf(surface.min);
    const i = k % surface.width;
    const j = Math.floor(k / surface.width);
    expect(Math.abs(surface.w[i]! - exactW)).toBeLessThanOrEqual(step);
    expect(Math.abs(surface.b[j]! - exactB)).toBeLessThanOrEqual(step);
    const entropy = binaryEntropy(0.2) + binaryEntropy(0.9);
    expect(surface.min).toBeGreaterThanOrEqual(entropy - 1e-15);
    expect(surface.min - entropy).toBeLessThan(1e-4);
  });

  it('with excess: true the surface is the KL divergence: ≥ 0 everywhere, ~0 at the exact fit', () => {
    const surface = lossSurface({ data: toy, loss: 'ce', w: [exactW - 1, exactW, exactW + 1], b: [exactB], excess: true });
    for (const v of surface.values) expect(v).toBeGreaterThanOrEqual(0);
    expect(surface.values[1]!).toBeLessThan(1e-28);
    const plain = lossSurface({ data: toy, loss: 'ce', w: [exactW + 1], b: [exactB] });
    expect(surface.values[2]!).toBeCloseTo(plain.values[0]! - (binaryEntropy(0.2) + binaryEntropy(0.9)), 14);
  });

  it('throws a RangeError for data with d > 1, naming d', () => {
    const data = twoClasses({ n: 4, d: 2 });
    expect(() => lossSurface({ data, loss: 'ce', w: [0], b: [0] })).toThrow(RangeError);
    expect(() => lossSurface({ data, loss: 'ce', w: [0], b: [0] })).toThrow(/d = 2/);
  });

  it('rejects empty or non-finite axes, naming the axis', () => {
    expect(() => lossSurface({ data: toy, loss: 'ce', w: [], b: [0] })).toThrow(/w must have at least one value/);
    expect(() => lossSurface({ data: toy, loss: 'ce', w: [0], b: [0, NaN] })).toThrow(/b\[1\] must be a finite number, got NaN/);
    expect(() => lossSurface({ data: toy, loss: 'ce', w: { from: 0, to: 1, count: 0 }, b: [0] })).toThrow(/w\.count must be a positive integer, got 0/);
  });
});

describe('axisValues', () => {
  it('linear: from + (to − from)·k/(count − 1), endpoints exact', () => {
    expect(Array.from(axisValues({ from: -1, to: 1, count: 5 }))).toEqual([-1, -0.5, 0, 0.5, 1]);
    const v = axisValues({ from: 0.1, to: 0.7, count: 7 });
    expect(v[0]).toBe(0.1);
    expect(v[6]).toBe(0.7);
    for (let k = 0; k < 7; k++) expect(v[k]!).toBeCloseTo(0.1 + 0.1 * k, 15);
  });

  it('log: 10^(log10 from + …), endpoints exact; count 1 gives [from]', () => {
    const v = axisValues({ from: 1e-3, to: 10, count: 5, scale: 'log' });
    expect(v[0]).toBe(1e-3);
    expect(v[4]).toBe(10);
    for (let k = 0; k < 5; k++) expect(v[k]! / 10 ** (k - 3)).toBeCloseTo(1, 14);
    expect(Array.from(axisValues({ from: 3, to: 9, count: 1 }))).toEqual([3]);
    expect(Array.from(axisValuesUnchecked(2, 4, 3, 'linear'))).toEqual([2, 3, 4]);
  });

  it("the benchmark's η axis: 16 values 10^(−3 + 4k/15)", () => {
    const v = axisValues({ from: 1e-3, to: 10, count: 16, scale: 'log' });
    for (let k = 0; k < 16; k++) expect(v[k]! / 10 ** (-3 + (4 * k) / 15)).toBeCloseTo(1, 14);
  });

  it('errors name the axis field and the value', () => {
    expect(() => axisValues({ from: 0, to: 1, count: 3, scale: 'log' }, 'eta')).toThrow(/eta\.from must be a finite number > 0, got 0/);
    expect(() => axisValues({ from: 0, to: 1, count: 2.5 }, 'w0')).toThrow(/w0\.count must be a positive integer, got 2\.5/);
    expect(() => axisValues({ from: 0, to: 1, count: 3, scale: 'exp' as 'log' })).toThrow(/axis\.scale must be one of 'linear', 'log', got "exp"/);
  });
});
