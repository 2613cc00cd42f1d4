// One record per run, in the shape both output formats share (see the README's field table).
// Everything in a record follows from the spec: no timings, hosts or worker counts, so equal
// sweeps give byte-identical files.

import { NEVER, RUN_DONE, RUN_FAILED, runConfig, type RunArrays, type RunFailure, type SweepPlan } from '@losslab/worker';
import type { JsonValue } from './sweep-spec.js';
import type { IndexRange, Shard } from './shard.js';

/** The fields before the runs: what the file holds. */
export interface OutputHeader {
  /** The version of losslab that wrote the file. */
  losslab: string;
  /** The canonical spec (see canonicalSpec). */
  spec: JsonValue;
  /** The epochs of each run's curve samples. */
  curveEpochs: number[];
  /** Runs in the whole sweep (a shard holds fewer). */
  runCount: number;
  /** Present in a shard's output only: which shard, and its runs [start, end). */
  shard?: Shard & IndexRange;
}

/** A run as written: a plain object whose key order is the output's column order. */
export type RunRecord = Record<string, JsonValue>;

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

/**
 * The record of run `index`, read from `arrays` at position `at` (the index itself for arrays
 * that hold the whole sweep). Key order: index, loss, eta, initSample (random inits only), w0, b0,
 * status, error (failed runs only), finalLoss, minLoss, finalExcess, finalMaxError, finalW,
 * finalB, epochsToFit, epochsTo99, plateauLength, divergedAt, curve (when curve samples are kept).
 */
export function runRecord(plan: SweepPlan, arrays: RunArrays, failures: readonly RunFailure[], index: number, at: number): RunRecord {
  const config = runConfig(plan, index);
  const d = plan.data.d;
  const K = plan.curveEpochs.length;
  const record: RunRecord = { index, loss: config.loss, eta: config.eta };
  if (plan.init.kind === 'random') record.initSample = config.initIndex;
  record.w0 = weights(config.w0, d);
  record.b0 = config.b0;
  const status = arrays.status[at];
  if (status === RUN_DONE) record.status = 'done';
  else {
    record.status = 'failed';
    const failure = failures.find((f) => f.start <= index && index < f.end);
    record.error = failure ? failure.message : status === RUN_FAILED ? 'the run failed' : 'the run was not computed';
  }
  record.finalLoss = finite(arrays.finalLoss[at]!);
  record.minLoss = finite(arrays.minLoss[at]!);
  record.finalExcess = finite(arrays.finalExcess[at]!);
  record.finalMaxError = finite(arrays.finalMaxError[at]!);
  record.finalW = weights(arrays.finalW.subarray(at * d, (at + 1) * d), d);
  record.finalB = finite(arrays.finalB[at]!);
  record.epochsToFit = measure(arrays.epochsToFit[at]!);
  record.epochsTo99 = measure(arrays.epochsTo99[at]!);
  record.plateauLength = measure(arrays.plateauLength[at]!);
  record.divergedAt = measure(arrays.divergedAt[at]!);
  if (K > 0) record.curve = Array.from(arrays.curves.subarray(at * K, (at + 1) * K), finite);
  return record;
}

/** CSV column names for a plan: the record's keys with vectors spread (w0_1…w0_d, curve_<epoch>). */
export function csvColumns(plan: SweepPlan): string[] {
  const d = plan.data.d;
  const vector = (name: string) => (d === 1 ? [name] : Array.from({ length: d }, (_, j) => `${name}_${j + 1}`));
  return [
    'index',
    'loss',
    'eta',
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
    if (Array.isArray(value)) cells.push(...value);
    else cells.push(value);
    if (key === 'status' && record.error === undefined) cells.push(null);
  }
  return cells;
}
