// A smoke test of `losslab bench` on a tiny workload (S1's grid, 3 epochs, one repetition). The
// real benchmark is run by hand: `pnpm bench`.

import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allocateResult, benchmarkS1Spec, planSweep, resultCsvChunks, resultHeader, resultJsonChunks, resultParquetChunks, runChunk, writeChunk } from '@losslab/worker';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';
import { VERSION } from '../src/version.js';
import { childEnvironment } from '../src/bench-process.js';

describe('childEnvironment', () => {
  it('drops NODE_EXTRA_CA_CERTS and keeps every other variable', () => {
    const env = { PATH: '/usr/bin', NODE_EXTRA_CA_CERTS: '/etc/ssl/certs/ca-certificates.crt', NODE_OPTIONS: '--max-old-space-size=512', HOME: '/root' };
    expect(childEnvironment(env)).toEqual({ PATH: '/usr/bin', NODE_OPTIONS: '--max-old-space-size=512', HOME: '/root' });
    expect(env.NODE_EXTRA_CA_CERTS).toBe('/etc/ssl/certs/ca-certificates.crt');
  });
});

describe('losslab bench', () => {
  it('--json reports both pool sizes, cancellation, exactness against core and peak RSS', async () => {
    const { code, stdout, stderr } = await runCli(['bench', '--repeat', '1', '--epochs', '3', '--workers', '2', '--json']);
    expect(stderr).toBe('');
    expect(code, stderr).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.workload).toMatchObject({ name: 'S1-grid', runs: 32768, epochs: 3, points: 5, pointSteps: 32768 * 3 * 5 });
    expect(report.pools.map((p: { workers: number }) => p.workers)).toEqual([1, 2]);
    for (const pool of report.pools) {
      expect(pool.wallSeconds).toHaveLength(1);
      expect(pool.nsPerPointStep).toBeGreaterThan(0);
      expect(pool.runsPerSecond).toBeGreaterThan(0);
    }
    expect(report.speedup).toBeGreaterThan(0);
    expect(report.exactness).toMatchObject({ pass: true, parametersBitIdentical: true, poolSizesBitIdentical: true });
    expect(report.exactness.checked).toBeGreaterThanOrEqual(200);
    expect(report.exactness.maxRelativeDifference).toMatchObject({ finalW: 0, finalB: 0 });
    expect(report.exactness.maxRelativeDifference.finalLoss).toBeLessThanOrEqual(1e-9);
    expect(report.peakRssMiB).toBeGreaterThan(0);
    // The writers wrote whole files: their sizes are those of the files written here, from the same grid's runs.
    const plan = planSweep(benchmarkS1Spec(3));
    const result = allocateResult(plan);
    writeChunk(result, runChunk(plan, 0, plan.runCount));
    const header = resultHeader(plan, VERSION);
    const size = (chunks: Iterable<string | Uint8Array>) => [...chunks].reduce((n, c) => n + (typeof c === 'string' ? Buffer.byteLength(c) : c.byteLength), 0) / 2 ** 20;
    const expected = { json: size(resultJsonChunks(plan, result, header)), csv: size(resultCsvChunks(plan, result, header)), parquet: size(resultParquetChunks(plan, result, header)) };
    expect(report.writers.map((w: { format: string }) => w.format)).toEqual(['json', 'csv', 'parquet']);
    for (const w of report.writers) {
      expect(w.medianSeconds).toBeGreaterThan(0);
      expect(w.mebibytes, w.format).toBeCloseTo(expected[w.format as keyof typeof expected], 9);
    }
    expect(report.cancellation.samplesMs.length + report.cancellation.finishedBeforeAbort).toBe(5);
  });

  it('prints a table without --json', async () => {
    const { code, stdout, stderr } = await runCli(['bench', '--repeat', '1', '--epochs', '2', '--workers', '2']);
    expect(code, stderr).toBe(0);
    expect(stdout).toContain('NOT benchmark S1');
    expect(stdout).toMatch(/ns\/point-step/);
    expect(stdout).toContain('PASS');
    expect(stdout).toMatch(/floors: 2-run sweep < 0\.15 s (met|NOT met); 2 workers ≥ 1\.7× faster than 1 (met|NOT met)/);
    expect(stdout).toMatch(/whole process \/ the pool's run\(\) alone: \d+\.\d\d×/);
    expect(stdout).toMatch(/floor: Parquet < 10 % of the sweep's compute time (met|NOT met)/);
  });

  it('--json times whole spawned processes: node alone, a 2-run sweep, the grid on 1 and N workers, with the files they wrote', async () => {
    const { code, stdout, stderr } = await runCli(['bench', '--repeat', '2', '--epochs', '2', '--workers', '2', '--json']);
    expect(code, stderr).toBe(0);
    const e2e = JSON.parse(stdout).endToEnd;
    const rows = [e2e.nodeAlone, e2e.tiny, ...e2e.grid];
    expect(rows.map((r: { workers: number }) => r.workers)).toEqual([0, 2, 1, 2]);
    for (const r of rows) {
      expect(r.wallSeconds).toHaveLength(2);
      expect(r.medianSeconds).toBe((r.wallSeconds[0] + r.wallSeconds[1]) / 2);
    }
    expect(e2e.grid[0].command).toContain('--workers 1');
    expect(e2e.grid[1].command).toContain('--workers 2');
    expect(e2e.outputsIdentical).toBe(true);
    expect(e2e.speedup).toBe(e2e.grid[0].medianSeconds / e2e.grid[1].medianSeconds);
    expect(e2e.tinyOverNode).toBe(e2e.tiny.medianSeconds / e2e.nodeAlone.medianSeconds);
    // `node -e 0` is timed a second time, with the variable, only when the environment sets it.
    expect(e2e.nodeWithExtraCerts === undefined).toBe(!process.env.NODE_EXTRA_CA_CERTS);
    // The floors are judged on the figures reported (whatever this machine's load makes them).
    expect(e2e.floors).toEqual({ tinyUnderSeconds: e2e.tiny.medianSeconds < 0.15, speedupAtLeast: e2e.speedup >= 1.7 });
    // The commands really ran: the same sweeps run here write files of the sizes the bench saw.
    const dir = mkdtempSync(join(tmpdir(), 'losslab-bench-test-'));
    try {
      const tinyOut = join(dir, 'tiny.json');
      const tiny = await runCli(['sweep', '--data', 'five-point', '--loss', 'se,ce', '--eta', '0.15', '--w0', '2', '--b0', '2', '--epochs', '300', '--curve', 'none', '--format', 'json', '--workers', '1', '--out', tinyOut]);
      expect(tiny.code, tiny.stderr).toBe(0);
      expect(e2e.tiny.outputBytes).toBe(statSync(tinyOut).size);
      const gridOut = join(dir, 'grid.json');
      const grid = await runCli(['sweep', '--data', 'five-point', '--loss', 'se,ce', '--eta', '1e-3:10:16:log', '--w0', '-6:6:32', '--b0', '-6:6:32', '--epochs', '2', '--curve', 'none', '--format', 'json', '--out', gridOut]);
      expect(grid.code, grid.stderr).toBe(0);
      expect(e2e.grid[0].outputBytes).toBe(statSync(gridOut).size);
      expect(e2e.grid[1].outputBytes).toBe(statSync(gridOut).size);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
