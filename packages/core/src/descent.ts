// Full-batch gradient descent, as the numerical contract defines one epoch: evaluate the loss and
// gradient at the current (w, b), record that loss, then w ← w − η·∂L/∂w, b ← b − η·∂L/∂b.

import { dataset, type Dataset, type DatasetInput } from './dataset.js';
import { lossFloor } from './loss-floor.js';
import { resolveLoss, type Loss, type LossName } from './losses.js';
import { evaluateInto, reductions, type Evaluation, type Reduction } from './neuron.js';
import { requireNumber, requireOneOf, requirePositive, requirePositiveInteger, vectorOf } from './validate.js';

/** What {@link train} and {@link createTrainer} take. */
export interface TrainOptions {
  /** The data: a {@link Dataset} or `{ x, y }` (x as numbers for one input, or feature vectors). */
  data: Dataset | DatasetInput;
  /** 'se', 'ce' or a {@link Loss} object. */
  loss: LossName | Loss;
  /** The learning rate η > 0. */
  eta: number;
  /** Number of epochs (a positive integer). */
  epochs: number;
  /** Initial weights: a number (every weight) or one per input; default 0. */
  w0?: number | ArrayLike<number>;
  /** Initial bias; default 0. */
  b0?: number;
  /** 'sum' (default, as the lecture) or 'mean'. */
  reduction?: Reduction;
  /** Record the parameters at every epoch (default true); false saves memory in long runs. */
  recordPath?: boolean;
}

/** What {@link train} returns. */
export interface TrainResult {
  /** Final weights (after the last update, or where the run diverged). */
  w: Float64Array;
  /** Final bias. */
  b: number;
  /** losses[t] = L at the parameters before update t (t = 0 is the initial loss). Its length is the number of epochs completed. */
  losses: Float64Array;
  /** maxErrors[t] = max |ŷ − y| at the same parameters as losses[t]. */
  maxErrors: Float64Array;
  /** Parameters before each epoch and after the last: pathW[t·d + j], pathB[t], t = 0..epochsRun. Empty if recordPath is false. */
  pathW: Float64Array;
  pathB: Float64Array;
  /** The epoch at which the loss or the parameters stopped being finite, or null. */
  divergedAt: number | null;
  /** Number of epochs completed (= epochs unless the run diverged). */
  epochsRun: number;
  /** The number of inputs, d. */
  d: number;
  /** The loss's floor over the data, {@link lossFloor}: the excess loss is losses[t] − floor. */
  floor: number;
}

/** One epoch as {@link Trainer.step} reports it. */
export interface StepResult {
  /** The epoch just completed (0 for the first). */
  epoch: number;
  /** The loss at the parameters before the update (Infinity on the epoch that diverged, never NaN). */
  loss: number;
  /** max |ŷ − y| before the update. */
  maxError: number;
  /** The gradient used: ∂L/∂w (a copy) and ∂L/∂b. */
  dw: Float64Array;
  db: number;
  /** Parameters after the update (copies). */
  w: Float64Array;
  b: number;
  /** True if this epoch found a non-finite loss or parameter; the parameters were then not updated. */
  diverged: boolean;
}

/** Gradient descent one epoch at a time, for animation. */
export interface Trainer {
  /** Epochs completed so far. */
  readonly epoch: number;
  /** Current weights (a copy) and bias. */
  readonly w: Float64Array;
  readonly b: number;
  /** True once `epochs` epochs have run or the run diverged. */
  readonly done: boolean;
  /** The epoch at which the run diverged, or null. */
  readonly divergedAt: number | null;
  /** Runs one epoch and reports it; returns null when done. */
  step(): StepResult | null;
  /** Back to the initial parameters, epoch 0. */
  reset(): void;
}

interface Prepared {
  set: Dataset;
  fn: Loss;
  eta: number;
  epochs: number;
  w0: Float64Array;
  b0: number;
  reduction: Reduction;
}

function prepare(options: TrainOptions): Prepared {
  if (options === null || typeof options !== 'object') throw new TypeError(`options must be an object, got ${String(options)}`);
  const set = dataset(options.data);
  const fn = resolveLoss(options.loss);
  const eta = requirePositive('eta', options.eta);
  const epochs = requirePositiveInteger('epochs', options.epochs);
  const w0 = vectorOf('w0', options.w0, set.d, 0);
  const b0 = options.b0 === undefined ? 0 : requireNumber('b0', options.b0);
  const reduction = requireOneOf('reduction', options.reduction ?? 'sum', reductions);
  return { set, fn, eta, epochs, w0, b0, reduction };
}

