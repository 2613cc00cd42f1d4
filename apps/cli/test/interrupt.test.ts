// Ctrl-C: the sweep is aborted through its AbortSignal, nothing is written, the exit code is 130.

import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI, runCli, tempDir, type CliResult } from './run-cli.js';

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

  it('stops during one long run (the kernel checks inside runs), writes nothing and exits 130', async () => {
    // One run of 2·10¹¹ point-steps: minutes of work even for the SIMD kernel.
    const spec = { version: 1, dataset: { generator: 'two-classes', n: 20_000, d: 1, seed: 1 }, losses: ['ce'], eta: [0.1], init: { w0: [0], b0: [0] }, epochs: 10_000_000, curve: 'none' };
    writeFileSync(tmp.path('long.json'), JSON.stringify(spec));
    let safety: NodeJS.Timeout | undefined;
    const result = await runCli(['sweep', '--spec', tmp.path('long.json'), '--workers', '1', '--out', tmp.path('never.json')], {
      onSpawn(child) {
        // Interrupt once the process has used 3 s of CPU: past start-up, inside the run (a state, not a delay).
        const poll = setInterval(() => {
          if (cpuSeconds(child.pid!) < 3) return;
          clearInterval(poll);
          child.kill('SIGINT');
          // Not a time limit on the test: only makes sure no process outlives it if the run ignores the signal.
          safety = setTimeout(() => child.kill('SIGKILL'), 60_000);
        }, 20);
        child.on('close', () => clearInterval(poll));
      },
    });
    clearTimeout(safety);
    expect(result.signal, 'killed: the run did not stop on SIGINT').toBeNull();
    expect(result.code, result.stderr).toBe(130);
    expect(existsSync(tmp.path('never.json'))).toBe(false);
  }, 120_000);
});

/** CPU time (user + system, all threads) of a live process, from /proc (Linux); 0 once it is gone. */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
    // After "pid (comm) ", field 3 (state) is index 0, so utime (14) and stime (15) are 11 and 12.
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

