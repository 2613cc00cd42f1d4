import { describe, expect, it } from 'vitest';
import { binaryEntropy, logSigmoid, logit, sigmoid, sigmoidSlope, softplus } from '../src/index.js';
import { EPSILON, naiveSigmoidSlope, refBinaryEntropy, refLogit, refSigmoid, refSigmoidSlope, refSoftplus, relativeError } from './reference.js';

// Logits from 1e-3 to 700 in magnitude, both signs: every region of σ, including both tails.
const zs = [0, 1e-3, -1e-3, 0.1, -0.1, 0.5, -0.5, 1, -1, 2.5, -2.5, 5, -5, 10, -10, 20, -20, 36, -36, 37, -37, 40, -40, 100, -100, 300, -300, 700, -700];

describe('sigmoid', () => {
  it('sigmoid(0) = 1/2, sigmoid(800) = 1 and sigmoid(−800) rounds to 0, never NaN', () => {
    expect(sigmoid(0)).toBe(0.5);
    expect(sigmoid(800)).toBe(1);
    // e^−800 ≈ 3.6e-348 is below the smallest double, 4.9e-324.
    expect(sigmoid(-800)).toBe(0);
    expect(sigmoid(Infinity)).toBe(1);
    expect(sigmoid(-Infinity)).toBe(0);
  });

  it('sigmoid(z) is within 2 ulp of a 70-digit reference from −700 to 700, tails included', () => {
    for (const z of zs) expect(relativeError(sigmoid(z), refSigmoid(z)), `z = ${z}`).toBeLessThanOrEqual(2 * EPSILON);
  });

  it('sigmoid(−z) = 1 − sigmoid(z) where 1 − σ is exact (|z| ≤ 1)', () => {
    // For σ(z) ∈ [1/4, 3/4] the subtraction 1 − σ(z) is exact (Sterbenz), so only σ's own error is left.
    for (let z = -1; z <= 1; z += 1 / 64) expect(Math.abs(sigmoid(-z) - (1 - sigmoid(z)))).toBeLessThanOrEqual(2 * EPSILON);
  });

  it('sigmoid(−700) keeps full relative precision: e^−700/(1 + e^−700) = Math.exp(−700)', () => {
    // 1 + e^−700 rounds to 1, so the closed form is just e^−700.
    expect(relativeError(sigmoid(-700), Math.exp(-700))).toBeLessThanOrEqual(2 * EPSILON);
  });
});

describe('sigmoidSlope', () => {
  it('sigmoidSlope(0) = 1/4 and the slope is symmetric, σ′(−z) = σ′(z)', () => {
    expect(sigmoidSlope(0)).toBe(0.25);
    for (const z of zs) expect(sigmoidSlope(-z)).toBe(sigmoidSlope(z));
  });

  it('sigmoidSlope(z) is within 3 ulp of a 70-digit reference from −700 to 700', () => {
    for (const z of zs) expect(relativeError(sigmoidSlope(z), refSigmoidSlope(z)), `z = ${z}`).toBeLessThanOrEqual(3 * EPSILON);
  });

  it('sigmoidSlope(40) = e^−40/(1 + e^−40)² to full precision, where the literal σ(1 − σ) gives 0', () => {
    const e = Math.exp(-40);
    const closedForm = e / ((1 + e) * (1 + e));
    expect(closedForm).toBeCloseTo(4.248354255291589e-18, 30);
    expect(relativeError(sigmoidSlope(40), closedForm)).toBeLessThanOrEqual(2 * EPSILON);
    expect(relativeError(sigmoidSlope(-40), closedForm)).toBeLessThanOrEqual(2 * EPSILON);
    // σ(40) rounds to 1, so 1 − σ(40) = 0: the naive slope loses everything.
    expect(naiveSigmoidSlope(40)).toBe(0);
  });

  it('sigmoidSlope is the derivative of sigmoid (central differences)', () => {
    for (const z of [-8, -3, -1, -0.2, 0, 0.7, 2, 6]) {
      const h = 1e-5;
      const fd = (sigmoid(z + h) - sigmoid(z - h)) / (2 * h);
      expect(Math.abs(sigmoidSlope(z) - fd)).toBeLessThan(1e-10);
    }
  });
});

