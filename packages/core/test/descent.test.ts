import { describe, expect, it } from 'vitest';
import { createTrainer, datasetLoss, evaluate, fivePoint, lossGradient, predict, toy, train, twoClasses, type Dataset, type TrainOptions } from '../src/index.js';

/**
 * A bound on the curvature of the summed (or averaged) cross-entropy: its Hessian is
 * Σ σ′(zᵢ)·[xᵢ; 1][xᵢ; 1]ᵀ with σ′ ≤ ¼, so λ_max ≤ ¼·trace = ¼·Σ(|xᵢ|² + 1). Gradient descent
 * with η < 2/λ_max decreases the loss at every step (the descent lemma).
 */
function curvatureBound(data: Dataset, reduction: 'sum' | 'mean'): number {
  let trace = 0;
  for (let i = 0; i < data.n; i++) {
    trace += 1;
    for (let j = 0; j < data.d; j++) trace += data.x[i * data.d + j]! ** 2;
  }
  return (0.25 * trace) / (reduction === 'mean' ? data.n : 1);
}

/** diag(H⁻¹) for the cross-entropy Hessian H = Σ σ′(zᵢ)[xᵢ; 1][xᵢ; 1]ᵀ, by Gauss–Jordan elimination. */
function fisherInverseDiagonal(data: Dataset, w: ArrayLike<number>, b: number): number[] {
  const m = data.d + 1;
  const h = Array.from({ length: m }, () => new Array<number>(2 * m).fill(0));
  for (let i = 0; i < data.n; i++) {
    const v = [...Array.from({ length: data.d }, (_, j) => data.x[i * data.d + j]!), 1];
    let z = b;
    for (let j = 0; j < data.d; j++) z += w[j]! * v[j]!;
    const s = 1 / (1 + Math.exp(-z));
    for (let r = 0; r < m; r++) for (let c = 0; c < m; c++) h[r]![c]! += s * (1 - s) * v[r]! * v[c]!;
  }
  for (let r = 0; r < m; r++) h[r]![m + r] = 1;
  for (let col = 0; col < m; col++) {
    const pivot = h[col]![col]!; // H is positive definite: no pivoting needed
    for (let c = 0; c < 2 * m; c++) h[col]![c]! /= pivot;
    for (let r = 0; r < m; r++) {
      if (r === col) continue;
      const factor = h[r]![col]!;
      for (let c = 0; c < 2 * m; c++) h[r]![c]! -= factor * h[col]![c]!;
    }
  }
  return Array.from({ length: m }, (_, k) => h[k]![m + k]!);
}

