import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { binaryEntropy, crossEntropy, sigmoid, sigmoidSlope, softplus, squaredError } from '../src/index.js';
import { EPSILON, nextUp, ulp } from './reference.js';

// Fixed seed: the suite is deterministic; change it locally to explore further.
const params = { seed: 1_234_567, numRuns: 1000 };

/** Any finite double, with extra weight on the logits that matter (|z| ≤ 50). */
const logit = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.double({ min: -50, max: 50, noNaN: true }));
const label = fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0, 1, 0.5));

describe('properties of the losses (fast-check)', () => {
  it('squaredError and crossEntropy are ≥ 0 for every finite z and y ∈ [0, 1]', () => {
    fc.assert(
      fc.property(logit, label, (z, y) => {
        expect(squaredError.value(z, y)).toBeGreaterThanOrEqual(0);
        expect(crossEntropy.value(z, y)).toBeGreaterThanOrEqual(0);
        expect(squaredError.value(z, y)).toBeLessThanOrEqual(0.5);
      }),
      params,
    );
  });

  it('crossEntropy.excess(z, y) ≥ 0 as computed, not just mathematically', () => {
    fc.assert(
      fc.property(logit, label, (z, y) => {
        expect(crossEntropy.excess(z, y)).toBeGreaterThanOrEqual(0);
      }),
      params,
    );
  });

  it('crossEntropy.excess(z, y) ≥ 0 right at the fit, where CE − H(y) is pure rounding', () => {
    // z = logit(y) computed in floating point: the true KL there is ~1e-32, rounding is ~1e-16.
    fc.assert(
      fc.property(fc.double({ min: 1e-6, max: 1 - 1e-6, noNaN: true }), (y) => {
        const z = Math.log(y) - Math.log1p(-y);
        expect(crossEntropy.excess(z, y)).toBeGreaterThanOrEqual(0);
        expect(crossEntropy.excess(z, y)).toBeLessThan(1e-20);
      }),
      params,
    );
  });

  it('crossEntropy(z, y) ≥ H(y) up to rounding: H(y) is its minimum over z', () => {
    fc.assert(
      fc.property(fc.double({ min: -40, max: 40, noNaN: true }), label, (z, y) => {
        const h = binaryEntropy(y);
        expect(crossEntropy.value(z, y)).toBeGreaterThanOrEqual(h - 4 * EPSILON * (h + Math.abs(z)));
      }),
      params,
    );
  });

  it('crossEntropy.dz has the sign of the error σ(z) − y; squaredError.dz too wherever σ′(z) > 0', () => {
    fc.assert(
      fc.property(logit, label, (z, y) => {
        const error = sigmoid(z) - y;
        expect(Math.sign(crossEntropy.dz(z, y))).toBe(Math.sign(error));
        if (sigmoidSlope(z) > 0) expect(Math.sign(squaredError.dz(z, y))).toBe(Math.sign(error));
      }),
      params,
    );
  });

  it('crossEntropy(−z, 1 − y) = crossEntropy(z, y): relabelling the classes changes nothing', () => {
    fc.assert(
      fc.property(fc.double({ min: -100, max: 100, noNaN: true }), fc.double({ min: 0.5, max: 1, noNaN: true }), (z, y) => {
        // 1 − y is exact for y ∈ [1/2, 1] (Sterbenz); each side rounds y·z and the sum once.
        const a = crossEntropy.value(z, y);
        const b = crossEntropy.value(-z, 1 - y);
        expect(Math.abs(a - b)).toBeLessThanOrEqual(2 * EPSILON * (Math.abs(z) + a));
      }),
      params,
    );
  });
});

describe('properties of the sigmoid (fast-check)', () => {
  it('sigmoid(z) ∈ [0, 1] and sigmoid(−z) + sigmoid(z) = 1 to rounding', () => {
    fc.assert(
      fc.property(logit, (z) => {
        const s = sigmoid(z);
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(1);
        expect(Math.abs(sigmoid(-z) + s - 1)).toBeLessThanOrEqual(2 * EPSILON);
      }),
      params,
    );
  });

  it('sigmoid is monotone non-decreasing: a ≤ b ⇒ σ(a) ≤ σ(b)', () => {
    fc.assert(
      fc.property(logit, logit, (p, q) => {
        const [a, b] = p <= q ? [p, q] : [q, p];
        expect(sigmoid(a)).toBeLessThanOrEqual(sigmoid(b));
      }),
      params,
    );
  });

  it('between adjacent doubles sigmoid never steps down by more than one ulp of its value', () => {
    // σ(z) = e·r with r = 1/(1 + e) rounds twice for z < 0, so at the last-bit level it can dip by
    // one ulp from one double to the next (see the package README). Anything larger is a bug.
    let worst = 0;
    for (const start of [-745, -700, -37, -20, -5, -1, -0.3, -1e-3, 0, 1e-3, 0.3, 1, 5, 20, 36]) {
      let z = start;
      let previous = sigmoid(z);
      for (let k = 0; k < 10_000; k++) {
        z = nextUp(z);
        const s = sigmoid(z);
        if (s < previous) worst = Math.max(worst, (previous - s) / ulp(previous));
        previous = s;
      }
    }
    expect(worst).toBeLessThanOrEqual(1);
  });

  it('softplus(z) − softplus(−z) = z to rounding', () => {
    fc.assert(
      fc.property(logit, (z) => {
        // Both sides carry log1p(e^−|z|) ≤ ln 2; the one subtraction rounds at the scale of |z| + ln 2.
        expect(Math.abs(softplus(z) - softplus(-z) - z)).toBeLessThanOrEqual(2 * EPSILON * (Math.abs(z) + Math.LN2));
      }),
      params,
    );
  });

  it('softplus(z) ≥ max(z, 0) and softplus(z) − max(z, 0) ≤ ln 2', () => {
    fc.assert(
      fc.property(logit, (z) => {
        const excess = softplus(z) - Math.max(z, 0);
        expect(excess).toBeGreaterThanOrEqual(0);
        expect(excess).toBeLessThanOrEqual(Math.LN2);
      }),
      params,
    );
  });
});
