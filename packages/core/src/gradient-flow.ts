// Gradient flow for one example: the continuous-time limit of gradient descent, solved in closed form.

import { resolveLoss, type Loss, type LossName } from './losses.js';
import { requireNumber, requirePositive } from './validate.js';

/** What {@link gradientFlowEpochs} takes. */
export interface GradientFlowOptions {
  /** 'se' or 'ce' (the built-ins only: the integral is each one's closed form). */
  loss: LossName | Loss;
  /** The example's input x (one input; its label is 0). */
  x: number;
  /** The learning rate η > 0. */
  eta: number;
  /** The logit to start from, z₀ = w₀·x + b₀. */
  z0: number;
  /** The logit to reach, z₁ ≤ z₀ (the flow lowers z towards the label 0). */
  z1: number;
}

/** ∫ dz/(∂loss/∂z) for label 0: squared error's ∂/∂z = a²(1 − a), cross-entropy's = a, a = σ(z). */
function antiderivative(name: string, z: number): number {
  const e = Math.exp(-z);
  // 1/(a²(1 − a)) = eᶻ(1 + e⁻ᶻ)³ = eᶻ + 3 + 3e⁻ᶻ + e⁻²ᶻ; 1/a = 1 + e⁻ᶻ.
  return name === 'se' ? Math.exp(z) + 3 * z - 3 * e - 0.5 * e * e : z - e;
}

/**
 * Epochs gradient flow takes to move one example's logit from z₀ down to z₁: for a single point x
 * with label 0 and both w and b trained, z = w·x + b moves as dz/dt = −η(1 + x²)·∂loss/∂z (the
 * gradient in w is ∂loss/∂z·x, in b it is ∂loss/∂z), so
 * t = [G(z₀) − G(z₁)]/(η(1 + x²)) with G = ∫ dz/(∂loss/∂z):
 * squared error G(z) = eᶻ + 3z − 3e⁻ᶻ − ½e⁻²ᶻ, cross-entropy G(z) = z − e⁻ᶻ. One epoch of descent
 * with step η is one unit of t, so for small η this is the epochs a run takes. Squared error's
 * time to leave the plateau grows like e^{z₀}, cross-entropy's like z₀.
 */
export function gradientFlowEpochs(options: GradientFlowOptions): number {
  const fn = resolveLoss(options.loss);
  if (fn.name !== 'se' && fn.name !== 'ce') throw new RangeError(`loss must be 'se' or 'ce' (the closed forms), got ${JSON.stringify(fn.name)}`);
  const x = requireNumber('x', options.x);
  const eta = requirePositive('eta', options.eta);
  const z0 = requireNumber('z0', options.z0);
  const z1 = requireNumber('z1', options.z1);
  if (z1 > z0) throw new RangeError(`z1 must be ≤ z0 (the flow lowers z towards the label 0), got z1 = ${z1} > z0 = ${z0}`);
  return (antiderivative(fn.name, z0) - antiderivative(fn.name, z1)) / (eta * (1 + x * x));
}