describe('train', () => {
  it('the five-point data set trains with cross-entropy: the loss decreases at every epoch and the points end on the right side', () => {
    const eta = 0.1;
    expect(eta).toBeLessThan(2 / curvatureBound(fivePoint, 'sum'));
    const run = train({ data: fivePoint, loss: 'ce', eta, epochs: 1000 });
    // At w = b = 0 every ŷ is ½, so the loss is 5·log 2.
    expect(run.losses[0]).toBeCloseTo(5 * Math.LN2, 14);
    for (let t = 1; t < run.losses.length; t++) expect(run.losses[t]!).toBeLessThan(run.losses[t - 1]!);
    expect(run.losses[999]!).toBeLessThan(0.1 * run.losses[0]!);
    for (let i = 0; i < fivePoint.n; i++) {
      const yHat = predict(run.w, run.b, fivePoint.x[i]!);
      expect(Math.round(yHat)).toBe(fivePoint.y[i]);
    }
  });

  it('losses[t] is the loss at the parameters before update t, and each update is w ← w − η·∂L/∂w', () => {
    const eta = 0.7;
    const run = train({ data: toy, loss: 'se', eta, w0: -2, b0: -2, epochs: 50 });
    for (const t of [0, 1, 17, 49]) {
      const w = run.pathW[t]!;
      const b = run.pathB[t]!;
      expect(run.losses[t]).toBe(datasetLoss(toy, 'se', w, b));
      expect(run.maxErrors[t]).toBe(evaluate(toy, 'se', w, b).maxError);
      const { dw, db } = lossGradient(toy, 'se', w, b);
      expect(run.pathW[t + 1]).toBe(w - eta * dw[0]!);
      expect(run.pathB[t + 1]).toBe(b - eta * db);
    }
  });

  it("'mean' with η·n equals 'sum' with η: L_mean = L_sum/n at every epoch, to 1e-12", () => {
    for (const loss of ['se', 'ce'] as const) {
      const n = fivePoint.n;
      const sum = train({ data: fivePoint, loss, eta: 0.1, w0: 3, b0: 3, epochs: 1000 });
      const mean = train({ data: fivePoint, loss, eta: 0.1 * n, w0: 3, b0: 3, epochs: 1000, reduction: 'mean' });
      for (let t = 0; t < 1000; t++) expect(Math.abs(mean.losses[t]! * n - sum.losses[t]!), `${loss}, epoch ${t}`).toBeLessThanOrEqual(1e-12 * sum.losses[t]!);
      expect(Math.abs(mean.w[0]! - sum.w[0]!)).toBeLessThanOrEqual(1e-12 * Math.abs(sum.w[0]!));
      expect(Math.abs(mean.b - sum.b)).toBeLessThanOrEqual(1e-12 * Math.abs(sum.b));
    }
  });

  it("with n = 2 (a power of two) 'mean' with 2η is 'sum' with η to the bit", () => {
    const sum = train({ data: toy, loss: 'ce', eta: 1, w0: -2, b0: -2, epochs: 300 });
    const mean = train({ data: toy, loss: 'ce', eta: 2, w0: -2, b0: -2, epochs: 300, reduction: 'mean' });
    expect(Array.from(mean.losses, (v) => v * 2)).toEqual(Array.from(sum.losses));
    expect(mean.w[0]).toBe(sum.w[0]);
    expect(mean.b).toBe(sum.b);
  });

  it('pathW and pathB hold epochs + 1 entries, from (w0, b0) to the final (w, b); empty with recordPath: false', () => {
    const run = train({ data: toy, loss: 'ce', eta: 1, w0: -2, b0: -1.5, epochs: 40 });
    expect(run.pathW.length).toBe(41);
    expect(run.pathB.length).toBe(41);
    expect(run.pathW[0]).toBe(-2);
    expect(run.pathB[0]).toBe(-1.5);
    expect(run.pathW[40]).toBe(run.w[0]);
    expect(run.pathB[40]).toBe(run.b);
    expect(run.losses.length).toBe(40);
    expect(run.maxErrors.length).toBe(40);
    expect(run.epochsRun).toBe(40);
    expect(run.divergedAt).toBe(null);
    expect(run.d).toBe(1);

    const bare = train({ data: toy, loss: 'ce', eta: 1, w0: -2, b0: -1.5, epochs: 40, recordPath: false });
    expect(bare.pathW.length).toBe(0);
    expect(bare.pathB.length).toBe(0);
    expect(Array.from(bare.losses)).toEqual(Array.from(run.losses));
  });

  it('defaults: w0 = b0 = 0 and reduction sum', () => {
    const run = train({ data: toy, loss: 'ce', eta: 1, epochs: 1 });
    expect(run.pathW[0]).toBe(0);
    expect(run.pathB[0]).toBe(0);
    expect(run.losses[0]).toBeCloseTo(2 * Math.LN2, 15); // ŷ = ½ for both points
  });

  it('a huge η (1e308) on large x diverges: divergedAt is set, no NaN or Infinity in the losses', () => {
    const data = { x: [1000, -2000, 30], y: [0, 1, 1] };
    for (const loss of ['se', 'ce'] as const) {
      const run = train({ data, loss, eta: 1e308, w0: 0.001, epochs: 100 });
      expect(run.divergedAt, loss).not.toBe(null);
      expect(run.epochsRun).toBe(run.divergedAt);
      expect(run.losses.length).toBe(run.divergedAt);
      expect(run.maxErrors.length).toBe(run.divergedAt);
      for (const v of run.losses) expect(Number.isFinite(v)).toBe(true);
      for (const v of run.maxErrors) expect(Number.isFinite(v)).toBe(true);
      // The path ends at the non-finite parameters where the run stopped.
      expect(run.pathB.length).toBe(run.divergedAt! + 1);
      expect(Number.isFinite(run.w[0]!) && Number.isFinite(run.b)).toBe(false);
    }
  });

  it('d > 1: on two Gaussian classes, w points along the class centres (1, …, 1) and b ≈ 0', () => {
    // Two classes N(±c, I) with c = (1.5/√d)(1, …, 1): the true posterior is σ(2c·x), so logistic
    // regression's fit should point along (1, …, 1), with b ≈ 0 by symmetry.
    const d = 3;
    const data = twoClasses({ n: 400, d, seed: 5 });
    const eta = 1;
    expect(eta).toBeLessThan(2 / curvatureBound(data, 'mean'));
    const run = train({ data, loss: 'ce', eta, epochs: 400, reduction: 'mean' });
    expect(run.d).toBe(d);
    expect(run.w.length).toBe(d);
    expect(run.pathW.length).toBe(401 * d);
    for (let t = 1; t < run.losses.length; t++) expect(run.losses[t]!).toBeLessThanOrEqual(run.losses[t - 1]!);
    // At convergence the gradient vanishes: this is the maximum-likelihood fit.
    const { dw, db } = lossGradient(data, 'ce', run.w, run.b, { reduction: 'mean' });
    expect(Math.hypot(...dw, db)).toBeLessThan(1e-6);
    const norm = Math.hypot(...run.w);
    const cosine = run.w.reduce((s, v) => s + v, 0) / (norm * Math.sqrt(d));
    expect(cosine).toBeGreaterThan(0.97);
    // Each parameter is within 4 standard errors of the truth w = 2c, b = 0; the standard errors
    // are √diag(H⁻¹), H = Σ σ′(zᵢ)[xᵢ; 1][xᵢ; 1]ᵀ the Fisher information at the fit.
    const truth = [...Array.from({ length: d }, () => (2 * 1.5) / Math.sqrt(d)), 0];
    const fitted = [...run.w, run.b];
    const variance = fisherInverseDiagonal(data, run.w, run.b);
    for (let k = 0; k <= d; k++) {
      const standardError = Math.sqrt(variance[k]!);
      expect(standardError).toBeLessThan(0.5);
      expect(Math.abs(fitted[k]! - truth[k]!), `parameter ${k}`).toBeLessThan(4 * standardError);
    }
  });
});

