import { describe, expect, it } from 'vitest';
import { builtinDataset, builtinDatasets, fivePoint, noisyThreshold, toy, twoClasses, type Dataset } from '../src/index.js';

/** True if some threshold t and orientation put every label-1 point on one side and label-0 on the other. */
function separable1d(data: Dataset): boolean {
  const order = Array.from({ length: data.n }, (_, i) => i).sort((a, b) => data.x[a]! - data.x[b]!);
  const labels = order.map((i) => data.y[i]!);
  const sortedUp = labels.every((v, k) => k === 0 || labels[k - 1]! <= v);
  const sortedDown = labels.every((v, k) => k === 0 || labels[k - 1]! >= v);
  return sortedUp || sortedDown;
}

describe("the lecture's datasets", () => {
  it('toy is x = [0.5, 2.5], y = [0.2, 0.9]', () => {
    expect([toy.name, toy.n, toy.d]).toEqual(['toy', 2, 1]);
    expect(Array.from(toy.x)).toEqual([0.5, 2.5]);
    expect(Array.from(toy.y)).toEqual([0.2, 0.9]);
  });

  it('fivePoint is x = [1.2, −2.1, 3.2, −0.5, 0.6], y = [0, 1, 0, 1, 1]', () => {
    expect([fivePoint.name, fivePoint.n, fivePoint.d]).toEqual(['five-point', 5, 1]);
    expect(Array.from(fivePoint.x)).toEqual([1.2, -2.1, 3.2, -0.5, 0.6]);
    expect(Array.from(fivePoint.y)).toEqual([0, 1, 0, 1, 1]);
  });

  it('the built-ins are frozen and found by name; an unknown name is a RangeError naming it', () => {
    expect(Object.isFrozen(toy)).toBe(true);
    expect(builtinDataset('toy')).toBe(toy);
    expect(builtinDataset('five-point')).toBe(fivePoint);
    expect(Object.keys(builtinDatasets)).toEqual(['toy', 'five-point']);
    expect(() => builtinDataset('iris')).toThrow(RangeError);
    expect(() => builtinDataset('iris')).toThrow(/got "iris"/);
  });
});

describe('twoClasses', () => {
  it('has n points of d features, labels i mod 2, and the documented defaults (d = 2)', () => {
    const data = twoClasses({ n: 7 });
    expect([data.n, data.d]).toEqual([7, 2]);
    expect(data.x.length).toBe(14);
    expect(Array.from(data.y)).toEqual([0, 1, 0, 1, 0, 1, 0]);
    expect(data.name).toContain('n=7');
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const a = twoClasses({ n: 50, d: 3, seed: 9 });
    const b = twoClasses({ n: 50, d: 3, seed: 9 });
    const c = twoClasses({ n: 50, d: 3, seed: 10 });
    expect(Array.from(a.x)).toEqual(Array.from(b.x));
    expect(Array.from(a.x)).not.toEqual(Array.from(c.x));
    expect(Array.from(a.y)).toEqual(Array.from(c.y));
  });

  it('with noise 0 every point sits at its class centre ±(separation/2)(1, …, 1)/√d', () => {
    const d = 4;
    const data = twoClasses({ n: 6, d, noise: 0, separation: 3 });
    const c = 1.5 / Math.sqrt(d);
    for (let i = 0; i < 6; i++) for (let j = 0; j < d; j++) expect(data.x[i * d + j]).toBeCloseTo(i % 2 ? c : -c, 15);
  });

  it('class means are ±c and the spread is `noise`, within 5 standard errors', () => {
    const n = 4000;
    const d = 2;
    const noise = 0.7;
    const data = twoClasses({ n, d, noise, separation: 3, seed: 3 });
    const c = 1.5 / Math.sqrt(d);
    for (const label of [0, 1]) {
      for (let j = 0; j < d; j++) {
        const values: number[] = [];
        for (let i = label; i < n; i += 2) values.push(data.x[i * d + j]!);
        const mean = values.reduce((s, v) => s + v, 0) / values.length;
        const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1);
        const m = values.length;
        expect(Math.abs(mean - (label ? c : -c))).toBeLessThan((5 * noise) / Math.sqrt(m));
        // var of a normal sample variance: 2σ⁴/(m − 1)
        expect(Math.abs(variance - noise ** 2)).toBeLessThan(5 * noise ** 2 * Math.sqrt(2 / (m - 1)));
      }
    }
  });

  it('rejects bad options naming the field', () => {
    expect(() => twoClasses({ n: 0 })).toThrow(/n must be a positive integer, got 0/);
    expect(() => twoClasses({ n: 5, d: 1.5 })).toThrow(/d must be a positive integer, got 1.5/);
    expect(() => twoClasses({ n: 5, noise: -1 })).toThrow(/noise must be a finite number ≥ 0, got -1/);
    expect(() => twoClasses({ n: 5, seed: -1 })).toThrow(/seed must be an integer/);
  });
});

describe('noisyThreshold', () => {
  it('has one input in [−range, range] and hard labels; deterministic per seed, different across seeds', () => {
    const a = noisyThreshold({ n: 300, seed: 4, range: 2 });
    const b = noisyThreshold({ n: 300, seed: 4, range: 2 });
    const c = noisyThreshold({ n: 300, seed: 5, range: 2 });
    expect([a.n, a.d]).toEqual([300, 1]);
    for (const v of a.x) expect(Math.abs(v)).toBeLessThanOrEqual(2);
    for (const v of a.y) expect(v === 0 || v === 1).toBe(true);
    expect(Array.from(a.x)).toEqual(Array.from(b.x));
    expect(Array.from(a.y)).toEqual(Array.from(b.y));
    expect(Array.from(a.x)).not.toEqual(Array.from(c.x));
  });

  it('rejects a threshold that is not a finite number, naming it (NaN would label every point 0)', () => {
    expect(() => noisyThreshold({ n: 5, threshold: Number.NaN })).toThrow(/threshold must be a finite number, got NaN/);
    expect(() => noisyThreshold({ n: 5, threshold: Infinity })).toThrow(/threshold must be a finite number/);
    expect(() => noisyThreshold({ n: 5, threshold: '0.5' as unknown as number })).toThrow(TypeError);
    expect(() => noisyThreshold({ n: 5, threshold: -0.5 })).not.toThrow();
  });

  it('with noise 0 the labels are exactly x > threshold, so the data is separable', () => {
    const data = noisyThreshold({ n: 500, noise: 0, threshold: 0.5 });
    for (let i = 0; i < data.n; i++) expect(data.y[i]).toBe(data.x[i]! > 0.5 ? 1 : 0);
    expect(separable1d(data)).toBe(true);
  });

  it('with noise > 0 and large n some labels contradict the threshold, so no threshold fits', () => {
    const data = noisyThreshold({ n: 1000, noise: 0.5, seed: 1 });
    let contradictions = 0;
    for (let i = 0; i < data.n; i++) if ((data.x[i]! > 0 ? 1 : 0) !== data.y[i]) contradictions++;
    expect(contradictions).toBeGreaterThan(0);
    expect(separable1d(data)).toBe(false);
    // and the labels still follow the threshold mostly: P(flip) is well below ½
    expect(contradictions).toBeLessThan(data.n / 4);
  });
});
