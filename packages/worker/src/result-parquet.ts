// Result files as Apache Parquet: one row per run, the same fields as the JSON records (see
// result-record.ts), typed: floats as DOUBLE, epochs as INT32, the run index and random-init sample
// as INT64, text as UTF-8 strings, nulls where JSON has null; w0/finalW as a DOUBLE when the data
// has one input and as a list otherwise; the curve samples as a list column. The JSON header
// (spec, curveEpochs, runCount, shard) and the losslab version are the footer's key-value
// metadata. Row groups hold ROW_GROUP_RUNS runs counted from the file's first run, so the same runs
// always give the same bytes, whether written at once or merged from shards.

import { ParquetWriter, type ParquetColumn, type ParquetKind, type ParquetValues } from './parquet/parquet-writer.js';
import { resultHeaderRecords, resultHeaderJson, type ResultHeader } from './result-file.js';
import type { ResultRuns, RunRecord } from './result-record.js';
import type { SweepPlan } from './spec.js';

/** Runs per row group: bounds the writer's memory (a few MB per group for S1-like runs). */
export const ROW_GROUP_RUNS = 65_536;

/** The Parquet kind of each record field (a field missing here is a bug: add it with its type). */
const FIELD_KINDS: Readonly<Record<string, { kind: ParquetKind; nullable: boolean; vector?: true }>> = {
  index: { kind: 'int64', nullable: false },
  loss: { kind: 'string', nullable: false },
  eta: { kind: 'double', nullable: false },
  initSample: { kind: 'int64', nullable: false },
  w0: { kind: 'double', nullable: false, vector: true },
  b0: { kind: 'double', nullable: false },
  status: { kind: 'string', nullable: false },
  error: { kind: 'string', nullable: true },
  finalLoss: { kind: 'double', nullable: true },
  minLoss: { kind: 'double', nullable: true },
  finalExcess: { kind: 'double', nullable: true },
  finalMaxError: { kind: 'double', nullable: true },
  finalW: { kind: 'double', nullable: true, vector: true },
  finalB: { kind: 'double', nullable: true },
  epochsToFit: { kind: 'int32', nullable: true },
  epochsTo99: { kind: 'int32', nullable: true },
  plateauLength: { kind: 'int32', nullable: true },
  divergedAt: { kind: 'int32', nullable: true },
  curve: { kind: 'double-list', nullable: true },
};

/** The Parquet columns of a plan's result file: the record's fields in record order. */
export function parquetColumns(plan: SweepPlan, fields: readonly string[]): ParquetColumn[] {
  return fields.map((name) => {
    const field = FIELD_KINDS[name];
    if (!field) throw new Error(`the Parquet writer has no type for the result field "${name}"`);
    if (field.vector && plan.data.d > 1) return { name, kind: 'double-list', nullable: true };
    return { name, kind: field.kind, nullable: field.nullable };
  });
}

/** The record fields a plan's files hold, in order (error included: null for done runs). */
export function resultFields(plan: SweepPlan): string[] {
  const fields = ['index', 'loss', 'eta'];
  if (plan.init.kind === 'random') fields.push('initSample');
  fields.push('w0', 'b0', 'status', 'error', 'finalLoss', 'minLoss', 'finalExcess', 'finalMaxError', 'finalW', 'finalB', 'epochsToFit', 'epochsTo99', 'plateauLength', 'divergedAt');
  if (plan.curveEpochs.length > 0) fields.push('curve');
  return fields;
}

/**
 * The Parquet result file of the runs in `header` (all of them, or its shard's), as byte chunks:
 * the leading magic, one chunk per row group, the footer. `runs` holds the whole sweep, run i at
 * position i (a SweepResult does).
 */
export function* resultParquetChunks(plan: SweepPlan, runs: ResultRuns, header: ResultHeader): Generator<Uint8Array> {
  yield* parquetFromRecords(plan, header, resultHeaderRecords(plan, runs, header));
}

/** Writes records (in index order) as the Parquet result file of `header`. */
export function* parquetFromRecords(plan: SweepPlan, header: ResultHeader, records: Iterable<RunRecord>): Generator<Uint8Array> {
  const fields = resultFields(plan);
  const columns = parquetColumns(plan, fields);
  const writer = new ParquetWriter(columns, [
    { key: 'losslab', value: header.losslab },
    { key: 'losslab.header', value: resultHeaderJson(header) },
  ], `losslab version ${header.losslab}`);
  yield writer.start();
  let group: (number | string | null | readonly (number | null)[])[][] = fields.map(() => []);
  let rows = 0;
  for (const record of records) {
    fields.forEach((field, c) => {
      const v = record[field];
      group[c]!.push(v === undefined ? null : (v as number | string | null | readonly (number | null)[]));
    });
    if (++rows === ROW_GROUP_RUNS) {
      yield writer.rowGroup(group as ParquetValues[]);
      group = fields.map(() => []);
      rows = 0;
    }
  }
  if (rows > 0) yield writer.rowGroup(group as ParquetValues[]);
  yield writer.finish();
}
