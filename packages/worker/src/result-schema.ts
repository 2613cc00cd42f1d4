// The result schema: one table, one row per field of a run as result files hold it. Everything
// that knows the fields is derived from it: the typed arrays a sweep allocates (`allocateRuns`,
// `RunArrays`), their bytes per run (`bytesPerRun`), copying a chunk into a result (`writeChunk`),
// the JSON records and CSV columns (result-record.ts), the CSV row reader (result-csv-row.ts), the
// JSON reader and the recomputed sample (result-parse.ts, result-sample.ts) and the Parquet
// columns (result-parquet.ts). Each of those interprets a row's `encoding`; adding a field with an
// existing encoding is one row here and the code that computes its value (the kernels, or
// RunConfig for a spec axis).

import { NEVER, OUTCOME_NONE, RUN_PENDING } from './result-codes.js';
import type { RunConfig } from './space.js';
import type { SweepPlan } from './spec.js';

/** The element type of a field's per-run array. */
export type ResultArrayType = 'float64' | 'int32' | 'uint8';

/** Entries per run: one, d (one per input: a number in JSON when d = 1, else a list), or one per curve sample (always a list). */
export type ResultWidth = 'run' | 'd' | 'curve';

/**
 * How a value is written, and what null means:
 * - `number`, `text`: a value of the run's configuration (a number; a string), from its RunConfig;
 *   null only where the row is nullable (an optimizer without that hyperparameter);
 * - `finite`: a Float64 value; NaN or ±Infinity (not computed, diverged) is null;
 * - `epoch`: an Int32 epoch; NEVER (−1, not reached) is null; a reader accepts [0, epochs);
 * - `outcome`: a Uint8 code (outcomeCode); OUTCOME_NONE (0, a run not done) is null, else core's name;
 * - `status`: a Uint8 RUN_* code as "done" (RUN_DONE) or "failed" (anything else);
 * - `error`: the failure message of a run not done. JSON leaves the key out for a done run; CSV
 *   writes an empty cell and Parquet a null.
 */
export type ResultEncoding = 'number' | 'text' | 'finite' | 'epoch' | 'outcome' | 'status' | 'error';

/** A field's Parquet type for one value: INT64, INT32, DOUBLE, or BYTE_ARRAY annotated UTF8 (`string`). Width d (d > 1) and curve fields are LIST columns of optional DOUBLE. */
export type ResultParquetType = 'int64' | 'int32' | 'double' | 'string';

/** When a field is in a plan's files: always, or only when the spec has an axis (see {@link fieldPresent}). */
export type ResultPresence = 'always' | 'optimizer axis' | 'optimizer parameter' | 'batch axis' | 'weight-decay axis' | 'random init' | 'curve samples';

interface FieldCommon {
  /** The JSON key and the Parquet column; the CSV column, or the prefix of its columns (`name_1`…`name_d`, `name_<epoch>`). */
  readonly name: string;
  readonly width: ResultWidth;
  readonly encoding: ResultEncoding;
  readonly parquet: ResultParquetType;
  /** Whether the field may be null (a reader refuses null where it may not). */
  readonly nullable: boolean;
  readonly present: ResultPresence;
  /** What a list of this field holds (width d with d > 1, or curve), for messages. */
  readonly items?: string;
}

/** A field of the run's configuration, computed from the spec (the run index space), not stored. */
export interface ConfigField extends FieldCommon {
  readonly source: 'config';
  readonly encoding: 'number' | 'text';
  /** The value of a run; width d: its d values. */
  readonly value: (config: RunConfig) => number | string | null | Float64Array;
}

/** A field stored per run in a typed array of RunArrays (computed by the kernels). */
export interface ArrayField extends FieldCommon {
  readonly source: 'array';
  readonly encoding: 'finite' | 'epoch' | 'outcome' | 'status';
  /** Its key in RunArrays. */
  readonly array: string;
  readonly type: ResultArrayType;
  /** What the array holds for a run not computed (yet). */
  readonly fill: number;
}

/** The failure message of a run not done, from SweepResult.failures. */
export interface FailureField extends FieldCommon {
  readonly source: 'failure';
  readonly encoding: 'error';
}

/** A row of {@link RESULT_FIELDS}. */
export type ResultField = ConfigField | ArrayField | FailureField;

