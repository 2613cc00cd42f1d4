// Bounded inputs (issue 12, findings 5 and 7): oversized and endless inputs, deep nesting and
// absurd counts are usage errors (exit 2) with one line that names the flag and the limit; no
// stack trace, no crash, nothing written.

import { existsSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from './run-cli.js';

const tmp = tempDir();
afterAll(() => tmp.remove());

/** Exit 2, exactly one line on stderr (no stack trace: no "    at " frame), containing every `parts`, and (sweep) no --out file. */
async function expectUsageError(args: string[], ...parts: string[]): Promise<string> {
  const out = tmp.path(`out-${Math.random().toString(36).slice(2)}.json`);
  const r = await runCli(args[0] === 'sweep' ? [...args, '--out', out] : args, { cwd: tmp.dir });
  expect(r.code, r.stderr).toBe(2);
  const lines = r.stderr.split('\n').filter((l) => l !== '');
  expect(lines, r.stderr).toHaveLength(1);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  for (const part of parts) expect(lines[0]).toContain(part);
  expect(existsSync(out)).toBe(false);
  return lines[0]!;
}

describe('input sizes', () => {
  it('--data /dev/zero (no size, no end) is read up to the CSV limit and refused', async () => {
    await expectUsageError(['sweep', '--data', '/dev/zero'], '--data', '/dev/zero', 'CSV data limit of 16 MiB');
  });

  it('a CSV file over 16 MiB is refused from its size, before it is read', async () => {
    const big = tmp.path('big.csv');
    writeFileSync(big, `${'0.5,1\n'.repeat(3_000_000)}`); // 18 MB of valid rows
    await expectUsageError(['sweep', '--data', big], '--data', 'big.csv', 'CSV data limit of 16 MiB', '18000000 bytes');
  });

  it('--spec /dev/zero is refused at the spec file limit', async () => {
    await expectUsageError(['sweep', '--spec', '/dev/zero'], '--spec', '/dev/zero', 'spec file limit of 16 MiB');
  });
});

describe('nesting and counts', () => {
  it('a 5000-deep eta in a spec is a field error, not a stack overflow', async () => {
    const spec = tmp.path('deep.json');
    const deep = `${'['.repeat(5000)}1${']'.repeat(5000)}`;
    writeFileSync(spec, `{"version":1,"dataset":"toy","losses":["se"],"eta":${deep},"init":{"w0":[1],"b0":[1]},"epochs":10}`);
    await expectUsageError(['sweep', '--spec', spec], '--spec', 'eta[0]', 'must be a finite number');
  });

  it('a 200000-deep array as the whole spec is refused by name', async () => {
    const spec = tmp.path('deeper.json');
    writeFileSync(spec, `${'['.repeat(200_000)}${']'.repeat(200_000)}`);
    await expectUsageError(['sweep', '--spec', spec], '--spec', 'spec: must be an object');
  });

  it('bench --epochs 1e12 is a usage error naming --epochs and the cap', async () => {
    await expectUsageError(['bench', '--epochs', '1e12'], '--epochs 1e12', 'at most 10000000');
  });

  it(`--workers above 4 × the CPU count (${4 * availableParallelism()}) is refused, in sweep and bench`, async () => {
    const max = 4 * availableParallelism();
    await expectUsageError(['sweep', '--workers', String(max + 1)], '--workers', `at most ${max}`, `"${max + 1}"`);
    await expectUsageError(['bench', '--workers', '500'], '--workers', `at most ${max}`, '"500"');
  });

  it('the most workers allowed still runs a sweep', async () => {
    const r = await runCli(['sweep', '--workers', String(4 * availableParallelism()), '--eta', '0.5,1,2', '--curve', 'none'], { cwd: tmp.dir });
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { runs: unknown[] }).runs).toHaveLength(6);
  });
});

describe('one line per error', () => {
  it('a spec with several problems gives one line naming each', async () => {
    const spec = tmp.path('bad.json');
    writeFileSync(spec, '{"version":1,"dataset":"toy","losses":["xe"],"eta":[0],"init":{"w0":[1],"b0":[1]},"epochs":10}');
    await expectUsageError(['sweep', '--spec', spec], 'losses[0]', 'eta');
  });

  it('--debug shows the stack trace of an unexpected error; without it, one line', async () => {
    const spec = tmp.path('deep-debug.json');
    writeFileSync(spec, '{"version":1}');
    const plain = await runCli(['sweep', '--spec', spec], { cwd: tmp.dir });
    expect(plain.code).toBe(2);
    expect(plain.stderr.trim().split('\n')).toHaveLength(1);
    const debug = await runCli(['sweep', '--spec', spec, '--debug'], { cwd: tmp.dir });
    expect(debug.code).toBe(2);
    expect(debug.stderr).toMatch(/\n\s+at /);
  });
});
