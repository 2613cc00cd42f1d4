// The first thing a new user sees: the lecture's two-point example (x = [0.5, 2.5], y = [0.2, 0.9],
// w = b = −2, η = 1, 1000 epochs, summed) run under both losses with core's train on the main thread
// (two runs of 1000 epochs: well under a millisecond of arithmetic), measured so that the view can
// say in numbers why squared error sits on a plateau and cross-entropy does not.

import { plateauLength, epochsToFit, sigmoid, sigmoidSlope, toy, train, type Dataset, type LossName } from '@losslab/core';
import { formatCount } from './format.js';

/** One loss's run of the first look, with the measures its annotation quotes. */
export interface FirstLookRun {
  loss: LossName;
  /** max |ŷ − y| before each update, t = 0..epochs − 1: the yardstick both losses share. */
  maxErrors: Float64Array;
  /** Weight and bias before each epoch and after the last (length epochs + 1). */
  pathW: Float64Array;
  pathB: Float64Array;
  /** core's plateauLength of the loss curve: the first epoch from which 5% of the total decrease is made and kept. */
  plateau: number;
  /**
   * The mean of ŷᵢ(1 − ŷᵢ) over the points and over the plateau's epochs 0..plateau − 1 (at t = 0 alone
   * when the plateau is empty): the factor squared error's gradient carries while it stalls.
   */
  plateauSlope: number;
  /** core's epochsToFit with ε = 0.01, or null. */
  epochsToFit: number | null;
}

/** The first look: the data, the settings and both runs (squared error first). */
export interface FirstLook {
  data: Dataset;
  eta: number;
  w0: number;
  b0: number;
  epochs: number;
  runs: readonly [FirstLookRun, FirstLookRun];
}

/** The tolerance ε of the first look's fit: every |ŷ − y| ≤ 0.01. */
export const FIRST_LOOK_TOLERANCE = 0.01;

function runOf(data: Dataset, loss: LossName, eta: number, w0: number, b0: number, epochs: number): FirstLookRun {
  const r = train({ data, loss, eta, epochs, w0, b0, reduction: 'sum' });
  const plateau = plateauLength(r.losses) ?? 0;
  const last = Math.max(1, plateau);
  let sum = 0;
  for (let t = 0; t < last; t++) {
    for (let i = 0; i < data.n; i++) sum += sigmoidSlope(r.pathW[t]! * data.x[i]! + r.pathB[t]!);
  }
  return {
    loss,
    maxErrors: r.maxErrors,
    pathW: r.pathW,
    pathB: r.pathB,
    plateau,
    plateauSlope: sum / (last * data.n),
    epochsToFit: epochsToFit(r.maxErrors, FIRST_LOOK_TOLERANCE),
  };
}

/**
 * Runs the lecture's two-point example (or another one-input dataset and start) under squared error
 * and cross-entropy with core's `train`, reduction 'sum', and measures each run's plateau.
 */
export function firstLook(options: { data?: Dataset; eta?: number; w0?: number; b0?: number; epochs?: number } = {}): FirstLook {
  const { data = toy, eta = 1, w0 = -2, b0 = -2, epochs = 1000 } = options;
  if (data.d !== 1) throw new RangeError(`the first look needs one-input data, got d = ${data.d}`);
  if (!(eta > 0) || !Number.isFinite(eta)) throw new RangeError(`eta must be a finite number > 0, got ${eta}`);
  if (!Number.isSafeInteger(epochs) || epochs < 1) throw new RangeError(`epochs must be an integer ≥ 1, got ${epochs}`);
  if (!Number.isFinite(w0) || !Number.isFinite(b0)) throw new RangeError(`w0 and b0 must be finite, got w0 = ${w0}, b0 = ${b0}`);
  return { data, eta, w0, b0, epochs, runs: [runOf(data, 'se', eta, w0, b0, epochs), runOf(data, 'ce', eta, w0, b0, epochs)] };
}

/** The neuron at epoch t of a run (clamped to 0..epochs): its parameters and each point's ŷᵢ and ŷᵢ(1 − ŷᵢ). */
export interface NeuronAt {
  epoch: number;
  w: number;
  b: number;
  yHat: number[];
  slope: number[];
}

/** The neuron of `run` before update t (t = epochs: after the last), ŷᵢ = σ(w·xᵢ + b). */
export function neuronAt(look: FirstLook, run: FirstLookRun, t: number): NeuronAt {
  const epoch = Math.min(Math.max(0, Math.round(t)), run.pathB.length - 1);
  const w = run.pathW[epoch]!;
  const b = run.pathB[epoch]!;
  const yHat: number[] = [];
  const slope: number[] = [];
  for (let i = 0; i < look.data.n; i++) {
    const z = w * look.data.x[i]! + b;
    yHat.push(sigmoid(z));
    slope.push(sigmoidSlope(z));
  }
  return { epoch, w, b, yHat, slope };
}

/** A value for people: two significant digits, e.g. 0.037 → "0.037", 0.0412 → "0.041". */
function twoDigits(value: number): string {
  return value.toPrecision(2).replace(/^(-?\d+\.\d*?)0+$/, '$1').replace(/\.$/, '');
}

/**
 * The sentence drawn on a run's curve: for a plateau of at least 2 epochs
 * "squared error: 69 epochs on the plateau — ŷ(1−ŷ) ≈ 0.037 here", else
 * "cross-entropy: no plateau, leaves at once — fit by epoch 36".
 */
export function plateauNote(run: FirstLookRun): string {
  const name = run.loss === 'se' ? 'squared error' : 'cross-entropy';
  if (run.plateau >= 2) return `${name}: ${formatCount(run.plateau)} epochs on the plateau — ŷ(1−ŷ) ≈ ${twoDigits(run.plateauSlope)} here`;
  const fit = run.epochsToFit === null ? 'not fit within the run' : `fit by epoch ${formatCount(run.epochsToFit)}`;
  return `${name}: no plateau, leaves at once — ${fit}`;
}
