import { describe, expect, it } from 'vitest';
import { convergence, crossEntropyOptimum, fivePoint, lossGradient, logit, noisyThreshold, stabilityLimit, toy, train, twoClasses } from '../src/index.js';

// The lecture's exact fit: σ(0.5w + b) = 0.2, σ(2.5w + b) = 0.9.
const w = (logit(0.9) - logit(0.2)) / 2;
const b = logit(0.2) - w / 2;

/** λ_max of Σ cᵢ[xᵢ², xᵢ; xᵢ, 1] from the 2 × 2 characteristic polynomial, written out here. */
function lambdaMax2(c: number[], x: number[]): number {
  let a = 0;
  let off = 0;
  let d = 0;
  c.forEach((ci, i) => {
    a += ci * x[i]! * x[i]!;
    off += ci * x[i]!;
    d += ci;
  });
  const trace = a + d;
  const det = a * d - off * off;
  return (trace + Math.sqrt(trace * trace - 4 * det)) / 2;
}

describe("stabilityLimit at the lecture's exact fit (summed loss)", () => {
  // At ŷ = y: cross-entropy's per-point curvature is y(1 − y), squared error's (y(1 − y))².
  const cCe = [0.2 * 0.8, 0.9 * 0.1];
  const cSe = cCe.map((c) => c * c);

  it('cross-entropy: η* = 2/λ_max ≈ 2.569', () => {
    const limit = stabilityLimit(toy, 'ce', w, b);
    expect(limit.lambdaMax).toBeCloseTo(lambdaMax2(cCe, [0.5, 2.5]), 12);
    expect(limit.eta).toBeCloseTo(2 / lambdaMax2(cCe, [0.5, 2.5]), 10);
    expect(limit.eta).toBeCloseTo(2.569, 3);
  });

  it('squared error: η* ≈ 24.87, almost ten times higher', () => {
    const limit = stabilityLimit(toy, 'se', w, b);
    expect(limit.eta).toBeCloseTo(2 / lambdaMax2(cSe, [0.5, 2.5]), 9);
    expect(limit.eta).toBeCloseTo(24.87, 2);
  });

  it("'mean' halves the Hessian of two points, so η* doubles", () => {
    expect(stabilityLimit(toy, 'ce', w, b, { reduction: 'mean' }).eta).toBeCloseTo(2 * stabilityLimit(toy, 'ce', w, b).eta, 12);
  });

  it('predicts the onset of oscillation: runs near the fit settle at 0.95η* and oscillate at 1.05η*', () => {
    for (const loss of ['ce', 'se'] as const) {
      const eta = stabilityLimit(toy, loss, w, b).eta;
      const start = { w0: w + 0.02, b0: b - 0.02 };
      const below = train({ data: toy, loss, eta: 0.95 * eta, ...start, epochs: 3000 });
      const above = train({ data: toy, loss, eta: 1.05 * eta, ...start, epochs: 3000 });
      expect(convergence(below).outcome, `${loss} below`).toBe('fit');
      expect(convergence(above).outcome, `${loss} above`).toBe('oscillating');
    }
  });

  it('for d + 1 > 2 (Jacobi), η* makes the step contract the largest-curvature direction: power iteration agrees', () => {
    const data = twoClasses({ n: 40, d: 3, seed: 2, separation: 0.5 });
    const optimum = crossEntropyOptimum(data);
    if (!optimum.found) throw new Error(optimum.reason);
    const limit = stabilityLimit(data, 'ce', optimum.w, optimum.b);
    // Power iteration on the Hessian, each product by central differences of the gradient.
    let v = [1, 0.5, -0.3, 0.2];
    let lambda = 0;
    for (let k = 0; k < 500; k++) {
      const h = 1e-6;
      const at = (s: number) => {
        const g = lossGradient(data, 'ce', Array.from(optimum.w, (wj, j) => wj + s * v[j]!), optimum.b + s * v[3]!);
        return [...g.dw, g.db];
      };
      const gp = at(h);
      const gm = at(-h);
      const hv = gp.map((g, j) => (g - gm[j]!) / (2 * h));
      lambda = Math.hypot(...hv);
      v = hv.map((x) => x / lambda);
    }
    expect(limit.lambdaMax).toBeCloseTo(lambda, 5);
  });
});

describe('crossEntropyOptimum', () => {
  it("finds the lecture's exact fit, where the gradient vanishes", () => {
    const optimum = crossEntropyOptimum(toy);
    expect(optimum.found).toBe(true);
    if (!optimum.found) return;
    expect(optimum.w[0]).toBeCloseTo(w, 12);
    expect(optimum.b).toBeCloseTo(b, 12);
  });

  it('on noisy labels (no exact fit) the gradient is 0 at what it finds, for sum and mean alike', () => {
    const data = noisyThreshold({ n: 50, seed: 1 });
    for (const reduction of ['sum', 'mean'] as const) {
      const optimum = crossEntropyOptimum(data, { reduction });
      if (!optimum.found) throw new Error(optimum.reason);
      const g = lossGradient(data, 'ce', optimum.w, optimum.b);
      expect(Math.abs(g.dw[0]!) + Math.abs(g.db)).toBeLessThan(1e-10);
    }
  });

  it('says when there is no finite optimum: the five-point table is separable with hard labels', () => {
    const optimum = crossEntropyOptimum(fivePoint);
    expect(optimum.found).toBe(false);
    if (optimum.found) return;
    expect(optimum.reason).toMatch(/no finite optimum/);
  });

  it('says when the optimum is not unique: a constant feature', () => {
    const optimum = crossEntropyOptimum({ x: [1, 1, 1], y: [0.2, 0.5, 0.7] });
    expect(optimum.found).toBe(false);
    if (optimum.found) return;
    expect(optimum.reason).toMatch(/singular/);
  });
});
