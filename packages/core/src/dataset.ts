// A dataset for a neuron with d inputs: n points, features row-major in one Float64Array.

import { requireLabel, requireNumber, show } from './validate.js';

/** n points with d ≥ 1 features each and a label y ∈ [0, 1] each (soft labels allowed). */
export interface Dataset {
  /** A name for display, e.g. 'toy' for the lecture's two-point set. */
  readonly name: string;
  /** Number of points. */
  readonly n: number;
  /** Number of inputs per point. */
  readonly d: number;
  /** Features, row-major: feature j of point i is x[i·d + j]. */
  readonly x: Float64Array;
  /** Labels, one per point, each in [0, 1]. */
  readonly y: Float64Array;
}

/** What {@link dataset} accepts: x as numbers (one input) or as feature vectors, and labels. */
export interface DatasetInput {
  readonly name?: string;
  readonly x: ArrayLike<number> | ReadonlyArray<ArrayLike<number>>;
  readonly y: ArrayLike<number>;
}

/**
 * Builds and validates a {@link Dataset}. x is a list of numbers (one input per point) or a list
 * of feature vectors, all of the same length d ≥ 1; y has one label in [0, 1] per point. Throws a
 * TypeError or RangeError naming the entry at fault (e.g. `y[3] must be a label in [0, 1], got 2`).
 *
 * @example dataset({ x: [0.5, 2.5], y: [0.2, 0.9] }) // the lecture's two points
 */
export function dataset(input: DatasetInput | Dataset): Dataset {
  if (input === null || typeof input !== 'object') throw new TypeError(`data must be an object with x and y, got ${show(input)}`);
  if (isDataset(input)) return input;
  const flat = input as Partial<Dataset>;
  if (typeof flat.n === 'number' && typeof flat.d === 'number' && flat.x instanceof Float64Array && flat.y instanceof Float64Array) return fromFlat(flat);
  const { x, y } = input as DatasetInput;
  if (x === null || typeof x !== 'object' || typeof x.length !== 'number') throw new TypeError(`x must be a list, got ${show(x)}`);
  if (y === null || typeof y !== 'object' || typeof y.length !== 'number') throw new TypeError(`y must be a list, got ${show(y)}`);
  const n = x.length;
  if (n === 0) throw new RangeError('data must have at least one point, got x = []');
  if (y.length !== n) throw new RangeError(`x and y must have the same length, got x.length = ${n} and y.length = ${y.length}`);
  const first = x[0];
  const d = typeof first === 'number' ? 1 : first !== null && typeof first === 'object' && typeof first.length === 'number' ? first.length : -1;
  if (d < 1) throw new TypeError(`x[0] must be a number or a non-empty list of numbers, got ${show(first)}`);
  const xs = new Float64Array(n * d);
  const ys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const row = x[i];
    // Names of entries (`x[3][1]`) are built only for a value at fault: one template string per
    // entry was most of the cost of a large inline dataset.
    if (d === 1 && typeof row === 'number') {
      xs[i] = Number.isFinite(row) ? row : requireNumber(`x[${i}]`, row);
    } else {
      if (row === null || typeof row !== 'object' || typeof (row as ArrayLike<number>).length !== 'number') {
        throw new TypeError(`x[${i}] must be a list of ${d} numbers, got ${show(row)}`);
      }
      const v = row as ArrayLike<number>;
      if (v.length !== d) throw new RangeError(`x[${i}] must have ${d} features like x[0], got ${v.length}`);
      for (let j = 0; j < d; j++) {
        const value = v[j];
        xs[i * d + j] = typeof value === 'number' && Number.isFinite(value) ? value : requireNumber(`x[${i}][${j}]`, value);
      }
    }
    const label = y[i];
    ys[i] = typeof label === 'number' && label >= 0 && label <= 1 ? label : requireLabel(`y[${i}]`, label);
  }
  const result: Dataset = Object.freeze({ name: input.name ?? 'data', n, d, x: xs, y: ys });
  validated.add(result);
  return result;
}

/** Validates a Dataset-shaped object (row-major x of n·d features) that this module did not build. */
function fromFlat(input: Partial<Dataset>): Dataset {
  const { n, d, x, y } = input as Dataset;
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be a positive integer (data must have at least one point), got ${n}`);
  if (!Number.isInteger(d) || d < 1) throw new RangeError(`d must be a positive integer, got ${d}`);
  if (x.length !== n * d) throw new RangeError(`x must have n·d = ${n * d} features, got ${x.length}`);
  if (y.length !== n) throw new RangeError(`y must have n = ${n} labels, got ${y.length}`);
  // The entry's name is built only for the value at fault: a template string per entry made
  // this loop most of the cost of parsing a large CSV.
  for (let k = 0; k < x.length; k++) {
    const v = x[k]!;
    if (!Number.isFinite(v)) requireNumber(`x[${Math.floor(k / d)}]${d > 1 ? `[${k % d}]` : ''}`, v);
  }
  for (let i = 0; i < n; i++) {
    const v = y[i]!;
    if (!(v >= 0 && v <= 1)) requireLabel(`y[${i}]`, v);
  }
  const result: Dataset = Object.freeze({ name: input.name ?? 'data', n, d, x, y });
  validated.add(result);
  return result;
}

// Datasets this function built (and so validated). Anything else that merely looks like a Dataset
// (typed arrays from a worker, say) is validated again as input.
const validated = new WeakSet<object>();

function isDataset(value: object): value is Dataset {
  return validated.has(value);
}