function allFinite(w: Float64Array, b: number, value: number): boolean {
  if (!Number.isFinite(b) || !Number.isFinite(value)) return false;
  for (let j = 0; j < w.length; j++) if (!Number.isFinite(w[j]!)) return false;
  return true;
}

/**
 * Trains the neuron by full-batch gradient descent for `epochs` epochs and returns the final
 * parameters, the loss curve (one value per epoch, before that epoch's update), max |ŷ − y| per
 * epoch, the parameter path and the epoch of divergence, if any. Throws a RangeError or TypeError
 * naming the parameter for η ≤ 0, epochs not a positive integer, mismatched lengths, empty data or
 * labels outside [0, 1].
 *
 * @example train({ data: toy, loss: 'ce', eta: 1, w0: -2, b0: -2, epochs: 1000 })
 */
export function train(options: TrainOptions): TrainResult {
  const { set, fn, eta, epochs, w0, b0, reduction } = prepare(options);
  const d = set.d;
  const record = options.recordPath ?? true;
  const losses = new Float64Array(epochs);
  const maxErrors = new Float64Array(epochs);
  const pathW = new Float64Array(record ? (epochs + 1) * d : 0);
  const pathB = new Float64Array(record ? epochs + 1 : 0);
  const w = Float64Array.from(w0);
  let b = b0;
  const ev: Evaluation = { loss: 0, dw: new Float64Array(d), db: 0, maxError: 0 };
  let divergedAt: number | null = null;
  let t = 0;
  for (; t < epochs; t++) {
    if (record) {
      pathW.set(w, t * d);
      pathB[t] = b;
    }
    evaluateInto(set, fn, w, b, reduction, ev);
    if (!allFinite(w, b, ev.loss)) {
      divergedAt = t;
      break;
    }
    losses[t] = ev.loss;
    maxErrors[t] = ev.maxError;
    for (let j = 0; j < d; j++) w[j] = w[j]! - eta * ev.dw[j]!;
    b = b - eta * ev.db;
  }
  if (record && divergedAt === null) {
    pathW.set(w, t * d);
    pathB[t] = b;
  }
  const run = divergedAt ?? epochs;
  const pathLength = record ? run + 1 : 0;
  return {
    w,
    b,
    losses: losses.subarray(0, run),
    maxErrors: maxErrors.subarray(0, run),
    pathW: pathW.subarray(0, pathLength * d),
    pathB: pathB.subarray(0, pathLength),
    divergedAt,
    epochsRun: run,
    d,
    floor: lossFloor(set, fn, { reduction }),
  };
}

/**
 * The step-by-step form of {@link train}: each `step()` runs one epoch, with exactly the same
 * arithmetic, so stepping `epochs` times ends where `train` ends.
 */
export function createTrainer(options: TrainOptions): Trainer {
  const { set, fn, eta, epochs, w0, b0, reduction } = prepare(options);
  const d = set.d;
  const w = Float64Array.from(w0);
  let b = b0;
  let epoch = 0;
  let divergedAt: number | null = null;
  const ev: Evaluation = { loss: 0, dw: new Float64Array(d), db: 0, maxError: 0 };
  return {
    get epoch() {
      return epoch;
    },
    get w() {
      return Float64Array.from(w);
    },
    get b() {
      return b;
    },
    get done() {
      return divergedAt !== null || epoch >= epochs;
    },
    get divergedAt() {
      return divergedAt;
    },
    step(): StepResult | null {
      if (divergedAt !== null || epoch >= epochs) return null;
      evaluateInto(set, fn, w, b, reduction, ev);
      const diverged = !allFinite(w, b, ev.loss);
      if (diverged) {
        divergedAt = epoch;
      } else {
        for (let j = 0; j < d; j++) w[j] = w[j]! - eta * ev.dw[j]!;
        b = b - eta * ev.db;
      }
      const result: StepResult = { epoch, loss: diverged && !Number.isFinite(ev.loss) ? Infinity : ev.loss, maxError: ev.maxError, dw: Float64Array.from(ev.dw), db: ev.db, w: Float64Array.from(w), b, diverged };
      if (!diverged) epoch++;
      return result;
    },
    reset() {
      w.set(w0);
      b = b0;
      epoch = 0;
      divergedAt = null;
    },
  };
}
