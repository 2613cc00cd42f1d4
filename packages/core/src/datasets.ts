// The lecture's datasets and seeded generators of new ones.

import { dataset, type Dataset } from './dataset.js';
import { normalAt, uniformAt } from './random.js';
import { requireNonNegative, requireNonNegativeInteger, requireNumber, requirePositiveInteger } from './validate.js';

/**
 * The lecture's two points with soft labels: x = [0.5, 2.5], y = [0.2, 0.9]. An exact fit exists:
 * w = (logit 0.9 − logit 0.2)/2 ≈ 1.7917595, b = logit 0.2 − 0.5·w ≈ −2.2821741.
 */
export const toy: Dataset = dataset({ name: 'toy', x: [0.5, 2.5], y: [0.2, 0.9] });

/** The lecture's five-point table: x = [1.2, −2.1, 3.2, −0.5, 0.6], y = [0, 1, 0, 1, 1]. */
export const fivePoint: Dataset = dataset({ name: 'five-point', x: [1.2, -2.1, 3.2, -0.5, 0.6], y: [0, 1, 0, 1, 1] });

/** The built-in datasets by name. */
export const builtinDatasets: Readonly<Record<'toy' | 'five-point', Dataset>> = Object.freeze({ toy, 'five-point': fivePoint });

/** Returns a built-in dataset by name ('toy' or 'five-point'); throws a RangeError otherwise. */
export function builtinDataset(name: string): Dataset {
  const found = (builtinDatasets as Record<string, Dataset>)[name];
  if (!found) throw new RangeError(`dataset must be one of 'toy', 'five-point', got ${JSON.stringify(name)}`);
  return found;
}

// Stream tags keep the generators' random numbers apart from the initializers' for one seed.
const STREAM_TWO_CLASSES = 0x7c1a;
const STREAM_THRESHOLD = 0x7e5d;

/** Options of {@link twoClasses}. */
export interface TwoClassesOptions {
  /** Number of points (half of each class, the odd one in class 1). */
  n: number;
  /** Number of inputs, default 2. */
  d?: number;
  /** Seed of the counter-based generator, default 0. */
  seed?: number;
  /** Standard deviation of each feature around its class centre, default 1. */
  noise?: number;
  /** Distance between the two class centres, default 3. */
  separation?: number;
}

/**
 * Two noisy classes in d dimensions: class 0 around −c and class 1 around +c, with
 * c = (separation/2)·(1, …, 1)/√d, and independent normal noise of standard deviation `noise` on
 * every feature. Labels are 0 or 1 (hard). Point i is class i mod 2. Same seed, same points.
 */
export function twoClasses(options: TwoClassesOptions): Dataset {
  const n = requirePositiveInteger('n', options.n);
  const d = requirePositiveInteger('d', options.d ?? 2);
  const seed = requireNonNegativeInteger('seed', options.seed ?? 0);
  const noise = requireNonNegative('noise', options.noise ?? 1);
  const separation = requireNonNegative('separation', options.separation ?? 3);
  const centre = separation / 2 / Math.sqrt(d);
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const label = i % 2;
    const row: number[] = [];
    for (let j = 0; j < d; j++) row.push((label ? centre : -centre) + noise * normalAt(seed, i * d + j, STREAM_TWO_CLASSES));
    x.push(row);
    y.push(label);
  }
  return dataset({ name: `two-classes(n=${n}, d=${d}, seed=${seed}, noise=${noise})`, x, y });
}

/** Options of {@link noisyThreshold}. */
export interface NoisyThresholdOptions {
  /** Number of points. */
  n: number;
  /** Seed of the counter-based generator, default 0. */
  seed?: number;
  /** Standard deviation of the noise added to x before it is compared with the threshold, default 0.5. */
  noise?: number;
  /** The threshold, default 0. */
  threshold?: number;
  /** x is uniform in [−range, range], default 3. */
  range?: number;
}

/**
 * One input with a noisy threshold: x uniform in [−range, range], y = 1 if x + noise·N(0, 1) >
 * threshold, else 0. With noise > 0 some labels near the threshold are flipped, so the data cannot
 * be fit exactly: a case where convergence measures must report "never".
 */
export function noisyThreshold(options: NoisyThresholdOptions): Dataset {
  const n = requirePositiveInteger('n', options.n);
  const seed = requireNonNegativeInteger('seed', options.seed ?? 0);
  const noise = requireNonNegative('noise', options.noise ?? 0.5);
  const threshold = requireNumber('threshold', options.threshold ?? 0);
  const range = requireNonNegative('range', options.range ?? 3);
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const xi = range * (2 * uniformAt(seed, i, STREAM_THRESHOLD) - 1);
    x.push(xi);
    y.push(xi + noise * normalAt(seed, i, STREAM_THRESHOLD + 1) > threshold ? 1 : 0);
  }
  return dataset({ name: `noisy-threshold(n=${n}, seed=${seed}, noise=${noise})`, x, y });
}
