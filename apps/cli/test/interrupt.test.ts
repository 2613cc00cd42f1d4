// Ctrl-C: the sweep is aborted through its AbortSignal, nothing is written, the exit code is 130.

import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI, tempDir, type CliResult } from './run-cli.js';

const tmp = tempDir();
afterAll(() => tmp.remove());

const ANNOUNCE = fileURLToPath(new URL('./fixtures/announce-sigint.mjs', import.meta.url));

/**
 * Runs the CLI and sends it SIGINT as soon as it has installed its SIGINT listener (it says so on
 * file descriptor 3, through the preloaded fixture): a state, not a delay. The CLI installs it right
 * before starting its pool, so the signal lands on a sweep that is starting or running, on a
 * machine of any speed.
 */
function interruptWhenListening(args: readonly string[]): Promise<CliResult & { announced: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', ANNOUNCE, CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let announced = false;
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdio[3]!.on('data', () => {
      if (announced) return;
      announced = true;
      child.kill('SIGINT');
    });
    // Not a time limit on the test: only makes sure no process outlives it if SIGINT is ignored.
    const safety = setTimeout(() => child.kill('SIGKILL'), 280_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(safety);
      resolve({ code, signal, stdout, stderr, announced });
    });
  });
}

describe('SIGINT', () => {
  it('aborts a long sweep, writes nothing and exits 130', async () => {
    // Minutes of work: it is still running when the signal comes.
    const args = ['sweep', '--data', 'five-point', '--eta', '1e-3:10:16:log', '--w0', '-6:6:32', '--b0', '-6:6:32', '--epochs', '100000', '--curve', 'none', '--workers', '2', '--out', tmp.path('never.json')];
    const result = await interruptWhenListening(args);
    expect(result.announced).toBe(true);
    expect(result.signal).toBeNull();
    expect(result.code, result.stderr).toBe(130);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('interrupted');
    expect(existsSync(tmp.path('never.json'))).toBe(false);
    expect(readdirSync(tmp.dir)).toEqual([]);
  });
});
