import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { binaryEntropy, crossEntropy, logit, builtinLosses, resolveLoss, sigmoid, sigmoidSlope, squaredError, type Loss } from '../src/index.js';
import * as core from '../src/index.js';
import { EPSILON, naiveCrossEntropy, refCrossEntropy, refKlDivergence, refSquaredError, relativeError, ulp } from './reference.js';

const SEED = 20_260_415;
const label = fc.double({ min: 0, max: 1, noNaN: true });

describe('crossEntropy', () => {
  it("crossEntropy at ŷ = 0.7, y = 1 is −log 0.7 (the lecture's example, z = logit 0.7)", () => {
    const z = logit(0.7);
    expect(relativeError(crossEntropy.value(z, 1), -Math.log(0.7))).toBeLessThanOrEqual(4 * EPSILON);
    // and with y = 0 it is −log(1 − 0.7)
    expect(relativeError(crossEntropy.value(z, 0), -Math.log(0.3))).toBeLessThanOrEqual(4 * EPSILON);
  });

  it('crossEntropy equals the naive −[y log ŷ + (1−y) log(1−ŷ)] to 1e-12 where the naive form is accurate (|z| ≤ 10)', () => {
    // For |z| ≤ 10 the naive ŷ and 1 − ŷ are ≥ 4.5e-5, so its logs lose at most ~e^10·ε relative
    // to what they return; its one absolute error, ~ε in log ŷ for ŷ near 1, and the stable form's
    // rounding of y·z (≤ ulp(10)/2) give the absolute term.
    fc.assert(
      fc.property(fc.double({ min: -10, max: 10, noNaN: true }), label, (z, y) => {
        const naive = naiveCrossEntropy(z, y);
        expect(Math.abs(crossEntropy.value(z, y) - naive)).toBeLessThanOrEqual(1e-12 * naive + 2 * ulp(10));
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });

  it('crossEntropy(z, y) matches a 70-digit reference across |z| ≤ 700, to full relative precision for hard labels', () => {
    const zs = [-700, -100, -40, -37, -10, -1, -1e-3, 0, 1e-3, 1, 10, 37, 40, 100, 700];
    for (const z of zs) {
      for (const y of [0, 1]) expect(relativeError(crossEntropy.value(z, y), refCrossEntropy(z, y)), `z = ${z}, y = ${y}`).toBeLessThanOrEqual(2 * EPSILON);
      // Soft labels: rounding y·z costs up to ε/2·|y·z| absolutely, then the sum rounds once more.
      for (const y of [0.2, 0.5, 0.9]) {
        const expected = refCrossEntropy(z, y);
        expect(Math.abs(crossEntropy.value(z, y) - expected), `z = ${z}, y = ${y}`).toBeLessThanOrEqual(EPSILON * (Math.abs(y * z) + 2 * expected));
      }
    }
  });

  it('crossEntropy.dz(z, y) = σ(z) − y', () => {
    for (const z of [-30, -2, 0, 0.5, 3, 30]) for (const y of [0, 0.3, 1]) expect(crossEntropy.dz(z, y)).toBe(sigmoid(z) - y);
  });

  it('crossEntropy.minimum(y) is H(y), reached at z = logit(y)', () => {
    for (const y of [0, 0.2, 0.5, 0.9, 1]) expect(crossEntropy.minimum(y)).toBe(binaryEntropy(y));
    for (const y of [0.2, 0.5, 0.9]) expect(Math.abs(crossEntropy.value(logit(y), y) - binaryEntropy(y))).toBeLessThan(4 * EPSILON);
  });
});

describe('squaredError', () => {
  it('squaredError.value(z, y) = ½(σ(z) − y)²', () => {
    fc.assert(
      fc.property(fc.double({ min: -50, max: 50, noNaN: true }), label, (z, y) => {
        const err = sigmoid(z) - y;
        expect(relativeError(squaredError.value(z, y), 0.5 * err * err)).toBeLessThanOrEqual(EPSILON);
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });

  it('squaredError.value(z, y) matches a 70-digit reference where σ(z) − y does not cancel', () => {
    // σ(z) is known to ~ε·σ(z), so ½(σ − y)² to ~2ε·σ/|σ − y| relative.
    for (const z of [-40, -5, -1, 0, 1, 5, 40]) {
      for (const y of [0, 0.2, 0.9, 1]) {
        const expected = refSquaredError(z, y);
        const yHat = sigmoid(z);
        if (expected === 0) continue;
        expect(relativeError(squaredError.value(z, y), expected), `z = ${z}, y = ${y}`).toBeLessThanOrEqual(3 * EPSILON + (4 * EPSILON * yHat) / Math.abs(yHat - y));
      }
    }
  });

  it('squaredError.dz(z, y) = (σ(z) − y)·σ′(z), which vanishes when the neuron saturates', () => {
    for (const z of [-30, -2, 0, 0.5, 3, 30]) {
      for (const y of [0, 0.3, 1]) expect(relativeError(squaredError.dz(z, y), (sigmoid(z) - y) * sigmoidSlope(z))).toBeLessThanOrEqual(2 * EPSILON);
    }
    // Confidently wrong (z = −10, y = 1): SE's gradient is ~4.5e-5, CE's is ~−1.
    expect(Math.abs(squaredError.dz(-10, 1))).toBeLessThan(5e-5);
    expect(crossEntropy.dz(-10, 1)).toBeCloseTo(-1, 4);
  });

  it('squaredError.minimum is 0 and its excess is its value', () => {
    for (const y of [0, 0.3, 1]) expect(squaredError.minimum(y)).toBe(0);
    for (const z of [-3, 0, 2]) for (const y of [0, 0.3, 1]) expect(squaredError.excess(z, y)).toBe(squaredError.value(z, y));
  });
});

describe('crossEntropy.excess: the KL divergence KL(y ‖ σ(z))', () => {
  it('crossEntropy.excess(z, y) equals CE − H(y) where the subtraction is accurate', () => {
    // The subtraction's own error is at most a few ε·(CE + H); that is the tolerance.
    fc.assert(
      fc.property(label, fc.double({ min: -30, max: 30, noNaN: true }), (y, z) => {
        const ce = crossEntropy.value(z, y);
        const h = binaryEntropy(y);
        expect(Math.abs(crossEntropy.excess(z, y) - (ce - h))).toBeLessThanOrEqual(8 * EPSILON * (ce + h));
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });

  it('crossEntropy.excess(z, y) matches a 70-digit reference of CE − H(y), far from and near the fit', () => {
    for (const y of [1e-6, 0.05, 0.2, 0.3, 0.5, 0.9, 0.99]) {
      const fit = logit(y);
      for (const delta of [-20, -3, -0.5, -1e-2, -1e-4, 1e-6, 1e-4, 1e-2, 0.5, 3, 20]) {
        const z = fit + delta;
        const expected = refKlDivergence(y, z);
        // ŷ and 1 − ŷ are each known to ~2ε absolutely; KL's sensitivity to ŷ is (ŷ − y)/(y(1 − y))·…,
        // which makes the relative error about 8ε/|ŷ − y| near the fit, and a few ε elsewhere.
        const gap = Math.abs(sigmoid(z) - y);
        expect(relativeError(crossEntropy.excess(z, y), expected), `y = ${y}, z = logit(y) + ${delta}`).toBeLessThanOrEqual(1e-13 + (8 * EPSILON) / gap);
      }
    }
  });

  it('crossEntropy.excess matches its second-order expansion (ŷ − y)²/(2y(1 − y)) near the fit, where CE − H(y) fails', () => {
    for (const y of [0.05, 0.3, 0.5, 0.8, 0.99]) {
      // z a little off the fit so that t = ŷ − y ≈ 1e-8: the cubic term is a relative
      // (2/3)·t·|y/(1 − y) − (1 − y)/y|/2 and the rounding of ŷ a relative ~8ε/t.
      const z = logit(y) + 1e-8 / (y * (1 - y));
      const t = sigmoid(z) - y;
      const quadratic = (t * t) / (2 * y * (1 - y));
      const tolerance = Math.abs(t) * Math.abs(y / (1 - y) - (1 - y) / y) + (8 * EPSILON) / Math.abs(t);
      expect(relativeError(crossEntropy.excess(z, y), quadratic), `y = ${y}`).toBeLessThan(tolerance);
      expect(tolerance).toBeLessThan(2e-6); // the comparison is a real one
    }
    // At y = 0.3 and 1e-7 off the fit in z, KL ≈ 1e-15 while CE and H(y) are ≈ 0.61: their
    // difference is a multiple of 2^−53 ≈ 1.1e-16, about 9.5 of them, so it is off by ≥ 4%.
    const y = 0.3;
    const z = logit(y) + 1e-7;
    const expected = refKlDivergence(y, z);
    expect(expected).toBeGreaterThan(1e-15);
    expect(expected).toBeLessThan(1.1e-15);
    expect(relativeError(crossEntropy.excess(z, y), expected)).toBeLessThan(1e-7);
    expect(relativeError(crossEntropy.value(z, y) - binaryEntropy(y), expected)).toBeGreaterThan(0.04);
  });

  it('crossEntropy.excess is 0 at the exact fit σ(z) = y (up to the square of rounding), where CE − H(y) can be negative', () => {
    expect(crossEntropy.excess(0, 0.5)).toBe(0);
    expect(crossEntropy.excess(-Infinity, 0)).toBe(0);
    let negativeSubtractions = 0;
    for (let k = 1; k < 1000; k++) {
      const y = k / 1000;
      const z = logit(y);
      const kl = crossEntropy.excess(z, y);
      // σ(logit y) misses y by ~ε, and KL is quadratic in the miss.
      expect(kl, `y = ${y}`).toBeGreaterThanOrEqual(0);
      expect(kl, `y = ${y}`).toBeLessThanOrEqual((4 * EPSILON) ** 2 / (2 * y * (1 - y)));
      if (crossEntropy.value(z, y) - binaryEntropy(y) < 0) negativeSubtractions++;
    }
    // The reason for the never-negative form: the plain subtraction goes below 0 for many labels.
    expect(negativeSubtractions).toBeGreaterThan(10);
  });

  it('crossEntropy.excess(z, 0) = softplus(z) = CE(z, 0) and crossEntropy.excess(z, 1) = CE(z, 1): hard labels have H = 0', () => {
    for (const z of [-50, -1, 0, 2, 50]) {
      expect(crossEntropy.excess(z, 0)).toBe(crossEntropy.value(z, 0));
      expect(crossEntropy.excess(z, 1)).toBe(crossEntropy.value(z, 1));
    }
  });
});

describe('resolveLoss and builtinLosses', () => {
  it("resolveLoss('se') and ('ce') return the built-ins; a loss object passes through", () => {
    expect(resolveLoss('se')).toBe(squaredError);
    expect(resolveLoss('ce')).toBe(crossEntropy);
    expect(builtinLosses.se).toBe(squaredError);
    expect(builtinLosses.ce).toBe(crossEntropy);
    expect([squaredError.name, crossEntropy.name]).toEqual(['se', 'ce']);
    const custom: Loss = { name: 'abs', title: 'absolute', value: (z, y) => Math.abs(sigmoid(z) - y), dz: () => 0, minimum: () => 0, excess: () => 0 };
    expect(resolveLoss(custom)).toBe(custom);
  });

  it('resolveLoss throws a RangeError for an unknown name and a TypeError for a non-loss, naming the value', () => {
    expect(() => resolveLoss('mse' as 'se')).toThrow(RangeError);
    expect(() => resolveLoss('mse' as 'se')).toThrow(/loss must be 'se' or 'ce'.*got "mse"/);
    expect(() => resolveLoss(42 as unknown as Loss)).toThrow(TypeError);
    expect(() => resolveLoss(42 as unknown as Loss)).toThrow(/got 42/);
    expect(() => resolveLoss(null as unknown as Loss)).toThrow(TypeError);
    expect(() => resolveLoss({ value: 1 } as unknown as Loss)).toThrow(/loss.value must be a function.*got number/);
    expect(() => resolveLoss({ value: () => 0, dz: () => 0 } as unknown as Loss)).toThrow(/loss.minimum must be a function/);
  });

  it('the built-in losses are frozen', () => {
    expect(Object.isFrozen(squaredError)).toBe(true);
    expect(Object.isFrozen(crossEntropy)).toBe(true);
    expect(Object.isFrozen(builtinLosses)).toBe(true);
  });
});

describe('cross-entropy with labels near 1', () => {
  it('keeps full relative precision where max(z, 0) − y·z would cancel (y = 1 − 1e-12, z up to 30)', () => {
    const y = 1 - 1e-12;
    for (const z of [5, 12.5, 20, 28.6, 30]) {
      expect(relativeError(crossEntropy.value(z, y), refCrossEntropy(z, y)), `z = ${z}`).toBeLessThan(8 * EPSILON);
    }
  });
});


describe('public names (0.x clean break, see CHANGELOG.md)', () => {
  it('no per-point function takes the label first: klDivergence(y, z) is gone (crossEntropy.excess(z, y)), and the map of built-in losses is builtinLosses, not losses', () => {
    // @ts-expect-error klDivergence(y, z) was removed so that an old call fails to compile instead of swapping z and y
    expect(core.klDivergence).toBeUndefined();
    // @ts-expect-error the map is builtinLosses; `losses` is only TrainResult's loss per epoch
    expect(core.losses).toBeUndefined();
    expect(Object.keys(core.builtinLosses)).toEqual(['se', 'ce']);
    // The (z, y) order, checked on values that tell the two orders apart: ½(σ(2) − 0)² ≠ ½(σ(0) − 2)².
    expect(core.squaredError.value(2, 0)).toBe(0.5 * sigmoid(2) ** 2);
    expect(core.crossEntropy.excess(0, 0.2)).toBeCloseTo(0.2 * Math.log(0.2 / 0.5) + 0.8 * Math.log(0.8 / 0.5), 15);
  });

  it('train returns w as a Float64Array of length d, also for one input', () => {
    const one = core.train({ data: core.toy, loss: 'ce', eta: 1, w0: -2, b0: -2, epochs: 3 });
    expect(one.w).toBeInstanceOf(Float64Array);
    expect(one.w).toHaveLength(1);
    const three = core.train({ data: { x: [[1, 2, 3], [0, 1, 0]], y: [1, 0] }, loss: 'se', eta: 1, epochs: 3 });
    expect(three.w).toBeInstanceOf(Float64Array);
    expect(three.w).toHaveLength(3);
  });
});
