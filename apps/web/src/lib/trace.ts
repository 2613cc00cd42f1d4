// One selected run, recomputed in full with core's train (a run is microseconds to milliseconds of
// work), then measured per epoch: the excess loss, the loss-agnostic yardstick max |ŷ − y|, and the
// gradient split, i.e. the error (ŷ − y) and the factor ŷ(1 − ŷ) that only squared error's gradient
// carries.

import { convergence, builtinLosses as lossFunctions, sigmoid, sigmoidSlope, train, type Dataset, type LossName } from '@losslab/core';
import type { SweepPlan } from '@losslab/worker';
import { configRun, runTrainOptions } from './config-run.js';
import type { ConfigRef } from './state.js';
import { formatCount } from './format.js';

/** A selected run's curves and path, epoch by epoch (t = 0 is the initial parameters). */
export interface RunTrace {
  config: ConfigRef;
  loss: LossName;
  lossIndex: number;
  /** The run's index in the sweep. */
  runIndex: number;
  eta: number;
  /** Initial first weight and bias. */
  w0: number;
  b0: number;
  /** Epochs completed. */
  epochsRun: number;
  /** 0, 1, …, epochsRun − 1, as x values for the charts. */
  epochs: Float64Array;
  /** Loss minus its minimum at each epoch (Σ ½(ŷ − y)² or Σ KL(y ‖ ŷ); ÷ n for 'mean'), never negative. */
  excess: Float64Array;
  /** max |ŷ − y| at each epoch. */
  maxError: Float64Array;
  /** Mean over points of |ŷ − y| at each epoch. */
  meanError: Float64Array;
  /** Mean over points of ŷ(1 − ŷ) at each epoch: squared error's extra gradient factor. */
  meanSlope: Float64Array;
  /** ‖(∂L/∂w, ∂L/∂b)‖ at each epoch. */
  gradientNorm: Float64Array;
  /** The path: first weight and bias before each epoch and after the last (length epochsRun + 1). */
  pathW: Float64Array;
  pathB: Float64Array;
  /** core's convergence measures (epochsToFit with the plan's ε), null where not reached. */
  epochsToFit: number | null;
  plateauEpochs: number | null;
  divergedAt: number | null;
}

/**
 * Most point-steps (points × inputs × epochs) of a run recomputed on the main thread: about 50 ms
 * of train and measures. Longer runs are not traced (see {@link traceable}).
 */
export const TRACE_LIMIT = 2_000_000;

/** Whether the plan's runs are short enough to recompute on the main thread. */
export function traceable(plan: Pick<SweepPlan, 'epochs' | 'data'>): boolean {
  return plan.data.n * plan.data.d * plan.epochs <= TRACE_LIMIT;
}

/** The plan's data as a core Dataset (no copy). */
export function planDataset(plan: SweepPlan): Dataset {
  return plan.data as Dataset;
}

/** Recomputes run (config, lossIndex) of a plan with core's train and measures it per epoch. */
export function traceRun(plan: SweepPlan, config: ConfigRef, lossIndex: number): RunTrace {
  const run = configRun(plan, config, lossIndex);
  const index = run.index;
  const data = planDataset(plan);
  const result = train({ ...runTrainOptions(plan, run), data });
  const T = result.epochsRun;
  const { n, d, x, y } = data;
  const fn = lossFunctions[run.loss];
  const scale = plan.reduction === 'mean' ? 1 / n : 1;
  const epochs = new Float64Array(T);
  const excess = new Float64Array(T);
  const meanError = new Float64Array(T);
  const meanSlope = new Float64Array(T);
  const gradientNorm = new Float64Array(T);
  const dw = new Float64Array(d);
  for (let t = 0; t < T; t++) {
    epochs[t] = t;
    const b = result.pathB[t]!;
    let sumExcess = 0;
    let sumError = 0;
    let sumSlope = 0;
    let db = 0;
    dw.fill(0);
    for (let i = 0; i < n; i++) {
      let z = result.pathW[t * d]! * x[i * d]!;
      for (let j = 1; j < d; j++) z += result.pathW[t * d + j]! * x[i * d + j]!;
      z += b;
      const yi = y[i]!;
      sumExcess += fn.excess(z, yi);
      sumError += Math.abs(sigmoid(z) - yi);
      sumSlope += sigmoidSlope(z);
      const g = fn.dz(z, yi);
      for (let j = 0; j < d; j++) dw[j]! += g * x[i * d + j]!;
      db += g;
    }
    excess[t] = sumExcess * scale;
    meanError[t] = sumError / n;
    meanSlope[t] = sumSlope / n;
    let norm = db * db;
    for (let j = 0; j < d; j++) norm += dw[j]! * dw[j]!;
    gradientNorm[t] = Math.sqrt(norm) * scale;
  }
  const pathW = new Float64Array(result.pathB.length);
  for (let t = 0; t < pathW.length; t++) pathW[t] = result.pathW[t * d]!;
  const measures = convergence(result, plan.tolerance);
  return {
    config,
    loss: run.loss,
    lossIndex,
    runIndex: index,
    eta: run.eta,
    w0: run.w0[0]!,
    b0: run.b0,
    epochsRun: T,
    epochs,
    excess,
    maxError: result.maxErrors,
    meanError,
    meanSlope,
    gradientNorm,
    pathW,
    pathB: result.pathB,
    epochsToFit: measures.epochsToFit,
    plateauEpochs: measures.plateauEpochs,
    divergedAt: result.divergedAt,
  };
}

