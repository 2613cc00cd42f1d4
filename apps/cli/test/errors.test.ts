// Bad flags and bad files: exit 2, a message naming the flag (or file:line) and the value, and
// nothing written: --out is neither created nor truncated.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from './run-cli.js';

const tmp = tempDir();
afterAll(() => tmp.remove());

/** [flags, what the message must contain] */
const BAD: ReadonlyArray<[string[], string]> = [
  [['--eta', '0:1:3'], '--eta 0:1:3'],
  [['--eta', '-1'], '--eta -1'],
  [['--eta', '1,x'], '--eta 1,x'],
  [['--eta', '1e-3:10:5:logg'], '--eta 1e-3:10:5:logg'],
  [['--eta', '1:2'], '--eta 1:2'],
  [['--eta', '-1:10:4:log'], '--eta -1:10:4:log'],
  [['--w0', 'abc'], '--w0'],
  [['--w0', '-6:6:0'], '--w0 -6:6:0'],
  [['--b0', '1:2:2.5'], '--b0 1:2:2.5'],
  [['--loss', 'mse'], '--loss'],
  [['--loss', 'se,se'], '--loss se,se'],
  [['--data', 'no-such-file.csv'], '--data'],
  [['--data', 'tiny'], '--data'],
  [['--epochs', '0'], '--epochs'],
  [['--epochs', '2.5'], '--epochs'],
  [['--epochs', '20000000'], '--epochs'],
  [['--reduction', 'avg'], '--reduction'],
  [['--tol', '-0.1'], '--tol'],
  [['--tol', 'NaN'], '--tol'],
  [['--curve', '0'], '--curve'],
  [['--curve', 'some'], '--curve'],
  [['--format', 'xml'], '--format'],
  [['--workers', '0'], '--workers'],
  [['--workers', 'all'], '--workers'],
  [['--shard', '0/3'], '--shard'],
  [['--shard', '4/3'], '--shard'],
  [['--shard', '1-3'], '--shard'],
  [['--init', 'uniform'], '--init uniform'],
  [['--init', 'dirichlet:3'], '--init dirichlet:3'],
  [['--init', 'uniform=-1:3'], '--init'],
  [['--init', 'uniform:3:-1'], '--init uniform:3:-1'],
  [['--init', 'normal:3', '--w0', '1'], '--w0'],
  [['--spec', 'missing-spec.json'], '--spec'],
  [['--spec', 'spec.json', '--eta', '1'], '--eta'],
  [['--frobnicate', '1'], '--frobnicate'],
  [['--constructor', '1'], '--constructor'],
  [['--toString', '1'], '--toString'],
  [['--__proto__', '1'], '--__proto__'],
  [['--eta'], '--eta'],
  [['--eta', '1', '--eta', '2'], '--eta'],
  [['--help=yes'], '--help'],
  [['stray'], 'stray'],
  [['--eta', '1e-9:1e9:100000:log', '--w0', '-1:1:1000', '--b0', '-1:1:1000'], 'runs'],
];

describe('bad flags', () => {
  writeFileSync(tmp.path('spec.json'), JSON.stringify({ version: 1, dataset: 'toy', losses: ['se'], eta: [1], init: { w0: [0], b0: [0] }, epochs: 5 }));

  it.concurrent.each(BAD)('%j exits 2 naming the flag, writes nothing', async (args, needle) => {
    const out = tmp.path(`out-${args.join('_').replace(/[^\w.-]/g, '')}.json`);
    const { code, stdout, stderr } = await runCli(['sweep', ...args, '--out', out], { cwd: tmp.dir });
    expect(code, stderr).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(needle);
    expect(stderr.split('\n').length).toBeLessThan(6);
    expect(existsSync(out)).toBe(false);
  });

  it('an existing --out file is left untouched by a refused command', async () => {
    const out = tmp.path('keep.json');
    writeFileSync(out, 'precious');
    const { code, stderr } = await runCli(['sweep', '--eta', '0', '--out', out]);
    expect(code, stderr).toBe(2);
    expect(readFileSync(out, 'utf8')).toBe('precious');
  });

  it('an --out in a directory that does not exist is refused before any work', async () => {
    const { code, stderr } = await runCli(['sweep', '--out', tmp.path('nowhere/out.json')]);
    expect(code, stderr).toBe(2);
    expect(stderr).toMatch(/--out .*nowhere/);
  });

  it('a planSweep refusal is reported for the spec file and field', async () => {
    writeFileSync(tmp.path('bad-spec.json'), JSON.stringify({ version: 1, dataset: 'toy', losses: ['se'], eta: { from: 0, to: 1, count: 3 }, init: { w0: [0], b0: [0] }, epochs: 5 }));
    const { code, stderr } = await runCli(['sweep', '--spec', tmp.path('bad-spec.json')]);
    expect(code, stderr).toBe(2);
    expect(stderr).toContain('bad-spec.json: eta.from: must be > 0, got 0');
  });

  it('a spec file that is not JSON is refused with its line', async () => {
    writeFileSync(tmp.path('broken.json'), '{\n  "version": 1,\n  "dataset": toy\n}\n');
    const { code, stderr } = await runCli(['sweep', '--spec', tmp.path('broken.json')]);
    expect(code, stderr).toBe(2);
    expect(stderr).toMatch(/broken\.json:3:\d+: not valid JSON/);
  });

  it('a spec file nested too deep for the error scanner is still a usage error, not a crash', async () => {
    writeFileSync(tmp.path('deep.json'), '['.repeat(200_000));
    const { code, stderr } = await runCli(['sweep', '--spec', tmp.path('deep.json')]);
    expect(code, stderr).toBe(2);
    expect(stderr).toMatch(/deep\.json: not valid JSON/);
    expect(stderr).not.toContain('RangeError');
  });
});

describe('bad CSV data', () => {
  it('a non-numeric cell exits 2 naming file:line', async () => {
    writeFileSync(tmp.path('bad.csv'), 'x,y\n0.5,0.2\n\nabc,0.9\n');
    const out = tmp.path('bad-csv-out.json');
    const { code, stderr } = await runCli(['sweep', '--data', 'bad.csv', '--out', out], { cwd: tmp.dir });
    expect(code, stderr).toBe(2);
    expect(stderr).toContain('--data: bad.csv:4:1: "abc" is not a number');
    expect(existsSync(out)).toBe(false);
  });

  it('a label outside [0, 1] and a ragged row name their lines', async () => {
    writeFileSync(tmp.path('label.csv'), '0.5,0.2\n1,1.5\n');
    writeFileSync(tmp.path('ragged.csv'), '0.5,0.2\n1,2,0.5\n');
    const label = await runCli(['sweep', '--data', 'label.csv'], { cwd: tmp.dir });
    const ragged = await runCli(['sweep', '--data', 'ragged.csv'], { cwd: tmp.dir });
    expect([label.code, ragged.code]).toEqual([2, 2]);
    expect(label.stderr).toContain('label.csv:2:2: the label must be in [0, 1], got 1.5');
    expect(ragged.stderr).toContain('ragged.csv:2:');
  });
});
