// `losslab sweep --format parquet` and `losslab merge` of Parquet shards, end to end through the
// built CLI, read back by a real reader (DuckDB): every value of every run equals the JSON
// output's, the shards merge into the unsharded file's bytes, and a bad set of shards writes nothing.

import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, stdoutBytes, tempDir, type SweepDocument } from './run-cli.js';

const tmp = tempDir();
let db: DuckDBConnection;
beforeAll(async () => {
  db = await (await DuckDBInstance.create(':memory:')).connect();
});
afterAll(() => {
  db?.closeSync();
  tmp.remove();
});

const SWEEP = ['sweep', '--data', 'five-point', '--loss', 'se,ce', '--eta', '0.01:3:4:log', '--w0', '-6:6:6', '--b0', '-6:6:5', '--epochs', '300', '--curve', '8', '--workers', '2'];

describe('Parquet output', () => {
  it('--out *.parquet writes typed columns whose every value equals the JSON output, read by DuckDB', async () => {
    expect((await runCli([...SWEEP, '--out', tmp.path('s.parquet')])).code).toBe(0);
    expect((await runCli([...SWEEP, '--out', tmp.path('s.json')])).code).toBe(0);
    const json = JSON.parse(readFileSync(tmp.path('s.json'), 'utf8')) as SweepDocument;
    const rows = (await db.runAndReadAll(`select * from read_parquet('${tmp.path('s.parquet')}') order by "index"`)).getRowObjectsJS();
    expect(rows).toHaveLength(json.runCount);
    const bad: string[] = [];
    json.runs.forEach((run, r) => {
      const row = rows[r]!;
      for (const [key, value] of Object.entries(run)) {
        const stored = typeof row[key] === 'bigint' ? Number(row[key]) : row[key];
        if (JSON.stringify(stored) !== JSON.stringify(value) || (typeof value === 'number' && !Object.is(stored, value))) bad.push(`run ${run.index} ${key}: ${String(stored)} vs ${JSON.stringify(value)}`);
      }
    });
    expect(bad.slice(0, 5)).toEqual([]);
    // The spec travels in the file: DuckDB reads it back from the key-value metadata.
    const meta = (await db.runAndReadAll(`select decode(value) as v from parquet_kv_metadata('${tmp.path('s.parquet')}') where decode(key) = 'losslab.header'`)).getRowObjectsJS();
    expect(JSON.parse(meta[0]!.v as string).spec).toEqual(json.spec);
  });

  it('a sweep of several row groups, written while the workers compute, has the row count and the bytes of stdout (written after the last run)', async () => {
    // 140,000 runs: three row groups of up to 65,536, written to the file as each is finished.
    const big = ['sweep', '--data', 'toy', '--loss', 'se,ce', '--eta', '0.1:2:7', '--w0', '-4:4:100', '--b0', '-4:4:100', '--epochs', '2', '--curve', '1', '--workers', '2', '--format', 'parquet'];
    expect((await runCli([...big, '--out', tmp.path('big.parquet')])).code).toBe(0);
    const piped = await stdoutBytes(big);
    expect(piped.equals(readFileSync(tmp.path('big.parquet')))).toBe(true);
    const groups = (await db.runAndReadAll(`select count(distinct row_group_id) as g from parquet_metadata('${tmp.path('big.parquet')}')`)).getRowObjectsJS();
    expect(Number(groups[0]!.g)).toBe(3);
    const count = (await db.runAndReadAll(`select count(*) as n, count(distinct "index") as d, min("index") as lo, max("index") as hi from read_parquet('${tmp.path('big.parquet')}')`)).getRowObjectsJS();
    expect(count[0]).toMatchObject({ n: 140_000n, d: 140_000n, lo: 0n, hi: 139_999n });
  });

  it('--format parquet to stdout gives the same bytes as --out', async () => {
    const out = await stdoutBytes([...SWEEP, '--format', 'parquet']);
    expect(out.equals(readFileSync(tmp.path('s.parquet')))).toBe(true);
  });

  it('merge: 3 Parquet shards give the bytes of the unsharded file; a missing shard exits 2 and writes nothing', async () => {
    for (const k of [1, 2, 3]) expect((await runCli([...SWEEP, '--shard', `${k}/3`, '--out', tmp.path(`p${k}.parquet`)])).code).toBe(0);
    const merged = await runCli(['merge', tmp.path('p2.parquet'), tmp.path('p3.parquet'), tmp.path('p1.parquet'), '--out', tmp.path('merged.parquet')]);
    expect(merged.code).toBe(0);
    expect(readFileSync(tmp.path('merged.parquet')).equals(readFileSync(tmp.path('s.parquet')))).toBe(true);
    const missing = await runCli(['merge', tmp.path('p1.parquet'), tmp.path('p3.parquet')]);
    expect(missing.code).toBe(2);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toMatch(/shards missing: 2\/3/);
    // A changed byte in a shard's data: refused by its page checksum, nothing written.
    const bytes = readFileSync(tmp.path('p2.parquet'));
    bytes[200] = bytes[200]! ^ 0xff;
    writeFileSync(tmp.path('p2-edited.parquet'), bytes);
    const edited = await runCli(['merge', tmp.path('p1.parquet'), tmp.path('p2-edited.parquet'), tmp.path('p3.parquet'), '--out', tmp.path('never.parquet')]);
    expect(edited.code).toBe(2);
    expect(edited.stderr).toMatch(/p2-edited\.parquet: /);
    expect(existsSync(tmp.path('never.parquet'))).toBe(false);
  });
});
