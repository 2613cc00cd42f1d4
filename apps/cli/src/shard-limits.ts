// The run and result-memory caps apply per process: a shard is checked against them, not the
// whole sweep, so sharding lifts the size limit (up to the index space's 2^53 − 1 runs). A sweep
// written to a file holds only a window of its runs (SweepWindow): the memory cap applies to the
// window, so a shard (or a whole sweep) of any size within the run cap may keep long curves.

import { bytesPerRun, DEFAULT_LIMITS, type Shard, type SweepLimits, type SweepPlan } from '@losslab/worker';
import { UsageError } from './errors.js';

/**
 * Limits for planning a sharded sweep: the whole sweep is only held to the index space (a run
 * count that is a safe integer); its shards are checked by {@link checkShardLimits}.
 */
export const SHARDED_PLAN_LIMITS: Readonly<SweepLimits> = Object.freeze({ maxRuns: Number.MAX_SAFE_INTEGER, maxResultBytes: Number.POSITIVE_INFINITY });

/**
 * Limits for planning a sweep written through a window (to a file): the run cap on the whole
 * sweep as always, no cap on its results' bytes (checked on the window by {@link checkWindowLimits}).
 */
export const WINDOWED_PLAN_LIMITS: Readonly<SweepLimits> = Object.freeze({ maxRuns: DEFAULT_LIMITS.maxRuns, maxResultBytes: Number.POSITIVE_INFINITY });

/**
 * Refuses a window of `window` runs (of a range of `runs`) whose result arrays pass the per-process
 * cap on result bytes, naming --window-runs and its value when given, else --curve (a run's bytes
 * are then what is too large: the default window is 64 MiB or two row groups).
 */
export function checkWindowLimits(plan: SweepPlan, window: number, runs: number, requested: string | undefined, limits: SweepLimits = DEFAULT_LIMITS): void {
  const perRun = bytesPerRun(plan.data.d, plan.curveEpochs.length);
  const held = Math.min(window, runs);
  if (held * perRun <= limits.maxResultBytes) return;
  const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
  const what = `the window holds ${held} runs, ${mib(held * perRun)} MiB of results (${perRun} bytes a run), more than the per-process cap of ${mib(limits.maxResultBytes)} MiB`;
  if (requested !== undefined) throw new UsageError(`--window-runs ${requested}: ${what}; give at most ${Math.max(1, Math.floor(limits.maxResultBytes / perRun))}`);
  throw new UsageError(`--curve: ${what}; keep fewer curve samples`);
}

/**
 * Refuses a shard whose runs [start, end) pass the per-process caps (DEFAULT_LIMITS: runs, bytes
 * of result arrays), naming --shard and the smallest shard count that fits. With `window` (the
 * shard is written to a file through a window), only the run cap applies here: the bytes are the
 * window's ({@link checkWindowLimits}).
 */
export function checkShardLimits(plan: SweepPlan, shard: Shard, range: { start: number; end: number }, limits: SweepLimits = DEFAULT_LIMITS, window = false): void {
  const runs = range.end - range.start;
  if (window) limits = { maxRuns: limits.maxRuns, maxResultBytes: Number.POSITIVE_INFINITY };
  const perRun = bytesPerRun(plan.data.d, plan.curveEpochs.length);
  // The most runs one process may hold: the run cap, or fewer when each run's arrays are large.
  const fit = Math.max(1, Math.min(limits.maxRuns, Math.floor(limits.maxResultBytes / perRun)));
  if (runs <= fit) return;
  // N shards hold at most ⌈R/N⌉ runs each: ⌈R/N⌉ ≤ fit ⟺ N ≥ ⌈R/fit⌉.
  const needed = Math.ceil(plan.runCount / fit);
  const why = runs > limits.maxRuns ? `more than the per-process cap of ${limits.maxRuns} runs` : `${((runs * perRun) / 2 ** 20).toFixed(1)} MiB of results (${perRun} bytes a run), more than the per-process cap of ${(limits.maxResultBytes / 2 ** 20).toFixed(1)} MiB`;
  throw new UsageError(`--shard ${shard.index}/${shard.count}: the shard has ${runs} runs, ${why}; split the ${plan.runCount}-run sweep into at least ${needed} shards (or keep fewer curve samples)`);
}
