// The header of a result file (the fields before its runs), read without reading the runs: for a
// JSON file the lines up to `"runs": [`, for a CSV shard its `#losslab {…}` first line. Plus
// whether the file's text is complete (it ends as losslab ends a file).

import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';

/** A result file's header fields, as written (unvalidated beyond their types). */
export interface ShardHeader {
  format: 'json' | 'csv';
  losslab: string;
  spec: unknown;
  runCount: number;
  shard?: { index: number; count: number; start: number; end: number };
  /** The file ends as a complete file does: with its runsSha256 trailer (`"runsSha256": "…"\n}\n` in JSON, a `#losslab-end {…"runsSha256":"…"}` line in CSV). */
  complete: boolean;
}

const RUNS_LINE = '  "runs": [';

/** Reads `path`'s header; throws an Error saying why a file is not a losslab result file. */
export async function readShardHeader(path: string): Promise<ShardHeader> {
  const head: string[] = [];
  let format: ShardHeader['format'] | undefined;
  const stream = createReadStream(path, { encoding: 'utf8' });
  const reader = createInterface({ input: stream, crlfDelay: Infinity });
  try {
    for await (const line of reader) {
      if (format === undefined) {
        if (line === '{') format = 'json';
        else if (line.startsWith('#losslab ')) {
          format = 'csv';
          head.push(line.slice('#losslab '.length));
          break;
        } else if (line.startsWith('index,')) throw new Error('a CSV without the #losslab line of a shard');
        else throw new Error('not a losslab result file');
        continue;
      }
      if (line === RUNS_LINE) {
        head.push(`${RUNS_LINE}]}`);
        break;
      }
      head.push(line);
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw code ? new Error(`cannot read it (${code})`) : error;
  } finally {
    reader.close();
    stream.destroy();
  }
  if (format === undefined) throw new Error('the file is empty');
  if (format === 'json' && head.at(-1) !== `${RUNS_LINE}]}`) throw new Error(`no line '${RUNS_LINE.trim()}' as losslab writes it`);
  let value: unknown;
  try {
    value = JSON.parse(format === 'json' ? `{${head.join('\n')}` : head[0]!);
  } catch (error) {
    throw new Error(`an unreadable header: ${(error as Error).message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error('the header is not an object');
  const { losslab, spec, runCount, shard } = value as Record<string, unknown>;
  if (typeof losslab !== 'string') throw new Error('no "losslab" version in the header');
  if (typeof runCount !== 'number') throw new Error('no "runCount" in the header');
  const header: ShardHeader = { format, losslab, spec, runCount, complete: await endsComplete(path, format) };
  if (shard !== undefined) {
    const s = shard as Record<string, unknown>;
    if (!['index', 'count', 'start', 'end'].every((key) => typeof s[key] === 'number')) throw new Error('a malformed "shard" in the header');
    header.shard = { index: s.index as number, count: s.count as number, start: s.start as number, end: s.end as number };
  }
  return header;
}

async function endsComplete(path: string, format: ShardHeader['format']): Promise<boolean> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    // Every result file ends with the runs' checksum (a shard's trailer has nothing else).
    const tail = Buffer.alloc(Math.min(size, 96));
    await file.read(tail, 0, tail.length, size - tail.length);
    const text = tail.toString('latin1');
    return format === 'json' ? /\n {2}"runsSha256": "[0-9a-f]{64}"\n\}\n$/.test(text) : /\n#losslab-end \{"runsSha256":"[0-9a-f]{64}"\}\n$/.test(text);
  } finally {
    await file.close();
  }
}
