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
  checkParquetShards,
  mergedParquetChunks,
  ParquetFormatError,
  planParquetMerge,
  type ParquetSource,
  planSweep,
  resultHeader,
  resultParquetChunks,
  resultToJson,
  ROW_GROUP_RUNS,
  rowGroupRuns,
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

  it('optimizer, batch-size and weight-decay axes: the optimizer, its hyperparameters (null where it has none), batchSize and weightDecay columns equal the JSON file', async () => {
    const plan = planSweep({ version: 1, dataset: 'five-point', losses: ['se', 'ce'], optimizer: ['gd', 'nesterov', { name: 'adam', beta1: 0.8 }], eta: [0.1], batchSize: [1, 5], weightDecay: [0, 0.01], init: { w0: [-2, 2], b0: [1] }, epochs: 20, curve: 4 });
    const result = sweep(plan, []);
    const header = resultHeader(plan, '1.2.3');
    const path = writeParquet(concat(resultParquetChunks(plan, result, header)));
    expectSameRecords(await duckRows(path), jsonRecords(plan, result, header));
    const types = Object.fromEntries((await db.runAndReadAll(`describe select * from read_parquet('${path}')`)).getRowObjectsJS().map((r) => [r.column_name, r.column_type]));
    expect(types).toMatchObject({ optimizer: 'VARCHAR', momentum: 'DOUBLE', beta1: 'DOUBLE', beta2: 'DOUBLE', eps: 'DOUBLE', batchSize: 'BIGINT', weightDecay: 'DOUBLE' });
    expect(types).not.toHaveProperty('alpha');
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

  it('carries the header (spec, curveEpochs, runCount, stability, shard) and the version in the key-value metadata', async () => {
    const plan = gridPlan(20);
    const header = resultHeader(plan, '4.5.6', { index: 2, count: 3 });
    const path = writeParquet(concat(resultParquetChunks(plan, sweep(plan), header)));
    const kv = (await db.runAndReadAll(`select decode(key) as key, decode(value) as value from parquet_kv_metadata('${path}')`)).getRowObjectsJS();
    const meta = Object.fromEntries(kv.map((r) => [r.key, r.value]));
    expect(meta.losslab).toBe('4.5.6');
    const stored = JSON.parse(meta['losslab.header'] as string);
    expect(stored).toEqual(JSON.parse(JSON.stringify({ losslab: '4.5.6', spec: plan.spec, curveEpochs: Array.from(plan.curveEpochs), runCount: plan.runCount, stability: header.stability, shard: header.shard })));
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

/** A file in memory as a merge source. */
function source(name: string, bytes: Uint8Array): ParquetSource {
  return { name, size: bytes.length, readAt: (offset, length) => bytes.subarray(offset, Math.min(bytes.length, offset + length)) };
}

/** Shard I of N's Parquet file. */
function shardFile(plan: SweepPlan, result: SweepResult, index: number, count: number): Uint8Array {
  return concat(resultParquetChunks(plan, result, resultHeader(plan, '1.2.3', { index, count })));
}

function merged(sources: ParquetSource[]): Uint8Array {
  const merge = planParquetMerge(sources);
  checkParquetShards(merge);
  return concat(mergedParquetChunks(merge));
}

describe('merging Parquet shards', () => {
  it('a plan with long curves gets row groups of at most 32 MiB of result arrays (a power of two of runs); its shards merge into the unsharded bytes', async () => {
    // 300 runs of 20,000 epochs with full curves: 8·(5 + 1 + 20,000) + 4·4 + 2 = 160,066 bytes a
    // run; 32 MiB holds 209 of them, so row groups of 128 runs (S1's 322-byte runs keep 65,536).
    const plan = planSweep({ version: 1, dataset: 'toy', losses: ['se', 'ce'], eta: [0.5], init: { w0: { from: -3, to: 3, count: 15 }, b0: { from: -3, to: 3, count: 10 } }, epochs: 20_000, curve: 'full' });
    expect(rowGroupRuns(plan)).toBe(128);
    expect(rowGroupRuns(gridPlan(10))).toBe(ROW_GROUP_RUNS);
    // Not computed (every run pending): the layout, not the values, is under test here.
    const result = allocateResult(plan);
    const whole = concat(resultParquetChunks(plan, result, resultHeader(plan, '1.2.3')));
    const path = writeParquet(whole);
    const groups = (await db.runAndReadAll(`select row_group_id, max(row_group_num_rows) as rows from parquet_metadata('${path}') group by row_group_id order by row_group_id`)).getRowObjectsJS();
    expect(groups.map((g) => Number(g.rows))).toEqual([128, 128, 44]);
    const shards = [2, 1].map((k) => source(`s${k}.parquet`, shardFile(plan, result, k, 2)));
    expect(Buffer.from(merged(shards)).equals(Buffer.from(whole))).toBe(true);
  });

  it('3 shards of a sweep of more than one row group merge into the bytes of the unsharded file, in any order', () => {
    const plan = planSweep({ version: 1, dataset: 'toy', losses: ['se', 'ce'], eta: { from: 0.1, to: 1, count: 5 }, init: { w0: { from: -3, to: 3, count: 90 }, b0: { from: -3, to: 3, count: 80 } }, epochs: 3, curve: 2 });
    const result = sweep(plan, [5, 70_000]);
    const whole = concat(resultParquetChunks(plan, result, resultHeader(plan, '1.2.3')));
    const shards = [3, 1, 2].map((k) => source(`s${k}.parquet`, shardFile(plan, result, k, 3)));
    expect(Buffer.from(merged(shards)).equals(Buffer.from(whole))).toBe(true);
  });

  it("a shard's own result arrays (offset, as the CLI allocates a shard) give the same file as the whole sweep's arrays", () => {
    const plan = gridPlan(25);
    const whole = sweep(plan, [400]);
    const header = resultHeader(plan, '1.2.3', { index: 2, count: 3 });
    const { start, end } = header.shard!;
    const own = allocateResult(plan, { start, end });
    writeChunk(own, runChunk(plan, start, end));
    own.status[400 - start] = RUN_FAILED;
    own.failures.push(...whole.failures);
    const fromWhole = concat(resultParquetChunks(plan, whole, header));
    expect(Buffer.from(concat(resultParquetChunks(plan, own, header))).equals(Buffer.from(fromWhole))).toBe(true);
  });

  it('refuses a missing, a duplicate and a foreign shard, naming them', () => {
    const plan = gridPlan(10);
    const other = planSweep({ ...JSON.parse(JSON.stringify(plan.spec)), epochs: 11 });
    const result = sweep(plan);
    const files = [1, 2, 3].map((k) => source(`s${k}`, shardFile(plan, result, k, 3)));
    expect(() => merged([files[0]!, files[2]!])).toThrow(/shards missing: 2\/3/);
    expect(() => merged([files[0]!, files[1]!, files[1]!, files[2]!])).toThrow(/shard 2\/3 is given twice: s2 and s2/);
    const foreign = source('other', shardFile(other, sweep(other), 2, 3));
    expect(() => merged([files[0]!, foreign, files[2]!])).toThrow(/other: its spec differs from s1's/);
    expect(() => merged([source('whole', concat(resultParquetChunks(plan, result, resultHeader(plan, '1.2.3'))))])).toThrow(/not a shard's file/);
  });

  it('finds an edited value by its page checksum, and a consistently forged run by recomputing it', () => {
    const plan = gridPlan(30);
    const result = sweep(plan);
    const files = [1, 2].map((k) => shardFile(plan, result, k, 2));
    // Change the first run's finalB bytes in place: the page CRC no longer matches.
    const edited = files[0]!.slice();
    const finalB = new Uint8Array(new Float64Array([result.finalB[0]!]).buffer);
    const at = Buffer.from(edited).indexOf(Buffer.from(finalB));
    expect(at).toBeGreaterThan(0);
    edited[at + 3]! ^= 0x10;
    expect(() => merged([source('s1', edited), source('s2', files[1]!)])).toThrow(/s1: .*row group 0, column finalB: the page's CRC-32 does not match/);
    // A forger who rewrites the file through the writer (valid checksums) with run 0's finalB changed: recomputing run 0 finds it.
    const forged = allocateResult(plan);
    writeChunk(forged, runChunk(plan, 0, plan.runCount));
    forged.finalB[0] = forged.finalB[0]! + 1e-9;
    const forgedFile = shardFile(plan, forged, 1, 2);
    expect(() => merged([source('s1', forgedFile), source('s2', files[1]!)])).toThrow(/s1: run 0: finalB is/);
  });

  it('300 random single-byte changes of a shard: each is refused with a ParquetFormatError or merges to the same bytes', () => {
    const plan = gridPlan(20);
    const result = sweep(plan);
    const files = [1, 2].map((k) => shardFile(plan, result, k, 2));
    const expected = Buffer.from(merged(files.map((f, k) => source(`s${k + 1}`, f))));
    let seed = 12345;
    const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    let refused = 0;
    const wrong: string[] = [];
    for (let trial = 0; trial < 300; trial++) {
      const bytes = files[0]!.slice();
      const at = Math.floor(random() * bytes.length);
      bytes[at] = (bytes[at]! + 1 + Math.floor(random() * 255)) & 0xff;
      try {
        const out = Buffer.from(merged([source('s1', bytes), source('s2', files[1]!)]));
        if (!out.equals(expected)) wrong.push(`byte ${at}: merged to a different file`);
      } catch (error) {
        if (error instanceof ParquetFormatError) refused++;
        else wrong.push(`byte ${at}: ${(error as Error).name}: ${(error as Error).message}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(refused).toBeGreaterThan(250);
  });
});
