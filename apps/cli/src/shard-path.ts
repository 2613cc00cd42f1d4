// `--out part-{I}-of-{N}.json`: a shard's output path from the shard it resolved to, so every task
// of an array job (whose shard comes from `--shard auto`) can share one command line.

import type { Shard } from '@losslab/worker';
import { quote, UsageError } from './errors.js';

/**
 * `path` with every `{I}` replaced by the shard's index and every `{N}` by the shard count. A path
 * with a placeholder and no shard is a UsageError (every task would write the same file).
 */
export function shardOutputPath(path: string | undefined, shard: Shard | undefined): string | undefined {
  if (path === undefined || !/\{[IN]\}/.test(path)) return path;
  if (!shard) throw new UsageError(`--out ${quote(path)}: {I} and {N} name a shard's file, but there is no --shard`);
  return path.replace(/\{I\}/g, String(shard.index)).replace(/\{N\}/g, String(shard.count));
}