/** Core's optimizer hyperparameters, in the order files list them. */
const HYPERPARAMETERS = ['momentum', 'alpha', 'beta1', 'beta2', 'eps'] as const;

/**
 * The result schema, in file order (the JSON record's key order, the CSV and Parquet column order).
 *
 * | field | source | width | encoding (null) | Parquet | present |
 * | --- | --- | --- | --- | --- | --- |
 * | index | config | 1 | number | INT64 | always |
 * | loss | config | 1 | text | UTF8 | always |
 * | optimizer | config | 1 | text | UTF8 | optimizer axis |
 * | momentum, alpha, beta1, beta2, eps | config | 1 | number (null: the optimizer has none) | DOUBLE | optimizer axis, when one of its optimizers has it |
 * | eta | config | 1 | number | DOUBLE | always |
 * | batchSize | config | 1 | number | INT64 | batch axis |
 * | weightDecay | config | 1 | number | DOUBLE | weight-decay axis |
 * | initSample | config | 1 | number | INT64 | random init |
 * | w0 | config | d | number | DOUBLE / LIST | always |
 * | b0 | config | 1 | number | DOUBLE | always |
 * | status | Uint8 status | 1 | status | UTF8 | always |
 * | error | failures | 1 | error (absent / empty / null for a done run) | UTF8 | always |
 * | finalLoss, minLoss, finalExcess, finalMaxError | Float64 | 1 | finite (NaN) | DOUBLE | always |
 * | finalW | Float64 | d | finite (NaN) | DOUBLE / LIST | always |
 * | finalB | Float64 | 1 | finite (NaN) | DOUBLE | always |
 * | outcome | Uint8 | 1 | outcome (OUTCOME_NONE) | UTF8 | always |
 * | epochsToFit, plateauEpochs, epochsTo1PercentExcess, divergedAt | Int32 | 1 | epoch (NEVER) | INT32 | always |
 * | curve | Float64 curves | K | finite (NaN) | LIST | curve samples |
 */
