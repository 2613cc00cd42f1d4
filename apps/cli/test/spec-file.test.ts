// --spec with the wrong kind of file, and help that lists every flag.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from './run-cli.js';

const tmp = tempDir();
afterAll(() => tmp.remove());

describe('--spec', () => {
  it('refuses a result file as "a result file, not a spec", exits 2 and writes nothing; its "spec" field reruns the sweep', async () => {
    const result = tmp.path('s1-result.json');
    const first = await runCli(['sweep', '--data', 'five-point', '--eta', '0.5,1', '--epochs', '20', '--curve', 'none', '--workers', '1', '--out', result]);
    expect(first.code, first.stderr).toBe(0);

    const out = tmp.path('again.json');
    const refused = await runCli(['sweep', '--spec', result, '--workers', '1', '--out', out]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`--spec ${result}: this is a result file`);
    expect(refused.stderr).toContain('not a spec');
    expect(refused.stderr).toContain(`jq .spec ${result}`);
    expect(existsSync(out)).toBe(false);

    // What the message suggests works: the result file's "spec" is a spec for the same sweep.
    const spec = tmp.path('spec.json');
    writeFileSync(spec, JSON.stringify((JSON.parse(readFileSync(result, 'utf8')) as { spec: unknown }).spec));
    const rerun = await runCli(['sweep', '--spec', spec, '--workers', '1', '--out', out]);
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(result, 'utf8'));
  });
});

describe('help', () => {
  it('lists every exit code, 143 (SIGTERM) included', async () => {
    const { code, stdout, stderr } = await runCli(['--help']);
    expect(code).toBe(0);
    const text = `${stdout}${stderr}`;
    for (const exit of [0, 1, 2, 130]) expect(text).toMatch(new RegExp(`^  ${exit} `, 'm'));
    expect(text).toMatch(/\b143\b[^\n]*SIGTERM|SIGTERM[^\n]*\b143\b/);
  });
});

describe('losslab bench --help', () => {
  it('lists --epochs in its usage line, with the other flags', async () => {
    const { code, stdout, stderr } = await runCli(['bench', '--help']);
    expect(code).toBe(0);
    const usage = `${stdout}${stderr}`.split('\n').find((line) => line.startsWith('Usage: losslab bench'));
    expect(usage).toBeDefined();
    for (const flag of ['--repeat N', '--workers N', '--epochs N', '--json']) expect(usage).toContain(flag);
  });
});
