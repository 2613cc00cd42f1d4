// Seeded initial weights and bias, computable for any sample index directly.

import { normalAt, uniformAt } from './random.js';
import { requireNonNegative, requireNonNegativeInteger, requireNumber, requireOneOf, requirePositiveInteger } from './validate.js';

/** The initialization schemes. */
export type InitScheme = 'zeros' | 'constant' | 'uniform' | 'normal' | 'glorot';

/** The schemes, in documentation order. */
export const initSchemes: readonly InitScheme[] = ['zeros', 'constant', 'uniform', 'normal', 'glorot'];

/** An initializer: a scheme, its parameter and a seed. */
export interface InitSpec {
  scheme: InitScheme;
  /**
   * constant: the value of every weight and the bias (default 0); uniform: the half-width a of
   * U(−a, a) (default 1); normal: the standard deviation σ (default 1); glorot: a gain multiplying
   * the Glorot limit (default 1); zeros: unused.
   */
  parameter?: number;
  /** Seed of the counter-based generator (uniform, normal, glorot), default 0. */
  seed?: number;
}

/** Initial parameters of a neuron. */
export interface InitialParameters {
  readonly w: Float64Array;
  readonly b: number;
}

// Stream tag of the initializers, apart from the dataset generators'.
const STREAM_INIT = 0x1417;

/** The default parameter of each scheme. */
export function defaultInitParameter(scheme: InitScheme): number {
  return scheme === 'zeros' || scheme === 'constant' ? 0 : 1;
}

/** Validates an {@link InitSpec}; throws a RangeError or TypeError naming the field. */
export function validateInitSpec(spec: InitSpec, field = 'init'): Required<InitSpec> {
  if (spec === null || typeof spec !== 'object') throw new TypeError(`${field} must be an object {scheme, parameter, seed}, got ${String(spec)}`);
  const scheme = requireOneOf(`${field}.scheme`, spec.scheme, initSchemes);
  const raw = spec.parameter ?? defaultInitParameter(scheme);
  const parameter = scheme === 'constant' || scheme === 'zeros' ? requireNumber(`${field}.parameter`, raw) : requireNonNegative(`${field}.parameter`, raw);
  const seed = requireNonNegativeInteger(`${field}.seed`, spec.seed ?? 0);
  return { scheme, parameter, seed };
}

/**
 * The initial weights and bias of sample `sample` (0, 1, 2, …) for a neuron with d inputs:
 * - zeros: w = 0, b = 0;
 * - constant c: every w_j = c and b = c (the lecture starts at w = b = −2);
 * - uniform a: w_j, b ~ U(−a, a);
 * - normal σ: w_j, b ~ N(0, σ²);
 * - glorot g: w_j ~ U(−g·√(6/(d + 1)), g·√(6/(d + 1))) (Glorot and Bengio 2010 with fan-in d and
 *   fan-out 1), b = 0.
 * Draw k of a sample (k = 0..d−1 for the weights, d for the bias) is the counter-based number at
 * index sample·(d + 1) + k, so any sample is computed directly, whatever the sweep's order.
 */
export function initialize(spec: InitSpec, d: number, sample = 0): InitialParameters {
  const { scheme, parameter, seed } = validateInitSpec(spec);
  requirePositiveInteger('d', d);
  requireNonNegativeInteger('sample', sample);
  const w = new Float64Array(d);
  let b = 0;
  const base = sample * (d + 1);
  switch (scheme) {
    case 'zeros':
      break;
    case 'constant':
      w.fill(parameter);
      b = parameter;
      break;
    case 'uniform':
      for (let j = 0; j < d; j++) w[j] = parameter * (2 * uniformAt(seed, base + j, STREAM_INIT) - 1);
      b = parameter * (2 * uniformAt(seed, base + d, STREAM_INIT) - 1);
      break;
    case 'normal':
      for (let j = 0; j < d; j++) w[j] = parameter * normalAt(seed, base + j, STREAM_INIT);
      b = parameter * normalAt(seed, base + d, STREAM_INIT);
      break;
    case 'glorot': {
      const limit = parameter * Math.sqrt(6 / (d + 1));
      for (let j = 0; j < d; j++) w[j] = limit * (2 * uniformAt(seed, base + j, STREAM_INIT) - 1);
      break;
    }
  }
  return { w, b };
}
