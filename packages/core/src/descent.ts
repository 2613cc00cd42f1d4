// Gradient descent, as the numerical contract defines one epoch: evaluate the whole dataset's loss
// and gradient at the current (w, b), record that loss, then update. Full batch (the default) makes
// one update with that gradient, w ← w − η·∂L/∂w, b ← b − η·∂L/∂b for plain descent; mini-batches
// make one update per batch of a shuffled pass over the points, with the optimizer of updater.ts.

import { dataset, type Dataset, type DatasetInput } from './dataset.js';
import { lossFloor } from './loss-floor.js';
import { resolveLoss, type Loss, type LossName } from './losses.js';
import { evaluateInto, reductions, type Evaluation, type Reduction } from './neuron.js';
import { resolveOptimizer, type OptimizerConfig } from './optimizers.js';
import { permuteInto } from './shuffle.js';
import { createUpdater, type Updater } from './updater.js';
import { requireNonNegative, requireNonNegativeInteger, requireNumber, requireOneOf, requirePositive, requirePositiveInteger, show, vectorOf } from './validate.js';

/** What {@link train} and {@link createTrainer} take. */
export interface TrainOptions {
  /** The data: a {@link Dataset} or `{ x, y }` (x as numbers for one input, or feature vectors). */
  data: Dataset | DatasetInput;
  /** 'se', 'ce' or a {@link Loss} object. */
  loss: LossName | Loss;
  /** The learning rate η > 0. */
  eta: number;
  /** Number of epochs (a positive integer); an epoch is one pass over all points. */
  epochs: number;
  /** Initial weights: a number (every weight) or one per input; default 0. */
  w0?: number | ArrayLike<number>;
  /** Initial bias; default 0. */
  b0?: number;
  /** 'sum' (default, as the lecture) or 'mean'; with mini-batches, over the batch. */
  reduction?: Reduction;
  /** Record the parameters at every epoch (default true); false saves memory in long runs. */
  recordPath?: boolean;
  /** The optimizer: a name or `{ name, …hyperparameters }` (see resolveOptimizer); default 'gd'. */
  optimizer?: OptimizerConfig;
  /** Points per update, a positive integer; default (and anything ≥ n) the whole dataset, in its order. */
  batchSize?: number;
  /** Seed of the per-epoch shuffle of mini-batches (an integer from 0 to 2⁵³ − 1), default 0. */
  shuffleSeed?: number;
  /** Coupled L2 weight decay λ ≥ 0 on w, not b (PyTorch's `weight_decay`, not AdamW's); default 0. */
  weightDecay?: number;
}

/** What {@link train} returns. */
export interface TrainResult {
  /**
   * Final weights (after the last update, or where the run diverged): always a Float64Array of
   * length d, also for one input (w[0]). Result files write a number when d = 1 and a list
   * otherwise; that is their format, not this type's.
   */
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
  /**
   * The whole dataset's gradient ∂L/∂w (a copy) and ∂L/∂b at the parameters before the epoch: the
   * gradient of plain full-batch descent's update (before weight decay and the optimizer).
   */
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
  epochs: number;
  w0: Float64Array;
  b0: number;
  reduction: Reduction;
  /** Points per update, clamped to n. */
  batchSize: number;
  shuffleSeed: number;
  updater: Updater;
}

const TWO_POW_32 = 4294967296;

