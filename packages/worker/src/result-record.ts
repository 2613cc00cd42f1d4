// One record per run, in the shape every result format shares: the rows of the result schema
// (result-schema.ts) that the plan's files hold, in the table's order. Everything in a record
// follows from the spec and the run: no timings, hosts or worker counts, so equal sweeps give
// byte-identical files.

import { NEVER, outcomeOf, RUN_DONE, RUN_FAILED, type RunFailure } from './result.js';
import { fieldCsvColumns, fieldWidth, RESULT_FIELDS, resultFields, runArray, type ArrayField, type ResultField, type RunArrays } from './result-schema.js';
import { runConfig, type RunConfig } from './space.js';
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

/** A width-d value: a number when d = 1, a list of d otherwise (curves are always lists). */
function vector(field: ResultField, values: ArrayLike<number>, d: number): JsonValue {
  if (field.width === 'd' && d === 1) return finite(values[0]!);
  return Array.from(values, finite);
}

/** A stored field's JSON value for the run at `at` (d and K entries per run for vectors and curves). */
function arrayValue(field: ArrayField, runs: RunArrays, at: number, d: number, K: number): JsonValue {
  const array = runArray(runs, field);
  if (field.width !== 'run') {
    const w = fieldWidth(field, d, K);
    return vector(field, array.subarray(at * w, (at + 1) * w), d);
  }
  const v = array[at]!;
  switch (field.encoding) {
    case 'finite':
      return finite(v);
    case 'epoch':
      return v === NEVER ? null : v;
    case 'outcome':
      return outcomeOf(v);
    case 'status':
      return v === RUN_DONE ? 'done' : 'failed';
  }
}

/** A configuration field's JSON value. */
function configValue(field: ResultField & { source: 'config' }, config: RunConfig, d: number): JsonValue {
  const v = field.value(config);
  return v instanceof Float64Array ? vector(field, v, d) : v;
}

/**
 * The record of run `index`: the plan's rows of the result schema, in order (index, loss,
 * optimizer and its hyperparameters, eta, batchSize, weightDecay, initSample, w0, b0, status,
 * error, finalLoss, minLoss, finalExcess, finalMaxError, finalW, finalB, outcome, epochsToFit,
 * plateauEpochs, epochsTo1PercentExcess, divergedAt, curve), each as its row's encoding writes it.
 * `error` is only in the record of a run not done: the message of the failure that holds it ("the
 * run failed" if none does, "the run was not computed" for a pending run).
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
  const record: RunRecord = {};
  for (const field of resultFields(plan)) {
    if (field.source === 'config') record[field.name] = configValue(field, config, d);
    else if (field.source === 'array') record[field.name] = arrayValue(field, runs, at, d, K);
    else if (runs.status[at] !== RUN_DONE) record[field.name] = failure ? failure.message : runs.status[at] === RUN_FAILED ? 'the run failed' : 'the run was not computed';
  }
  return record;
}

/** CSV column names for a plan: each present row's columns (vectors spread: w0_1…w0_d, curve_<epoch>). */
export function csvColumns(plan: SweepPlan): string[] {
  return resultFields(plan).flatMap((field) => fieldCsvColumns(field, plan));
}

/**
 * A record's CSV cells, in csvColumns order: its values in the table's order, lists spread, and an
 * empty cell for a field that a JSON record leaves out when null (error, for a done run).
 */
export function csvCells(record: RunRecord): JsonValue[] {
  const cells: JsonValue[] = [];
  for (const field of RESULT_FIELDS) {
    const value = record[field.name];
    if (value === undefined) {
      if (field.encoding === 'error') cells.push(null);
    } else if (Array.isArray(value)) cells.push(...(value as readonly JsonValue[]));
    else cells.push(value);
  }
  return cells;
}
