// The run and result-memory caps apply per process: a shard is checked against them, not the
// whole sweep, so sharding lifts the size limit (up to the index space's 2^53 − 1 runs).

import { bytesPerRun, DEFAULT_LIMITS, type Shard, type SweepLimits, type SweepPlan } from '@losslab/worker';
import { UsageError } from './errors.js';

/**
 * Limits for planning a sharded sweep: the whole sweep is only held to the index space (a run
 * count that is a safe integer); its shards are checked by {@link checkShardLimits}.
 */
export const SHARDED_PLAN_LIMITS: Readonly<SweepLimits> = Object.freeze({ maxRuns: Number.MAX_SAFE_INTEGER, maxResultBytes: Number.POSITIVE_INFINITY });

/**
 * Refuses a shard whose runs [start, end) pass the per-process caps (DEFAULT_LIMITS: runs, bytes
 * of result arrays), naming --shard and the smallest shard count that fits.
 */
export function checkShardLimits(plan: SweepPlan, shard: Shard, range: { start: number; end: number }, limits: SweepLimits = DEFAULT_LIMITS): void {
  const runs = range.end - range.start;
  const perRun = bytesPerRun(plan.data.d, plan.curveEpochs.length);
  // The most runs one process may hold: the run cap, or fewer when each run's arrays are large.
  const fit = Math.max(1, Math.min(limits.maxRuns, Math.floor(limits.maxResultBytes / perRun)));
  if (runs <= fit) return;
  // N shards hold at most ⌈R/N⌉ runs each: ⌈R/N⌉ ≤ fit ⟺ N ≥ ⌈R/fit⌉.
  const needed = Math.ceil(plan.runCount / fit);
  const why = runs > limits.maxRuns ? `more than the per-process cap of ${limits.maxRuns} runs` : `${((runs * perRun) / 2 ** 20).toFixed(1)} MiB of results (${perRun} bytes a run), more than the per-process cap of ${(limits.maxResultBytes / 2 ** 20).toFixed(1)} MiB`;
  throw new UsageError(`--shard ${shard.index}/${shard.count}: the shard has ${runs} runs, ${why}; split the ${plan.runCount}-run sweep into at least ${needed} shards (or keep fewer curve samples)`);
}
