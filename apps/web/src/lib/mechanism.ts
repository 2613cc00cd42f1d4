// The mechanism of one gradient-descent step, point by point: for each data point its logit z,
// its output ŷ = σ(z), its error ŷ − y, the factor ŷ(1 − ŷ), the loss's ∂ℓᵢ/∂z and its share of
// ∂L/∂w and ∂L/∂b. The shares add up to the dataset's gradient (core's lossGradient), and plain
// gradient descent's update is −η times that sum. This is what step mode's mechanism view draws.

import { builtinLosses as lossFunctions, sigmoid, sigmoidSlope, type Dataset, type LossName, type OptimizerConfig, type Reduction } from '@losslab/core';

/** One point's part in the step. */
export interface PointTerm {
  /** The point's index in the dataset. */
  index: number;
  /** Its inputs (a view on the dataset's row) and label. */
  x: Float64Array;
  y: number;
  /** z = w·x + b (core's order: w₀x₀ + w₁x₁ + … + b). */
  z: number;
  /** ŷ = σ(z). */
  yHat: number;
  /** ŷ − y. */
  error: number;
  /** ŷ(1 − ŷ) = σ'(z): the factor squared error's gradient carries and cross-entropy's does not. */
  slope: number;
  /** ∂ℓᵢ/∂z: (ŷ − y)·ŷ(1 − ŷ) for squared error, ŷ − y for cross-entropy (core's loss.dz). */
  dz: number;
  /** This point's share of ∂L/∂w: s·∂ℓᵢ/∂z·xᵢ (s = 1, or 1/n for the mean). */
  shareW: Float64Array;
  /** This point's share of ∂L/∂b: s·∂ℓᵢ/∂z. */
  shareB: number;
}

/** One step's mechanism for one loss at parameters (w, b). */
export interface Mechanism {
  loss: LossName;
  w: Float64Array;
  b: number;
  eta: number;
  /** 1 for 'sum', 1/n for 'mean': the factor in front of every share. */
  scale: number;
  points: PointTerm[];
  /** ∂L/∂w and ∂L/∂b: the sums of the shares. */
  dw: Float64Array;
  db: number;
  /** Plain gradient descent's update −η∇L (Δw, Δb) and the parameters it leads to. */
  update: { dw: Float64Array; db: number };
  next: { w: Float64Array; b: number };
}

/**
 * The mechanism of one step of loss `loss` on `data` at (w, b) with learning rate η:
 * per point, ŷᵢ = σ(w·xᵢ + b), ŷᵢ(1 − ŷᵢ), ∂ℓᵢ/∂z and the shares s·∂ℓᵢ/∂z·xᵢ, s·∂ℓᵢ/∂z; their
 * sums ∂L/∂w, ∂L/∂b; and gradient descent's update w ← w − η ∂L/∂w, b ← b − η ∂L/∂b.
 */
export function mechanism(data: Dataset, loss: LossName, w: ArrayLike<number>, b: number, options: { eta: number; reduction?: Reduction }): Mechanism {
  const { n, d, x, y } = data;
  if (w.length !== d) throw new RangeError(`w must have ${d} weights (the data's inputs), got ${w.length}`);
  if (!(options.eta > 0)) throw new RangeError(`eta must be > 0, got ${options.eta}`);
  const fn = lossFunctions[loss];
  const scale = options.reduction === 'mean' ? 1 / n : 1;
  const weights = Float64Array.from(w);
  const dw = new Float64Array(d);
  let db = 0;
  const points: PointTerm[] = [];
  for (let i = 0; i < n; i++) {
    const row = x.subarray(i * d, (i + 1) * d);
    let z = weights[0]! * row[0]!;
    for (let j = 1; j < d; j++) z += weights[j]! * row[j]!;
    z += b;
    const yi = y[i]!;
    const yHat = sigmoid(z);
    const dz = fn.dz(z, yi);
    const shareW = new Float64Array(d);
    for (let j = 0; j < d; j++) {
      shareW[j] = scale * dz * row[j]!;
      dw[j]! += shareW[j]!;
    }
    const shareB = scale * dz;
    db += shareB;
    points.push({ index: i, x: row, y: yi, z, yHat, error: yHat - yi, slope: sigmoidSlope(z), dz, shareW, shareB });
  }
  const eta = options.eta;
  const update = { dw: dw.map((g) => -eta * g), db: -eta * db };
  return { loss, w: weights, b, eta, scale, points, dw, db, update, next: { w: weights.map((v, j) => v + update.dw[j]!), b: b + update.db } };
}

/**
 * Whether a run's step is plain full-batch gradient descent without weight decay, so that its
 * update is exactly −η∇L (otherwise the optimizer, the mini-batch or the decay changes it, and the
 * mechanism view says so).
 */
export function isPlainDescent(run: { optimizer?: OptimizerConfig | undefined; batchSize?: number | null | undefined; weightDecay?: number | undefined }, n: number): boolean {
  const optimizer = run.optimizer;
  const name = optimizer === undefined ? 'gd' : typeof optimizer === 'string' ? optimizer : optimizer.name;
  return name === 'gd' && (run.batchSize == null || run.batchSize >= n) && !run.weightDecay;
}