describe('softplus and logSigmoid', () => {
  it('softplus(800) = 800 and softplus(−800) = 0: no overflow', () => {
    expect(softplus(800)).toBe(800);
    expect(softplus(-800)).toBe(0);
    expect(softplus(0)).toBe(Math.LN2);
  });

  it('softplus(−30) = log1p(e^−30) to full relative precision (~1e-15); log(1 + e^−30) is off by 1e-3', () => {
    // log1p(u) = u − u²/2 + u³/3 − …; at u = e^−30 ≈ 9.4e-14 the cubic term is 2e-40, far below an ulp.
    const u = Math.exp(-30);
    const series = u - (u * u) / 2;
    expect(relativeError(softplus(-30), series)).toBeLessThanOrEqual(1e-15);
    expect(relativeError(softplus(-30), Math.log1p(u))).toBeLessThanOrEqual(1e-15);
    // The naive form rounds 1 + u first and keeps only 3 digits of u.
    expect(relativeError(Math.log(1 + u), series)).toBeGreaterThan(1e-4);
  });

  it('softplus(z) is within 2 ulp of a 70-digit reference from −700 to 700', () => {
    for (const z of zs) expect(relativeError(softplus(z), refSoftplus(z)), `z = ${z}`).toBeLessThanOrEqual(2 * EPSILON);
  });

  it('logSigmoid(z) = −softplus(−z) = log σ(z), finite at ±800', () => {
    expect(logSigmoid(800)).toBe(-0);
    expect(logSigmoid(-800)).toBe(-800);
    for (const z of zs) expect(relativeError(logSigmoid(z), -refSoftplus(-z)), `z = ${z}`).toBeLessThanOrEqual(2 * EPSILON);
    // log σ(40) = −log1p(e^−40) ≈ −e^−40 (the next term, e^−80/2, is below an ulp), where
    // log(σ(40)) is log 1 = 0.
    expect(relativeError(logSigmoid(40), -Math.exp(-40))).toBeLessThanOrEqual(2 * EPSILON);
    expect(Math.log(sigmoid(40))).toBe(0);
  });

  it('softplus′ = sigmoid and logSigmoid′ = 1 − sigmoid (central differences)', () => {
    for (const z of [-6, -1.5, 0, 0.3, 4]) {
      const h = 1e-5;
      expect(Math.abs((softplus(z + h) - softplus(z - h)) / (2 * h) - sigmoid(z))).toBeLessThan(1e-10);
      expect(Math.abs((logSigmoid(z + h) - logSigmoid(z - h)) / (2 * h) - sigmoid(-z))).toBeLessThan(1e-10);
    }
  });
});

describe('logit', () => {
  it('logit(p) = log(p/(1 − p)) within 4 ulp of a 70-digit reference', () => {
    for (const p of [1e-300, 1e-10, 0.01, 0.2, 0.3, 0.5, 0.7, 0.9, 0.99, 1 - 1e-10]) {
      const expected = refLogit(p);
      if (expected === 0) expect(logit(p)).toBe(0);
      else expect(relativeError(logit(p), expected), `p = ${p}`).toBeLessThanOrEqual(4 * EPSILON);
    }
  });

  it('logit(0) = −Infinity and logit(1) = Infinity', () => {
    expect(logit(0)).toBe(-Infinity);
    expect(logit(1)).toBe(Infinity);
  });

  it('logit(sigmoid(z)) = z up to the conditioning of σ near 1 (|z| ≤ 10)', () => {
    // σ(z) carries a rounding error of ~ε relative; logit amplifies it by 1/(σ(1 − σ))·σ = 1/(1 − σ),
    // at most 1 + e^|z|. So |logit(σ(z)) − z| ≤ 4ε(1 + e^|z|) + 4ε|z|.
    for (let z = -10; z <= 10; z += 0.125) {
      const bound = 4 * EPSILON * (1 + Math.exp(Math.abs(z))) + 4 * EPSILON * Math.abs(z);
      expect(Math.abs(logit(sigmoid(z)) - z), `z = ${z}`).toBeLessThanOrEqual(bound);
    }
  });

  it('sigmoid(logit(p)) = p within 2 ulp', () => {
    for (let p = 0.01; p < 1; p += 0.01) expect(relativeError(sigmoid(logit(p)), p), `p = ${p}`).toBeLessThanOrEqual(2 * EPSILON);
  });
});

describe('binaryEntropy', () => {
  it('binaryEntropy(0) = binaryEntropy(1) = 0 and binaryEntropy(0.5) = ln 2', () => {
    expect(binaryEntropy(0)).toBe(0);
    expect(binaryEntropy(1)).toBe(0);
    expect(binaryEntropy(0.5)).toBe(Math.LN2);
  });

  it('binaryEntropy(y) is within 4 ulp of a 70-digit reference, and symmetric where 1 − y is exact', () => {
    for (const y of [1e-300, 1e-12, 1e-3, 0.1, 0.2, 0.25, 0.5, 0.75, 0.9, 1 - 1e-12]) {
      expect(relativeError(binaryEntropy(y), refBinaryEntropy(y)), `y = ${y}`).toBeLessThanOrEqual(4 * EPSILON);
    }
    for (const y of [0.5, 0.625, 0.75, 0.875, 0.96875]) expect(relativeError(binaryEntropy(1 - y), binaryEntropy(y))).toBeLessThanOrEqual(4 * EPSILON);
  });

  it("binaryEntropy of the lecture's labels 0.2 and 0.9 sums to 0.8254854", () => {
    const h = (y: number) => -(y * Math.log(y) + (1 - y) * Math.log(1 - y));
    expect(binaryEntropy(0.2) + binaryEntropy(0.9)).toBeCloseTo(h(0.2) + h(0.9), 14);
    expect(binaryEntropy(0.2) + binaryEntropy(0.9)).toBeCloseTo(0.8254854, 7);
  });

  it('binaryEntropy(y) throws a RangeError naming y for y outside [0, 1] or NaN', () => {
    for (const y of [-0.1, 1.5, NaN, Infinity]) {
      expect(() => binaryEntropy(y)).toThrow(RangeError);
      expect(() => binaryEntropy(y)).toThrow(`got ${y}`);
    }
    expect(() => binaryEntropy(2)).toThrow(/y must be a label in \[0, 1\], got 2/);
  });
});
