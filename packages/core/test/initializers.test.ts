import { describe, expect, it } from 'vitest';
import { defaultInitParameter, initSchemes, initialize, validateInitSpec, type InitScheme, type InitSpec } from '../src/index.js';

/** Every weight and bias of samples 0..count−1, flattened. */
function drawAll(spec: InitSpec, d: number, count: number): { w: number[]; b: number[] } {
  const w: number[] = [];
  const b: number[] = [];
  for (let s = 0; s < count; s++) {
    const p = initialize(spec, d, s);
    w.push(...p.w);
    b.push(p.b);
  }
  return { w, b };
}

const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
function sd(v: number[]): number {
  const m = mean(v);
  return Math.sqrt(v.reduce((s, x) => s + (x - m) ** 2, 0) / (v.length - 1));
}

describe('initialize', () => {
  it("constant −2 gives every w = −2 and b = −2 (the lecture's start)", () => {
    const p = initialize({ scheme: 'constant', parameter: -2 }, 3);
    expect(Array.from(p.w)).toEqual([-2, -2, -2]);
    expect(p.b).toBe(-2);
  });

  it('zeros gives w = 0, b = 0; constant defaults to 0', () => {
    const z = initialize({ scheme: 'zeros' }, 2, 7);
    expect(Array.from(z.w)).toEqual([0, 0]);
    expect(z.b).toBe(0);
    expect(Array.from(initialize({ scheme: 'constant' }, 1).w)).toEqual([0]);
  });

  it('uniform a draws every w and b in [−a, a), centred, filling the interval', () => {
    const a = 0.5;
    const { w, b } = drawAll({ scheme: 'uniform', parameter: a, seed: 3 }, 2, 2000);
    const all = [...w, ...b];
    expect(all.filter((v) => !(v >= -a && v < a))).toEqual([]);
    // U(−a, a) has sd a/√3; its mean over m draws has sd a/√(3m).
    expect(Math.abs(mean(all))).toBeLessThan((5 * a) / Math.sqrt(3 * all.length));
    expect(Math.abs(sd(all) - a / Math.sqrt(3))).toBeLessThan(0.02);
    expect(Math.max(...all)).toBeGreaterThan(0.99 * a);
    expect(Math.min(...all)).toBeLessThan(-0.99 * a);
  });

  it('normal σ draws w and b with mean 0 and standard deviation σ', () => {
    const sigma = 2;
    const { w, b } = drawAll({ scheme: 'normal', parameter: sigma, seed: 8 }, 3, 2500);
    const all = [...w, ...b];
    expect(Math.abs(mean(all))).toBeLessThan((5 * sigma) / Math.sqrt(all.length));
    // sd of a normal sample's sd ≈ σ/√(2m)
    expect(Math.abs(sd(all) - sigma)).toBeLessThan((5 * sigma) / Math.sqrt(2 * all.length));
  });

  it('glorot g sets b = 0 and draws |w| ≤ g·√(6/(d + 1)), reaching near the limit', () => {
    for (const [d, gain] of [[1, 1], [4, 1], [4, 0.5]] as const) {
      const limit = gain * Math.sqrt(6 / (d + 1));
      const { w, b } = drawAll({ scheme: 'glorot', parameter: gain, seed: 1 }, d, 1000);
      expect(b.filter((v) => v !== 0)).toEqual([]);
      expect(w.filter((v) => !(Math.abs(v) <= limit))).toEqual([]);
      expect(Math.max(...w.map(Math.abs))).toBeGreaterThan(0.99 * limit);
    }
  });

  it('sample k computed directly equals sample k computed in any order', () => {
    for (const scheme of ['uniform', 'normal', 'glorot'] as const) {
      const spec: InitSpec = { scheme, parameter: 1.5, seed: 11 };
      const forward = Array.from({ length: 30 }, (_, k) => initialize(spec, 3, k));
      const order = Array.from({ length: 30 }, (_, k) => (k * 7) % 30); // a permutation of 0..29
      for (const k of order.reverse()) expect(initialize(spec, 3, k)).toEqual(forward[k]);
    }
  });

  it('draw k of sample s sits at index s·(d + 1) + k of one sequence, whatever d', () => {
    // d = 2, sample 1: indexes 3, 4 (weights) and 5 (bias); d = 1, sample s: 2s (weight), 2s + 1 (bias).
    const spec: InitSpec = { scheme: 'uniform', parameter: 1, seed: 6 };
    const two = initialize(spec, 2, 1);
    expect(two.w[0]).toBe(initialize(spec, 1, 1).b); // index 3
    expect(two.w[1]).toBe(initialize(spec, 1, 2).w[0]); // index 4
    expect(two.b).toBe(initialize(spec, 1, 2).b); // index 5
  });

  it('the same seed gives the same parameters; another seed others', () => {
    const a = initialize({ scheme: 'normal', seed: 1 }, 2, 4);
    expect(initialize({ scheme: 'normal', seed: 1 }, 2, 4)).toEqual(a);
    expect(initialize({ scheme: 'normal', seed: 2 }, 2, 4)).not.toEqual(a);
    expect(initialize({ scheme: 'normal', seed: 1 }, 2, 5)).not.toEqual(a);
  });
});

describe('validateInitSpec and errors', () => {
  it('fills in the defaults: parameter 0 for zeros/constant, 1 otherwise; seed 0', () => {
    for (const scheme of initSchemes) {
      expect(validateInitSpec({ scheme })).toEqual({ scheme, parameter: scheme === 'zeros' || scheme === 'constant' ? 0 : 1, seed: 0 });
      expect(defaultInitParameter(scheme)).toBe(validateInitSpec({ scheme }).parameter);
    }
    expect(initSchemes).toEqual(['zeros', 'constant', 'uniform', 'normal', 'glorot']);
  });

  it('errors name the field and the value', () => {
    const cases: Array<[InitSpec, string, RegExp]> = [
      [{ scheme: 'he' as InitScheme }, 'init', /init\.scheme must be one of .*got "he"/],
      [{ scheme: 'uniform', parameter: -1 }, 'init', /init\.parameter must be a finite number ≥ 0, got -1/],
      [{ scheme: 'constant', parameter: NaN }, 'init', /init\.parameter must be a finite number, got NaN/],
      [{ scheme: 'normal', seed: 1.5 }, 'init', /init\.seed must be an integer from 0 to 2\^53 − 1, got 1.5/],
      [{ scheme: 'glorot', seed: -2 }, 'sweep.init', /sweep\.init\.seed.*got -2/],
    ];
    for (const [spec, field, message] of cases) {
      expect(() => validateInitSpec(spec, field)).toThrow(message);
      if (field === 'init') expect(() => initialize(spec, 1)).toThrow(message);
    }
    expect(() => validateInitSpec(null as unknown as InitSpec)).toThrow(TypeError);
    expect(() => initialize({ scheme: 'zeros' }, 0)).toThrow(/d must be a positive integer, got 0/);
    expect(() => initialize({ scheme: 'zeros' }, 1, -1)).toThrow(/sample must be an integer.*got -1/);
  });
});
