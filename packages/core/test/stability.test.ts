import { describe, expect, it } from 'vitest';
import {
  crossEntropy,
  datasetLoss,
  evaluate,
  logSigmoid,
  lossGradient,
  predict,
  sigmoid,
  sigmoidSlope,
  softplus,
  squaredError,
  train,
} from '../src/index.js';
import { EPSILON, logSpacedSigned, naiveCrossEntropy, naiveSigmoidSlope, relativeError } from './reference.js';

// ±10^−308 … ±10^308, three per decade, plus 0, −0, the largest double and the smallest subnormal.
const zs = [...logSpacedSigned(-308, 308, 3), -0, Number.MAX_VALUE, -Number.MAX_VALUE, Number.MIN_VALUE, -Number.MIN_VALUE];
const ys = [0, Number.MIN_VALUE, 1e-300, 1e-9, 0.2, 0.5, 0.9, 1 - 1e-9, 1];

describe('no Infinity or NaN for any finite logit', () => {
  it(`sigmoid, sigmoidSlope, softplus and logSigmoid are finite for |z| up to 1.8e308 (${zs.length} log-spaced values)`, () => {
    const bad: string[] = [];
    for (const z of zs) {
      const values = { sigmoid: sigmoid(z), sigmoidSlope: sigmoidSlope(z), softplus: softplus(z), logSigmoid: logSigmoid(z) };
      for (const [name, v] of Object.entries(values)) if (!Number.isFinite(v)) bad.push(`${name}(${z}) = ${v}`);
      if (!(values.sigmoid >= 0 && values.sigmoid <= 1)) bad.push(`sigmoid(${z}) = ${values.sigmoid} outside [0, 1]`);
    }
    expect(bad).toEqual([]);
  });

  it('crossEntropy.value(z, y) stays finite for |z| up to 1e308, and so do dz, excess and minimum; excess is never negative', () => {
    const bad: string[] = [];
    for (const z of zs) {
      for (const y of ys) {
        for (const loss of [squaredError, crossEntropy]) {
          const values = { value: loss.value(z, y), dz: loss.dz(z, y), excess: loss.excess(z, y), minimum: loss.minimum(y) };
          for (const [name, v] of Object.entries(values)) if (!Number.isFinite(v)) bad.push(`${loss.name}.${name}(${z}, ${y}) = ${v}`);
        }
        const kl = crossEntropy.excess(z, y);
        if (!(Number.isFinite(kl) && kl >= 0)) bad.push(`crossEntropy.excess(${z}, ${y}) = ${kl}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('at z = ±1e308 cross-entropy is |z|·(1 − y) or |z|·y exactly, as the closed form says', () => {
    expect(crossEntropy.value(1e308, 0)).toBe(1e308);
    expect(crossEntropy.value(-1e308, 1)).toBe(1e308);
    expect(crossEntropy.value(1e308, 1)).toBe(0);
    expect(crossEntropy.value(-1e308, 0)).toBe(0);
    expect(relativeError(crossEntropy.value(1e308, 0.5), 5e307)).toBeLessThanOrEqual(EPSILON);
    expect(softplus(Number.MAX_VALUE)).toBe(Number.MAX_VALUE);
  });

  it('evaluate, datasetLoss, lossGradient and predict are finite when w·x + b spans ±1e307', () => {
    // Two points: each loss is at most |z|, so the sum stays below the largest double for |z| ≤ 1e307.
    // (At |z| near 1.8e308 the sum itself exceeds it and is rightly Infinity.)
    const data = { x: [1, -1], y: [0.3, 1] };
    const bad: number[] = [];
    for (const w of zs.filter((v) => Math.abs(v) <= 1e307)) {
      const ev = evaluate(data, 'ce', w, 0);
      const g = lossGradient(data, 'se', w, 0);
      const values = [ev.loss, ev.dw[0]!, ev.db, ev.maxError, datasetLoss(data, 'se', w, 0, { reduction: 'mean' }), g.dw[0]!, g.db, predict(w, 0, 1)];
      if (!values.every(Number.isFinite)) bad.push(w);
    }
    expect(bad).toEqual([]);
  });

  it('train from w0 = ±1e307 runs every epoch with finite losses, never NaN', () => {
    for (const w0 of [1e307, -1e307]) {
      for (const loss of ['se', 'ce'] as const) {
        const run = train({ data: { x: [1, -1], y: [0, 1] }, loss, eta: 1, epochs: 20, w0 });
        expect(run.divergedAt).toBe(null);
        expect(run.losses.length).toBe(20);
        for (const v of run.losses) expect(Number.isFinite(v)).toBe(true);
      }
    }
  });
});

describe('full relative accuracy in the tails, where the naive formulas lose it', () => {
  it('crossEntropy(40, 1) = log1p(e^−40) ≈ 4.248354255291589e-18; the lecture’s −log ŷ gives 0', () => {
    // log1p(u) = u − u²/2 + …: at u = e^−40 the u² term is 1e-35 relative to u, so log1p(u) = u.
    const u = Math.exp(-40);
    expect(relativeError(u, 4.248354255291589e-18)).toBeLessThanOrEqual(2 * EPSILON);
    expect(relativeError(crossEntropy.value(40, 1), u)).toBeLessThanOrEqual(2 * EPSILON);
    expect(relativeError(crossEntropy.value(-40, 0), u)).toBeLessThanOrEqual(2 * EPSILON);
    // The naive form: σ(40) rounds to 1, so −log ŷ = −log 1 = 0, a 100% error, and the lecture's
    // full expression adds (1 − y)·log(1 − ŷ) = 0·log 0 = NaN.
    expect(-Math.log(1 / (1 + Math.exp(-40)))).toBe(-0);
    expect(Number.isNaN(naiveCrossEntropy(40, 1))).toBe(true);
    // And the literal softplus(z) − y·z cancels to 0 as well: 40 + 4e-18 rounds to 40.
    expect(softplus(40) - 1 * 40).toBe(0);
  });

  it('crossEntropy(40, 0) = 40 + e^−40 = 40 in float64; the naive form is Infinity, and NaN for y = 1 at 0·log 0', () => {
    expect(crossEntropy.value(40, 0)).toBe(40);
    expect(crossEntropy.value(-40, 1)).toBe(40);
    expect(naiveCrossEntropy(40, 0)).toBe(Infinity); // −log(1 − 1)
    expect(naiveCrossEntropy(40, 0.5)).toBe(Infinity);
    // (1 − y)·log(1 − ŷ) = 0·(−Infinity) = NaN
    expect(Number.isNaN(naiveCrossEntropy(800, 1))).toBe(true);
    expect(crossEntropy.value(800, 1)).toBe(0);
  });

  it('the naive form fails from z = 37 on, where σ(z) rounds to 1', () => {
    // 1 + e^−z rounds to 1 once e^−z ≤ 2^−53, i.e. z ≥ 53·ln 2 ≈ 36.74.
    expect(53 * Math.LN2).toBeGreaterThan(36);
    expect(53 * Math.LN2).toBeLessThan(37);
    expect(1 / (1 + Math.exp(-36))).toBeLessThan(1);
    expect(1 / (1 + Math.exp(-37))).toBe(1);
    expect(Number.isFinite(naiveCrossEntropy(36, 0))).toBe(true);
    expect(naiveCrossEntropy(37, 0)).toBe(Infinity);
    expect(relativeError(crossEntropy.value(37, 0), 37 + Math.exp(-37))).toBeLessThanOrEqual(EPSILON);
  });

  it('sigmoidSlope(±40) = e^−40/(1 + e^−40)² to full precision; the naive σ(1 − σ) is 0 at +40', () => {
    const e = Math.exp(-40);
    const closedForm = e / ((1 + e) * (1 + e));
    expect(relativeError(sigmoidSlope(40), closedForm)).toBeLessThanOrEqual(2 * EPSILON);
    expect(relativeError(sigmoidSlope(-40), closedForm)).toBeLessThanOrEqual(2 * EPSILON);
    expect(naiveSigmoidSlope(40)).toBe(0);
    // so the naive squared-error gradient at a confidently right neuron is exactly 0, the stable one is not
    expect(squaredError.dz(40, 0.5)).toBeGreaterThan(0);
    expect(relativeError(squaredError.dz(40, 0.5), 0.5 * closedForm)).toBeLessThanOrEqual(4 * EPSILON);
  });

  it('crossEntropy.dz(z, y) = σ(z) − y keeps full precision for z → −∞ (ŷ = e^z)', () => {
    expect(relativeError(crossEntropy.dz(-40, 0), Math.exp(-40))).toBeLessThanOrEqual(2 * EPSILON);
    expect(relativeError(crossEntropy.dz(-700, 0), Math.exp(-700))).toBeLessThanOrEqual(2 * EPSILON);
  });
});
