import { describe, expect, it } from 'vitest';
import { crossEntropy, lossGradient, lossHessian, sigmoid, squaredError, symmetricEigenvalues, twoClasses, toy, type LossWithCurvature } from '../src/index.js';

/** ∂²L/∂θⱼ∂θₖ by central differences of lossGradient, h = 1e-5 (error O(h²) ≈ 1e-10 relative). */
function finiteDifferenceHessian(data: Parameters<typeof lossGradient>[0], loss: 'se' | 'ce', w: number[], b: number, reduction: 'sum' | 'mean'): Float64Array {
  const d = w.length;
  const m = d + 1;
  const h = 1e-5;
  const grad = (theta: number[]) => {
    const g = lossGradient(data, loss, theta.slice(0, d), theta[d]!, { reduction });
    return [...g.dw, g.db];
  };
  const out = new Float64Array(m * m);
  const theta = [...w, b];
  for (let k = 0; k < m; k++) {
    const plus = theta.slice();
    const minus = theta.slice();
    plus[k]! += h;
    minus[k]! -= h;
    const gp = grad(plus);
    const gm = grad(minus);
    for (let j = 0; j < m; j++) out[j * m + k] = (gp[j]! - gm[j]!) / (2 * h);
  }
  return out;
}

describe('lossHessian', () => {
  const three = twoClasses({ n: 12, d: 3, seed: 4, separation: 1 });
  const cases = [
    { name: 'toy, d = 1', data: toy, w: [-2], b: -2 },
    { name: 'toy near the fit', data: toy, w: [1.7], b: -2.1 },
    { name: 'two classes, d = 3', data: three, w: [0.3, -0.7, 1.1], b: 0.4 },
  ];
  for (const { name, data, w, b } of cases) {
    for (const loss of ['se', 'ce'] as const) {
      for (const reduction of ['sum', 'mean'] as const) {
        it(`matches central differences of lossGradient: ${name}, ${loss}, ${reduction}`, () => {
          const exact = lossHessian(data, loss, w, b, { reduction });
          const fd = finiteDifferenceHessian(data, loss, w, b, reduction);
          let scale = 0;
          for (const v of exact) scale = Math.max(scale, Math.abs(v));
          expect(exact.length).toBe((w.length + 1) ** 2);
          for (let i = 0; i < exact.length; i++) expect(Math.abs(exact[i]! - fd[i]!), `entry ${i}`).toBeLessThan(1e-7 * scale + 1e-12);
        });
      }
    }
  }

  it('closed form on one point: c·[x², x; x, 1] with c = s for cross-entropy and s² + (ŷ − y)s(1 − 2ŷ) for squared error', () => {
    const x = 1.5;
    const y = 0.3;
    const w = 0.4;
    const b = -0.2;
    const a = sigmoid(w * x + b);
    const s = a * (1 - a);
    const cCe = s;
    const cSe = s * s + (a - y) * s * (1 - 2 * a);
    const data = { x: [x], y: [y] };
    const ce = lossHessian(data, 'ce', w, b);
    const se = lossHessian(data, 'se', w, b);
    for (const [h, c] of [[ce, cCe], [se, cSe]] as const) {
      expect(h[0]).toBeCloseTo(c * x * x, 15);
      expect(h[1]).toBeCloseTo(c * x, 15);
      expect(h[2]).toBe(h[1]);
      expect(h[3]).toBeCloseTo(c, 15);
    }
  });

  it('a loss object of its own needs dz2; with it, the Hessian uses it', () => {
    expect(() => lossHessian(toy, { ...squaredError, name: 'mine' }, 0, 0)).toThrow(/loss\.dz2 must be a function/);
    const mine: LossWithCurvature = { ...crossEntropy, name: 'mine', dz2: () => 1 };
    // Σ [x², x; x, 1] over x = 0.5, 2.5.
    expect(Array.from(lossHessian(toy, mine, 0, 0))).toEqual([0.25 + 6.25, 0.5 + 2.5, 0.5 + 2.5, 2]);
  });

  it('throws naming the parameter for a bad w, b or reduction', () => {
    expect(() => lossHessian(toy, 'ce', [1, 2], 0)).toThrow(/w must have 1 entries/);
    expect(() => lossHessian(toy, 'ce', 0, NaN)).toThrow(/b must be/);
    expect(() => lossHessian(toy, 'ce', 0, 0, { reduction: 'avg' as 'sum' })).toThrow(/reduction/);
  });
});

describe('symmetricEigenvalues', () => {
  it('2 × 2 in closed form', () => {
    expect(Array.from(symmetricEigenvalues([2, 1, 1, 2], 2))).toEqual([1, 3]);
  });

  it('Jacobi: a diagonal matrix in a random rotation gives its diagonal back', () => {
    let state = 7;
    const random = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648) - 0.5;
    for (const m of [3, 4, 6]) {
      // Q from Gram–Schmidt of random vectors, A = Q·diag(λ)·Qᵀ.
      const q: number[][] = [];
      while (q.length < m) {
        const v = Array.from({ length: m }, random);
        for (const u of q) {
          const dot = v.reduce((s, vi, i) => s + vi * u[i]!, 0);
          for (let i = 0; i < m; i++) v[i]! -= dot * u[i]!;
        }
        const norm = Math.hypot(...v);
        q.push(v.map((vi) => vi / norm));
      }
      const lambda = Array.from({ length: m }, (_, k) => (k - 1.5) * 1.7 + 0.01 * k * k);
      const a = new Float64Array(m * m);
      for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) for (let k = 0; k < m; k++) a[i * m + j]! += q[k]![i]! * lambda[k]! * q[k]![j]!;
      const values = symmetricEigenvalues(a, m);
      const sorted = lambda.slice().sort((x, y) => x - y);
      for (let k = 0; k < m; k++) expect(values[k]).toBeCloseTo(sorted[k]!, 12);
    }
  });

  it('throws a RangeError for a wrong size or a non-finite entry', () => {
    expect(() => symmetricEigenvalues([1, 2, 3], 2)).toThrow(/a must have m² = 4 entries, got 3/);
    expect(() => symmetricEigenvalues([1, NaN, NaN, 1], 2)).toThrow(/a\[1\] must be a finite number/);
  });
});
