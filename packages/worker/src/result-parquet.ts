// Result files as Apache Parquet: one row per run, the same fields as the JSON records (see
// result-record.ts), typed: floats as DOUBLE, epochs as INT32, the run index and random-init sample
// as INT64, text as UTF-8 strings, nulls where JSON has null; w0/finalW as a DOUBLE when the data
// has one input and as a list otherwise; the curve samples as a list column. The JSON header
// (spec, curveEpochs, runCount, shard) and the losslab version are the footer's key-value
// metadata. Columns are cut straight from the result's typed arrays, a row group at a time (no
// per-run objects). Row groups hold ROW_GROUP_RUNS runs counted from the file's first run, so the
// same runs always give the same bytes.

import { ParquetWriter, type ParquetBatch, type ParquetColumn, type ParquetKind } from './parquet/parquet-writer.js';
import { resultHeaderJson, type ResultHeader } from './result-file.js';
import { hyperparameterFields, type ResultRuns } from './result-record.js';
import { NEVER, RUN_DONE, RUN_FAILED, type RunFailure } from './result.js';
import { runPosition, initialParameters } from './space.js';
import type { SweepPlan } from './spec.js';

/** Runs per row group: bounds the writer's memory (about 2 MB per group per 32 curve samples). */
export const ROW_GROUP_RUNS = 65_536;

/** The runs [start, end) of one row group, with what several columns share. */
interface Group {
  readonly plan: SweepPlan;
  readonly runs: ResultRuns;
  readonly start: number;
  readonly end: number;
  /** The run the arrays of `runs` hold at position 0 (0 for a SweepResult, which holds the whole sweep). */
  readonly base: number;
  /** Each run's initial weights (d per run) and bias, and its init index. */
  readonly w0: Float64Array;
  readonly b0: Float64Array;
  readonly initIndex: Float64Array;
  readonly lossIndex: Uint8Array;
  readonly etaIndex: Int32Array;
  readonly optimizerIndex: Int32Array;
  readonly batchIndex: Int32Array;
  readonly weightDecayIndex: Int32Array;
  /** Each run's failure message, null for a done run. */
  readonly errors: (string | null)[];
}

/** One result field: its Parquet kind (for one input), whether it may be null, and how to cut its column from a group. */
interface Field {
  readonly name: string;
  readonly kind: ParquetKind;
  readonly nullable: boolean;
  /** A weight vector: a list column when the data has more than one input. */
  readonly vector?: true;
  readonly batch: (g: Group) => ParquetBatch;
}

const perRun = (g: Group, values: Float64Array): ParquetBatch => ({ kind: 'double', values: values.subarray(g.start - g.base, g.end - g.base) });
const measure = (g: Group, values: Int32Array): ParquetBatch => ({ kind: 'int32', values: values.subarray(g.start - g.base, g.end - g.base), nullValue: NEVER });
const vector = (g: Group, values: Float64Array, at: number): ParquetBatch => {
  const d = g.plan.data.d;
  const slice = values.subarray(at * d, (at + g.end - g.start) * d);
  return d === 1 ? { kind: 'double', values: slice } : { kind: 'double-list', values: slice, width: d };
};

