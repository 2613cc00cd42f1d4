// Flag forms: negative numbers with and without '=', lists, linear and log ranges, help and version.

import { readFileSync } from 'node:fs';
import { axisValues } from '@losslab/core';
import { describe, expect, it } from 'vitest';
import { runCli, type SweepDocument } from './run-cli.js';

const VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
const QUICK = ['--epochs', '3', '--curve', 'none', '--workers', '1'];

async function sweep(...args: string[]): Promise<SweepDocument> {
  const { code, stdout, stderr } = await runCli(['sweep', ...args, ...QUICK]);
  expect(stderr).toBe('');
  expect(code, stderr).toBe(0);
  return JSON.parse(stdout) as SweepDocument;
}

describe('axis flags', () => {
  it('take negative numbers as a separate value or after =', async () => {
    const separate = await sweep('--w0', '-2', '--b0', '-0.5');
    const joined = await sweep('--w0=-2', '--b0=-0.5');
    expect(separate.spec.init).toEqual({ w0: [-2], b0: [-0.5] });
    expect(joined).toEqual(separate);
    expect(separate.runs.map((r) => [r.w0, r.b0])).toEqual([[-2, -0.5], [-2, -0.5]]);
  });

  it('take a linear range FROM:TO:COUNT with negative endpoints', async () => {
    const doc = await sweep('--w0', '-6:6:5', '--b0', '-1:-3:2', '--loss', 'ce');
    expect(doc.spec.init).toEqual({ w0: { from: -6, to: 6, count: 5, scale: 'linear' }, b0: { from: -1, to: -3, count: 2, scale: 'linear' } });
    expect(doc.runs.map((r) => r.w0)).toEqual([-6, -6, -3, -3, 0, 0, 3, 3, 6, 6]);
    expect(doc.runs.map((r) => r.b0)).toEqual([-1, -3, -1, -3, -1, -3, -1, -3, -1, -3]);
  });

  it('take a log range FROM:TO:COUNT:log, spaced as core axisValues spaces it', async () => {
    const doc = await sweep('--eta', '1e-3:10:5:log', '--loss', 'se');
    expect(doc.spec.eta).toEqual({ from: 0.001, to: 10, count: 5, scale: 'log' });
    expect(doc.runs.map((r) => r.eta)).toEqual(Array.from(axisValues({ from: 1e-3, to: 10, count: 5, scale: 'log' })));
  });

  it('take comma-separated lists, in the order given', async () => {
    const doc = await sweep('--eta', '2,0.1,.5', '--loss', 'ce,se');
    expect(doc.spec.eta).toEqual([2, 0.1, 0.5]);
    expect(doc.spec.losses).toEqual(['ce', 'se']);
    expect(doc.runs.map((r) => `${r.loss} ${r.eta}`)).toEqual(['ce 2', 'ce 0.1', 'ce 0.5', 'se 2', 'se 0.1', 'se 0.5']);
  });

  it('--init takes a negative constant, and a seed that defaults to 0', async () => {
    const constant = await sweep('--init', 'constant=-2:1');
    expect(constant.spec.init).toEqual({ scheme: 'constant', parameter: -2, count: 1, seed: 0 });
    expect(constant.runs.map((r) => [r.initSample, r.w0, r.b0])).toEqual([[0, -2, -2], [0, -2, -2]]);
  });

  it('--reduction, --tol and --curve reach the spec', async () => {
    const { code, stderr, stdout } = await runCli(['sweep', '--reduction', 'mean', '--tol', '0.05', '--curve', 'full', '--epochs', '4', '--workers', '1']);
    expect(code, stderr).toBe(0);
    const doc = JSON.parse(stdout) as SweepDocument;
    expect([doc.spec.reduction, doc.spec.tolerance, doc.spec.curve]).toEqual(['mean', 0.05, 'full']);
    expect(doc.curveEpochs).toEqual([0, 1, 2, 3]);
    expect(doc.runs[0]!.curve).toHaveLength(4);
  });
});

describe('help and version', () => {
  it('--version prints the package version, globally and per command', async () => {
    for (const args of [['--version'], ['sweep', '--version'], ['merge', '--version'], ['bench', '--version']]) {
      const { code, stderr, stdout } = await runCli(args);
      expect(code, stderr).toBe(0);
      expect(stdout).toBe(`${VERSION}\n`);
    }
  });

  it('--help describes the commands, and each command its flags with their defaults', async () => {
    const main = await runCli(['--help']);
    expect(main.code, main.stderr).toBe(0);
    expect(main.stdout).toMatch(/losslab sweep/);
    expect(main.stdout).toMatch(/losslab merge/);
    expect(main.stdout).toMatch(/losslab bench/);
    const sweep = await runCli(['sweep', '--help']);
    expect(sweep.code, sweep.stderr).toBe(0);
    for (const flag of ['--data', '--loss', '--eta', '--w0', '--b0', '--init', '--epochs', '--reduction', '--tol', '--curve', '--spec', '--format', '--out', '--shard', '--workers']) expect(sweep.stdout).toContain(flag);
    expect(sweep.stdout).toContain('[toy]');
    expect(sweep.stdout).toContain('[1000]');
    expect((await runCli(['sweep', '-h'])).stdout).toBe(sweep.stdout);
    expect((await runCli(['help', 'sweep'])).stdout).toBe(sweep.stdout);
    expect((await runCli(['merge', '--help'])).stdout).toMatch(/Usage: losslab merge/);
    expect((await runCli(['bench', '--help'])).stdout).toMatch(/Usage: losslab bench/);
  });

  it('no command prints the help on stderr and exits 2; an unknown command exits 2', async () => {
    const none = await runCli([]);
    expect(none.code, none.stderr).toBe(2);
    expect(none.stdout).toBe('');
    expect(none.stderr).toMatch(/Usage/);
    const unknown = await runCli(['swep']);
    expect(unknown.code, unknown.stderr).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command "swep"/);
  });
});
