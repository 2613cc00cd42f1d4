// The shipped Slurm scripts on a real (one-node) Slurm: deploy/slurm/submit.sh submits
// sweep-array.sbatch as an array of 4 tasks (each `--shard auto`) and merge.sbatch after it with
// --dependency=afterok; the merged file is byte for byte the unsharded sweep's. The cluster
// (munged, slurmctld, slurmd) is started by test/slurm/cluster.sh and stopped by PID.
// Skipped, with the reason printed, only where Slurm's binaries are not installed
// (scripts/bootstrap.sh installs slurm-wlm and munge with apt).

import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { CLI, runCli, tempDir, type SweepDocument } from './run-cli.js';

const run = promisify(execFile);
const CLUSTER = fileURLToPath(new URL('./slurm/cluster.sh', import.meta.url));
const DEPLOY = fileURLToPath(new URL('../../../deploy/slurm/', import.meta.url));
const NEEDED = ['sbatch', 'squeue', 'sinfo', 'slurmctld', 'slurmd', 'munged', 'mungekey'];

function which(tool: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore', env: { ...process.env, PATH: `${process.env.PATH ?? ''}:/usr/sbin:/sbin` } });
    return true;
  } catch {
    return false;
  }
}
const missing = NEEDED.filter((tool) => !which(tool));
if (missing.length > 0) console.log(`slurm-array.test.ts skipped: ${missing.join(', ')} not installed (apt-get install -y slurm-wlm munge, or bash scripts/bootstrap.sh)`);

// 2 losses × 8 η × 16 w0 × 16 b0 = 4096 runs.
const SPEC = {
  version: 1,
  dataset: 'five-point',
  losses: ['se', 'ce'],
  eta: { from: 0.01, to: 10, count: 8, scale: 'log' },
  init: { w0: { from: -6, to: 6, count: 16 }, b0: { from: -6, to: 6, count: 16 } },
  epochs: 300,
  reduction: 'sum',
  tolerance: 0.01,
  curve: 8,
};