function prepare(options: TrainOptions): Prepared {
  if (options === null || typeof options !== 'object') throw new TypeError(`options must be an object, got ${String(options)}`);
  const set = dataset(options.data);
  const fn = resolveLoss(options.loss);
  const eta = requirePositive('eta', options.eta);
  const epochs = requirePositiveInteger('epochs', options.epochs);
  const w0 = vectorOf('w0', options.w0, set.d, 0);
  const b0 = options.b0 === undefined ? 0 : requireNumber('b0', options.b0);
  const reduction = requireOneOf('reduction', options.reduction ?? 'sum', reductions);
  const optimizer = resolveOptimizer(options.optimizer ?? 'gd');
  const weightDecay = requireNonNegative('weightDecay', options.weightDecay ?? 0);
  const batchSize = Math.min(requirePositiveInteger('batchSize', options.batchSize ?? set.n), set.n);
  const shuffleSeed = requireNonNegativeInteger('shuffleSeed', options.shuffleSeed ?? 0);
  // The shuffle's counter holds the epoch in one 32-bit word.
  if (batchSize < set.n && epochs > TWO_POW_32) throw new RangeError(`epochs must be at most 2^32 with mini-batches, got ${show(epochs)}`);
  const updater = createUpdater({ optimizer, eta, weightDecay, d: set.d });
  return { set, fn, epochs, w0, b0, reduction, batchSize, shuffleSeed, updater };
}

function allFinite(theta: Float64Array, value: number): boolean {
  if (!Number.isFinite(value)) return false;
  for (let k = 0; k < theta.length; k++) if (!Number.isFinite(theta[k]!)) return false;
  return true;
}

/**
 * The gradient of the loss over the points order[start..end) (summed, or averaged over the batch),
 * into grad = (∂/∂w₀, …, ∂/∂w_{d−1}, ∂/∂b), accumulated in the batch's order with the same
 * per-point arithmetic as evaluateInto.
 */
function batchGradientInto(set: Dataset, fn: Loss, theta: Float64Array, order: Uint32Array, start: number, end: number, reduction: Reduction, grad: Float64Array): void {
  const { d, x, y } = set;
  const b = theta[d]!;
  grad.fill(0);
  let db = 0;
  for (let k = start; k < end; k++) {
    const i = order[k]!;
    const row = i * d;
    let z = theta[0]! * x[row]!;
    for (let j = 1; j < d; j++) z += theta[j]! * x[row + j]!;
    z += b;
    const g = fn.dz(z, y[i]!);
    for (let j = 0; j < d; j++) grad[j]! += g * x[row + j]!;
    db += g;
  }
  if (reduction === 'mean') {
    const size = end - start;
    db /= size;
    for (let j = 0; j < d; j++) grad[j]! /= size;
  }
  grad[d] = db;
}

/** The state of one run: θ = (w, b) and the buffers an epoch needs, allocated once. */
interface Run {
  theta: Float64Array;
  /** w, a view of θ's first d entries. */
  w: Float64Array;
  ev: Evaluation;
  grad: Float64Array;
  order: Uint32Array;
}

function startRun(p: Prepared): Run {
  const d = p.set.d;
  const theta = new Float64Array(d + 1);
  theta.set(p.w0);
  theta[d] = p.b0;
  p.updater.reset();
  return { theta, w: theta.subarray(0, d), ev: { loss: 0, dw: new Float64Array(d), db: 0, maxError: 0 }, grad: new Float64Array(d + 1), order: new Uint32Array(p.batchSize < p.set.n ? p.set.n : 0) };
}

/**
 * Epoch `epoch`: evaluates the whole dataset at the current parameters into run.ev and, if it and
 * the parameters are finite, updates them: once with that gradient for a full batch, else once per
 * batch of the epoch's permutation (the last batch holds the n mod batchSize points left, if any).
 * Returns false, leaving the parameters as they were, when something is not finite.
 */
function runEpoch(p: Prepared, run: Run, epoch: number): boolean {
  const { set, fn, reduction, updater } = p;
  const { theta, ev, grad } = run;
  const d = set.d;
  evaluateInto(set, fn, run.w, theta[d]!, reduction, ev);
  if (!allFinite(theta, ev.loss)) return false;
  if (p.batchSize >= set.n) {
    grad.set(ev.dw);
    grad[d] = ev.db;
    updater.update(theta, grad);
  } else {
    permuteInto(p.shuffleSeed, epoch, set.n, run.order);
    for (let start = 0; start < set.n; start += p.batchSize) {
      batchGradientInto(set, fn, theta, run.order, start, Math.min(start + p.batchSize, set.n), reduction, grad);
      updater.update(theta, grad);
    }
  }
  return true;
}

