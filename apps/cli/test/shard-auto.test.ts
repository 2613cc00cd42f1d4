// --shard auto: Slurm array variables (any numbering) and Kubernetes Indexed Job indexes map onto
// shards 1..N; without them it is a usage error naming the variables looked for.

import { existsSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from '../src/errors.js';
import { parseShardFlag, SHARD_VARIABLES, type ShardEnvironment } from '../src/shard-auto.js';
import { shardOutputPath } from '../src/shard-path.js';
import { runCli, tempDir } from './run-cli.js';

/** The variables Slurm sets in task `id` of `sbatch --array=MIN-MAX[:STEP]` (written out here, not derived from the code). */
function slurmTask(id: number, min: number, max: number, step = 1): ShardEnvironment {
  const count = Math.floor((max - min) / step) + 1;
  return { SLURM_ARRAY_TASK_ID: String(id), SLURM_ARRAY_TASK_MIN: String(min), SLURM_ARRAY_TASK_MAX: String(max), SLURM_ARRAY_TASK_COUNT: String(count), ...(step > 1 ? { SLURM_ARRAY_TASK_STEP: String(step) } : {}) };
}

describe('--shard auto from Slurm array variables', () => {
  // [array as written to sbatch, task IDs in order, the shard count]
  const arrays: Array<[string, number, number, number]> = [
    ['0-7', 0, 7, 1],
    ['1-8', 1, 8, 1],
    ['5-12', 5, 12, 1],
    ['10-38:4', 10, 38, 4],
    ['0-0', 0, 0, 1],
    ['3-3', 3, 3, 1],
  ];
  it.each(arrays)('--array=%s: the k-th task is shard k of the array size, each shard once', (_, min, max, step) => {
    const ids: number[] = [];
    for (let id = min; id <= max; id += step) ids.push(id);
    const shards = ids.map((id) => parseShardFlag('auto', slurmTask(id, min, max, step)));
    expect(shards).toEqual(ids.map((_, k) => ({ index: k + 1, count: ids.length })));
    // auto/N agrees when N is the array's size.
    expect(ids.map((id) => parseShardFlag(`auto/${ids.length}`, slurmTask(id, min, max, step)))).toEqual(shards);
  });

  const table: Array<[string, ShardEnvironment, { index: number; count: number }]> = [
    ['COUNT only, numbered from 0 (task 0)', { SLURM_ARRAY_TASK_ID: '0', SLURM_ARRAY_TASK_COUNT: '4' }, { index: 1, count: 4 }],
    ['COUNT only, numbered from 1 (the last task)', { SLURM_ARRAY_TASK_ID: '4', SLURM_ARRAY_TASK_COUNT: '4' }, { index: 4, count: 4 }],
    ['MIN and MAX without COUNT', { SLURM_ARRAY_TASK_ID: '7', SLURM_ARRAY_TASK_MIN: '6', SLURM_ARRAY_TASK_MAX: '9' }, { index: 2, count: 4 }],
    ['MAX and COUNT without MIN', { SLURM_ARRAY_TASK_ID: '9', SLURM_ARRAY_TASK_MAX: '9', SLURM_ARRAY_TASK_COUNT: '3' }, { index: 3, count: 3 }],
    ['MIN and auto/N without COUNT or MAX', { SLURM_ARRAY_TASK_ID: '2', SLURM_ARRAY_TASK_MIN: '1' }, { index: 2, count: 5 }],
  ];
  it.each(table)('%s', (name, env, expected) => {
    const text = name.includes('auto/N') ? 'auto/5' : 'auto';
    expect(parseShardFlag(text, env)).toEqual(expected);
  });

  const refusals: Array<[string, string, ShardEnvironment, RegExp]> = [
    ['a list array (--array=1,2,5): COUNT differs from the range', 'auto', { SLURM_ARRAY_TASK_ID: '2', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_MAX: '5', SLURM_ARRAY_TASK_COUNT: '3' }, /SLURM_ARRAY_TASK_COUNT=3 but the array 1-5 has 5 steps/],
    ['auto/N against a different array size', 'auto/3', slurmTask(1, 1, 4), /has 4 tasks .* not the 3 shards of auto\/3/],
    ['an ID outside the array', 'auto', slurmTask(9, 1, 4), /SLURM_ARRAY_TASK_ID=9 is not in the array 1-4/],
    ['an ID off the step', 'auto', slurmTask(11, 10, 38, 4), /SLURM_ARRAY_TASK_ID=11 is not in the array 10-38:4/],
    ['an ambiguous ID with COUNT only', 'auto', { SLURM_ARRAY_TASK_ID: '2', SLURM_ARRAY_TASK_COUNT: '4' }, /numbered from 0 or from 1; set SLURM_ARRAY_TASK_MIN/],
    ['an ID without any count', 'auto', { SLURM_ARRAY_TASK_ID: '2' }, /neither SLURM_ARRAY_TASK_COUNT nor SLURM_ARRAY_TASK_MIN\/MAX/],
    ['a non-integer ID', 'auto', { SLURM_ARRAY_TASK_ID: 'x', SLURM_ARRAY_TASK_COUNT: '4' }, /SLURM_ARRAY_TASK_ID must be an integer ≥ 0, got "x"/],
    ['auto/0', 'auto/0', slurmTask(1, 1, 4), /expected auto or auto\/N with N ≥ 1/],
  ];
  it('a resubmission of some shards (--array=2,5-7 of auto/8) runs the shards its task IDs name', () => {
    const env = (id: number) => ({ SLURM_ARRAY_TASK_ID: String(id), SLURM_ARRAY_TASK_MIN: '2', SLURM_ARRAY_TASK_MAX: '7', SLURM_ARRAY_TASK_COUNT: '4' });
    expect([2, 5, 6, 7].map((id) => parseShardFlag('auto/8', env(id)))).toEqual([2, 5, 6, 7].map((index) => ({ index, count: 8 })));
    // An evenly stepped partial range too (--array=5-7 of 8).
    expect(parseShardFlag('auto/8', slurmTask(6, 5, 7))).toEqual({ index: 6, count: 8 });
    expect(() => parseShardFlag('auto/8', { ...env(2), SLURM_ARRAY_TASK_ID: '9', SLURM_ARRAY_TASK_MAX: '9' })).toThrow(/SLURM_ARRAY_TASK_ID=9 is not a shard 1..8/);
  });

  it.each(refusals)('refuses %s, naming the variable', (_, text, env, message) => {
    expect(() => parseShardFlag(text, env)).toThrow(UsageError);
    expect(() => parseShardFlag(text, env)).toThrow(message);
  });
});

describe('--shard auto/N from a Kubernetes Indexed Job', () => {
  it('JOB_COMPLETION_INDEX 0..N−1 is shard 1..N', () => {
    const shards = Array.from({ length: 6 }, (_, k) => parseShardFlag('auto/6', { JOB_COMPLETION_INDEX: String(k) }));
    expect(shards).toEqual(Array.from({ length: 6 }, (_, k) => ({ index: k + 1, count: 6 })));
  });
  it('needs the count and an index below it', () => {
    expect(() => parseShardFlag('auto', { JOB_COMPLETION_INDEX: '0' })).toThrow(/JOB_COMPLETION_INDEX=0 is set .* give them as --shard auto\/N/);
    expect(() => parseShardFlag('auto/4', { JOB_COMPLETION_INDEX: '4' })).toThrow(/JOB_COMPLETION_INDEX=4 is not below the 4 shards/);
  });
  it('Slurm wins when both are set (a Slurm job that happens to inherit the variable)', () => {
    expect(parseShardFlag('auto/4', { ...slurmTask(3, 0, 3), JOB_COMPLETION_INDEX: '0' })).toEqual({ index: 4, count: 4 });
  });
});

describe('outside an array job', () => {
  it('names every variable it looked for', () => {
    let message = '';
    try {
      parseShardFlag('auto', {});
    } catch (error) {
      message = (error as Error).message;
    }
    for (const name of ['SLURM_ARRAY_TASK_ID', 'SLURM_ARRAY_TASK_COUNT', 'SLURM_ARRAY_TASK_MIN', 'JOB_COMPLETION_INDEX']) expect(message).toContain(name);
    expect(SHARD_VARIABLES).toContain('JOB_COMPLETION_INDEX');
  });
  it('I/N still works and auto-like typos are refused', () => {
    expect(parseShardFlag('2/3', {})).toEqual({ index: 2, count: 3 });
    expect(() => parseShardFlag('automatic', {})).toThrow(UsageError);
  });
});

describe('{I} and {N} in --out', () => {
  it('become the shard index and count', () => {
    expect(shardOutputPath('parts/part-{I}-of-{N}.json', { index: 3, count: 8 })).toBe('parts/part-3-of-8.json');
    expect(shardOutputPath('plain.json', undefined)).toBe('plain.json');
    expect(() => shardOutputPath('part-{I}.json', undefined)).toThrow(/no --shard/);
  });
});

describe('losslab sweep --shard auto', () => {
  const tmp = tempDir();
  afterAll(() => tmp.remove());
  const SWEEP = ['sweep', '--data', 'five-point', '--eta', '0.1,1', '--w0', '-2,0,2', '--b0', '-1,1', '--epochs', '50', '--curve', '4', '--workers', '1'];
  const noArray = Object.fromEntries(SHARD_VARIABLES.map((name) => [name, '']));

  it('writes the same file as --shard I/N for the task it runs in, under {I}-{N}', async () => {
    // Slurm array 0-3: task 2 is shard 3 of 4.
    const auto = await runCli([...SWEEP, '--shard', 'auto', '--out', tmp.path('part-{I}-of-{N}.json')], { env: { ...noArray, ...slurmTask(2, 0, 3) } });
    expect(auto.stderr).toBe('');
    expect(auto.code).toBe(0);
    const explicit = await runCli([...SWEEP, '--shard', '3/4'], { env: noArray });
    expect(explicit.code).toBe(0);
    expect(readFileSync(tmp.path('part-3-of-4.json'), 'utf8')).toBe(explicit.stdout);
    // Kubernetes index 0 of 4 is shard 1.
    const k8s = await runCli([...SWEEP, '--shard', 'auto/4'], { env: { ...noArray, JOB_COMPLETION_INDEX: '0' } });
    const first = await runCli([...SWEEP, '--shard', '1/4'], { env: noArray });
    expect(k8s.code).toBe(0);
    expect(k8s.stdout).toBe(first.stdout);
  });

  it('exits 2 outside an array job, naming the variables, and writes nothing', async () => {
    const { code, stdout, stderr } = await runCli([...SWEEP, '--shard', 'auto', '--out', tmp.path('none-{I}.json')], { env: noArray });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^losslab: --shard auto: no array job found: looked for SLURM_ARRAY_TASK_ID .*JOB_COMPLETION_INDEX/);
    expect(existsSync(tmp.path('none-.json'))).toBe(false);
  });
});
