// --shard I/N and merge: the shards' merged output is the unsharded output, byte for byte (the
// shards' own checksums are checked while merging, not recorded); merge refuses missing,
// duplicated and foreign shards and writes nothing then. @losslab/worker's
// parseResultJson (what the app imports with) reads every one of these files.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseResultJson, RUN_DONE, RUN_PENDING, shardRange } from '@losslab/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir, type SweepDocument } from './run-cli.js';

const tmp = tempDir();
afterAll(() => tmp.remove());

// 2 losses × 3 η × 4 w0 × 3 b0 = 72 runs; 3 shards of 24, 5 shards of 14 or 15.
const SWEEP = ['sweep', '--data', 'five-point', '--eta', '0.1:10:3:log', '--w0', '-3:3:4', '--b0', '-1,0,1', '--epochs', '120', '--curve', '6'];

async function sweepTo(file: string, ...extra: string[]): Promise<void> {
  const { code, stderr } = await runCli([...SWEEP, '--out', tmp.path(file), ...(extra.includes('--workers') ? extra : [...extra, '--workers', '2'])]);
  expect(stderr).toBe('');
  expect(code, stderr).toBe(0);
}

describe('sharded sweeps', () => {
  beforeAll(async () => {
    await Promise.all([
      sweepTo('whole.json'),
      sweepTo('whole.csv'),
      ...[1, 2, 3].flatMap((i) => [sweepTo(`s${i}.json`, '--shard', `${i}/3`), sweepTo(`s${i}.csv`, '--shard', `${i}/3`)]),
      ...[1, 2, 3, 4, 5].map((i) => sweepTo(`f${i}.json`, '--shard', `${i}/5`, '--workers', '1')),
    ]);
  });

  it('each shard says which shard and which runs it holds', () => {
    const shard = JSON.parse(readFileSync(tmp.path('s2.json'), 'utf8')) as SweepDocument;
    expect(shard.shard).toEqual({ index: 2, count: 3, start: 24, end: 48 });
    expect(shard.runCount).toBe(72);
    expect(shard.runs.map((r) => r.index)).toEqual(Array.from({ length: 24 }, (_, k) => 24 + k));
    const whole = JSON.parse(readFileSync(tmp.path('whole.json'), 'utf8')) as SweepDocument;
    expect(shard.runs).toEqual(whole.runs.slice(24, 48));
    expect(readFileSync(tmp.path('s2.csv'), 'utf8')).toMatch(/^#losslab \{.*"shard":\{"index":2,"count":3,"start":24,"end":48\}\}\nindex,loss,/);
  });

  it('merging 1/3, 2/3 and 3/3 (in any order) gives the unsharded JSON byte for byte', async () => {
    const { code, stderr } = await runCli(['merge', 's3.json', 's1.json', 's2.json', '--out', 'merged.json'], { cwd: tmp.dir });
    expect(stderr).toBe('');
    expect(code, stderr).toBe(0);
    expect(readFileSync(tmp.path('merged.json'), 'utf8')).toBe(readFileSync(tmp.path('whole.json'), 'utf8'));
  });

  it('merging the CSV shards gives the unsharded CSV byte for byte, on stdout by default', async () => {
    const { code, stderr, stdout } = await runCli(['merge', 's1.csv', 's2.csv', 's3.csv'], { cwd: tmp.dir });
    expect(code, stderr).toBe(0);
    expect(stdout).toBe(readFileSync(tmp.path('whole.csv'), 'utf8'));
  });

  it('CSV shards of a sweep with optimizer, batch-size and weight-decay axes merge into the unsharded CSV byte for byte', async () => {
    const axes = ['sweep', '--data', 'five-point', '--optimizer', 'gd,adam:beta1=0.8', '--batch', '2,5', '--weight-decay', '0,0.01', '--eta', '0.1,1', '--w0', '-2,2', '--b0', '-1,1', '--epochs', '40', '--curve', '3'];
    expect((await runCli([...axes, '--out', tmp.path('axes.csv')])).code).toBe(0);
    for (const k of [1, 2, 3]) expect((await runCli([...axes, '--shard', `${k}/3`, '--out', tmp.path(`axes${k}.csv`)])).code).toBe(0);
    const merged = await runCli(['merge', tmp.path('axes3.csv'), tmp.path('axes1.csv'), tmp.path('axes2.csv')]);
    expect(merged.code, merged.stderr).toBe(0);
    expect(merged.stdout).toBe(readFileSync(tmp.path('axes.csv'), 'utf8'));
  });

  it('a split into 5 shards merges to the same bytes too', async () => {
    const { code, stderr } = await runCli(['merge', ...[5, 4, 3, 2, 1].map((i) => `f${i}.json`), '--out', 'merged5.json'], { cwd: tmp.dir });
    expect(code, stderr).toBe(0);
    expect(readFileSync(tmp.path('merged5.json'), 'utf8')).toBe(readFileSync(tmp.path('whole.json'), 'utf8'));
  });

  it("@losslab/worker's parseResultJson reads the whole, a shard's and the merged file, to the same values", async () => {
    const { code, stderr } = await runCli(['merge', 's2.json', 's1.json', 's3.json', '--out', 'merged-for-parse.json'], { cwd: tmp.dir });
    expect(code, stderr).toBe(0);
    const whole = parseResultJson(readFileSync(tmp.path('whole.json'), 'utf8'));
    const merged = parseResultJson(readFileSync(tmp.path('merged-for-parse.json'), 'utf8'));
    expect(whole.plan.runCount).toBe(72);
    expect(whole.result.completed).toBe(72);
    expect(merged.header).toEqual(whole.header);
    expect(merged.runsSha256).toBe(whole.runsSha256);
    const shard = parseResultJson(readFileSync(tmp.path('f3.json'), 'utf8'));
    const { start, end } = shardRange({ index: 3, count: 5 }, 72);
    expect(shard.header.shard).toEqual({ index: 3, count: 5, start, end });
    expect(shard.result.completed).toBe(end - start);
    for (let i = 0; i < 72; i++) {
      expect(merged.result.finalLoss[i]).toBe(whole.result.finalLoss[i]);
      expect(merged.result.curves.subarray(i * 6, i * 6 + 6)).toEqual(whole.result.curves.subarray(i * 6, i * 6 + 6));
      const inShard = i >= start && i < end;
      expect(shard.result.status[i]).toBe(inShard ? RUN_DONE : RUN_PENDING);
      if (inShard) expect([shard.result.finalW[i], shard.result.plateauEpochs[i], shard.result.outcome[i]]).toEqual([whole.result.finalW[i], whole.result.plateauEpochs[i], whole.result.outcome[i]]);
    }
  });

  it('refuses a missing shard, naming it, and writes nothing', async () => {
    const { code, stderr } = await runCli(['merge', 's1.json', 's3.json', '--out', 'missing.json'], { cwd: tmp.dir });
    expect(code, stderr).toBe(2);
    expect(stderr).toContain('runs [24, 48) are in no file: shard 2/3 is missing');
    expect(existsSync(tmp.path('missing.json'))).toBe(false);
  });

  it('refuses a shard given twice', async () => {
    const { code, stderr } = await runCli(['merge', 's1.json', 's2.json', 's2.json', 's3.json', '--out', 'twice.json'], { cwd: tmp.dir });
    expect(code, stderr).toBe(2);
    expect(stderr).toContain('shard 2/3 is given twice');
    expect(existsSync(tmp.path('twice.json'))).toBe(false);
  });

  it('refuses overlapping shards of different splits, naming both files', async () => {
    const { code, stderr } = await runCli(['merge', 's1.json', 'f2.json', 's2.json', 's3.json'], { cwd: tmp.dir });
    expect(code, stderr).toBe(2);
    expect(stderr).toMatch(/f2\.json \(shard 2\/5, runs \[14, 28\)\) .*overlap/);
  });

  it('refuses shards of different sweeps or formats, and files that are not outputs', async () => {
    writeFileSync(tmp.path('other.json'), readFileSync(tmp.path('s2.json'), 'utf8').replace('"epochs":120', '"epochs":121'));
    const other = await runCli(['merge', 's1.json', 'other.json', 's3.json'], { cwd: tmp.dir });
    expect(other.code, other.stderr).toBe(2);
    expect(other.stderr).toContain('have different specs');
    const mixed = await runCli(['merge', 's1.json', 's2.csv', 's3.json'], { cwd: tmp.dir });
    expect(mixed.code, mixed.stderr).toBe(2);
    expect(mixed.stderr).toContain('differ in format');
    const plainCsv = await runCli(['merge', 'whole.csv'], { cwd: tmp.dir });
    expect(plainCsv.code, plainCsv.stderr).toBe(2);
    expect(plainCsv.stderr).toContain('whole.csv');
    writeFileSync(tmp.path('cut.json'), readFileSync(tmp.path('s2.json'), 'utf8').split('\n').slice(0, 12).join('\n'));
    const cut = await runCli(['merge', 's1.json', 'cut.json', 's3.json', '--out', 'cut-out.json'], { cwd: tmp.dir });
    expect(cut.stderr + cut.code).toContain('cut short');
    expect(cut.code, cut.stderr).toBe(2);
    expect(cut.stderr).toContain('cut.json');
    expect(existsSync(tmp.path('cut-out.json'))).toBe(false);
    const none = await runCli(['merge'], { cwd: tmp.dir });
    expect(none.code, none.stderr).toBe(2);
    const absent = await runCli(['merge', 'nope.json'], { cwd: tmp.dir });
    expect(absent.code, absent.stderr).toBe(2);
    expect(absent.stderr).toContain('nope.json');
  });

  it('a shard with no runs (more shards than runs) is a valid, empty part', async () => {
    const args = ['sweep', '--epochs', '10', '--curve', 'none', '--workers', '1'];
    const [whole, a, b, c] = await Promise.all([
      runCli([...args, '--out', 'tiny.json'], { cwd: tmp.dir }),
      runCli([...args, '--shard', '1/3', '--out', 't1.json'], { cwd: tmp.dir }),
      runCli([...args, '--shard', '2/3', '--out', 't2.json'], { cwd: tmp.dir }),
      runCli([...args, '--shard', '3/3', '--out', 't3.json'], { cwd: tmp.dir }),
    ]);
    expect([whole.code, a.code, b.code, c.code]).toEqual([0, 0, 0, 0]);
    expect((JSON.parse(readFileSync(tmp.path('t1.json'), 'utf8')) as SweepDocument).runs).toEqual([]);
    const merged = await runCli(['merge', 't1.json', 't2.json', 't3.json'], { cwd: tmp.dir });
    expect(merged.code, merged.stderr).toBe(0);
    expect(merged.stdout).toBe(readFileSync(tmp.path('tiny.json'), 'utf8'));
  });
});