export const RESULT_FIELDS = [
  { name: 'index', source: 'config', width: 'run', encoding: 'number', parquet: 'int64', nullable: false, present: 'always', value: (c: RunConfig) => c.index },
  { name: 'loss', source: 'config', width: 'run', encoding: 'text', parquet: 'string', nullable: false, present: 'always', value: (c: RunConfig) => c.loss },
  { name: 'optimizer', source: 'config', width: 'run', encoding: 'text', parquet: 'string', nullable: false, present: 'optimizer axis', value: (c: RunConfig) => c.optimizer.name },
  ...HYPERPARAMETERS.map(
    (h): ConfigField => ({ name: h, source: 'config', width: 'run', encoding: 'number', parquet: 'double', nullable: true, present: 'optimizer parameter', value: (c) => (c.optimizer as unknown as Record<string, number | undefined>)[h] ?? null }),
  ),
  { name: 'eta', source: 'config', width: 'run', encoding: 'number', parquet: 'double', nullable: false, present: 'always', value: (c: RunConfig) => c.eta },
  { name: 'batchSize', source: 'config', width: 'run', encoding: 'number', parquet: 'int64', nullable: false, present: 'batch axis', value: (c: RunConfig) => c.batchSize },
  { name: 'weightDecay', source: 'config', width: 'run', encoding: 'number', parquet: 'double', nullable: false, present: 'weight-decay axis', value: (c: RunConfig) => c.weightDecay },
  { name: 'initSample', source: 'config', width: 'run', encoding: 'number', parquet: 'int64', nullable: false, present: 'random init', value: (c: RunConfig) => c.initIndex },
  { name: 'w0', source: 'config', width: 'd', encoding: 'number', parquet: 'double', nullable: false, present: 'always', items: 'initial weights', value: (c: RunConfig) => c.w0 },
  { name: 'b0', source: 'config', width: 'run', encoding: 'number', parquet: 'double', nullable: false, present: 'always', value: (c: RunConfig) => c.b0 },
  { name: 'status', source: 'array', array: 'status', type: 'uint8', fill: RUN_PENDING, width: 'run', encoding: 'status', parquet: 'string', nullable: false, present: 'always' },
  { name: 'error', source: 'failure', width: 'run', encoding: 'error', parquet: 'string', nullable: true, present: 'always' },
  { name: 'finalLoss', source: 'array', array: 'finalLoss', type: 'float64', fill: Number.NaN, width: 'run', encoding: 'finite', parquet: 'double', nullable: true, present: 'always' },
  { name: 'minLoss', source: 'array', array: 'minLoss', type: 'float64', fill: Number.NaN, width: 'run', encoding: 'finite', parquet: 'double', nullable: true, present: 'always' },
  { name: 'finalExcess', source: 'array', array: 'finalExcess', type: 'float64', fill: Number.NaN, width: 'run', encoding: 'finite', parquet: 'double', nullable: true, present: 'always' },
  { name: 'finalMaxError', source: 'array', array: 'finalMaxError', type: 'float64', fill: Number.NaN, width: 'run', encoding: 'finite', parquet: 'double', nullable: true, present: 'always' },
  { name: 'finalW', source: 'array', array: 'finalW', type: 'float64', fill: Number.NaN, width: 'd', encoding: 'finite', parquet: 'double', nullable: true, present: 'always', items: 'weights' },
  { name: 'finalB', source: 'array', array: 'finalB', type: 'float64', fill: Number.NaN, width: 'run', encoding: 'finite', parquet: 'double', nullable: true, present: 'always' },
  { name: 'outcome', source: 'array', array: 'outcome', type: 'uint8', fill: OUTCOME_NONE, width: 'run', encoding: 'outcome', parquet: 'string', nullable: true, present: 'always' },
  { name: 'epochsToFit', source: 'array', array: 'epochsToFit', type: 'int32', fill: NEVER, width: 'run', encoding: 'epoch', parquet: 'int32', nullable: true, present: 'always' },
  { name: 'plateauEpochs', source: 'array', array: 'plateauEpochs', type: 'int32', fill: NEVER, width: 'run', encoding: 'epoch', parquet: 'int32', nullable: true, present: 'always' },
  { name: 'epochsTo1PercentExcess', source: 'array', array: 'epochsTo1PercentExcess', type: 'int32', fill: NEVER, width: 'run', encoding: 'epoch', parquet: 'int32', nullable: true, present: 'always' },
  { name: 'divergedAt', source: 'array', array: 'divergedAt', type: 'int32', fill: NEVER, width: 'run', encoding: 'epoch', parquet: 'int32', nullable: true, present: 'always' },
  { name: 'curve', source: 'array', array: 'curves', type: 'float64', fill: Number.NaN, width: 'curve', encoding: 'finite', parquet: 'double', nullable: true, present: 'curve samples', items: 'losses (one per curveEpochs)' },
] as const satisfies readonly ResultField[];

type TableArrayRow = Extract<(typeof RESULT_FIELDS)[number], { source: 'array' }>;

interface TypedArrays {
  float64: Float64Array;
  int32: Int32Array;
  uint8: Uint8Array;
}

/**
 * The per-run arrays of a sweep, one per array row of {@link RESULT_FIELDS} (its `array` key and
 * `type`): run r's value at r, or at r·d + j (finalW) and r·K + k (curves, the loss at
 * plan.curveEpochs[k]). Loss values are NaN for runs not done and for a diverged run's final
 * values; epoch measures NEVER when not reached; status RUN_PENDING, RUN_DONE or RUN_FAILED;
 * outcome an outcomeCode (OUTCOME_NONE for a run not done).
 */
export type RunArrays = { [R in TableArrayRow as R['array']]: TypedArrays[R['type']] };

/** The key of a per-run array in RunArrays. */
export type RunArrayKey = keyof RunArrays;

/** The rows stored in RunArrays, in table order. */
export const ARRAY_FIELDS: readonly ArrayField[] = RESULT_FIELDS.filter((f): f is TableArrayRow => f.source === 'array');

const CONSTRUCTORS = { float64: Float64Array, int32: Int32Array, uint8: Uint8Array } as const;

const PRESENCE: Readonly<Record<ResultPresence, (plan: SweepPlan, name: string) => boolean>> = {
  always: () => true,
  'optimizer axis': (plan) => plan.spec.optimizer !== undefined,
  'optimizer parameter': (plan, name) => plan.spec.optimizer !== undefined && plan.optimizers.some((o) => name in o),
  'batch axis': (plan) => plan.spec.batchSize !== undefined,
  'weight-decay axis': (plan) => plan.spec.weightDecay !== undefined,
  'random init': (plan) => plan.init.kind === 'random',
  'curve samples': (plan) => plan.curveEpochs.length > 0,
};

