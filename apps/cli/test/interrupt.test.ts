// Ctrl-C: the sweep is aborted through its AbortSignal, nothing is written, the exit code is 130.

import { existsSync, readdirSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from './run-cli.js';

const tmp = tempDir();
afterAll(() => tmp.remove());

describe('SIGINT', () => {
  it('aborts a long sweep, writes nothing and exits 130', async () => {
    // Minutes of work: it is still running when the signal comes.
    const args = ['sweep', '--data', 'five-point', '--eta', '1e-3:10:16:log', '--w0', '-6:6:32', '--b0', '-6:6:32', '--epochs', '100000', '--curve', 'none', '--workers', '2', '--out', tmp.path('never.json')];
    let killer: NodeJS.Timeout | undefined;
    let safety: NodeJS.Timeout | undefined;
    const result = await runCli(args, {
      onSpawn(child) {
        killer = setTimeout(() => child.kill('SIGINT'), 1500);
        // Not a time limit on the test: only makes sure no process outlives it if SIGINT is ignored.
        safety = setTimeout(() => child.kill('SIGKILL'), 100_000);
      },
    });
    clearTimeout(killer);
    clearTimeout(safety);
    expect(result.signal).toBeNull();
    expect(result.code, result.stderr).toBe(130);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('interrupted');
    expect(existsSync(tmp.path('never.json'))).toBe(false);
    expect(readdirSync(tmp.dir)).toEqual([]);
  });
});
