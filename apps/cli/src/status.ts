// `losslab status --spec FILE.json --shards N PATH…`: which shards of a sharded sweep are on disk,
// so a half-finished array job can be resumed by resubmitting only the missing indices. Reads only
// each file's header (the lines before the runs) and its last bytes; never the runs.

import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { shardRange, toJson, type JsonValue, type SweepPlan } from '@losslab/worker';
import { booleanFlag, parseArgs, stringFlag, type FlagTable } from './args.js';
import { EXIT_FAILED, EXIT_OK, quote, UsageError } from './errors.js';
import { parsePositiveInteger } from './flag-values.js';
import { statusHelp } from './help.js';
import { readShardHeader, type ShardHeader } from './shard-header.js';
import { SHARDED_PLAN_LIMITS } from './shard-limits.js';
import { planFrom, sweepSpec } from './sweep-spec.js';
import { VERSION } from './version.js';

export const STATUS_FLAGS: FlagTable = {
  spec: { type: 'string' },
  shards: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
};

/** What the files say about one shard. */
export interface ShardState {
  index: number;
  start: number;
  end: number;
  /** The files holding exactly this shard of this spec. */
  files: string[];
}

/** The status of every shard, and the files that belong to none. */
export interface SweepStatus {
  shards: ShardState[];
  /** Files that are not a shard of this spec and count: each with why. */
  foreign: Array<{ path: string; reason: string }>;
}

/**
 * Sorted shard indices as Slurm's `--array=` list: runs of consecutive indices become `A-B`
 * (`[1, 2, 3, 5, 7, 8]` → `1-3,5,7-8`).
 */
export function arrayList(indices: readonly number[]): string {
  const parts: string[] = [];
  const sorted = [...indices].sort((a, b) => a - b);
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(j > i ? `${sorted[i]}-${sorted[j]}` : `${sorted[i]}`);
    i = j + 1;
  }
  return parts.join(',');
}

/**
 * Classifies `files` as shards 1..count of `plan` (written by losslab `version`): a file is a
 * shard when its header has the plan's canonical spec, run count and this shard count, its shard
 * range is the one shardRange gives, and its text is complete; anything else is foreign, with why.
 */
export async function sweepStatus(plan: SweepPlan, count: number, files: readonly string[], version = VERSION): Promise<SweepStatus> {
  const shards: ShardState[] = Array.from({ length: count }, (_, k) => ({ index: k + 1, ...shardRange({ index: k + 1, count }, plan.runCount), files: [] }));
  const foreign: SweepStatus['foreign'] = [];
  const specText = toJson(plan.spec as unknown as JsonValue);
  for (const path of files) {
    let header: ShardHeader;
    try {
      header = await readShardHeader(path);
    } catch (error) {
      foreign.push({ path, reason: (error as Error).message });
      continue;
    }
    const reason = mismatch(header, plan, specText, count, version);
    if (reason !== undefined) foreign.push({ path, reason });
    else shards[header.shard!.index - 1]!.files.push(path);
  }
  return { shards, foreign };
}

function mismatch(header: ShardHeader, plan: SweepPlan, specText: string, count: number, version: string): string | undefined {
  if (!header.complete) return 'incomplete: the file ends before its last run (a copy still in progress?)';
  if (header.losslab !== version) return `written by losslab ${header.losslab}, not ${version} (merge needs one version)`;
  if (toJson(header.spec as JsonValue) !== specText) return 'another spec';
  if (header.runCount !== plan.runCount) return `${header.runCount} runs, not the spec's ${plan.runCount}`;
  const shard = header.shard;
  if (!shard) return 'the whole sweep, not a shard';
  if (shard.count !== count) return `shard ${shard.index}/${shard.count}, not one of ${count}`;
  if (!(Number.isSafeInteger(shard.index) && shard.index >= 1 && shard.index <= count)) return `shard index ${shard.index} is not in 1..${count}`;
  const expected = shardRange(shard, plan.runCount);
  if (shard.start !== expected.start || shard.end !== expected.end) return `says runs [${shard.start}, ${shard.end}), but shard ${shard.index}/${count} is [${expected.start}, ${expected.end})`;
  return undefined;
}

/**
 * The files named by the PATH arguments: a directory gives its .json and .csv files (not the
 * hidden temporary files of unfinished writes); a path with `*` or `?` in its last part is a
 * pattern in its directory (for shells that pass a glob through unexpanded); anything else is a file.
 */
export async function shardFiles(paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => undefined);
    if (info?.isDirectory()) {
      for (const name of (await readdir(path)).sort()) if (!name.startsWith('.') && /\.(json|csv)$/i.test(name)) files.push(join(path, name));
    } else if (info) files.push(path);
    else if (/[*?]/.test(basename(path))) {
      const dir = dirname(path);
      const pattern = new RegExp(`^${basename(path).replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
      const names = await readdir(dir).catch(() => {
        throw new UsageError(`status: ${quote(path)}: the directory ${dir} does not exist`);
      });
      files.push(...names.filter((name) => pattern.test(name) && !name.startsWith('.')).sort().map((name) => join(dir, name)));
    } else throw new UsageError(`status: ${quote(path)}: no such file or directory`);
  }
  return [...new Set(files)];
}

/** Runs `losslab status argv…` and returns the exit code: 0 when every shard is there exactly once, 1 otherwise. */
export async function statusCommand(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, STATUS_FLAGS, 'status', true);
  if (booleanFlag(args, 'help')) {
    process.stdout.write(statusHelp());
    return EXIT_OK;
  }
  if (booleanFlag(args, 'version')) {
    process.stdout.write(`${VERSION}\n`);
    return EXIT_OK;
  }
  if (stringFlag(args, 'spec') === undefined) throw new UsageError('status: --spec FILE.json is required (the spec the shards were run from)');
  const shardsText = stringFlag(args, 'shards');
  if (shardsText === undefined) throw new UsageError('status: --shards N is required (the N of --shard I/N)');
  const count = parsePositiveInteger('--shards', shardsText);
  if (args.positionals.length === 0) throw new UsageError('status: give the shard files, or the directory holding them');
  const plan = planFrom(sweepSpec(args), SHARDED_PLAN_LIMITS);
  const files = await shardFiles(args.positionals);
  const { shards, foreign } = await sweepStatus(plan, count, files);

  const width = String(count).length;
  const lines = shards.map((s) => {
    const state = s.files.length === 0 ? 'missing' : s.files.length === 1 ? 'present' : 'duplicate';
    return `shard ${String(s.index).padStart(width)}/${count}  runs [${s.start}, ${s.end})  ${state.padEnd(9)}  ${s.files.join(', ')}`.trimEnd();
  });
  for (const f of foreign) lines.push(`foreign  ${f.path}: ${f.reason}`);
  const missing = shards.filter((s) => s.files.length === 0).map((s) => s.index);
  const duplicate = shards.filter((s) => s.files.length > 1).map((s) => s.index);
  const present = count - missing.length;
  lines.push(`${present} of ${count} shards present${duplicate.length ? `, ${duplicate.length} in more than one file` : ''}${foreign.length ? `, ${foreign.length} foreign file${foreign.length > 1 ? 's' : ''}` : ''}`);
  if (missing.length > 0) lines.push(`missing: --array=${arrayList(missing)}`);
  process.stdout.write(`${lines.join('\n')}\n`);
  return missing.length === 0 && duplicate.length === 0 ? EXIT_OK : EXIT_FAILED;
}
