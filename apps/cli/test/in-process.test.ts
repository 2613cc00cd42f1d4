// Small sweeps run in the main thread (no worker thread): the file is the same, byte for
// byte, as the one the worker pool gives for the same spec (computed here through
// the library), and the size rule is the documented one.

import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { planSweep, resultHeader, resultToCsv, resultToJson, type SweepSpec } from '@losslab/worker';
import { createNodePool } from '@losslab/worker/node';
import { IN_PROCESS_POINT_STEPS, runsInProcess } from '../src/sweep.js';
import { runCli, tempDir } from './run-cli.js';

const tmp = tempDir();
afterAll(() => tmp.remove());
const VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

describe('a small sweep', () => {
  // 2 losses × 3 η × 4 × 2 inits = 48 runs × 300 epochs × 5 points = 72 000 point-steps: in process.
  const spec: SweepSpec = { version: 1, dataset: 'five-point', losses: ['se', 'ce'], eta: [0.15, 1, 6], init: { w0: [-2, 0, 2, 4], b0: [2, -1] }, epochs: 300, curve: 8 };
  const args = ['sweep', '--data', 'five-point', '--loss', 'se,ce', '--eta', '0.15,1,6', '--w0=-2,0,2,4', '--b0=2,-1', '--epochs', '300', '--curve', '8', '--workers', '2'];

  it('is small by the rule: runs × epochs × points × features ≤ IN_PROCESS_POINT_STEPS', () => {
    const plan = planSweep(spec);
    expect(plan.runCount * 300 * 5).toBeLessThanOrEqual(IN_PROCESS_POINT_STEPS);
    expect(runsInProcess(plan, { start: 0, end: plan.runCount })).toBe(true);
    const big = planSweep({ ...spec, epochs: 1000 });
    expect(big.runCount * 1000 * 5).toBeGreaterThan(IN_PROCESS_POINT_STEPS);
    expect(runsInProcess(big, { start: 0, end: big.runCount })).toBe(false);
    expect(runsInProcess(big, { start: 0, end: 40 })).toBe(true); // a shard of it is small
  });

  it('writes the bytes the worker pool’s SIMD kernel gives (JSON and CSV)', async () => {
    const plan = planSweep(spec);
    const pool = createNodePool({ size: 2 });
    let pooled;
    try {
      pooled = await pool.run(plan, { chunkSize: 8 });
    } finally {
      await pool.dispose();
    }
    const header = resultHeader(plan, VERSION);
    const json = await runCli([...args, '--out', tmp.path('small.json')]);
    expect(json.code, json.stderr).toBe(0);
    expect(readFileSync(tmp.path('small.json'), 'utf8')).toBe(resultToJson(plan, pooled, header));
    const csv = await runCli([...args, '--format', 'csv']);
    expect(csv.code, csv.stderr).toBe(0);
    expect(csv.stdout).toBe(resultToCsv(plan, pooled, header));
  });
});