describe.skipIf(missing.length > 0)('a sweep as a Slurm array job of 4 tasks', () => {
  const tmp = tempDir();
  const clusterDir = tmp.path('cluster');
  const env = { ...process.env, SLURM_CONF: join(clusterDir, 'slurm.conf'), PATH: `${tmp.path('bin')}:${process.env.PATH ?? ''}:/usr/sbin:/sbin` };
  let started = false;
  let jobs: string[] = [];

  const stopCluster = async () => {
    if (!started) return;
    started = false;
    await run('bash', [CLUSTER, 'stop', clusterDir], { env });
  };

  /**
   * Waits for the state, not a time: squeue lists nothing once the jobs left the queue (bounded by
   * a generous limit in case the cluster is wedged). Returns what is still queued ('' when done).
   */
  const waitForJobs = async (ids: readonly string[]): Promise<string> => {
    const deadline = Date.now() + 600_000;
    for (;;) {
      const queued = (await run('squeue', ['-h', '-j', ids.join(',')], { env }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }))).stdout.trim();
      if (queued === '' || Date.now() > deadline) return queued;
      await new Promise((done) => setTimeout(done, 500));
    }
  };

  beforeAll(async () => {
    // `losslab` on the PATH of the jobs, as a user would have it (npm link or a wrapper).
    mkdirSync(tmp.path('bin'));
    writeFileSync(tmp.path('bin/losslab'), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`);
    chmodSync(tmp.path('bin/losslab'), 0o755);
    writeFileSync(tmp.path('sweep.json'), JSON.stringify(SPEC));
    started = true;
    await run('bash', [CLUSTER, 'start', clusterDir], { env });
  }, 120_000);

  afterAll(async () => {
    // Also on failure: no daemon outlives the test.
    try {
      await stopCluster();
    } finally {
      tmp.remove();
    }
  });

  it('submit.sh runs 4 shards and a dependent merge whose output is the unsharded run, byte for byte', async () => {
    const whole = await runCli(['sweep', '--spec', tmp.path('sweep.json'), '--workers', '2', '--out', tmp.path('whole.json')]);
    expect(whole.code, whole.stderr).toBe(0);

    const submitted = await run('bash', [join(DEPLOY, 'submit.sh'), 'sweep.json', '4', 'result.json', 'parts'], { cwd: tmp.dir, env });
    jobs = submitted.stdout.trim().split(/\s+/);
    expect(jobs).toHaveLength(2);
    for (const id of jobs) expect(id).toMatch(/^\d+$/);

    const queued = await waitForJobs(jobs);
    const logs = readdirSync(tmp.dir).filter((f) => f.endsWith('.log'));
    const logText = logs.map((f) => `--- ${f}\n${readFileSync(tmp.path(f), 'utf8')}`).join('\n');
    expect(queued, `jobs still queued:\n${queued}\n${logText}`).toBe('');

    // One log per array task and one for the merge, all empty (losslab writes nothing to stderr on success).
    expect(logs.sort()).toEqual([`losslab-merge-${jobs[1]}.log`, ...[1, 2, 3, 4].map((k) => `losslab-sweep-${jobs[0]}_${k}.log`)].sort());
    expect(logText.replace(/^--- .*$/gm, '').trim()).toBe('');

    // Task k of --array=1-4 wrote shard k of 4, with the runs shardRange gives it.
    expect(readdirSync(tmp.path('parts')).sort()).toEqual([1, 2, 3, 4].map((k) => `part-${k}-of-4.json`));
    for (const k of [1, 2, 3, 4]) {
      const part = JSON.parse(readFileSync(tmp.path(`parts/part-${k}-of-4.json`), 'utf8')) as SweepDocument;
      expect(part.shard).toEqual({ index: k, count: 4, start: (k - 1) * 1024, end: k * 1024 });
    }
    expect(existsSync(tmp.path('result.json')), logText).toBe(true);
    // Byte for byte, but for the merged file's provenance line (each shard's checksum).
    expect(readFileSync(tmp.path('result.json'), 'utf8')).toBe(readFileSync(tmp.path('whole.json'), 'utf8'));
  }, 660_000);

  it('losslab status names the missing shards as an --array= list, and resubmitting only those completes the sweep', async () => {
    rmSync(tmp.path('parts/part-2-of-4.json'));
    rmSync(tmp.path('parts/part-4-of-4.json'));
    const before = await runCli(['status', '--spec', tmp.path('sweep.json'), '--shards', '4', tmp.path('parts')]);
    expect(before.code).toBe(1);
    const list = /^missing: --array=(\S+)$/m.exec(before.stdout)?.[1];
    expect(list).toBe('2,4');

    const id = (await run('sbatch', ['--parsable', `--array=${list}`, join(DEPLOY, 'sweep-array.sbatch'), 'sweep.json', 'parts', '4'], { cwd: tmp.dir, env })).stdout.trim().split(';')[0]!;
    expect(await waitForJobs([id])).toBe('');
    expect(readFileSync(tmp.path(`losslab-sweep-${id}_2.log`), 'utf8') + readFileSync(tmp.path(`losslab-sweep-${id}_4.log`), 'utf8')).toBe('');

    const after = await runCli(['status', '--spec', tmp.path('sweep.json'), '--shards', '4', tmp.path('parts')]);
    expect(after.code, after.stdout).toBe(0);
    const merged = await runCli(['merge', ...[1, 2, 3, 4].map((k) => tmp.path(`parts/part-${k}-of-4.json`)), '--out', tmp.path('resumed.json')]);
    expect(merged.code, merged.stderr).toBe(0);
    expect(readFileSync(tmp.path('resumed.json'), 'utf8')).toBe(readFileSync(tmp.path('whole.json'), 'utf8'));
  }, 660_000);

  it('stops every daemon by the PID in its pid file', async () => {
    const pids = ['slurmd', 'slurmctld', 'munged'].map((name) => Number(readFileSync(join(clusterDir, `${name}.pid`), 'utf8').trim()));
    for (const pid of pids) expect(() => process.kill(pid, 0)).not.toThrow();
    await stopCluster();
    for (const pid of pids) expect(() => process.kill(pid, 0)).toThrow();
  });
});
