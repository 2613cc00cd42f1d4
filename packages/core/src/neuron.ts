// One sigmoid neuron over a dataset: prediction, loss and gradient.

import { dataset, type Dataset, type DatasetInput } from './dataset.js';
import { resolveLoss, type Loss, type LossName } from './losses.js';
import { sigmoid } from './sigmoid.js';
import { requireNumber, requireOneOf, show, vectorOf } from './validate.js';

/** How per-point losses and gradients combine: 'sum' (the lecture's code) or 'mean'. */
export type Reduction = 'sum' | 'mean';

/** The reductions. */
export const reductions: readonly Reduction[] = ['sum', 'mean'];

/**
 * The logit z = w·x + b of one point, accumulated as w₀x₀ + w₁x₁ + … and then + b (the order every
 * kernel uses, so results agree to the bit). x and w are numbers for one input or lists of d.
 */
export function logitOf(w: number | ArrayLike<number>, b: number, x: number | ArrayLike<number>): number {
  // A string b would concatenate ('0.5' + '2' → 0.52…) instead of adding, and give a wrong finite number.
  if (typeof b !== 'number') throw new TypeError(`b must be a number, got ${show(b)}`);
  if (typeof w === 'number' && typeof x === 'number') return w * x + b;
  const d = typeof x === 'number' ? 1 : x.length;
  const wv = vectorOf('w', w, d, 0);
  const xv = vectorOf('x', x, d, 0);
  let z = wv[0]! * xv[0]!;
  for (let j = 1; j < d; j++) z += wv[j]! * xv[j]!;
  return z + b;
}

/** The neuron's prediction ŷ = σ(w·x + b) for one point. */
export function predict(w: number | ArrayLike<number>, b: number, x: number | ArrayLike<number>): number {
  return sigmoid(logitOf(w, b, x));
}

/** The loss of a dataset at one (w, b), its gradient and the largest prediction error. */
export interface Evaluation {
  /** L(w, b): the per-point losses summed, or averaged with reduction 'mean'. */
  loss: number;
  /** ∂L/∂w, one entry per input. */
  dw: Float64Array;
  /** ∂L/∂b. */
  db: number;
  /** max over points of |ŷ − y|: a yardstick that does not depend on the loss. */
  maxError: number;
}

/** Options shared by {@link evaluate}, {@link train} and {@link lossSurface}. */
export interface LossOptions {
  /** 'sum' (default, as the lecture) or 'mean'. */
  reduction?: Reduction;
}

/**
 * Evaluates L(w, b) = Σᵢ loss(zᵢ, yᵢ) (or the mean) and its gradient ∂L/∂w = Σᵢ ∂loss/∂z·xᵢ,
 * ∂L/∂b = Σᵢ ∂loss/∂z, with zᵢ = w·xᵢ + b. `out` (optional) is reused for the result, so a
 * training loop allocates nothing per epoch.
 */
export function evaluate(
  data: Dataset | DatasetInput,
  loss: LossName | Loss,
  w: number | ArrayLike<number>,
  b: number,
  options: LossOptions = {},
  out?: Evaluation,
): Evaluation {
  const set = dataset(data);
  const fn = resolveLoss(loss);
  const reduction = requireOneOf('reduction', options.reduction ?? 'sum', reductions);
  requireNumber('b', b);
  const wv = typeof w === 'number' || w.length !== set.d || !(w instanceof Float64Array) ? vectorOf('w', w, set.d, 0) : w;
  return evaluateInto(set, fn, wv, b, reduction, out ?? { loss: 0, dw: new Float64Array(set.d), db: 0, maxError: 0 });
}

/** The unchecked core of {@link evaluate}: w is a Float64Array of length d. */
export function evaluateInto(set: Dataset, fn: Loss, w: Float64Array, b: number, reduction: Reduction, out: Evaluation): Evaluation {
  const { n, d, x, y } = set;
  const dw = out.dw;
  dw.fill(0);
  let total = 0;
  let db = 0;
  let maxError = 0;
  for (let i = 0; i < n; i++) {
    const row = i * d;
    let z = w[0]! * x[row]!;
    for (let j = 1; j < d; j++) z += w[j]! * x[row + j]!;
    z += b;
    const yi = y[i]!;
    total += fn.value(z, yi);
    const g = fn.dz(z, yi);
    for (let j = 0; j < d; j++) dw[j]! += g * x[row + j]!;
    db += g;
    const error = Math.abs(sigmoid(z) - yi);
    if (error > maxError) maxError = error;
  }
  if (reduction === 'mean') {
    total /= n;
    db /= n;
    for (let j = 0; j < d; j++) dw[j]! /= n;
  }
  out.loss = total;
  out.db = db;
  out.maxError = maxError;
  return out;
}

/** L(w, b) over the dataset (see {@link evaluate}). */
export function datasetLoss(data: Dataset | DatasetInput, loss: LossName | Loss, w: number | ArrayLike<number>, b: number, options: LossOptions = {}): number {
  return evaluate(data, loss, w, b, options).loss;
}

/** The gradient (∂L/∂w, ∂L/∂b) over the dataset (see {@link evaluate}). */
export function lossGradient(data: Dataset | DatasetInput, loss: LossName | Loss, w: number | ArrayLike<number>, b: number, options: LossOptions = {}): { dw: Float64Array; db: number } {
  const { dw, db } = evaluate(data, loss, w, b, options);
  return { dw, db };
}