/** The fields in file order: the JSON record's keys (error included, null for done runs). */
const FIELDS: readonly Field[] = [
  { name: 'index', kind: 'int64', nullable: false, batch: (g) => ({ kind: 'int64', values: Float64Array.from({ length: g.end - g.start }, (_, k) => g.start + k) }) },
  { name: 'loss', kind: 'string', nullable: false, batch: (g) => ({ kind: 'string', values: Array.from(g.lossIndex, (l) => g.plan.losses[l]!) }) },
  { name: 'optimizer', kind: 'string', nullable: false, batch: (g) => ({ kind: 'string', values: Array.from(g.optimizerIndex, (o) => g.plan.optimizers[o]!.name) }) },
  ...(['momentum', 'alpha', 'beta1', 'beta2', 'eps'] as const).map(
    (h): Field => ({ name: h, kind: 'double', nullable: true, batch: (g) => ({ kind: 'double', values: Float64Array.from(g.optimizerIndex, (o) => (g.plan.optimizers[o] as unknown as Record<string, number | undefined>)[h] ?? Number.NaN) }) }),
  ),
  { name: 'eta', kind: 'double', nullable: false, batch: (g) => ({ kind: 'double', values: Float64Array.from(g.etaIndex, (e) => g.plan.eta[e]!) }) },
  { name: 'batchSize', kind: 'int64', nullable: false, batch: (g) => ({ kind: 'int64', values: Float64Array.from(g.batchIndex, (k) => g.plan.batchSizes[k]!) }) },
  { name: 'weightDecay', kind: 'double', nullable: false, batch: (g) => ({ kind: 'double', values: Float64Array.from(g.weightDecayIndex, (k) => g.plan.weightDecays[k]!) }) },
  { name: 'initSample', kind: 'int64', nullable: false, batch: (g) => ({ kind: 'int64', values: g.initIndex }) },
  { name: 'w0', kind: 'double', nullable: false, vector: true, batch: (g) => vector(g, g.w0, 0) },
  { name: 'b0', kind: 'double', nullable: false, batch: (g) => ({ kind: 'double', values: g.b0 }) },
  { name: 'status', kind: 'string', nullable: false, batch: (g) => ({ kind: 'string', values: g.errors.map((e) => (e === null ? 'done' : 'failed')) }) },
  { name: 'error', kind: 'string', nullable: true, batch: (g) => ({ kind: 'string', values: g.errors }) },
  { name: 'finalLoss', kind: 'double', nullable: true, batch: (g) => perRun(g, g.runs.finalLoss) },
  { name: 'minLoss', kind: 'double', nullable: true, batch: (g) => perRun(g, g.runs.minLoss) },
  { name: 'finalExcess', kind: 'double', nullable: true, batch: (g) => perRun(g, g.runs.finalExcess) },
  { name: 'finalMaxError', kind: 'double', nullable: true, batch: (g) => perRun(g, g.runs.finalMaxError) },
  { name: 'finalW', kind: 'double', nullable: true, vector: true, batch: (g) => vector(g, g.runs.finalW, g.start - g.base) },
  { name: 'finalB', kind: 'double', nullable: true, batch: (g) => perRun(g, g.runs.finalB) },
  { name: 'epochsToFit', kind: 'int32', nullable: true, batch: (g) => measure(g, g.runs.epochsToFit) },
  { name: 'epochsTo99', kind: 'int32', nullable: true, batch: (g) => measure(g, g.runs.epochsTo99) },
  { name: 'plateauLength', kind: 'int32', nullable: true, batch: (g) => measure(g, g.runs.plateauLength) },
  { name: 'divergedAt', kind: 'int32', nullable: true, batch: (g) => measure(g, g.runs.divergedAt) },
  {
    name: 'curve',
    kind: 'double-list',
    nullable: true,
    batch: (g) => {
      const k = g.plan.curveEpochs.length;
      return { kind: 'double-list', values: g.runs.curves.subarray((g.start - g.base) * k, (g.end - g.base) * k), width: k };
    },
  },
];

/** Fields only some plans' files hold, and when: the optimizer axes' as the JSON records (result-record.ts). */
const OPTIONAL: Readonly<Record<string, (plan: SweepPlan) => boolean>> = {
  initSample: (plan) => plan.init.kind === 'random',
  curve: (plan) => plan.curveEpochs.length > 0,
  optimizer: (plan) => plan.spec.optimizer !== undefined,
  batchSize: (plan) => plan.spec.batchSize !== undefined,
  weightDecay: (plan) => plan.spec.weightDecay !== undefined,
  ...Object.fromEntries(['momentum', 'alpha', 'beta1', 'beta2', 'eps'].map((h) => [h, (plan: SweepPlan) => hyperparameterFields(plan).includes(h)])),
};

/** The fields a plan's files hold: initSample for random inits only, curve only with curve samples, the optimizer axes' fields only when the spec has them. */
function planFields(plan: SweepPlan): Field[] {
  return FIELDS.filter((f) => OPTIONAL[f.name]?.(plan) ?? true);
}

/** The Parquet columns of a plan's result file, in file order. */
export function parquetColumns(plan: SweepPlan): ParquetColumn[] {
  return planFields(plan).map((f) => ({ name: f.name, kind: f.vector && plan.data.d > 1 ? 'double-list' : f.kind, nullable: f.nullable || (f.vector === true && plan.data.d > 1) }));
}