/**
 * Trains the neuron for `epochs` epochs and returns the final parameters, the loss curve (one value
 * per epoch: the whole dataset's loss before that epoch's updates), max |ŷ − y| per epoch, the
 * parameter path and the epoch of divergence, if any. By default this is full-batch gradient
 * descent; `optimizer`, `batchSize` (with `shuffleSeed`) and `weightDecay` choose another optimizer,
 * mini-batches visited in a per-epoch shuffled order, and coupled L2 weight decay on w. Throws a
 * RangeError or TypeError naming the option and its value for η ≤ 0, epochs not a positive
 * integer, mismatched lengths, empty data, labels outside [0, 1], an invalid optimizer, batch
 * size, shuffle seed or weight decay.
 *
 * @example train({ data: toy, loss: 'ce', eta: 1, w0: -2, b0: -2, epochs: 1000 })
 */
export function train(options: TrainOptions): TrainResult {
  const p = prepare(options);
  const { epochs } = p;
  const d = p.set.d;
  const record = options.recordPath ?? true;
  const losses = new Float64Array(epochs);
  const maxErrors = new Float64Array(epochs);
  const pathW = new Float64Array(record ? (epochs + 1) * d : 0);
  const pathB = new Float64Array(record ? epochs + 1 : 0);
  const run = startRun(p);
  let divergedAt: number | null = null;
  let t = 0;
  for (; t < epochs; t++) {
    if (record) {
      pathW.set(run.w, t * d);
      pathB[t] = run.theta[d]!;
    }
    if (!runEpoch(p, run, t)) {
      divergedAt = t;
      break;
    }
    losses[t] = run.ev.loss;
    maxErrors[t] = run.ev.maxError;
  }
  if (record && divergedAt === null) {
    pathW.set(run.w, t * d);
    pathB[t] = run.theta[d]!;
  }
  const completed = divergedAt ?? epochs;
  const pathLength = record ? completed + 1 : 0;
  return {
    w: run.theta.slice(0, d),
    b: run.theta[d]!,
    losses: losses.subarray(0, completed),
    maxErrors: maxErrors.subarray(0, completed),
    pathW: pathW.subarray(0, pathLength * d),
    pathB: pathB.subarray(0, pathLength),
    divergedAt,
    epochsRun: completed,
    d,
    floor: lossFloor(p.set, p.fn, { reduction: p.reduction }),
  };
}

/**
 * The step-by-step form of {@link train}: each `step()` runs one epoch, with exactly the same
 * arithmetic, so stepping `epochs` times ends where `train` ends.
 */
export function createTrainer(options: TrainOptions): Trainer {
  const p = prepare(options);
  const d = p.set.d;
  let run = startRun(p);
  let epoch = 0;
  let divergedAt: number | null = null;
  return {
    get epoch() {
      return epoch;
    },
    get w() {
      return run.theta.slice(0, d);
    },
    get b() {
      return run.theta[d]!;
    },
    get done() {
      return divergedAt !== null || epoch >= p.epochs;
    },
    get divergedAt() {
      return divergedAt;
    },
    step(): StepResult | null {
      if (divergedAt !== null || epoch >= p.epochs) return null;
      const diverged = !runEpoch(p, run, epoch);
      if (diverged) divergedAt = epoch;
      const { ev, theta } = run;
      const result: StepResult = { epoch, loss: diverged && !Number.isFinite(ev.loss) ? Infinity : ev.loss, maxError: ev.maxError, dw: Float64Array.from(ev.dw), db: ev.db, w: theta.slice(0, d), b: theta[d]!, diverged };
      if (!diverged) epoch++;
      return result;
    },
    reset() {
      run = startRun(p);
      epoch = 0;
      divergedAt = null;
    },
  };
}
