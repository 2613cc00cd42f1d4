// A smoke test of `losslab bench` on a tiny workload (S1's grid, 3 epochs, one repetition). The
// real benchmark is run by hand: `pnpm bench`.

import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

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
    expect(report.cancellation.samplesMs.length + report.cancellation.finishedBeforeAbort).toBe(5);
  });

  it('prints a table without --json', async () => {
    const { code, stdout, stderr } = await runCli(['bench', '--repeat', '1', '--epochs', '2', '--workers', '2']);
    expect(code, stderr).toBe(0);
    expect(stdout).toContain('NOT benchmark S1');
    expect(stdout).toMatch(/ns\/point-step/);
    expect(stdout).toContain('PASS');
  });
});
