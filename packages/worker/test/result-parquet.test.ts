// Parquet result files, read back by a real reader (DuckDB): every value of every run equals the
// JSON file's (the independent reference: another writer, text), with the types the README
// promises, the header in the footer's metadata, and the same bytes every time.

import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  allocateResult,
  planSweep,
  resultHeader,
  resultParquetChunks,
  resultToJson,
  ROW_GROUP_RUNS,
  RUN_FAILED,
  runChunk,
  writeChunk,
  type SweepPlan,
  type SweepResult,
} from '../src/index.js';
import { encodeStruct, i32, i64, binary, list, struct } from '../src/parquet/thrift-compact.js';
import { gridPlan, randomInitPlan } from './support/sweeps.js';

let dir: string;
let db: DuckDBConnection;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'losslab-parquet-'));
  db = await (await DuckDBInstance.create(':memory:')).connect();
});

afterAll(() => {
  db?.closeSync();
  rmSync(dir, { recursive: true, force: true });
});

function sweep(plan: SweepPlan, failRuns: readonly number[] = []): SweepResult {
  const result = allocateResult(plan);
  writeChunk(result, runChunk(plan, 0, plan.runCount));
  for (const r of failRuns) {
    result.status[r] = RUN_FAILED;
    result.failures.push({ start: r, end: r + 1, message: `=worker ${r} crashed, "badly"` });
  }
  return result;
}

function concat(chunks: Iterable<Uint8Array>): Uint8Array {
  const parts = [...chunks];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

let fileCount = 0;
function writeParquet(bytes: Uint8Array): string {
  const path = join(dir, `f${fileCount++}.parquet`);
  writeFileSync(path, bytes);
  return path;
}

/** The JSON file's run records (the reference). */
function jsonRecords(plan: SweepPlan, result: SweepResult, header = resultHeader(plan, '1.2.3')): Record<string, unknown>[] {
  return (JSON.parse(resultToJson(plan, result, header)) as { runs: Record<string, unknown>[] }).runs;
}

/** DuckDB's rows, with BIGINT as numbers and lists as arrays. */
async function duckRows(path: string): Promise<Record<string, unknown>[]> {
  const reader = await db.runAndReadAll(`select * from read_parquet('${path}') order by "index"`);
  return reader.getRowObjectsJS().map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v])));
}

/** Same value, −0 and 0 told apart. */
function same(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => same(v, b[i]));
  if (typeof a === 'number' && typeof b === 'number') return Object.is(a, b);
  return a === b;
}

/** Every field of every run equal, the JSON file's missing `error`/`initSample` being null/absent in Parquet. */
function expectSameRecords(parquet: Record<string, unknown>[], json: Record<string, unknown>[]): void {
  expect(parquet.length).toBe(json.length);
  const bad: string[] = [];
  json.forEach((record, r) => {
    const row = parquet[r]!;
    for (const key of Object.keys(row)) {
      const expected = record[key] ?? null;
      if (!same(row[key], expected)) bad.push(`run ${record.index}, ${key}: parquet ${JSON.stringify(row[key])}, json ${JSON.stringify(expected)}`);
    }
    for (const key of Object.keys(record)) if (!(key in row)) bad.push(`run ${record.index}: no column ${key}`);
  });
  expect(bad.slice(0, 10)).toEqual([]);
}

describe('thrift compact protocol', () => {
  it('encodes field headers, zigzag varints, binaries and lists as the protocol specifies', () => {
    // Field 1 i32 = 1: header (delta 1, type 5) 0x15, zigzag(1) = 2. Field 3 i64 = −1: 0x26, zigzag(−1) = 1. Stop 0.
    expect([...encodeStruct({ 1: i32(1), 3: i64(-1) })]).toEqual([0x15, 0x02, 0x26, 0x01, 0x00]);
    // A field id jump over 15 writes the type alone, then the id as a zigzag varint: 20 → 40 = 0x28.
    expect([...encodeStruct({ 20: binary('ab') })]).toEqual([0x08, 0x28, 0x02, 0x61, 0x62, 0x00]);
    // 300 as a zigzag varint is 600 = 0xd8 0x04; a list of 2 i32 has header 0x25.
    expect([...encodeStruct({ 1: list('i32', [i32(300), i32(-2)]) })]).toEqual([0x19, 0x25, 0xd8, 0x04, 0x03, 0x00]);
    // A list of 15 or more elements: 0xf0 | type, then the size as a varint; a nested struct ends with its own stop.
    const long = encodeStruct({ 1: list('struct', Array.from({ length: 15 }, () => struct({}))) });
    expect([...long.subarray(0, 3)]).toEqual([0x19, 0xfc, 0x0f]);
    expect(long.length).toBe(3 + 15 + 1);
  });
});

