// One record per run, in the shape both result formats share (see the README's field table).
// Everything in a record follows from the spec and the run: no timings, hosts or worker counts, so
// equal sweeps give byte-identical files.

import { NEVER, RUN_DONE, RUN_FAILED, type RunArrays, type RunFailure } from './result.js';
import { runConfig } from './space.js';
import type { SweepPlan } from './spec.js';
import type { JsonValue } from './result-text.js';

/** A run as written: a plain object whose key order is the output's column order. */
export type RunRecord = Record<string, JsonValue>;

/** The arrays and failures records are read from: a SweepResult, whose arrays hold run i at position i − offset (offset absent: 0, the whole sweep). */
export type ResultRuns = RunArrays & { readonly failures: readonly RunFailure[]; readonly offset?: number };

/** A finite number as is; NaN and ±Infinity (not computed, diverged) as null. */
function finite(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}

/** An Int32 measure; NEVER ("not reached") as null. */
function measure(v: number): number | null {
  return v === NEVER ? null : v;
}

/** A weight vector: a number when d = 1, an array of d numbers otherwise. */
function weights(values: ArrayLike<number>, d: number): JsonValue {
  if (d === 1) return finite(values[0]!);
  return Array.from({ length: d }, (_, j) => finite(values[j]!));
}

/** Every optimizer hyperparameter, in the order records list them. */
const HYPERPARAMETERS = ['momentum', 'alpha', 'beta1', 'beta2', 'eps'] as const;

/**
 * The hyperparameter fields a plan's records carry after `optimizer`: those of its optimizers (in
 * the order momentum, alpha, beta1, beta2, eps), each null for an optimizer without it. None when
 * the spec has no optimizer axis.
 */
export function hyperparameterFields(plan: SweepPlan): string[] {
  if (plan.spec.optimizer === undefined) return [];
  return HYPERPARAMETERS.filter((h) => plan.optimizers.some((o) => h in o));
}

/**
 * The fields a plan's records have between `loss` and `initSample`/`w0`, in order: optimizer and its
 * hyperparameters, eta, batchSize, weightDecay, each of the three new axes only when the spec has it.
 */
export function axisFields(plan: SweepPlan): string[] {
  return [...(plan.spec.optimizer !== undefined ? ['optimizer', ...hyperparameterFields(plan)] : []), 'eta', ...(plan.spec.batchSize !== undefined ? ['batchSize'] : []), ...(plan.spec.weightDecay !== undefined ? ['weightDecay'] : [])];
}

/**
 * The record of run `index`. Key order: index, loss, optimizer and its hyperparameters (when the
 * spec has an optimizer axis), eta, batchSize, weightDecay (each when the spec has that axis),
 * initSample (random inits only), w0, b0,
 * status, error (runs not done only), finalLoss, minLoss, finalExcess, finalMaxError, finalW,
 * finalB, epochsToFit, epochsTo99, plateauLength, divergedAt, curve (when curve samples are kept).
 * A run not done is written "failed", with the message of the failure that holds it ("the run
 * failed" if none does, "the run was not computed" for a pending run).
 */
export function runRecord(plan: SweepPlan, runs: ResultRuns, index: number): RunRecord {
  return recordWith(plan, runs, index, runs.failures.find((f) => f.start <= index && index < f.end));
}

/** {@link runRecord} with the run's failure already found (writers walk the sorted failures alongside the runs). */
export function recordWith(plan: SweepPlan, runs: ResultRuns, index: number, failure: RunFailure | undefined): RunRecord {
  const config = runConfig(plan, index);
  const at = index - (runs.offset ?? 0); // the run's position in the arrays
  const d = plan.data.d;
  const K = plan.curveEpochs.length;
  const record: RunRecord = { index, loss: config.loss };
  if (plan.spec.optimizer !== undefined) {
    record.optimizer = config.optimizer.name;
    const hyper = config.optimizer as unknown as Record<string, number | undefined>;
    for (const h of hyperparameterFields(plan)) record[h] = hyper[h] ?? null;
  }
  record.eta = config.eta;
  if (plan.spec.batchSize !== undefined) record.batchSize = config.batchSize;
  if (plan.spec.weightDecay !== undefined) record.weightDecay = config.weightDecay;
  if (plan.init.kind === 'random') record.initSample = config.initIndex;
  record.w0 = weights(config.w0, d);
  record.b0 = config.b0;
  if (runs.status[at] === RUN_DONE) record.status = 'done';
  else {
    record.status = 'failed';
    record.error = failure ? failure.message : runs.status[at] === RUN_FAILED ? 'the run failed' : 'the run was not computed';
  }
  record.finalLoss = finite(runs.finalLoss[at]!);
  record.minLoss = finite(runs.minLoss[at]!);
  record.finalExcess = finite(runs.finalExcess[at]!);
  record.finalMaxError = finite(runs.finalMaxError[at]!);
  record.finalW = weights(runs.finalW.subarray(at * d, (at + 1) * d), d);
  record.finalB = finite(runs.finalB[at]!);
  record.epochsToFit = measure(runs.epochsToFit[at]!);
  record.epochsTo99 = measure(runs.epochsTo99[at]!);
  record.plateauLength = measure(runs.plateauLength[at]!);
  record.divergedAt = measure(runs.divergedAt[at]!);
  if (K > 0) record.curve = Array.from(runs.curves.subarray(at * K, (at + 1) * K), finite);
  return record;
}

/** CSV column names for a plan: the record's keys with vectors spread (w0_1…w0_d, curve_<epoch>). */
export function csvColumns(plan: SweepPlan): string[] {
  const d = plan.data.d;
  const vector = (name: string) => (d === 1 ? [name] : Array.from({ length: d }, (_, j) => `${name}_${j + 1}`));
  return [
    'index',
    'loss',
    ...axisFields(plan),
    ...(plan.init.kind === 'random' ? ['initSample'] : []),
    ...vector('w0'),
    'b0',
    'status',
    'error',
    'finalLoss',
    'minLoss',
    'finalExcess',
    'finalMaxError',
    ...vector('finalW'),
    'finalB',
    'epochsToFit',
    'epochsTo99',
    'plateauLength',
    'divergedAt',
    ...Array.from(plan.curveEpochs, (epoch) => `curve_${epoch}`),
  ];
}

/** A record's CSV cells, in csvColumns order (error always present, empty for done runs). */
export function csvCells(record: RunRecord): JsonValue[] {
  const cells: JsonValue[] = [];
  for (const [key, value] of Object.entries(record)) {
    if (Array.isArray(value)) cells.push(...(value as readonly JsonValue[]));
    else cells.push(value);
    if (key === 'status' && record.error === undefined) cells.push(null);
  }
  return cells;
}
