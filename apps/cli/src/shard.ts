// Shards: the I-th of N contiguous, balanced slices of a sweep's run index space.

import { quote, UsageError } from './errors.js';

/** Shard I of N (1 ≤ I ≤ N), as Playwright's and Jest's --shard number them. */
export interface Shard {
  index: number;
  count: number;
}

/** Run indices [start, end). */
export interface IndexRange {
  start: number;
  end: number;
}

/** Parses `I/N`. */
export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!match) throw new UsageError(`--shard: expected I/N with 1 ≤ I ≤ N (e.g. 2/8), got ${quote(text)}`);
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (!Number.isSafeInteger(count) || count < 1 || !Number.isSafeInteger(index) || index < 1 || index > count) {
    throw new UsageError(`--shard: expected I/N with 1 ≤ I ≤ N (e.g. 2/8), got ${quote(text)}`);
  }
  return { index, count };
}

/**
 * The runs of shard I of N over `runCount` runs: [⌊(I−1)·R/N⌋, ⌊I·R/N⌋). The N ranges are
 * contiguous, cover [0, R) exactly once and their sizes differ by at most 1 (some are empty when
 * N > R). R·N stays far below 2^53 for any sweep planSweep accepts, so the products are exact.
 */
export function shardRange(shard: Shard, runCount: number): IndexRange {
  return {
    start: Math.floor(((shard.index - 1) * runCount) / shard.count),
    end: Math.floor((shard.index * runCount) / shard.count),
  };
}
