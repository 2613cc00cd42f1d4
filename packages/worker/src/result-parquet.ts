// Result files as Apache Parquet: one row per run, one column per row of the result schema
// (result-schema.ts) that the plan's files hold, of that row's Parquet type (floats DOUBLE, epochs
// INT32, the run index, batch size and random-init sample INT64, text UTF-8), nulls where JSON has
// null; a width-d field (w0, finalW) is a DOUBLE when the data has one input and a list otherwise;
// the curve samples a list column. The JSON header (spec, curveEpochs, runCount, shard) and the
// losslab version are the footer's key-value metadata. The stored fields' columns are cut straight
// from the result's typed arrays, a row group at a time; the configuration's come from each run's
// RunConfig. Row groups hold rowGroupRuns(plan) runs counted from the file's first run (a function
// of the plan only), so the same runs always give the same bytes, sharded, merged or not.

import { ParquetWriter, type ParquetBatch, type ParquetColumn } from './parquet/parquet-writer.js';
import { resultHeaderJson, type ResultHeader } from './result-file.js';
import type { ResultRuns } from './result-record.js';
import { bytesPerRun, fieldIsList, fieldWidth, resultFields, runArray, type ResultField } from './result-schema.js';
import { NEVER, outcomeOf, RUN_DONE, RUN_FAILED, type RunFailure } from './result.js';
import { runConfigInto, type RunConfig } from './space.js';
import type { SweepPlan } from './spec.js';

/** Runs per row group at most (the count for every plan whose runs hold at most 512 bytes of result arrays, e.g. 32 curve samples). */
export const ROW_GROUP_RUNS = 65_536;

/** A row group's result arrays at most: 32 MiB (ROW_GROUP_RUNS runs of 512 bytes). */
export const ROW_GROUP_BYTES = 32 * 2 ** 20;

/**
 * Runs per row group for a plan: ROW_GROUP_RUNS, or for runs larger than 512 bytes of result
 * arrays (long curves: `--curve full` of 1000 epochs is 8,066 bytes a run) the largest power of two
 * whose runs hold at most ROW_GROUP_BYTES; at least 1. It depends on the plan only (d and the curve
 * samples), so a shard's file, a merge and the unsharded file cut the same row groups. A row group is
 * built whole in memory (its list columns copied), and a windowed sweep holds at least one.
 */
export function rowGroupRuns(plan: SweepPlan): number {
  const fit = Math.floor(ROW_GROUP_BYTES / bytesPerRun(plan.data.d, plan.curveEpochs.length));
  let runs = ROW_GROUP_RUNS;
  while (runs > 1 && runs > fit) runs /= 2;
  return runs;
}

/** The runs [start, end) of one row group, with what several columns share. */
interface Group {
  readonly plan: SweepPlan;
  readonly runs: ResultRuns;
  readonly start: number;
  readonly end: number;
  /** The run the arrays of `runs` hold at position 0 (0 for a SweepResult, which holds the whole sweep). */
  readonly base: number;
  /** Each run's failure message, null for a done run. */
  readonly errors: (string | null)[];
  /** The configuration fields' columns (index, loss, optimizer, η, …, w0, b0), from one pass over the runs' configurations. */
  readonly configs: ReadonlyMap<ResultField, ParquetBatch>;
}

/**
 * The Parquet column of a row of the result schema for a plan: its type, or a LIST of optional
 * DOUBLE for a width-d field with d > 1 (always nullable, as a list column is) and for the curve.
 */
function parquetColumn(field: ResultField, d: number): ParquetColumn {
  const list = fieldIsList(field, d);
  return { name: field.name, kind: list ? 'double-list' : field.parquet, nullable: field.nullable || list };
}

