// A file output is written through a window of runs (--window-runs N, or one chosen from the
// plan): the pool holds a ring of N runs, and the file has exactly the bytes of the same sweep
// written to stdout (which holds every run until the last one, with no window), for a whole sweep
// and for a shard, in JSON, CSV and Parquet; windowed shards merge into the unsharded file. The
// caps on result memory apply to the window for a file.

import { readFileSync } from 'node:fs';
import { bytesPerRun, planSweep, rowGroupRuns, shardRange, type SweepPlan } from '@losslab/worker';
import { afterAll, describe, expect, it } from 'vitest';
import { checkShardLimits, checkWindowLimits, SHARDED_PLAN_LIMITS } from '../src/shard-limits.js';
import { windowRuns, WINDOW_BYTES } from '../src/window-runs.js';
import { runCli, stdoutBytes, tempDir } from './run-cli.js';

const tmp = tempDir();
afterAll(() => tmp.remove());

async function sweepTo(args: readonly string[], file: string): Promise<Buffer> {
  const { code, stderr } = await runCli([...args, '--out', tmp.path(file)]);
  expect(stderr).toBe('');
  expect(code, stderr).toBe(0);
  return readFileSync(tmp.path(file));
}

// 2 × 4 × 8 × 8 = 512 runs of 300 epochs: 768,000 point-steps, past the in-process limit, so the
// pool (and its window) runs them.
const SWEEP = ['sweep', '--data', 'five-point', '--loss', 'se,ce', '--eta', '0.01:3:4:log', '--w0', '-6:6:8', '--b0', '-6:6:8', '--epochs', '300', '--curve', '8', '--workers', '2'];

describe.each(['json', 'csv'])('a %s file written through a tiny window', (format) => {
  const args = [...SWEEP, '--format', format];

  it('has the bytes of stdout, for windows of 1 and 7 runs and the default one', async () => {
    const expected = await stdoutBytes(args);
    expect(expected.length).toBeGreaterThan(1000);
    for (const extra of [['--window-runs', '1'], ['--window-runs', '7'], []]) {
      const file = await sweepTo([...args, ...extra], `w${extra[1] ?? 'default'}.${format}`);
      expect(file.equals(expected), `--window-runs ${extra[1] ?? '(default)'}`).toBe(true);
    }
  });

  it("a shard's file has the bytes of its stdout, and windowed shards merge into the unsharded bytes", async () => {
    const shard2 = await stdoutBytes([...args, '--shard', '2/3']);
    expect((await sweepTo([...args, '--shard', '2/3', '--window-runs', '5'], `s2.${format}`)).equals(shard2)).toBe(true);
    for (const k of [1, 3]) await sweepTo([...args, '--shard', `${k}/3`, '--window-runs', '11'], `s${k}.${format}`);
    const merged = await runCli(['merge', tmp.path(`s3.${format}`), tmp.path(`s1.${format}`), tmp.path(`s2.${format}`), '--out', tmp.path(`merged.${format}`)]);
    expect(merged.code, merged.stderr).toBe(0);
    expect(readFileSync(tmp.path(`merged.${format}`)).equals(await stdoutBytes(args))).toBe(true);
  });
});

describe('a Parquet file written through a window', () => {
  // 140,000 runs: three row groups of 65,536 (rowGroupRuns of this plan); --window-runs 1 is
  // rounded up to one row group, so the ring of 65,536 runs wraps twice.
  const big = ['sweep', '--data', 'toy', '--loss', 'se,ce', '--eta', '0.1:2:7', '--w0', '-4:4:100', '--b0', '-4:4:100', '--epochs', '2', '--curve', '1', '--workers', '2', '--format', 'parquet'];

  it('of one row group, wrapping twice, has the bytes of stdout; so do its windowed shards once merged', async () => {
    const expected = await stdoutBytes(big);
    expect((await sweepTo([...big, '--window-runs', '1'], 'big.parquet')).equals(expected)).toBe(true);
    await sweepTo([...big, '--shard', '1/2', '--window-runs', '1'], 'b1.parquet');
    await sweepTo([...big, '--shard', '2/2', '--window-runs', '70000'], 'b2.parquet');
    const merged = await runCli(['merge', tmp.path('b2.parquet'), tmp.path('b1.parquet'), '--out', tmp.path('bm.parquet')]);
    expect(merged.code, merged.stderr).toBe(0);
    expect(readFileSync(tmp.path('bm.parquet')).equals(expected)).toBe(true);
  });

  it('of the small sweep, with a shard, has the bytes of stdout', async () => {
    const args = [...SWEEP, '--format', 'parquet', '--shard', '2/2'];
    expect((await sweepTo([...args, '--window-runs', '3'], 'small.parquet')).equals(await stdoutBytes(args))).toBe(true);
  });
});