describe('Parquet result files, read by DuckDB', () => {
  it('one input, curve samples, failed runs: every value of every run equals the JSON file, with typed columns', async () => {
    const plan = gridPlan(120);
    const result = sweep(plan, [3, 500]);
    const header = resultHeader(plan, '1.2.3');
    const path = writeParquet(concat(resultParquetChunks(plan, result, header)));
    expectSameRecords(await duckRows(path), jsonRecords(plan, result, header));
    const types = Object.fromEntries((await db.runAndReadAll(`describe select * from read_parquet('${path}')`)).getRowObjectsJS().map((r) => [r.column_name, r.column_type]));
    expect(types).toMatchObject({ index: 'BIGINT', loss: 'VARCHAR', eta: 'DOUBLE', w0: 'DOUBLE', status: 'VARCHAR', error: 'VARCHAR', finalLoss: 'DOUBLE', epochsToFit: 'INTEGER', divergedAt: 'INTEGER', curve: 'DOUBLE[]' });
    const failed = (await db.runAndReadAll(`select "index", error from read_parquet('${path}') where status = 'failed' order by "index"`)).getRowObjectsJS();
    expect(failed).toEqual([
      { index: 3n, error: '=worker 3 crashed, "badly"' },
      { index: 500n, error: '=worker 500 crashed, "badly"' },
    ]);
  });

  it('three inputs, random normal inits, full curves with nulls past divergence: weights are lists', async () => {
    const plan = randomInitPlan();
    const result = sweep(plan);
    const header = resultHeader(plan, '1.2.3');
    const json = jsonRecords(plan, result, header);
    expect(json.some((r) => r.divergedAt !== null), 'the plan has diverged runs').toBe(true);
    const path = writeParquet(concat(resultParquetChunks(plan, result, header)));
    expectSameRecords(await duckRows(path), json);
    const types = Object.fromEntries((await db.runAndReadAll(`describe select * from read_parquet('${path}')`)).getRowObjectsJS().map((r) => [r.column_name, r.column_type]));
    expect(types).toMatchObject({ initSample: 'BIGINT', w0: 'DOUBLE[]', finalW: 'DOUBLE[]', curve: 'DOUBLE[]' });
  });

  it('carries the header (spec, curveEpochs, runCount, shard) and the version in the key-value metadata', async () => {
    const plan = gridPlan(20);
    const header = resultHeader(plan, '4.5.6', { index: 2, count: 3 });
    const path = writeParquet(concat(resultParquetChunks(plan, sweep(plan), header)));
    const kv = (await db.runAndReadAll(`select decode(key) as key, decode(value) as value from parquet_kv_metadata('${path}')`)).getRowObjectsJS();
    const meta = Object.fromEntries(kv.map((r) => [r.key, r.value]));
    expect(meta.losslab).toBe('4.5.6');
    const stored = JSON.parse(meta['losslab.header'] as string);
    expect(stored).toEqual(JSON.parse(JSON.stringify({ losslab: '4.5.6', spec: plan.spec, curveEpochs: Array.from(plan.curveEpochs), runCount: plan.runCount, shard: header.shard })));
    const rows = await duckRows(path);
    expect(rows.map((r) => r.index)).toEqual(Array.from({ length: header.shard!.end - header.shard!.start }, (_, k) => header.shard!.start + k));
  });

  it(`splits more than ${ROW_GROUP_RUNS} runs into row groups, and writes the same bytes every time`, async () => {
    const plan = planSweep({ version: 1, dataset: 'toy', losses: ['se', 'ce'], eta: { from: 0.1, to: 1, count: 5 }, init: { w0: { from: -3, to: 3, count: 90 }, b0: { from: -3, to: 3, count: 80 } }, epochs: 2, curve: 'none' });
    expect(plan.runCount).toBeGreaterThan(ROW_GROUP_RUNS);
    const result = sweep(plan);
    const header = resultHeader(plan, '1.2.3');
    const bytes = concat(resultParquetChunks(plan, result, header));
    expect(Buffer.from(concat(resultParquetChunks(plan, result, header))).equals(Buffer.from(bytes)), 'the same bytes when written again').toBe(true);
    const path = writeParquet(bytes);
    const groups = (await db.runAndReadAll(`select row_group_id, max(row_group_num_rows) as rows from parquet_metadata('${path}') group by row_group_id order by row_group_id`)).getRowObjectsJS();
    expect(groups.map((g) => Number(g.rows))).toEqual([ROW_GROUP_RUNS, plan.runCount - ROW_GROUP_RUNS]);
    expectSameRecords(await duckRows(path), jsonRecords(plan, result, header));
  });
});
