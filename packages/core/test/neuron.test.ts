import { describe, expect, it } from 'vitest';
import { crossEntropy, dataset, datasetLoss, evaluate, logitOf, lossGradient, predict, reductions, sigmoid, squaredError, toy, uniformAt, type Dataset, type Loss, type Reduction } from '../src/index.js';
import { EPSILON, centralDifference } from './reference.js';

/** Uniform numbers in [lo, hi) from the package's counter-based generator, seed 7. */
function sampler(seed = 7): (lo: number, hi: number) => number {
  let index = 0;
  return (lo, hi) => lo + (hi - lo) * uniformAt(seed, index++);
}

function randomData(d: number, n: number, next: (lo: number, hi: number) => number): Dataset {
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const row: number[] = [];
    for (let j = 0; j < d; j++) row.push(next(-3, 3));
    x.push(row);
    y.push(next(0, 1) < 0.3 ? Math.round(next(0, 1)) : next(0, 1)); // some hard labels, mostly soft
  }
  return dataset({ x, y });
}

const builtins: Loss[] = [squaredError, crossEntropy];

describe('loss.dz is the derivative of loss.value', () => {
  for (const loss of builtins) {
    it(`${loss.name}.dz(z, y) matches a five-point central difference for random z ∈ [−12, 12], y ∈ [0, 1]`, () => {
      const next = sampler(11);
      const h = 1e-3;
      for (let k = 0; k < 500; k++) {
        const z = next(-12, 12);
        const y = next(0, 1);
        const f = (t: number) => loss.value(t, y);
        const fd = centralDifference(f, z, h);
        // rounding of the five values, ~1.5ε·|f|/h, plus the h⁴ truncation (|f⁽⁵⁾| ≤ 1 here).
        const tolerance = (3 * EPSILON * (Math.abs(f(z)) + 1)) / h + h ** 4;
        expect(Math.abs(loss.dz(z, y) - fd), `z = ${z}, y = ${y}`).toBeLessThanOrEqual(tolerance);
      }
    });
  }
});

