// `--shard auto` and `--shard auto/N`: the shard from the array job the command runs in, so a Slurm
// array script or a Kubernetes Indexed Job passes the same flag to every task.
//
// Slurm numbers array tasks however the user wrote `--array=` (0-7, 1-8, 10-38:4), and sets
// SLURM_ARRAY_TASK_ID with SLURM_ARRAY_TASK_MIN/MAX (and _COUNT, _STEP). An evenly stepped array
// maps onto shards 1..N in order: shard = (ID − MIN) / STEP + 1. A Kubernetes Indexed Job sets only
// JOB_COMPLETION_INDEX (0..completions−1): shard = index + 1, and the count must be given (auto/N).

import type { Shard } from '@losslab/worker';
import { quote, UsageError } from './errors.js';
import { parseShard } from './flag-values.js';

/** The environment variables `--shard auto` reads (for messages and docs). */
export const SHARD_VARIABLES = ['SLURM_ARRAY_TASK_ID', 'SLURM_ARRAY_TASK_COUNT', 'SLURM_ARRAY_TASK_MIN', 'SLURM_ARRAY_TASK_MAX', 'SLURM_ARRAY_TASK_STEP', 'JOB_COMPLETION_INDEX'] as const;

/** The environment as far as `--shard auto` reads it. */
export type ShardEnvironment = Readonly<Record<string, string | undefined>>;

/**
 * Parses `--shard`: `I/N`, `auto` or `auto/N`. `auto` reads `env`:
 * - Slurm (SLURM_ARRAY_TASK_ID set): with MIN, MAX and STEP (default 1) of the array, shard
 *   I = (ID − MIN)/STEP + 1 of N = (MAX − MIN)/STEP + 1; SLURM_ARRAY_TASK_COUNT must equal N when set
 *   (it differs for arrays that are not one evenly stepped range, such as `--array=1,2,5`), and so
 *   must `auto/N`'s N, unless the array has fewer tasks than N: that is a resubmission of some
 *   shards of an `--array=1-N` job (`losslab status` prints them), and the task ID is the shard
 *   index itself. Without MIN/MAX, the array is taken as 0..COUNT−1 or 1..COUNT, whichever holds ID
 *   (ambiguous IDs need MIN).
 * - Kubernetes (JOB_COMPLETION_INDEX set): I = index + 1 of the N in `auto/N` (required: the pod is
 *   not told the job's completions).
 * Anything else is a UsageError naming the variables looked for.
 */
export function parseShardFlag(text: string, env: ShardEnvironment): Shard {
  const match = /^auto(?:\/(.*))?$/.exec(text.trim());
  if (!match) return parseShard(text);
  const given = match[1] === undefined ? undefined : shardCount(text, match[1]);
  const what = `--shard ${text}`;
  const slurmId = env.SLURM_ARRAY_TASK_ID;
  if (slurmId !== undefined && slurmId !== '') return slurmShard(what, env, given);
  const k8s = env.JOB_COMPLETION_INDEX;
  if (k8s !== undefined && k8s !== '') {
    const index = envInteger(what, 'JOB_COMPLETION_INDEX', k8s);
    if (given === undefined) throw new UsageError(`${what}: JOB_COMPLETION_INDEX=${k8s} is set (a Kubernetes Indexed Job) but the job's completions are not: give them as --shard auto/N`);
    if (index >= given) throw new UsageError(`${what}: JOB_COMPLETION_INDEX=${k8s} is not below the ${given} shards of auto/${given}`);
    return { index: index + 1, count: given };
  }
  throw new UsageError(
    `${what}: no array job found: looked for SLURM_ARRAY_TASK_ID (Slurm, with SLURM_ARRAY_TASK_COUNT or SLURM_ARRAY_TASK_MIN/MAX) and JOB_COMPLETION_INDEX (a Kubernetes Indexed Job, with --shard auto/N); outside an array job give --shard I/N`,
  );
}