describe('createTrainer', () => {
  const options: TrainOptions = { data: fivePoint, loss: 'se', eta: 0.5, w0: -1, b0: 2, epochs: 300 };

  it('stepping `epochs` times ends bit-identical to train(), epoch by epoch', () => {
    for (const loss of ['se', 'ce'] as const) {
      const run = train({ ...options, loss });
      const trainer = createTrainer({ ...options, loss });
      for (let t = 0; t < 300; t++) {
        const step = trainer.step()!;
        expect(step.epoch).toBe(t);
        expect(step.loss).toBe(run.losses[t]);
        expect(step.maxError).toBe(run.maxErrors[t]);
        expect(step.w[0]).toBe(run.pathW[t + 1]);
        expect(step.b).toBe(run.pathB[t + 1]);
        expect(step.diverged).toBe(false);
      }
      expect(trainer.done).toBe(true);
      expect(trainer.epoch).toBe(300);
      expect(trainer.step()).toBe(null);
      expect(trainer.w[0]).toBe(run.w[0]);
      expect(trainer.b).toBe(run.b);
    }
  });

  it("a step reports the gradient it used, as lossGradient computes it", () => {
    const trainer = createTrainer(options);
    trainer.step();
    const before = { w: trainer.w[0]!, b: trainer.b };
    const step = trainer.step()!;
    const { dw, db } = lossGradient(fivePoint, 'se', before.w, before.b);
    expect(step.dw[0]).toBe(dw[0]);
    expect(step.db).toBe(db);
  });

  it('reset() returns to (w0, b0) at epoch 0 and replays the same steps', () => {
    const trainer = createTrainer(options);
    const first = [trainer.step()!, trainer.step()!, trainer.step()!];
    for (let k = 0; k < 50; k++) trainer.step();
    trainer.reset();
    expect(trainer.epoch).toBe(0);
    expect(trainer.w[0]).toBe(-1);
    expect(trainer.b).toBe(2);
    expect(trainer.done).toBe(false);
    for (const earlier of first) expect(trainer.step()).toEqual(earlier);
  });

  it('w is a copy: changing it does not change the trainer', () => {
    const trainer = createTrainer(options);
    trainer.w[0] = 123;
    expect(trainer.w[0]).toBe(-1);
  });

  it('a diverging trainer reports diverged once, stops, and keeps the last finite parameters; reset() clears it', () => {
    const trainer = createTrainer({ data: { x: [1000, -2000], y: [0, 1] }, loss: 'ce', eta: 1e308, w0: 0.001, epochs: 10 });
    const steps = [];
    for (let s = trainer.step(); s !== null; s = trainer.step()) steps.push(s);
    const last = steps[steps.length - 1]!;
    expect(last.diverged).toBe(true);
    expect(Number.isNaN(last.loss)).toBe(false);
    expect(steps.slice(0, -1).every((s) => !s.diverged)).toBe(true);
    expect(trainer.divergedAt).toBe(last.epoch);
    expect(trainer.done).toBe(true);
    expect(trainer.epoch).toBe(last.epoch);
    const run = train({ data: { x: [1000, -2000], y: [0, 1] }, loss: 'ce', eta: 1e308, w0: 0.001, epochs: 10 });
    expect(trainer.divergedAt).toBe(run.divergedAt);
    trainer.reset();
    expect(trainer.divergedAt).toBe(null);
    expect(trainer.done).toBe(false);
  });
});