/** A row's column in a group, cut from its typed array or computed from the runs' configurations, nulls as its encoding writes them. */
function batchOf(field: ResultField, g: Group): ParquetBatch {
  const d = g.plan.data.d;
  if (field.source === 'failure') return { kind: 'string', values: g.errors };
  if (field.source === 'config') return g.configs.get(field)!;
  const width = fieldWidth(field, d, g.plan.curveEpochs.length);
  const array = runArray(g.runs, field).subarray((g.start - g.base) * width, (g.end - g.base) * width);
  switch (field.encoding) {
    case 'status':
      return { kind: 'string', values: g.errors.map((e) => (e === null ? 'done' : 'failed')) };
    case 'outcome':
      return { kind: 'string', values: Array.from(array, outcomeOf) };
    case 'epoch':
      return { kind: 'int32', values: array as Int32Array, nullValue: NEVER };
    case 'finite':
      return fieldIsList(field, d) ? { kind: 'double-list', values: array as Float64Array, width } : { kind: 'double', values: array as Float64Array };
  }
}

/** The Parquet columns of a plan's result file, in file order. */
export function parquetColumns(plan: SweepPlan): ParquetColumn[] {
  return resultFields(plan).map((f) => parquetColumn(f, plan.data.d));
}

/** The shared per-run values of runs [start, end), failures walked from `f` (sorted by start); returns the group and the next failure position. */
function group(plan: SweepPlan, runs: ResultRuns, start: number, end: number, failures: readonly RunFailure[], f: number, base = 0): { group: Group; f: number } {
  const n = end - start;
  const errors: (string | null)[] = new Array(n);
  for (let k = 0; k < n; k++) {
    const index = start + k;
    while (f < failures.length && failures[f]!.end <= index) f++;
    const failure = failures[f] !== undefined && failures[f]!.start <= index ? failures[f] : undefined;
    const status = runs.status[index - base];
    errors[k] = status === RUN_DONE ? null : failure ? failure.message : status === RUN_FAILED ? 'the run failed' : 'the run was not computed';
  }
  return { group: { plan, runs, start, end, base, errors, configs: configBatches(plan, start, end) }, f };
}

/**
 * The columns of the plan's configuration fields for runs [start, end), filled in one pass: each
 * run's RunConfig is computed once (into one object reused for every run: a RunConfig and a
 * Float64Array per run were most of the garbage of writing a file) and every field reads it,
 * where a pass per field recomputed it once per field.
 */
function configBatches(plan: SweepPlan, start: number, end: number): Map<ResultField, ParquetBatch> {
  const d = plan.data.d;
  const n = end - start;
  const fields = resultFields(plan).filter((f) => f.source === 'config');
  const columns = fields.map((field) => (field.parquet === 'string' ? new Array<string>(n) : new Float64Array(n * fieldWidth(field, d, 0))));
  let config: RunConfig | null = null;
  for (let k = 0; k < n; k++) {
    config = runConfigInto(plan, start + k, config);
    for (let c = 0; c < fields.length; c++) {
      const v = fields[c]!.value(config);
      const column = columns[c]!;
      if (!(column instanceof Float64Array)) column[k] = v as string;
      else if (v instanceof Float64Array) column.set(v, k * v.length);
      else column[k] = (v as number | null) ?? Number.NaN; // null (an optimizer without it): NaN, Parquet's null
    }
  }
  const batches = new Map<ResultField, ParquetBatch>();
  fields.forEach((field, c) => {
    const values = columns[c]!;
    if (!(values instanceof Float64Array)) batches.set(field, { kind: 'string', values });
    else if (fieldIsList(field, d)) batches.set(field, { kind: 'double-list', values, width: fieldWidth(field, d, 0) });
    else batches.set(field, { kind: field.parquet === 'int64' ? 'int64' : 'double', values });
  });
  return batches;
}

/**
 * A Parquet result file written in row groups as their runs finish: {@link opening} (the magic),
 * then {@link ResultParquetWriter.runs} for windows [next, end) in index order, each writing the
 * row groups that lie wholly before `end` (row groups are rowGroupRuns(plan) runs counted from the
 * file's first run, so the bytes do not depend on the windows), then {@link closing} (the footer).
 * `losslab sweep` writes a shard's row groups while the workers compute the rest.
 */