describe('--window-runs', () => {
  it.each(['0', '-2', '1.5', 'many'])('refuses %s (exit 2, naming the flag and the value, nothing written)', async (value) => {
    const { code, stderr, stdout } = await runCli([...SWEEP, '--out', tmp.path('bad.json'), '--window-runs', value]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('--window-runs');
    expect(stderr).toContain(value);
  });

  it('is refused for stdout, which is written after the last run', async () => {
    const { code, stderr } = await runCli([...SWEEP, '--window-runs', '10']);
    expect(code).toBe(2);
    expect(stderr).toContain('--window-runs 10: only a file (--out FILE) is written through a window');
  });
});

/** Full curves of `epochs` epochs: 2 losses × 5 η × count inits, planned as a shard plans it. */
function fullCurvePlan(epochs: number, count: number, limits?: typeof SHARDED_PLAN_LIMITS): SweepPlan {
  return planSweep({ version: 1, dataset: 'five-point', losses: ['se', 'ce'], eta: [0.1, 0.5, 1, 2, 5], init: { scheme: 'uniform', parameter: 3, count, seed: 1 }, epochs, curve: 'full' }, limits);
}

describe('the result-memory cap applies to the window for a file', () => {
  // 10^9 runs, 1000-epoch full curves: 8·(5 + 1 + 1000) + 4·4 + 2 = 8,066 bytes a run.
  const plan = fullCurvePlan(1000, 100_000_000, SHARDED_PLAN_LIMITS);
  const shard = { index: 7, count: 1000 };
  const range = shardRange(shard, plan.runCount); // 10^6 runs: 7.5 GiB of arrays if held whole

  it('a 10^6-run shard with full curves is refused held whole (stdout), naming --shard, and accepted through a window', () => {
    expect(range.end - range.start).toBe(1_000_000);
    expect(() => checkShardLimits(plan, shard, range)).toThrow(/^--shard 7\/1000: the shard has 1000000 runs, 7692\.3 MiB of results \(8066 bytes a run\), more than the per-process cap of 1024\.0 MiB/);
    expect(() => checkShardLimits(plan, shard, range, undefined, true)).not.toThrow();
    const window = windowRuns(plan, 'json', 2);
    expect(window).toBe(Math.floor(WINDOW_BYTES / 8066));
    expect(() => checkWindowLimits(plan, window, 1_000_000, undefined)).not.toThrow();
    // Parquet: whole row groups of 4,096 runs (32 MiB / 8,066 bytes = 4,160), at least two.
    expect(rowGroupRuns(plan)).toBe(4096);
    expect(windowRuns(plan, 'parquet', 2)).toBe(8192);
    expect(windowRuns(plan, 'parquet', 2, 5000)).toBe(8192); // rounded up to whole row groups
    // The run cap still applies to the shard.
    expect(() => checkShardLimits(plan, { index: 1, count: 50 }, shardRange({ index: 1, count: 50 }, plan.runCount), undefined, true)).toThrow(/more than the per-process cap of 10000000 runs/);
  });

  it('a window past the cap is refused, naming --window-runs and its value, or --curve', () => {
    expect(bytesPerRun(1, 1000)).toBe(8066);
    expect(() => checkWindowLimits(plan, 200_000, 1_000_000, '200000')).toThrow('--window-runs 200000: the window holds 200000 runs, 1538.5 MiB of results (8066 bytes a run), more than the per-process cap of 1024.0 MiB; give at most 133119');
    expect(() => checkWindowLimits(plan, 200_000, 1_000_000, undefined)).toThrow(/^--curve: the window holds 200000 runs/);
    // A window larger than the range holds the range only.
    expect(() => checkWindowLimits(plan, 200_000, 1000, '200000')).not.toThrow();
  });

  it('through the CLI: a whole sweep whose results pass the cap is refused to stdout but planned for a file (refused there only for its window)', async () => {
    // 2 × 5 × 14,000 runs × 8,066 bytes = 1.05 GiB held whole.
    const spec = ['sweep', '--data', 'five-point', '--loss', 'se,ce', '--eta', '0.1,0.5,1,2,5', '--init', 'uniform=3:14000:1', '--epochs', '1000', '--curve', 'full'];
    const piped = await runCli(spec);
    expect(piped.code).toBe(2);
    expect(piped.stderr).toMatch(/more than the cap of 1024\.0 MiB/);
    const file = await runCli([...spec, '--out', tmp.path('capped.json'), '--window-runs', '140000']);
    expect(file.code).toBe(2);
    expect(file.stderr).toContain('--window-runs 140000: the window holds 140000 runs');
  });
});
