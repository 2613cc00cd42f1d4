// The optimizers and their hyperparameters, named and defaulted as PyTorch's torch.optim names
// them, so a losslab run can be checked against a PyTorch one. The update rules themselves are in
// updater.ts; this file only says which optimizers exist and validates a configuration.

import { requireNumber, requireOneOf, show } from './validate.js';

/** The optimizers' names. */
export type OptimizerName = 'gd' | 'momentum' | 'nesterov' | 'rmsprop' | 'adam' | 'adagrad';

/** The optimizers, in documentation order. */
export const optimizers: readonly OptimizerName[] = Object.freeze(['gd', 'momentum', 'nesterov', 'rmsprop', 'adam', 'adagrad'] as OptimizerName[]);

/**
 * An optimizer as a user writes it: a name (every hyperparameter at its default) or an object with
 * the name and any of that optimizer's hyperparameters. Which hyperparameters each takes, and their
 * defaults, are PyTorch's: momentum and nesterov `momentum` (μ = 0.9); rmsprop `alpha` (0.99) and
 * `eps` (1e-8); adam `beta1` (0.9), `beta2` (0.999) and `eps` (1e-8); adagrad `eps` (1e-10); gd none.
 */
export type OptimizerConfig =
  | OptimizerName
  | {
      name: OptimizerName;
      momentum?: number;
      alpha?: number;
      beta1?: number;
      beta2?: number;
      eps?: number;
    };

/** A validated optimizer with every hyperparameter filled in (frozen), as {@link resolveOptimizer} returns it. */
export type Optimizer =
  | { readonly name: 'gd' }
  | { readonly name: 'momentum' | 'nesterov'; readonly momentum: number }
  | { readonly name: 'rmsprop'; readonly alpha: number; readonly eps: number }
  | { readonly name: 'adam'; readonly beta1: number; readonly beta2: number; readonly eps: number }
  | { readonly name: 'adagrad'; readonly eps: number };

// Each optimizer's hyperparameters with their defaults, in the order results list them.
const DEFAULTS: Readonly<Record<OptimizerName, Readonly<Record<string, number>>>> = {
  gd: {},
  momentum: { momentum: 0.9 },
  nesterov: { momentum: 0.9 },
  rmsprop: { alpha: 0.99, eps: 1e-8 },
  adam: { beta1: 0.9, beta2: 0.999, eps: 1e-8 },
  adagrad: { eps: 1e-10 },
};

/** A decay rate in [0, 1) (or (0, 1) for Nesterov, which PyTorch requires to have momentum). */
function requireRate(name: string, value: unknown, open: boolean): number {
  const x = requireNumber(name, value);
  if (!(x < 1) || !(open ? x > 0 : x >= 0)) throw new RangeError(`${name} must be a number in ${open ? '(0, 1)' : '[0, 1)'}, got ${show(value)}`);
  return x;
}

/**
 * Validates an optimizer configuration and fills in its defaults. Rates (momentum, alpha, beta1,
 * beta2) must lie in [0, 1) (Nesterov's momentum in (0, 1), as PyTorch requires), eps must be > 0
 * (0 would divide 0 by 0 on a zero gradient). Throws a RangeError or TypeError naming `field` and
 * the value: an unknown name, a hyperparameter the optimizer does not have, or one out of range.
 *
 * @example resolveOptimizer({ name: 'adam', beta1: 0.8 }) // { name: 'adam', beta1: 0.8, beta2: 0.999, eps: 1e-8 }
 */
export function resolveOptimizer(config: OptimizerConfig = 'gd', field = 'optimizer'): Optimizer {
  if (typeof config === 'string') return resolveOptimizer({ name: config }, field);
  if (config === null || typeof config !== 'object' || Array.isArray(config)) {
    throw new TypeError(`${field} must be an optimizer name or an object { name, …hyperparameters }, got ${show(config)}`);
  }
  const name = requireOneOf(`${field}.name`, config.name, optimizers);
  const defaults = DEFAULTS[name];
  for (const key of Object.keys(config)) {
    if (key !== 'name' && !(key in defaults)) {
      const known = Object.keys(defaults);
      throw new RangeError(`${field}.${key} is not a hyperparameter of '${name}' (${known.length === 0 ? 'it has none' : `it has ${known.join(', ')}`})`);
    }
  }
  const raw = config as Record<string, unknown>;
  const value = (key: string): unknown => (raw[key] === undefined ? defaults[key] : raw[key]);
  const eps = (): number => {
    const x = requireNumber(`${field}.eps`, value('eps'));
    if (!(x > 0)) throw new RangeError(`${field}.eps must be a finite number > 0, got ${show(value('eps'))}`);
    return x;
  };
  switch (name) {
    case 'gd':
      return Object.freeze({ name });
    case 'momentum':
    case 'nesterov':
      return Object.freeze({ name, momentum: requireRate(`${field}.momentum`, value('momentum'), name === 'nesterov') });
    case 'rmsprop':
      return Object.freeze({ name, alpha: requireRate(`${field}.alpha`, value('alpha'), false), eps: eps() });
    case 'adam':
      return Object.freeze({ name, beta1: requireRate(`${field}.beta1`, value('beta1'), false), beta2: requireRate(`${field}.beta2`, value('beta2'), false), eps: eps() });
    case 'adagrad':
      return Object.freeze({ name, eps: eps() });
  }
}
