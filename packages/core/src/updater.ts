// The parameter update of every optimizer, in PyTorch's torch.optim order. Each update uses only
// +, −, ×, ÷ and √, which IEEE 754 rounds exactly (correctly rounded), so the JavaScript kernel and
// WebAssembly, doing the same operations in the same order, get the same bits as core. That is
// also why βᵗ is a running product and not Math.pow: pow is not specified to the bit and engines
// differ in its last bits, while p ← p·β is one exactly rounded product per update everywhere.

import { resolveOptimizer, type Optimizer, type OptimizerConfig } from './optimizers.js';
import { requireNonNegative, requirePositive, requirePositiveInteger, show } from './validate.js';

/** What {@link createUpdater} takes. */
export interface UpdaterOptions {
  /** The optimizer: a name or `{ name, …hyperparameters }` (see {@link resolveOptimizer}); default 'gd'. */
  optimizer?: OptimizerConfig;
  /** The learning rate η > 0. */
  eta: number;
  /** Coupled L2 weight decay λ ≥ 0 on the weights (not the bias), default 0. */
  weightDecay?: number;
  /** The number of weights, d; the parameter vector holds d weights and then the bias. */
  d: number;
}

/** An optimizer with its state (moments, step count), updating one parameter vector. */
export interface Updater {
  /** The resolved optimizer. */
  readonly optimizer: Optimizer;
  /** Updates applied so far: PyTorch's `step`, t, which counts from 1 at the first update. */
  readonly t: number;
  /**
   * One update of θ = (w₀, …, w_{d−1}, b) in place, given the gradient g of the loss (same
   * layout). `grad` is scratch: on return it holds g + λ·(w, 0), the gradient the optimizer used.
   */
  update(theta: Float64Array, grad: Float64Array): void;
  /** Back to t = 0 and zero state. */
  reset(): void;
}

/**
 * An optimizer's update rule with its state, for a parameter vector of d weights and a bias. With
 * g the loss's gradient, first g_j ← g_j + λ·w_j for the weights only (coupled L2 weight decay,
 * PyTorch's `weight_decay`; not AdamW's decoupled decay; the bias is not decayed); then, per
 * parameter θ, with t counting updates from 1:
 * - gd: θ ← θ − η·g;
 * - momentum: v ← g at t = 1, else v ← μ·v + g; θ ← θ − η·v (PyTorch's SGD, dampening 0);
 * - nesterov: v as momentum; θ ← θ − η·(g + μ·v);
 * - rmsprop: s ← α·s + (1 − α)·(g·g); θ ← θ − η·(g/(√s + ε)) (s₀ = 0; not centered, no momentum);
 * - adam: m ← β₁·m + (1 − β₁)·g, v ← β₂·v + (1 − β₂)·(g·g) (m₀ = v₀ = 0),
 *   θ ← θ − (η/(1 − β₁ᵗ))·(m/(√v/√(1 − β₂ᵗ) + ε));
 * - adagrad: s ← s + g·g; θ ← θ − η·(g/(√s + ε)) (s₀ = 0, no learning-rate decay).
 * βᵗ is the running product p ← p·β (p₀ = 1), and 1 − α, 1 − β₁, 1 − β₂ are each computed once.
 */
export function createUpdater(options: UpdaterOptions): Updater {
  if (options === null || typeof options !== 'object') throw new TypeError(`options must be an object, got ${show(options)}`);
  const optimizer = resolveOptimizer(options.optimizer);
  const eta = requirePositive('eta', options.eta);
  const lambda = requireNonNegative('weightDecay', options.weightDecay ?? 0);
  const d = requirePositiveInteger('d', options.d);
  const size = d + 1;
  // First and second moments (or momentum buffer, or sum of squares), one per parameter.
  const m = new Float64Array(size);
  const v = new Float64Array(size);
  let t = 0;
  let p1 = 1;
  let p2 = 1;
  let step: (theta: Float64Array, g: Float64Array) => void;
  switch (optimizer.name) {
    case 'gd':
      step = (theta, g) => {
        for (let k = 0; k < size; k++) theta[k] = theta[k]! - eta * g[k]!;
      };
      break;
    case 'momentum':
    case 'nesterov': {
      const mu = optimizer.momentum;
      const nesterov = optimizer.name === 'nesterov';
      step = (theta, g) => {
        for (let k = 0; k < size; k++) {
          // PyTorch starts the buffer as a copy of g (not μ·0 + g, which turns g = −0 into +0).
          const buf = t === 1 ? g[k]! : mu * m[k]! + g[k]!;
          m[k] = buf;
          theta[k] = theta[k]! - eta * (nesterov ? g[k]! + mu * buf : buf);
        }
      };
      break;
    }
    case 'rmsprop': {
      const { alpha, eps } = optimizer;
      const rest = 1 - alpha;
      step = (theta, g) => {
        for (let k = 0; k < size; k++) {
          const gk = g[k]!;
          v[k] = alpha * v[k]! + rest * (gk * gk);
          theta[k] = theta[k]! - eta * (gk / (Math.sqrt(v[k]!) + eps));
        }
      };
      break;
    }
    case 'adam': {
      const { beta1, beta2, eps } = optimizer;
      const rest1 = 1 - beta1;
      const rest2 = 1 - beta2;
      step = (theta, g) => {
        p1 *= beta1;
        p2 *= beta2;
        const stepSize = eta / (1 - p1);
        const correction2 = Math.sqrt(1 - p2);
        for (let k = 0; k < size; k++) {
          const gk = g[k]!;
          m[k] = beta1 * m[k]! + rest1 * gk;
          v[k] = beta2 * v[k]! + rest2 * (gk * gk);
          theta[k] = theta[k]! - stepSize * (m[k]! / (Math.sqrt(v[k]!) / correction2 + eps));
        }
      };
      break;
    }
    case 'adagrad': {
      const { eps } = optimizer;
      step = (theta, g) => {
        for (let k = 0; k < size; k++) {
          const gk = g[k]!;
          v[k] = v[k]! + gk * gk;
          theta[k] = theta[k]! - eta * (gk / (Math.sqrt(v[k]!) + eps));
        }
      };
      break;
    }
  }
  return {
    optimizer,
    get t() {
      return t;
    },
    update(theta, grad) {
      // λ = 0 adds nothing, not even +0 to a −0 gradient: the default keeps plain descent's bits.
      if (lambda !== 0) for (let j = 0; j < d; j++) grad[j] = grad[j]! + lambda * theta[j]!;
      t++;
      step(theta, grad);
    },
    reset() {
      m.fill(0);
      v.fill(0);
      t = 0;
      p1 = 1;
      p2 = 1;
    },
  };
}
