// The Hessian of the dataset loss with respect to the parameters (w₀, …, w_{d−1}, b).

import { dataset, type Dataset, type DatasetInput } from './dataset.js';
import { expNonPositive } from './exp.js';
import { crossEntropy, resolveLoss, squaredError, type Loss, type LossName } from './losses.js';
import { reductions, type LossOptions } from './neuron.js';
import { requireNumber, requireOneOf, show, vectorOf } from './validate.js';

/** A loss with its second derivative ∂²value/∂z², which {@link lossHessian} needs for a loss object of its own. */
export interface LossWithCurvature extends Loss {
  dz2(z: number, y: number): number;
}

/**
 * ∂²loss/∂z² of one point. Cross-entropy: σ′(z) = ŷ(1 − ŷ) = s. Squared error:
 * ∂/∂z[(ŷ − y)·s] = s² + (ŷ − y)·s·(1 − 2ŷ), which is s² at an exact fit and can be negative away
 * from it. With e = exp(−|z|), r = 1/(1 + e): s = e·r² and 1 − 2ŷ = ∓(1 − e)·r (− for z ≥ 0),
 * finite and accurate in both tails.
 */
function secondDerivative(fn: Loss, z: number, y: number): number {
  if (fn === crossEntropy || fn === squaredError) {
    const e = expNonPositive(-Math.abs(z));
    const r = 1 / (1 + e);
    const s = e * r * r;
    if (fn === crossEntropy) return s;
    const yHat = z >= 0 ? r : e * r;
    const oneMinusTwoYHat = (z >= 0 ? -(1 - e) : 1 - e) * r;
    return s * s + (yHat - y) * s * oneMinusTwoYHat;
  }
  const dz2 = (fn as Partial<LossWithCurvature>).dz2;
  if (typeof dz2 !== 'function') throw new TypeError(`loss.dz2 must be a function (the second derivative ∂²loss/∂z²) for a loss object of your own, got ${show(dz2)}`);
  return dz2.call(fn, z, y);
}

/**
 * The Hessian of L(w, b) = Σᵢ loss(zᵢ, yᵢ) (÷ n for 'mean'), zᵢ = w·xᵢ + b, with respect to
 * θ = (w₀, …, w_{d−1}, b): H = Σᵢ ∂²loss/∂z²(zᵢ, yᵢ)·uᵢuᵢᵀ with uᵢ = (xᵢ, 1), since z is linear in θ.
 * Returned as a Float64Array of (d + 1)² entries, row-major: H[j·(d + 1) + k] = ∂²L/∂θⱼ∂θₖ, the
 * bias last. For a loss object of your own, `loss.dz2(z, y)` must give ∂²loss/∂z² (a TypeError
 * otherwise).
 */
export function lossHessian(data: Dataset | DatasetInput, loss: LossName | Loss, w: number | ArrayLike<number>, b: number, options: LossOptions = {}): Float64Array {
  const set = dataset(data);
  const fn = resolveLoss(loss);
  const reduction = requireOneOf('reduction', options.reduction ?? 'sum', reductions);
  requireNumber('b', b);
  const wv = vectorOf('w', w, set.d, 0);
  const { n, d, x, y } = set;
  const m = d + 1;
  const h = new Float64Array(m * m);
  const u = new Float64Array(m);
  u[d] = 1;
  for (let i = 0; i < n; i++) {
    const row = i * d;
    let z = wv[0]! * x[row]!;
    for (let j = 1; j < d; j++) z += wv[j]! * x[row + j]!;
    z += b;
    for (let j = 0; j < d; j++) u[j] = x[row + j]!;
    const c = secondDerivative(fn, z, y[i]!);
    for (let j = 0; j < m; j++) for (let k = j; k < m; k++) h[j * m + k]! += c * u[j]! * u[k]!;
  }
  const scale = reduction === 'mean' ? 1 / n : 1;
  for (let j = 0; j < m; j++) {
    for (let k = j; k < m; k++) {
      const v = h[j * m + k]! * scale;
      h[j * m + k] = v;
      h[k * m + j] = v;
    }
  }
  return h;
}
