import { describe, expect, it } from 'vitest';
import { gradientFlowEpochs, train } from '../src/index.js';

/** Epochs of gradient descent until z = w·x + b first drops to z₁ or below, one point (x, label 0). */
function measuredEpochs(loss: 'se' | 'ce', x: number, z0: number, z1: number, eta: number): number {
  // Start with w·x and b each half of z₀.
  const run = train({ data: { x: [x], y: [0] }, loss, eta, w0: z0 / 2 / x, b0: z0 / 2, epochs: 40000 });
  for (let t = 0; t < run.pathB.length; t++) if (run.pathW[t]! * x + run.pathB[t]! <= z1) return t;
  return Infinity;
}

describe('gradientFlowEpochs', () => {
  const eta = 0.01;
  for (const loss of ['se', 'ce'] as const) {
    for (const [x, z0] of [[1, 4], [0.5, 3], [2, 5]] as const) {
      it(`${loss}: agrees with a measured run at η = ${eta} to a few epochs (x = ${x}, z from ${z0} to 0)`, () => {
        const predicted = gradientFlowEpochs({ loss, x, eta, z0, z1: 0 });
        const measured = measuredEpochs(loss, x, z0, 0, eta);
        expect(Math.abs(predicted - measured)).toBeLessThan(4);
      });
    }
  }

  it('squared error grows like e^{z₀}, cross-entropy like z₀', () => {
    const se = (z0: number) => gradientFlowEpochs({ loss: 'se', x: 1, eta: 1, z0, z1: 0 });
    const ce = (z0: number) => gradientFlowEpochs({ loss: 'ce', x: 1, eta: 1, z0, z1: 0 });
    expect(se(21) / se(20)).toBeCloseTo(Math.E, 4);
    expect(ce(21) - ce(20)).toBeCloseTo(0.5, 6); // (1 + x²) = 2: half an epoch per unit of z
  });

  it('is the closed form [G(z₀) − G(z₁)]/(η(1 + x²)) against numerical quadrature of dz/(∂loss/∂z)', () => {
    const a = (z: number) => 1 / (1 + Math.exp(-z));
    const integrand = { se: (z: number) => 1 / (a(z) ** 2 * (1 - a(z))), ce: (z: number) => 1 / a(z) };
    for (const loss of ['se', 'ce'] as const) {
      // Simpson's rule on [−1, 3] with 2000 intervals.
      const n = 2000;
      const h = 4 / n;
      let sum = integrand[loss](-1) + integrand[loss](3);
      for (let k = 1; k < n; k++) sum += (k % 2 ? 4 : 2) * integrand[loss](-1 + k * h);
      const integral = (sum * h) / 3;
      expect(gradientFlowEpochs({ loss, x: 0.5, eta: 0.2, z0: 3, z1: -1 })).toBeCloseTo(integral / (0.2 * 1.25), 8);
    }
  });

  it('throws naming the field for z1 > z0, η ≤ 0 and a loss without a closed form', () => {
    expect(() => gradientFlowEpochs({ loss: 'se', x: 1, eta: 1, z0: 0, z1: 1 })).toThrow(/z1 must be ≤ z0/);
    expect(() => gradientFlowEpochs({ loss: 'se', x: 1, eta: 0, z0: 1, z1: 0 })).toThrow(/eta must be/);
    expect(() => gradientFlowEpochs({ loss: 'hinge' as 'se', x: 1, eta: 1, z0: 1, z1: 0 })).toThrow(RangeError);
  });
});
