import { describe, expect, it } from 'vitest';
import { binaryEntropy, logit, toy, train } from '../src/index.js';

// The lecture's two-point run: w = b = −2, η = 1, 1000 epochs, summed loss.
const exactW = (logit(0.9) - logit(0.2)) / 2;
const exactB = logit(0.2) - 0.5 * exactW;
const entropy = binaryEntropy(0.2) + binaryEntropy(0.9);

describe("the lecture's two-point run", () => {
  const se = train({ data: toy, loss: 'se', eta: 1, w0: -2, b0: -2, epochs: 1000 });
  const ce = train({ data: toy, loss: 'ce', eta: 1, w0: -2, b0: -2, epochs: 1000 });

  it('squared error sits on a plateau ≥ 0.40 through epoch 63', () => {
    for (let t = 0; t <= 63; t++) expect(se.losses[t]).toBeGreaterThanOrEqual(0.4);
  });

  it('squared error falls from above 0.39 at epoch 70 to below 0.10 by epoch 83', () => {
    expect(se.losses[70]).toBeGreaterThan(0.39);
    expect(se.losses[83]).toBeLessThan(0.1);
  });

  it('squared error is below 1e-10 from epoch 932 on', () => {
    expect(se.losses[931]).toBeGreaterThanOrEqual(1e-10);
    for (let t = 932; t < 1000; t++) expect(se.losses[t]).toBeLessThan(1e-10);
  });

  it('cross-entropy is within 1e-4 of its minimum H(y) by epoch 44', () => {
    expect(entropy).toBeCloseTo(0.8254854, 7);
    expect(ce.losses[43]! - entropy).toBeGreaterThanOrEqual(1e-4);
    for (let t = 44; t < 1000; t++) expect(ce.losses[t]! - entropy).toBeLessThan(1e-4);
  });

  it('cross-entropy reaches the exact fit to 8 digits, squared error to 4', () => {
    expect(Math.abs(ce.w[0]! - exactW)).toBeLessThan(1e-8);
    expect(Math.abs(ce.b - exactB)).toBeLessThan(1e-8);
    expect(Math.abs(se.w[0]! - exactW)).toBeLessThan(1e-4);
    expect(Math.abs(se.b - exactB)).toBeLessThan(1e-4);
  });
});
