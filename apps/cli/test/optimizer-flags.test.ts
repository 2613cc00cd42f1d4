// --optimizer, --batch, --weight-decay and --shuffle-seed end to end: the built CLI in a child
// process, its records against core's train, its CSV columns, and usage errors (exit 2).

import { epochsToFit, train } from '@losslab/core';
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from './run-cli.js';

const tmp = tempDir();
afterAll(() => tmp.remove());

interface OptimizerRecord {
  index: number;
  loss: string;
  optimizer: string;
  momentum?: number | null;
  beta1?: number | null;
  eta: number;
  batchSize?: number;
  weightDecay?: number;
  w0: number;
  b0: number;
  finalW: number;
  finalB: number;
  epochsToFit: number | null;
}

async function sweep(...args: string[]): Promise<{ spec: Record<string, unknown>; runs: OptimizerRecord[] }> {
  const { code, stdout, stderr } = await runCli(['sweep', '--workers', '1', '--curve', 'none', ...args]);
  expect(stderr).toBe('');
  expect(code, stderr).toBe(0);
  return JSON.parse(stdout) as { spec: Record<string, unknown>; runs: OptimizerRecord[] };
}

describe('optimizer flags', () => {
  it("Nielsen's neuron from w = b = 2 at η = 0.01: each record names its optimizer and ends where core's train ends; Adam brings squared error below 0.1 first", async () => {
    const nielsen = tmp.path('nielsen.csv');
    writeFileSync(nielsen, 'x,y\n1,0\n');
    const doc = await sweep('--data', nielsen, '--optimizer', 'gd,momentum,adam', '--eta', '0.01', '--w0', '2', '--b0', '2', '--epochs', '1000', '--tol', '0.1');
    expect(doc.spec.optimizer).toEqual([{ name: 'gd' }, { name: 'momentum', momentum: 0.9 }, { name: 'adam', beta1: 0.9, beta2: 0.999, eps: 1e-8 }]);
    expect(doc.runs.map((r) => `${r.loss} ${r.optimizer}`)).toEqual(['se gd', 'se momentum', 'se adam', 'ce gd', 'ce momentum', 'ce adam']);
    for (const r of doc.runs) {
      const run = train({ data: { x: [1], y: [0] }, loss: r.loss as 'se' | 'ce', optimizer: r.optimizer as 'gd', eta: 0.01, w0: 2, b0: 2, epochs: 1000 });
      expect(r.finalW).toBe(run.w[0]);
      expect(r.finalB).toBe(run.b);
      expect(r.epochsToFit).toBe(epochsToFit(run.maxErrors, 0.1));
    }
    const at = (loss: string, optimizer: string) => doc.runs.find((r) => r.loss === loss && r.optimizer === optimizer)!.epochsToFit;
    expect(at('se', 'adam')!).toBeLessThan(at('ce', 'adam')!);
    expect(at('ce', 'momentum')!).toBeLessThan(at('se', 'momentum')!);
  }, 60_000);

  it('hyperparameters, batch sizes, weight decays and the shuffle seed go into the spec and the records, and the CSV has their columns', async () => {
    const args = ['--data', 'five-point', '--loss', 'ce', '--optimizer', 'momentum:momentum=0.5,adam:beta1=0.8:eps=1e-6', '--eta', '0.1', '--batch', '1,5', '--weight-decay', '0,0.01', '--shuffle-seed', '4', '--epochs', '20'];
    const doc = await sweep(...args);
    expect(doc.spec).toMatchObject({ optimizer: [{ name: 'momentum', momentum: 0.5 }, { name: 'adam', beta1: 0.8, beta2: 0.999, eps: 1e-6 }], batchSize: [1, 5], weightDecay: [0, 0.01], shuffleSeed: 4 });
    expect(doc.runs.map((r) => [r.optimizer, r.batchSize, r.weightDecay])).toEqual([
      ['momentum', 1, 0],
      ['momentum', 1, 0.01],
      ['momentum', 5, 0],
      ['momentum', 5, 0.01],
      ['adam', 1, 0],
      ['adam', 1, 0.01],
      ['adam', 5, 0],
      ['adam', 5, 0.01],
    ]);
    const last = doc.runs[7]!;
    const run = train({ data: { x: [1.2, -2.1, 3.2, -0.5, 0.6], y: [0, 1, 0, 1, 1] }, loss: 'ce', optimizer: { name: 'adam', beta1: 0.8, eps: 1e-6 }, eta: 0.1, batchSize: 5, weightDecay: 0.01, w0: -2, b0: -2, epochs: 20 });
    expect(last.finalW).toBe(run.w[0]);
    const sgd = train({ data: { x: [1.2, -2.1, 3.2, -0.5, 0.6], y: [0, 1, 0, 1, 1] }, loss: 'ce', optimizer: { name: 'momentum', momentum: 0.5 }, eta: 0.1, batchSize: 1, shuffleSeed: 4, weightDecay: 0.01, w0: -2, b0: -2, epochs: 20 });
    expect(doc.runs[1]!.finalB).toBe(sgd.b);
    const csv = await runCli(['sweep', '--workers', '1', '--curve', 'none', '--format', 'csv', ...args]);
    expect(csv.code, csv.stderr).toBe(0);
    expect(csv.stdout.split('\n')[0]!.split(',').slice(0, 10)).toEqual(['index', 'loss', 'optimizer', 'momentum', 'beta1', 'beta2', 'eps', 'eta', 'batchSize', 'weightDecay']);
  }, 60_000);

  it('bad values exit 2 with a message naming the flag and the value', async () => {
    const bad: [string[], string][] = [
      [['--optimizer', 'sgd'], `--optimizer sgd: optimizer[0].name must be one of`],
      [['--optimizer', 'adam:beta1=1.5'], '--optimizer adam:beta1=1.5: optimizer[0].beta1 must be a number in [0, 1), got 1.5'],
      [['--optimizer', 'adam:beta1'], '--optimizer adam:beta1: a hyperparameter is KEY=VALUE'],
      [['--optimizer', 'adam:gamma=2'], "optimizer[0].gamma is not a hyperparameter of 'adam'"],
      [['--batch', '0'], '--batch 0: batchSize[0] must be an integer ≥ 1, got 0'],
      [['--batch', '2,x'], '--batch 2,x: value 2: "x" is not a number'],
      [['--weight-decay', '-1'], '--weight-decay -1: weightDecay[0] must be ≥ 0, got -1'],
      [['--shuffle-seed', '-3'], '--shuffle-seed -3: shuffleSeed must be an integer ≥ 0, got -3'],
    ];
    for (const [flags, message] of bad) {
      const { code, stdout, stderr } = await runCli(['sweep', '--epochs', '2', ...flags]);
      expect(code, flags.join(' ')).toBe(2);
      expect(stdout).toBe('');
      expect(stderr, flags.join(' ')).toContain(message);
    }
  }, 60_000);
});
