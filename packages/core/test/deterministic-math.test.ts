// core's deterministic elementary functions (log, log1p, log10, exp10, expm1, cos, sin) against a
// 70-digit BigInt reference, and against Node's own Math functions: V8 ports the same fdlibm code,
// so where core says "fdlibm's algorithm" the two must agree to the bit. Bit-identity between
// engines is tested in Chromium by the worker's browser tests (engine-digests).

import { describe, expect, it } from 'vitest';
import { cos, exp10, expm1, log, log10, log1p, sin, uniformAt } from '../src/index.js';
import { refCos, refExp10, refExpm1, refLog, refLog10, refLog1p, refSin, ulpsBetween } from './reference.js';

type Sampler = (u: number, i: number) => number;

interface Case {
  name: string;
  fn: (x: number) => number;
  reference: (x: number) => number;
  math: ((x: number) => number) | null;
  /** Arguments over the function's range, from a uniform u ∈ [0, 1) and the index. */
  sample: Sampler;
  /** Arguments that hit the algorithm's branch points. */
  edges: number[];
  /** The largest error allowed, in ulps of the result (fdlibm's bound). */
  maxUlps: number;
}

const around = (xs: number[]): number[] => xs.flatMap((x) => [-2, -1, 0, 1, 2].map((k) => x * (1 + k * Number.EPSILON))).filter(Number.isFinite);

const cases: Case[] = [
  {
    name: 'log',
    fn: log,
    reference: refLog,
    math: Math.log,
    // 10^±300 and subnormals, and many arguments near 1 (where log cancels).
    sample: (u, i) => (i % 3 === 0 ? 1 + (u - 0.5) * 2 ** -(i % 40) : i % 3 === 1 ? Math.exp((u - 0.5) * 1380) : u * 2 ** -1030),
    maxUlps: 1,
    edges: [...around([1, Math.SQRT2, Math.SQRT1_2, 2, 0.5, 1 + 2 ** -20, 1 - 2 ** -20, Number.MAX_VALUE]), Number.MIN_VALUE, 2 ** -1022],
  },
  {
    name: 'log1p',
    maxUlps: 1,
    fn: log1p,
    reference: refLog1p,
    math: Math.log1p,
    sample: (u, i) => (i % 3 === 0 ? (u - 0.5) * 2 ** -(i % 60) : i % 3 === 1 ? Math.exp((u - 0.3) * 200) : -u),
    edges: around([2 ** -29, -(2 ** -29), 2 ** -54, Math.SQRT2 - 1, Math.SQRT1_2 - 1, 2 ** 53, 1e300, 1, -0.5, 2 ** -20]),
  },
  {
    name: 'log10',
    // fdlibm's e_log10.c scales log(m), already rounded, by 1/ln 10: below 2 ulps, not 1.
    maxUlps: 2,
    fn: log10,
    reference: refLog10,
    math: Math.log10,
    sample: (u, i) => (i % 2 ? Math.exp((u - 0.5) * 1380) : 1e-3 + u * 10),
    edges: [...around([0.001, 0.1, 3, 10, 1e22, 1e-300]), Number.MIN_VALUE],
  },
  {
    name: 'exp10',
    maxUlps: 1,
    fn: exp10,
    reference: refExp10,
    math: null,
    // The range of log axes, then the whole range of finite results (and subnormal ones).
    sample: (u, i) => (i % 3 === 0 ? (u - 0.5) * 8 : i % 3 === 1 ? (u - 0.5) * 616 : -307 - u * 16),
    edges: [...around([0.2, 0.5, 1.5, 308.25, -307.5, -322, 1e-20, 0.01]), 308.2547155599167, -323.3],
  },
  {
    name: 'expm1',
    maxUlps: 1,
    fn: expm1,
    reference: refExpm1,
    math: Math.expm1,
    sample: (u, i) => (i % 3 === 0 ? (u - 0.5) * 2 ** -(i % 60) : i % 3 === 1 ? (u - 0.5) * 3 : (u - 0.5) * 1400),
    edges: around([0.5 * Math.LN2, 1.5 * Math.LN2, -0.5 * Math.LN2, 56 * Math.LN2, -56 * Math.LN2, 20 * Math.LN2, 709.78, -0.25, 1e-17]),
  },
  {
    name: 'cos',
    maxUlps: 1,
    fn: cos,
    reference: refCos,
    math: Math.cos,
    // Box–Muller's 2π·u, and the whole range fdlibm reduces with its short π/2.
    sample: (u, i) => (i % 2 ? 2 * Math.PI * u : (u - 0.5) * 1.6e6),
    edges: around([Math.PI / 4, Math.PI / 2, (3 * Math.PI) / 4, Math.PI, 2 * Math.PI, 0.3, 0.78125, 2 ** -27, 32 * (Math.PI / 2), 823549.6]),
  },
  {
    name: 'sin',
    maxUlps: 1,
    fn: sin,
    reference: refSin,
    math: Math.sin,
    sample: (u, i) => (i % 2 ? 2 * Math.PI * u : (u - 0.5) * 1.6e6),
    edges: around([Math.PI / 4, Math.PI / 2, (3 * Math.PI) / 4, Math.PI, 2 * Math.PI, 2 ** -27, 100 * Math.PI, 823549.6]),
  },
];