export class ResultParquetWriter {
  private readonly writer: ParquetWriter;
  private readonly start: number;
  private readonly end: number;
  private cursor: number;
  /** Runs per row group: rowGroupRuns(plan). */
  readonly groupRuns: number;

  constructor(
    private readonly plan: SweepPlan,
    header: ResultHeader,
  ) {
    if (header.runCount !== plan.runCount) throw new RangeError(`the header's runCount must be the plan's ${plan.runCount}, got ${header.runCount}`);
    ({ start: this.start, end: this.end } = header.shard ?? { start: 0, end: plan.runCount });
    this.cursor = this.start;
    this.groupRuns = rowGroupRuns(plan);
    this.writer = new ParquetWriter(parquetColumns(plan), parquetMetadata(header), `losslab version ${header.losslab}`);
  }

  /** The first run not written yet (a row group's first run, or the last run's end). */
  get next(): number {
    return this.cursor;
  }

  /** The index after the file's last run. */
  get last(): number {
    return this.end;
  }

  /** How far a window ending at `end` lets the file go: the last row-group boundary at or before `end` (the file's end if `end` is). */
  reach(end: number): number {
    if (end >= this.end) return this.end;
    return Math.max(this.cursor, this.start + Math.floor((end - this.start) / this.groupRuns) * this.groupRuns);
  }

  /** The file's leading magic. */
  opening(): Uint8Array {
    return this.writer.start();
  }

  /**
   * The row groups of runs [next, reach(end)), read from `runs` (run i at position
   * i − (runs.offset ?? 0)); those runs must be finished, their failures in runs.failures.
   */
  *runs(runs: ResultRuns, end: number): Generator<Uint8Array> {
    const to = this.reach(end);
    const offset = runs.offset ?? 0;
    if (to > this.cursor && (this.cursor < offset || runs.status.length < to - offset)) throw new RangeError(`the result arrays must hold the header's runs [${this.cursor}, ${to}), got runs [${offset}, ${offset + runs.status.length})`);
    const fields = resultFields(this.plan);
    while (this.cursor < to) {
      const from = this.cursor;
      const until = Math.min(this.end, from + this.groupRuns);
      const failures = runs.failures.filter((f) => f.end > from && f.start < until).sort((a, b) => a.start - b.start);
      const next = group(this.plan, runs, from, until, failures, 0, offset);
      this.cursor = until;
      yield this.writer.rowGroup(fields.map((field) => batchOf(field, next.group)));
    }
  }

  /** The footer (every run of the file must have been written). */
  closing(): Uint8Array {
    if (this.cursor !== this.end) throw new RangeError(`runs [${this.cursor}, ${this.end}) were not written before the closing`);
    return this.writer.finish();
  }
}

/**
 * The Parquet result file of the runs in `header` (all of them, or its shard's), as byte chunks:
 * the leading magic, one chunk per row group, the footer. `runs` holds at least those runs, run i
 * at position i − (runs.offset ?? 0) (a SweepResult does).
 */
export function* resultParquetChunks(plan: SweepPlan, runs: ResultRuns, header: ResultHeader): Generator<Uint8Array> {
  const writer = new ResultParquetWriter(plan, header);
  yield writer.opening();
  yield* writer.runs(runs, writer.last);
  yield writer.closing();
}

/**
 * The Parquet columns of runs [start, end) whose results `runs` holds from position 0 (a chunk
 * as the kernel returns it), in file order: what a file must hold for those runs.
 */
export function parquetBatchesOf(plan: SweepPlan, runs: ResultRuns, start: number, end: number): ParquetBatch[] {
  const failures = [...runs.failures].sort((a, b) => a.start - b.start);
  const { group: g } = group(plan, runs, start, end, failures, 0, start);
  return resultFields(plan).map((field) => batchOf(field, g));
}

/** The header and losslab version a result file's writer puts in its Parquet metadata. */
export function parquetMetadata(header: ResultHeader): { key: string; value: string }[] {
  return [
    { key: 'losslab', value: header.losslab },
    { key: 'losslab.header', value: resultHeaderJson(header) },
  ];
}