/** The shared per-run values of runs [start, end), failures walked from `f` (sorted by start); returns the group and the next failure position. */
function group(plan: SweepPlan, runs: ResultRuns, start: number, end: number, failures: readonly RunFailure[], f: number, base = 0): { group: Group; f: number } {
  const n = end - start;
  const d = plan.data.d;
  const w0 = new Float64Array(n * d);
  const b0 = new Float64Array(n);
  const initIndex = new Float64Array(n);
  const lossIndex = new Uint8Array(n);
  const etaIndex = new Int32Array(n);
  const optimizerIndex = new Int32Array(n);
  const batchIndex = new Int32Array(n);
  const weightDecayIndex = new Int32Array(n);
  const errors: (string | null)[] = new Array(n);
  const w = new Float64Array(d);
  for (let k = 0; k < n; k++) {
    const index = start + k;
    const position = runPosition(plan, index);
    lossIndex[k] = position.lossIndex;
    etaIndex[k] = position.etaIndex;
    optimizerIndex[k] = position.optimizerIndex;
    batchIndex[k] = position.batchIndex;
    weightDecayIndex[k] = position.weightDecayIndex;
    initIndex[k] = position.initIndex;
    b0[k] = initialParameters(plan, position.initIndex, w);
    w0.set(w, k * d);
    while (f < failures.length && failures[f]!.end <= index) f++;
    const failure = failures[f] !== undefined && failures[f]!.start <= index ? failures[f] : undefined;
    const status = runs.status[index - base];
    errors[k] = status === RUN_DONE ? null : failure ? failure.message : status === RUN_FAILED ? 'the run failed' : 'the run was not computed';
  }
  return { group: { plan, runs, start, end, base, w0, b0, initIndex, lossIndex, etaIndex, optimizerIndex, batchIndex, weightDecayIndex, errors }, f };
}

/**
 * The Parquet result file of the runs in `header` (all of them, or its shard's), as byte chunks:
 * the leading magic, one chunk per row group, the footer. `runs` holds the whole sweep, run i at
 * position i (a SweepResult does).
 */
export function* resultParquetChunks(plan: SweepPlan, runs: ResultRuns, header: ResultHeader): Generator<Uint8Array> {
  if (header.runCount !== plan.runCount) throw new RangeError(`the header's runCount must be the plan's ${plan.runCount}, got ${header.runCount}`);
  const { start, end } = header.shard ?? { start: 0, end: plan.runCount };
  // The arrays hold run i at position i − offset (a shard's own result) or i (the whole sweep).
  const offset = runs.offset ?? 0;
  if (end > start && (start < offset || runs.status.length < end - offset)) throw new RangeError(`the result arrays must hold the header's runs [${start}, ${end}), got runs [${offset}, ${offset + runs.status.length})`);
  const fields = planFields(plan);
  const writer = new ParquetWriter(parquetColumns(plan), parquetMetadata(header), `losslab version ${header.losslab}`);
  yield writer.start();
  const failures = [...runs.failures].sort((a, b) => a.start - b.start);
  let f = 0;
  for (let from = start; from < end; from += ROW_GROUP_RUNS) {
    const next = group(plan, runs, from, Math.min(end, from + ROW_GROUP_RUNS), failures, f, offset);
    f = next.f;
    yield writer.rowGroup(fields.map((field) => field.batch(next.group)));
  }
  yield writer.finish();
}

/**
 * The Parquet columns of runs [start, end) whose results `runs` holds from position 0 (a chunk
 * as the kernel returns it), in file order: what a file must hold for those runs.
 */
export function parquetBatchesOf(plan: SweepPlan, runs: ResultRuns, start: number, end: number): ParquetBatch[] {
  const failures = [...runs.failures].sort((a, b) => a.start - b.start);
  const { group: g } = group(plan, runs, start, end, failures, 0, start);
  return planFields(plan).map((field) => field.batch(g));
}

/** The header and losslab version a result file's writer puts in its Parquet metadata. */
export function parquetMetadata(header: ResultHeader): { key: string; value: string }[] {
  return [
    { key: 'losslab', value: header.losslab },
    { key: 'losslab.header', value: resultHeaderJson(header) },
  ];
}