describe('evaluate and lossGradient', () => {
  for (const d of [1, 2, 5]) {
    for (const reduction of reductions) {
      for (const loss of builtins) {
        it(`${loss.name} gradient (dw, db) matches central differences of datasetLoss, d = ${d}, '${reduction}'`, () => {
          const next = sampler(100 * d + (reduction === 'sum' ? 1 : 2) + (loss.name === 'ce' ? 10 : 20));
          for (let trial = 0; trial < 10; trial++) {
            const data = randomData(d, 7, next);
            const w = Array.from({ length: d }, () => next(-2, 2));
            const b = next(-2, 2);
            const { dw, db } = lossGradient(data, loss, w, b, { reduction });
            const h = 1e-3;
            for (let j = 0; j < d; j++) {
              const fd = centralDifference((t) => datasetLoss(data, loss, w.map((v, k) => (k === j ? t : v)), b, { reduction }), w[j]!, h);
              expect(Math.abs(dw[j]! - fd), `trial ${trial}, w[${j}]`).toBeLessThanOrEqual(1e-8 * (1 + Math.abs(fd)));
            }
            const fd = centralDifference((t) => datasetLoss(data, loss, w, t, { reduction }), b, h);
            expect(Math.abs(db - fd), `trial ${trial}, b`).toBeLessThanOrEqual(1e-8 * (1 + Math.abs(fd)));
          }
        });
      }
    }
  }

  it("evaluate sums per-point losses ('sum') or averages them ('mean'), with maxError = max |ŷ − y|", () => {
    const next = sampler(3);
    const data = randomData(3, 6, next);
    const w = [0.3, -1.2, 0.8];
    const b = 0.4;
    let total = 0;
    let maxError = 0;
    for (let i = 0; i < data.n; i++) {
      let z = 0;
      for (let j = 0; j < 3; j++) z += w[j]! * data.x[i * 3 + j]!;
      z += b;
      total += crossEntropy.value(z, data.y[i]!);
      maxError = Math.max(maxError, Math.abs(sigmoid(z) - data.y[i]!));
    }
    const sum = evaluate(data, 'ce', w, b);
    const mean = evaluate(data, 'ce', w, b, { reduction: 'mean' });
    expect(sum.loss).toBeCloseTo(total, 13);
    expect(mean.loss).toBeCloseTo(total / data.n, 13);
    expect(sum.maxError).toBe(maxError);
    expect(mean.maxError).toBe(maxError);
    for (let j = 0; j < 3; j++) expect(mean.dw[j]!).toBeCloseTo(sum.dw[j]! / data.n, 14);
    expect(mean.db).toBeCloseTo(sum.db / data.n, 14);
  });

  it("evaluate on the lecture's toy data at w = b = −2 gives the closed-form loss and gradient", () => {
    // z = −3 and 3; ŷ = σ(∓3). SE: ½Σ(ŷ − y)², ∂/∂w = Σ(ŷ − y)ŷ(1 − ŷ)x.
    const s = (z: number) => 1 / (1 + Math.exp(-z));
    const points = [
      { x: 0.5, y: 0.2, z: -3 },
      { x: 2.5, y: 0.9, z: -7 },
    ];
    let se = 0;
    let seW = 0;
    let seB = 0;
    let ce = 0;
    let ceW = 0;
    let ceB = 0;
    for (const p of points) {
      const yHat = s(p.z);
      se += 0.5 * (yHat - p.y) ** 2;
      seW += (yHat - p.y) * yHat * (1 - yHat) * p.x;
      seB += (yHat - p.y) * yHat * (1 - yHat);
      ce += -(p.y * Math.log(yHat) + (1 - p.y) * Math.log(1 - yHat));
      ceW += (yHat - p.y) * p.x;
      ceB += yHat - p.y;
    }
    const a = evaluate(toy, 'se', -2, -2);
    expect(a.loss).toBeCloseTo(se, 14);
    expect(a.dw[0]!).toBeCloseTo(seW, 14);
    expect(a.db).toBeCloseTo(seB, 14);
    const c = evaluate(toy, 'ce', -2, -2);
    expect(c.loss).toBeCloseTo(ce, 13);
    expect(c.dw[0]!).toBeCloseTo(ceW, 14);
    expect(c.db).toBeCloseTo(ceB, 14);
  });

  it('evaluate reuses `out` and returns it', () => {
    const out = { loss: 0, dw: new Float64Array(1), db: 0, maxError: 0 };
    expect(evaluate(toy, 'ce', 1, 0, {}, out)).toBe(out);
    const again = evaluate(toy, 'ce', 1, 0);
    expect(out.loss).toBe(again.loss);
    expect(Array.from(out.dw)).toEqual(Array.from(again.dw));
  });

  it('evaluate accepts { x, y } data and a w of one per input; rejects a wrong reduction naming it', () => {
    expect(datasetLoss({ x: [0.5, 2.5], y: [0.2, 0.9] }, 'ce', [1], 0)).toBe(datasetLoss(toy, 'ce', 1, 0));
    expect(() => evaluate(toy, 'ce', 1, 0, { reduction: 'avg' as Reduction })).toThrow(/reduction must be one of 'sum', 'mean', got "avg"/);
    expect(() => evaluate(toy, 'ce', [1, 2], 0)).toThrow(/w must have 1 entries/);
  });

  it('evaluate, datasetLoss and lossGradient check b like w: a string or a non-finite b is refused, never a wrong number', () => {
    expect(() => datasetLoss(toy, 'ce', 1, '2' as unknown as number)).toThrow(/b must be a number, got "2"/);
    expect(() => evaluate(toy, 'ce', 1, Number.NaN)).toThrow(/b must be a finite number, got NaN/);
    expect(() => lossGradient(toy, 'se', [1], Infinity)).toThrow(/b must be a finite number/);
  });
});

describe('logitOf and predict', () => {
  it('logitOf(w, b, x) = w·x + b, and predict = σ(w·x + b)', () => {
    expect(logitOf(2, 1, 3)).toBe(7);
    // a string b would concatenate: 1·0.5 + '2' = '0.52'
    expect(() => logitOf(1, '2' as unknown as number, 0.5)).toThrow(/b must be a number, got "2"/);
    expect(() => predict([1], '2' as unknown as number, [0.5])).toThrow(TypeError);
    expect(logitOf([1, 2, 3], 0.5, [4, 5, 6])).toBe(32.5);
    expect(predict(0, 0, 5)).toBe(0.5);
    expect(predict([1, -1], 0, [3, 3])).toBe(0.5);
    expect(predict(1, 0, Math.log(3))).toBeCloseTo(0.75, 15); // σ(log 3) = 3/4
  });
});