function traceKey(config: ConfigRef, lossIndex: number): string {
  // A moved start or η is part of the key (String(number) round-trips every double).
  return `${config.etaIndex}/${config.initIndex}/${config.optimizerIndex ?? 0}/${config.batchIndex ?? 0}/${config.weightDecayIndex ?? 0}/${lossIndex}/${config.w0 ?? ''}/${config.b0 ?? ''}/${config.eta ?? ''}`;
}

/** Traces are small but not free: keep the last few, keyed by plan, config and loss. */
export class TraceCache {
  #plan: SweepPlan | null = null;
  #entries = new Map<string, RunTrace>();
  readonly capacity: number;
  constructor(capacity = 16) {
    this.capacity = capacity;
  }

  /** Whether the trace of (config, lossIndex) in `plan` is at hand. */
  has(plan: SweepPlan, config: ConfigRef, lossIndex: number): boolean {
    return plan === this.#plan && this.#entries.has(traceKey(config, lossIndex));
  }

  /** The trace of (config, lossIndex) in `plan`, computed on first use. */
  get(plan: SweepPlan, config: ConfigRef, lossIndex: number): RunTrace {
    if (plan !== this.#plan) {
      this.#plan = plan;
      this.#entries.clear();
    }
    const key = traceKey(config, lossIndex);
    let trace = this.#entries.get(key);
    if (trace) {
      this.#entries.delete(key);
    } else {
      trace = traceRun(plan, config, lossIndex);
      if (this.#entries.size >= this.capacity) this.#entries.delete(this.#entries.keys().next().value!);
    }
    this.#entries.set(key, trace);
    return trace;
  }
}

/**
 * The shared y range of the yardstick max |ŷ − y| (and ε) over several traces: both panels use it,
 * so the two losses are compared on one axis in one unit. Each loss's excess has its own axis
 * ({@link excessRange} in curves.ts): squared error and cross-entropy are not in the same unit.
 */
export function curveRange(traces: readonly RunTrace[], logScale: boolean, tolerance: number): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  const visit = (v: number) => {
    if (!Number.isFinite(v) || (logScale && !(v > 0))) return;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  };
  for (const trace of traces) {
    for (let t = 0; t < trace.epochsRun; t++) visit(trace.maxError[t]!);
  }
  visit(tolerance);
  return decadeRange(lo, hi, logScale);
}

/**
 * [lo, hi] widened to whole decades on a log axis (at most 24 decades below hi: past that the
 * values are rounding noise), or [0, 1.05·hi] on a linear one; a default when there is no value.
 */
export function decadeRange(lo: number, hi: number, logScale: boolean): [number, number] {
  if (!(lo <= hi)) return logScale ? [1e-6, 1] : [0, 1];
  if (logScale) {
    const low = Math.max(lo, hi * 1e-24, 1e-30);
    return [decade(Math.floor(Math.log10(low))), decade(Math.ceil(Math.log10(hi)))];
  }
  return [0, hi > 0 ? hi * 1.05 : 1];
}

/**
 * 10^k as the decimal literal 1ek: 10 ** -24 is 1.0000000000000001e-24, and uPlot's log axes only
 * find their ticks from exact powers of ten (an inexact one makes its tick loop run away).
 */
export function decade(k: number): number {
  return Number(`1e${k}`);
}

/** Why the plan's runs are not recomputed on this page, for the views that would show them ('' when they are). */
export function untraceableMessage(plan: Pick<SweepPlan, 'epochs' | 'data'> | null): string {
  if (!plan || traceable(plan)) return '';
  return `Runs of this sweep are too long to recompute on this page (points × inputs × epochs = ${formatCount(plan.data.n * plan.data.d * plan.epochs)}, more than ${formatCount(TRACE_LIMIT)}); the heatmaps and the table have their numbers.`;
}