function argumentsOf(c: Case, count: number, seed: number): number[] {
  return [...Array.from({ length: count }, (_, i) => c.sample(uniformAt(seed, i), i)), ...c.edges];
}

describe.each(cases)('$name', (c) => {
  it('is within its ulp bound (1, or 2 for log10) of the 70-digit reference, and mostly correctly rounded', () => {
    const xs = argumentsOf(c, 1500, 31);
    let rounded = 0;
    for (const x of xs) {
      const want = c.reference(x);
      const got = c.fn(x);
      const ulps = ulpsBetween(got, want);
      expect(ulps, `${c.name}(${x}) = ${got}, reference ${want}`).toBeLessThanOrEqual(c.maxUlps);
      if (ulps === 0) rounded++;
    }
    // fdlibm's algorithms are not correctly rounded, but nearly: a miss is a near-tie.
    expect(rounded / xs.length).toBeGreaterThan(0.9);
  });

  // exp10 has no fdlibm counterpart in V8 (`10 ** x` is pow, and differs between engines).
  const math = c.math;
  if (math === null) return;
  it("is fdlibm's to the bit: equal to Node 20's Math function (V8's port of the same code) on 200,000 arguments", () => {
    let mismatches = 0;
    let first = '';
    for (const x of argumentsOf(c, 200_000, 32)) {
      const got = c.fn(x);
      const want = math(x);
      if (!Object.is(got, want) && mismatches++ === 0) first = `${c.name}(${x}) = ${got}, Math: ${want}`;
    }
    expect(mismatches, first).toBe(0);
  });
});

describe('special values', () => {
  it('log, log10, log1p: zero, negative, infinite and NaN arguments', () => {
    for (const f of [log, log10]) {
      expect(f(0)).toBe(-Infinity);
      expect(f(-0)).toBe(-Infinity);
      expect(f(-1)).toBeNaN();
      expect(f(Infinity)).toBe(Infinity);
      expect(f(-Infinity)).toBeNaN();
      expect(f(Number.NaN)).toBeNaN();
      expect(Object.is(f(1), 0)).toBe(true);
    }
    expect(log1p(-1)).toBe(-Infinity);
    expect(log1p(-2)).toBeNaN();
    expect(Object.is(log1p(-0), -0)).toBe(true);
    expect(log1p(Infinity)).toBe(Infinity);
    expect(log1p(Number.NaN)).toBeNaN();
  });

  it('log10 of the powers of ten that are doubles is the exponent, exactly', () => {
    for (let n = 0; n <= 22; n++) expect(log10(Number(`1e${n}`))).toBe(n);
  });

  it('exp10 of an integer from −22 to 22 is the correctly rounded power of ten', () => {
    for (let n = -22; n <= 22; n++) expect(exp10(n), `10^${n}`).toBe(Number(`1e${n}`));
  });

  it('exp10: overflow, underflow, subnormal results and non-finite arguments', () => {
    expect(exp10(309)).toBe(Infinity);
    expect(exp10(308.3)).toBe(Infinity);
    expect(exp10(-324)).toBe(0);
    expect(exp10(-Infinity)).toBe(0);
    expect(exp10(Infinity)).toBe(Infinity);
    expect(exp10(Number.NaN)).toBeNaN();
    expect(exp10(-323.5)).toBe(refExp10(-323.5));
    expect(exp10(-310.5)).toBe(refExp10(-310.5));
  });

  it('expm1, cos, sin at their ends', () => {
    expect(expm1(-Infinity)).toBe(-1);
    expect(expm1(-50)).toBe(-1 + Math.exp(-50)); // −1 + 1.9e-22 rounds to −1
    expect(expm1(710)).toBe(Infinity);
    expect(Object.is(expm1(-0), -0)).toBe(true);
    expect(cos(Infinity)).toBeNaN();
    expect(sin(Number.NaN)).toBeNaN();
    expect(Object.is(sin(-0), -0)).toBe(true);
    expect(cos(0)).toBe(1);
  });
});
