// The loss over a grid of (w, b), for drawing contour maps of one-input data.

import { axisValues, type AxisRange } from './axis.js';
import { dataset, type Dataset, type DatasetInput } from './dataset.js';
import { resolveLoss, type Loss, type LossName } from './losses.js';
import { reductions, type Reduction } from './neuron.js';
import { requireOneOf } from './validate.js';

/** What {@link lossSurface} takes. */
export interface LossSurfaceOptions {
  /** One-input data. */
  data: Dataset | DatasetInput;
  loss: LossName | Loss;
  /** The w axis (horizontal): a range or explicit values. */
  w: AxisRange | ArrayLike<number>;
  /** The b axis (vertical): a range or explicit values. */
  b: AxisRange | ArrayLike<number>;
  /** 'sum' (default) or 'mean'. */
  reduction?: Reduction;
  /** Plot the excess over the loss's minimum (Σ excess per point, e.g. KL for cross-entropy) instead of the loss. */
  excess?: boolean;
}

/** A grid of loss values, laid out as d3-contour expects. */
export interface LossSurface {
  /** values[j·width + i] = L(w[i], b[j]): w varies fastest (x), b is the row (y). */
  values: Float64Array;
  /** Number of w values (columns). */
  width: number;
  /** Number of b values (rows). */
  height: number;
  w: Float64Array;
  b: Float64Array;
  /** Smallest and largest value on the grid. */
  min: number;
  max: number;
}

function axisOf(name: string, axis: AxisRange | ArrayLike<number>): Float64Array {
  if (axis !== null && typeof axis === 'object' && 'from' in axis) return axisValues(axis, name);
  if (axis === null || typeof axis !== 'object' || typeof (axis as ArrayLike<number>).length !== 'number') throw new TypeError(`${name} must be a range {from, to, count} or a list of numbers, got ${String(axis)}`);
  const values = Float64Array.from(axis as ArrayLike<number>);
  if (values.length === 0) throw new RangeError(`${name} must have at least one value, got none`);
  values.forEach((v, k) => {
    if (!Number.isFinite(v)) throw new RangeError(`${name}[${k}] must be a finite number, got ${v}`);
  });
  return values;
}

/**
 * L(w, b) over a grid, for one-input data: values[j·width + i] = L(w[i], b[j]) with the loss
 * summed (or averaged) over the points. Pass `values`, `width` and `height` to d3-contour's
 * `contours().size([width, height])` and map grid coordinates back through `w` and `b`.
 *
 * @example lossSurface({ data: toy, loss: 'ce', w: { from: -4, to: 4, count: 81 }, b: { from: -4, to: 4, count: 81 } })
 */
export function lossSurface(options: LossSurfaceOptions): LossSurface {
  const set = dataset(options.data);
  if (set.d !== 1) throw new RangeError(`lossSurface needs one-input data (d = 1), got d = ${set.d}`);
  const fn = resolveLoss(options.loss);
  const reduction = requireOneOf('reduction', options.reduction ?? 'sum', reductions);
  const ws = axisOf('w', options.w);
  const bs = axisOf('b', options.b);
  const width = ws.length;
  const height = bs.length;
  const values = new Float64Array(width * height);
  const pointValue = options.excess ? fn.excess.bind(fn) : fn.value.bind(fn);
  const { n, x, y } = set;
  let min = Infinity;
  let max = -Infinity;
  for (let j = 0; j < height; j++) {
    const b = bs[j]!;
    for (let i = 0; i < width; i++) {
      const w = ws[i]!;
      let total = 0;
      for (let p = 0; p < n; p++) total += pointValue(w * x[p]! + b, y[p]!);
      if (reduction === 'mean') total /= n;
      values[j * width + i] = total;
      if (total < min) min = total;
      if (total > max) max = total;
    }
  }
  return { values, width, height, w: ws, b: bs, min, max };
}
