import { lossGradient, toy, twoClasses } from '@losslab/core';
import { describe, expect, it } from 'vitest';
import { isPlainDescent, mechanism } from '../../src/lib/mechanism.js';

const sum = (values: Iterable<number>) => {
  let total = 0;
  for (const v of values) total += v;
  return total;
};

describe('mechanism', () => {
  it("splits the lecture's gradient into the points' shares, which add up to core's lossGradient, for both losses", () => {
    for (const loss of ['se', 'ce'] as const) {
      for (const [w, b] of [
        [-2, -2],
        [0.7, 1.3],
        [3.1, -4.2],
      ] as const) {
        const m = mechanism(toy, loss, [w], b, { eta: 1 });
        const reference = lossGradient(toy, loss, w, b);
        expect(sum(m.points.map((p) => p.shareW[0]!))).toBeCloseTo(reference.dw[0]!, 14);
        expect(sum(m.points.map((p) => p.shareB))).toBeCloseTo(reference.db, 14);
        // Written out: ŷ = σ(wx + b), the factor ŷ(1 − ŷ), and ∂ℓ/∂z with or without it.
        m.points.forEach((p, i) => {
          const x = toy.x[i]!;
          const y = toy.y[i]!;
          const yHat = 1 / (1 + Math.exp(-(w * x + b)));
          expect(p.yHat).toBeCloseTo(yHat, 14);
          expect(p.slope).toBeCloseTo(yHat * (1 - yHat), 14);
          const dz = loss === 'se' ? (yHat - y) * yHat * (1 - yHat) : yHat - y;
          expect(p.shareB).toBeCloseTo(dz, 14);
          expect(p.shareW[0]).toBeCloseTo(dz * x, 14);
        });
      }
    }
  });

  it('gives gradient descent’s update −η∇L and the parameters it leads to', () => {
    const m = mechanism(toy, 'se', [-2], -2, { eta: 0.5 });
    const g = lossGradient(toy, 'se', -2, -2);
    expect(m.update.dw[0]).toBeCloseTo(-0.5 * g.dw[0]!, 15);
    expect(m.update.db).toBeCloseTo(-0.5 * g.db, 15);
    expect(m.next.w[0]).toBeCloseTo(-2 - 0.5 * g.dw[0]!, 15);
    expect(m.next.b).toBeCloseTo(-2 - 0.5 * g.db, 15);
  });

  it('scales the shares by 1/n for the mean, and handles d inputs', () => {
    const data = twoClasses({ n: 10, d: 3, seed: 2 });
    const w = [0.4, -1.1, 2];
    for (const reduction of ['sum', 'mean'] as const) {
      for (const loss of ['se', 'ce'] as const) {
        const m = mechanism(data, loss, w, 0.3, { eta: 1, reduction });
        const reference = lossGradient(data, loss, w, 0.3, { reduction });
        for (let j = 0; j < 3; j++) expect(sum(m.points.map((p) => p.shareW[j]!))).toBeCloseTo(reference.dw[j]!, 13);
        expect(sum(m.points.map((p) => p.shareB))).toBeCloseTo(reference.db, 13);
        expect(m.scale).toBe(reduction === 'mean' ? 0.1 : 1);
      }
    }
  });

  it('refuses weights of the wrong length and a learning rate that is not positive, naming them', () => {
    expect(() => mechanism(toy, 'se', [1, 2], 0, { eta: 1 })).toThrow(/w must have 1 weights .* got 2/);
    expect(() => mechanism(toy, 'se', [1], 0, { eta: 0 })).toThrow(/eta must be > 0, got 0/);
  });
});

describe('isPlainDescent', () => {
  it('is true only for full-batch gd without weight decay', () => {
    expect(isPlainDescent({}, 5)).toBe(true);
    expect(isPlainDescent({ optimizer: 'gd', batchSize: 5, weightDecay: 0 }, 5)).toBe(true);
    expect(isPlainDescent({ optimizer: { name: 'gd' } }, 5)).toBe(true);
    expect(isPlainDescent({ optimizer: 'adam' }, 5)).toBe(false);
    expect(isPlainDescent({ batchSize: 2 }, 5)).toBe(false);
    expect(isPlainDescent({ weightDecay: 0.01 }, 5)).toBe(false);
  });
});
