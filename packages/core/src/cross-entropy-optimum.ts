// The minimum of the cross-entropy loss over (w, b), by Newton's method.

import { dataset, type Dataset, type DatasetInput } from './dataset.js';
import { lossHessian } from './hessian.js';
import { crossEntropy } from './losses.js';
import { evaluateInto, reductions, type Evaluation, type LossOptions } from './neuron.js';
import { requireOneOf } from './validate.js';

/** What {@link crossEntropyOptimum} returns: the optimum, or why there is none. */
export type CrossEntropyOptimum =
  | { found: true; w: Float64Array; b: number; loss: number; iterations: number }
  | { found: false; reason: string; iterations: number };

/** |θ| past which the optimum is taken to be at infinity: σ(z) is within e^−1000 of 0 or 1 there for any feature of order 1. */
const FAR = 1e3;

/**
 * Solves H·s = g for the symmetric positive definite H (m × m) by Cholesky; null if H is not
 * positive definite to working precision.
 */
function solveCholesky(h: Float64Array, g: Float64Array, m: number): Float64Array | null {
  const l = new Float64Array(m * m);
  let trace = 0;
  for (let j = 0; j < m; j++) trace += Math.abs(h[j * m + j]!);
  for (let j = 0; j < m; j++) {
    let diag = h[j * m + j]!;
    for (let k = 0; k < j; k++) diag -= l[j * m + k]! * l[j * m + k]!;
    if (!(diag > 1e-14 * trace)) return null;
    const root = Math.sqrt(diag);
    l[j * m + j] = root;
    for (let i = j + 1; i < m; i++) {
      let v = h[i * m + j]!;
      for (let k = 0; k < j; k++) v -= l[i * m + k]! * l[j * m + k]!;
      l[i * m + j] = v / root;
    }
  }
  const s = Float64Array.from(g);
  for (let i = 0; i < m; i++) {
    for (let k = 0; k < i; k++) s[i]! -= l[i * m + k]! * s[k]!;
    s[i]! /= l[i * m + i]!;
  }
  for (let i = m - 1; i >= 0; i--) {
    for (let k = i + 1; k < m; k++) s[i]! -= l[k * m + i]! * s[k]!;
    s[i]! /= l[i * m + i]!;
  }
  return s;
}

/**
 * The (w, b) that minimizes the cross-entropy loss over the data, by Newton's method from
 * w = 0, b = 0 with a backtracking line search (halve the step until the loss does not rise).
 * Cross-entropy is convex in (w, b), so a finite minimum, when there is one and the Hessian is
 * positive definite there, is unique and Newton's method converges to it quadratically; it stops
 * when the step is below 10⁻¹³·(1 + max|θ|) (at most 100 iterations).
 *
 * `found: false` with the reason when there is no finite optimum: the parameters grow past |θ| =
 * 1000 (hard labels that a hyperplane separates: the loss keeps falling as |w| → ∞, so the
 * infimum is not attained), the Hessian is singular (features that are constant or collinear with
 * the bias: a whole line of optima), or the iteration does not converge.
 */
export function crossEntropyOptimum(data: Dataset | DatasetInput, options: LossOptions = {}): CrossEntropyOptimum {
  const set = dataset(data);
  const reduction = requireOneOf('reduction', options.reduction ?? 'sum', reductions);
  const { d } = set;
  const m = d + 1;
  const w = new Float64Array(d);
  let b = 0;
  const ev: Evaluation = { loss: 0, dw: new Float64Array(d), db: 0, maxError: 0 };
  const trial = new Float64Array(d);
  const probe: Evaluation = { loss: 0, dw: new Float64Array(d), db: 0, maxError: 0 };
  for (let iteration = 1; iteration <= 100; iteration++) {
    evaluateInto(set, crossEntropy, w, b, reduction, ev);
    const g = new Float64Array(m);
    g.set(ev.dw);
    g[d] = ev.db;
    const h = lossHessian(set, crossEntropy, w, b, { reduction });
    const step = solveCholesky(h, g, m);
    if (step === null) {
      let size = Math.abs(b);
      for (let j = 0; j < d; j++) size = Math.max(size, Math.abs(w[j]!));
      if (size > 10) return { found: false, reason: 'no finite optimum: the loss keeps falling as |w| grows (hard labels that a hyperplane separates)', iterations: iteration };
      return { found: false, reason: 'no unique optimum: the Hessian is singular (a feature is constant or the features are collinear)', iterations: iteration };
    }
    // Backtracking: Newton's full step can overshoot far from the optimum, where the loss is
    // nearly linear; halving until the loss does not rise keeps every iterate in the basin.
    let scale = 1;
    for (let k = 0; k < 60; k++, scale /= 2) {
      for (let j = 0; j < d; j++) trial[j] = w[j]! - scale * step[j]!;
      evaluateInto(set, crossEntropy, trial, b - scale * step[d]!, reduction, probe);
      if (probe.loss <= ev.loss) break;
    }
    let size = 0;
    let stepSize = 0;
    for (let j = 0; j < d; j++) {
      w[j] = trial[j]!;
      size = Math.max(size, Math.abs(w[j]!));
      stepSize = Math.max(stepSize, Math.abs(scale * step[j]!));
    }
    b -= scale * step[d]!;
    size = Math.max(size, Math.abs(b));
    stepSize = Math.max(stepSize, Math.abs(scale * step[d]!));
    if (size > FAR) return { found: false, reason: 'no finite optimum: the loss keeps falling as |w| grows (hard labels that a hyperplane separates)', iterations: iteration };
    if (stepSize <= 1e-13 * (1 + size)) {
      evaluateInto(set, crossEntropy, w, b, reduction, ev);
      return { found: true, w, b, loss: ev.loss, iterations: iteration };
    }
  }
  return { found: false, reason: 'Newton’s method did not converge in 100 iterations', iterations: 100 };
}