function shardCount(text: string, count: string): number {
  if (!/^\d+$/.test(count) || !Number.isSafeInteger(Number(count)) || Number(count) < 1) throw new UsageError(`--shard ${text}: expected auto or auto/N with N ≥ 1 shards, got ${quote(text)}`);
  return Number(count);
}

function envInteger(what: string, name: string, value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n)) throw new UsageError(`${what}: ${name} must be an integer ≥ 0, got ${quote(value)}`);
  return n;
}

function slurmShard(what: string, env: ShardEnvironment, given: number | undefined): Shard {
  const read = (name: string): number | undefined => {
    const value = env[name];
    return value === undefined || value === '' ? undefined : envInteger(what, name, value);
  };
  const id = read('SLURM_ARRAY_TASK_ID')!;
  const count = read('SLURM_ARRAY_TASK_COUNT');
  let min = read('SLURM_ARRAY_TASK_MIN');
  let max = read('SLURM_ARRAY_TASK_MAX');
  const step = read('SLURM_ARRAY_TASK_STEP') ?? 1;
  if (step < 1) throw new UsageError(`${what}: SLURM_ARRAY_TASK_STEP must be ≥ 1, got ${step}`);
  if (min === undefined || max === undefined) {
    const n = count ?? given;
    if (n === undefined) throw new UsageError(`${what}: SLURM_ARRAY_TASK_ID=${id} is set but neither SLURM_ARRAY_TASK_COUNT nor SLURM_ARRAY_TASK_MIN/MAX is: give the count as --shard auto/N`);
    if (min === undefined && max !== undefined) min = max - (n - 1) * step;
    else if (min === undefined) {
      // 0..n−1 or 1..n: only the IDs 1..n−1 fit both, and then the numbering is unknown.
      if (id === 0) min = 0;
      else if (id === n) min = 1;
      else if (id > n) throw new UsageError(`${what}: SLURM_ARRAY_TASK_ID=${id} is past the ${n} tasks of the array; set SLURM_ARRAY_TASK_MIN`);
      else throw new UsageError(`${what}: SLURM_ARRAY_TASK_ID=${id} of ${n} tasks could be numbered from 0 or from 1; set SLURM_ARRAY_TASK_MIN (Slurm sets it for array jobs)`);
    }
    max ??= min + (n - 1) * step;
  }
  const span = max - min;
  // A resubmission of some shards of an --array=1-N job (the indices `losslab status` prints, e.g.
  // --array=2,5-7) has fewer tasks than auto/N's N: then the task ID is the shard number itself.
  const tasks = count ?? (span >= 0 && span % step === 0 ? span / step + 1 : undefined);
  if (given !== undefined && tasks !== undefined && tasks < given) {
    if (id < 1 || id > given) throw new UsageError(`${what}: SLURM_ARRAY_TASK_ID=${id} is not a shard 1..${given}: an array of fewer tasks (${tasks}) than auto/${given}'s shards runs the shards its task IDs name (as --array=1-${given} numbers them)`);
    return { index: id, count: given };
  }
  if (span < 0 || span % step !== 0) throw new UsageError(`${what}: the array ${min}-${max}:${step} (SLURM_ARRAY_TASK_MIN/MAX/STEP) is not an evenly stepped range`);
  const n = span / step + 1;
  if (count !== undefined && count !== n) {
    throw new UsageError(`${what}: SLURM_ARRAY_TASK_COUNT=${count} but the array ${min}-${max}${step > 1 ? `:${step}` : ''} has ${n} steps: submit one evenly stepped range (e.g. --array=1-${count}) so tasks map onto shards`);
  }
  if (id < min || id > max || (id - min) % step !== 0) throw new UsageError(`${what}: SLURM_ARRAY_TASK_ID=${id} is not in the array ${min}-${max}${step > 1 ? `:${step}` : ''}`);
  if (given !== undefined && given !== n) throw new UsageError(`${what}: the Slurm array has ${n} tasks (SLURM_ARRAY_TASK_MIN=${min}, MAX=${max}), not the ${given} shards of auto/${given}`);
  return { index: (id - min) / step + 1, count: n };
}