/**
 * Whether a plan's files hold a field: `always`; `optimizer axis`, `batch axis`,
 * `weight-decay axis` when the spec has that axis; `optimizer parameter` when the spec has an
 * optimizer axis and one of its optimizers has that hyperparameter; `random init` for random
 * initializations; `curve samples` when the plan keeps curve samples.
 */
export function fieldPresent(plan: SweepPlan, field: ResultField): boolean {
  return PRESENCE[field.present](plan, field.name);
}

const planFields = new WeakMap<SweepPlan, readonly ResultField[]>();

/** The rows of {@link RESULT_FIELDS} a plan's files hold, in file order (computed once per plan). */
export function resultFields(plan: SweepPlan): readonly ResultField[] {
  let fields = planFields.get(plan);
  if (fields === undefined) {
    fields = RESULT_FIELDS.filter((f) => fieldPresent(plan, f));
    planFields.set(plan, fields);
  }
  return fields;
}

/** Entries per run of a field: 1, d, or K (curve samples). */
export function fieldWidth(field: ResultField, d: number, curveSamples: number): number {
  return field.width === 'run' ? 1 : field.width === 'd' ? d : curveSamples;
}

/** Whether a field is a list in JSON (and Parquet): width d with d > 1, or curve (even of one sample). */
export function fieldIsList(field: ResultField, d: number): boolean {
  return field.width === 'curve' || (field.width === 'd' && d > 1);
}

/** A field's CSV columns: its name; `name_1`…`name_d` for width d with d > 1; `name_<epoch>` per curve sample. */
export function fieldCsvColumns(field: ResultField, plan: SweepPlan): string[] {
  if (field.width === 'curve') return Array.from(plan.curveEpochs, (epoch) => `${field.name}_${epoch}`);
  const d = plan.data.d;
  if (field.width === 'd' && d > 1) return Array.from({ length: d }, (_, j) => `${field.name}_${j + 1}`);
  return [field.name];
}

/** Allocates the arrays of `count` runs, each filled with its row's `fill` (loss values NaN, measures NEVER, status RUN_PENDING, outcome OUTCOME_NONE). */
export function allocateRuns(count: number, d: number, curveSamples: number): RunArrays {
  const runs: Record<string, Float64Array | Int32Array | Uint8Array> = {};
  for (const field of ARRAY_FIELDS) {
    const array = new CONSTRUCTORS[field.type](count * fieldWidth(field, d, curveSamples));
    if (field.fill !== 0) array.fill(field.fill);
    runs[field.array] = array;
  }
  return runs as unknown as RunArrays;
}

/** Sets runs [from, to) of `runs` back to pending, each array as {@link allocateRuns} fills it (a reused slot of a ring must not show its previous run). */
export function resetRuns(runs: RunArrays, from: number, to: number, d: number, curveSamples: number): void {
  for (const field of ARRAY_FIELDS) {
    const width = fieldWidth(field, d, curveSamples);
    runArray(runs, field).fill(field.fill, from * width, to * width);
  }
}

/** Bytes of result arrays per run: Σ over the array rows of width × bytes per element (8·(5 + d + K) + 4·4 + 2 today). */
export function bytesPerRun(d: number, curveSamples: number): number {
  let bytes = 0;
  for (const field of ARRAY_FIELDS) bytes += CONSTRUCTORS[field.type].BYTES_PER_ELEMENT * fieldWidth(field, d, curveSamples);
  return bytes;
}

/** A per-run array of `runs` by its row, typed as any of them (the callers go by `field.type`). */
export function runArray(runs: RunArrays, field: ArrayField): Float64Array | Int32Array | Uint8Array {
  return runs[field.array as RunArrayKey];
}

/** Whether a field's values are text (JSON strings, CSV text cells, Parquet UTF8): text, status, outcome and error. */
export function fieldIsText(field: ResultField): boolean {
  return field.encoding === 'text' || field.encoding === 'status' || field.encoding === 'outcome' || field.encoding === 'error';
}

/** Copies every per-run array of `source` into `target` from run position `at` on (d and K entries per run for finalW and curves). */
export function copyRuns(target: RunArrays, at: number, source: RunArrays, d: number, curveSamples: number): void {
  for (const field of ARRAY_FIELDS) runArray(target, field).set(runArray(source, field), at * fieldWidth(field, d, curveSamples));
}
