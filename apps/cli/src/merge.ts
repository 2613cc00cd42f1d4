// `losslab merge FILE…`: joins shard outputs into the output of the unsharded sweep, byte for
// byte. Files are read twice, as streams (first their headers, then their runs in index order), so
// memory does not grow with the sweep.

import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { resultJsonClosing, resultJsonOpening, resultJsonRun, shardRange, toJson, type JsonValue, type ResultHeader, type RunRecord } from '@losslab/worker';
import { booleanFlag, parseArgs, stringFlag, type FlagTable } from './args.js';
import { EXIT_OK, UsageError } from './errors.js';
import { mergeHelp } from './help.js';
import { catchInterrupts } from './interrupt.js';
import { checkOutputPath, openOutput, type Output } from './output.js';
import { VERSION } from './version.js';
import { isParquetFile, mergeParquet } from './merge-parquet.js';

export const MERGE_FLAGS: FlagTable = {
  out: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
};

/** One input file, as its header describes it. */
interface Part {
  path: string;
  format: 'json' | 'csv';
  header: ResultHeader;
  /** The runs it holds, [start, end). */
  start: number;
  end: number;
  /** CSV: the column header row. */
  columns?: string;
  /** Lines before the first run. */
  headLines: number;
}

const RUNS_LINE = '  "runs": [';

/** Runs `losslab merge argv…` and returns the exit code. */
export async function mergeCommand(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, MERGE_FLAGS, 'merge', true);
  if (booleanFlag(args, 'help')) {
    process.stdout.write(mergeHelp());
    return EXIT_OK;
  }
  if (booleanFlag(args, 'version')) {
    process.stdout.write(`${VERSION}\n`);
    return EXIT_OK;
  }
  const files = args.positionals;
  if (files.length === 0) throw new UsageError('merge: no files given (usage: losslab merge FILE… [--out FILE])');
  const outPath = stringFlag(args, 'out');
  checkOutputPath(outPath);
  if (isParquetFile(files[0]!)) {
    const interrupt = catchInterrupts();
    try {
      return await mergeParquet(files, outPath, interrupt);
    } finally {
      interrupt.dispose();
    }
  }

  const parts: Part[] = [];
  for (const path of files) parts.push(await readHead(path));
  checkCompatible(parts);
  parts.sort((a, b) => a.start - b.start || a.end - b.end);
  checkCoverage(parts);

  const first = parts[0]!;
  const header: ResultHeader = { losslab: first.header.losslab, spec: first.header.spec, curveEpochs: first.header.curveEpochs, runCount: first.header.runCount };
  const interrupt = catchInterrupts();
  const output = openOutput(outPath);
  try {
    if (first.format === 'json') await writeJson(output, header, jsonRuns(parts, interrupt.signal));
    else {
      await output.write(`${first.columns!}\n`);
      for (const part of parts) for await (const line of csvRows(part, interrupt.signal)) await output.write(`${line}\n`);
    }
    await output.commit();
  } catch (error) {
    await output.discard();
    if (interrupt.exitCode !== undefined) {
      process.stderr.write('losslab merge: interrupted; nothing was written\n');
      return interrupt.exitCode;
    }
    throw error;
  } finally {
    interrupt.dispose();
  }
  return EXIT_OK;
}

/** The lines of a file, streamed; line numbers from 1. */
async function* lines(path: string): AsyncGenerator<[string, number]> {
  const stream = createReadStream(path, { encoding: 'utf8' });
  const failed = new Promise<never>((_, fail) => stream.once('error', fail));
  failed.catch(() => {});
  const reader = createInterface({ input: stream, crlfDelay: Infinity });
  let number = 0;
  try {
    const iterator = reader[Symbol.asyncIterator]();
    for (;;) {
      const next = await Promise.race([iterator.next(), failed]);
      if (next.done) break;
      yield [next.value, ++number];
    }
  } catch (error) {
    throw new UsageError(`merge: cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  } finally {
    reader.close();
    stream.destroy();
  }
}

/** Reads a file's header: the JSON fields before "runs", or a CSV shard's #losslab line and columns. */
async function readHead(path: string): Promise<Part> {
  const head: string[] = [];
  let format: Part['format'] | undefined;
  let columns: string | undefined;
  for await (const [line, number] of lines(path)) {
    if (number === 1) {
      if (line === '{') format = 'json';
      else if (line.startsWith('#losslab ')) format = 'csv';
      else if (line.startsWith('index,')) throw new UsageError(`merge: ${path}: a CSV without a '#losslab' first line is not a shard output (only sweep --shard writes one); merge CSV shards, or JSON outputs`);
      else throw new UsageError(`merge: ${path}:1: not an output of losslab sweep (expected '{' or '#losslab …')`);
    }
    if (format === 'csv') {
      if (number === 1) head.push(line.slice('#losslab '.length));
      else {
        columns = line;
        break;
      }
    } else {
      head.push(line);
      if (line === RUNS_LINE) break;
    }
  }
  if (format === undefined) throw new UsageError(`merge: ${path}: the file is empty`);
  let parsed: unknown;
  try {
    if (format === 'json') {
      if (head.at(-1) !== RUNS_LINE) throw new Error(`no line '${RUNS_LINE.trim()}' as losslab writes it`);
      parsed = JSON.parse(`${head.join('\n')}]}`);
    } else {
      if (columns === undefined) throw new Error('no header row after the #losslab line');
      parsed = JSON.parse(head[0]!);
    }
  } catch (error) {
    throw new UsageError(`merge: ${path}: not an output of losslab sweep: ${(error as Error).message}`);
  }
  const header = checkHeader(path, parsed);
  const start = header.shard ? header.shard.start : 0;
  const end = header.shard ? header.shard.end : header.runCount;
  return { path, format, header, start, end, columns, headLines: head.length + (format === 'csv' ? 1 : 0) };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}

function checkHeader(path: string, value: unknown): ResultHeader {
  const bad = (what: string) => new UsageError(`merge: ${path}: not an output of losslab sweep: ${what}`);
  if (!isRecord(value)) throw bad('the header is not an object');
  const { losslab, spec, curveEpochs, runCount, shard } = value;
  if (typeof losslab !== 'string') throw bad('no "losslab" version');
  if (!isRecord(spec)) throw bad('no "spec"');
  if (!Array.isArray(curveEpochs) || !curveEpochs.every(isCount)) throw bad('no "curveEpochs"');
  if (!isCount(runCount)) throw bad('no "runCount"');
  // The spec is compared as text and written back as read: merge never plans it.
  const header: ResultHeader = { losslab, spec: spec as unknown as ResultHeader['spec'], curveEpochs: curveEpochs as number[], runCount };
  if (shard !== undefined) {
    if (!isRecord(shard) || ![shard.index, shard.count, shard.start, shard.end].every(isCount)) throw bad('a malformed "shard"');
    const s = shard as { index: number; count: number; start: number; end: number };
    if (s.index < 1 || s.index > s.count) throw bad(`"shard" says ${s.index}/${s.count}, but a shard is I/N with 1 ≤ I ≤ N`);
    const expected = shardRange(s, runCount);
    if (s.start !== expected.start || s.end !== expected.end) {
      throw bad(`"shard" says ${s.index}/${s.count} holds runs [${s.start}, ${s.end}), but shard ${s.index}/${s.count} of ${runCount} runs is [${expected.start}, ${expected.end})`);
    }
    header.shard = { index: s.index, count: s.count, start: s.start, end: s.end };
  }
  return header;
}

function describe(part: Part): string {
  const s = part.header.shard;
  return `${part.path} (${s ? `shard ${s.index}/${s.count}, ` : 'whole sweep, '}runs [${part.start}, ${part.end}))`;
}

/** The spec as JSON text (a header read from a file holds plain JSON data there). */
function specText(header: ResultHeader): string {
  return toJson(header.spec as unknown as JsonValue);
}

/** Same format, version, spec, curve epochs, run count and (CSV) columns in every file. */
function checkCompatible(parts: readonly Part[]): void {
  const first = parts[0]!;
  const spec = specText(first.header);
  const epochs = toJson(first.header.curveEpochs);
  for (const part of parts.slice(1)) {
    const differ = (what: string) => new UsageError(`merge: ${part.path} and ${first.path} ${what}; they are not shards of one sweep`);
    if (part.format !== first.format) throw differ(`differ in format (${part.format} vs ${first.format})`);
    if (part.header.losslab !== first.header.losslab) throw differ(`were written by different losslab versions (${part.header.losslab} vs ${first.header.losslab})`);
    if (specText(part.header) !== spec) throw differ('have different specs');
    if (part.header.runCount !== first.header.runCount) throw differ(`have different run counts (${part.header.runCount} vs ${first.header.runCount})`);
    if (toJson(part.header.curveEpochs) !== epochs) throw differ('have different curve epochs');
    if (part.columns !== first.columns) throw differ('have different CSV columns');
  }
}

/** The files (sorted by start) must cover [0, runCount) exactly once; the error names the gaps and overlaps. */
function checkCoverage(parts: readonly Part[]): void {
  const runCount = parts[0]!.header.runCount;
  const problems: string[] = [];
  const seen = new Map<string, Part>();
  for (const part of parts) {
    const s = part.header.shard;
    if (!s) continue;
    const key = `${s.index}/${s.count}`;
    const other = seen.get(key);
    if (other) problems.push(`shard ${key} is given twice: ${other.path} and ${part.path}`);
    else seen.set(key, part);
  }
  const counts = new Set(parts.map((p) => p.header.shard?.count));
  const shardCount = counts.size === 1 ? [...counts][0] : undefined;
  const missing = (start: number, end: number) => {
    let names = '';
    if (shardCount !== undefined) {
      const absent: string[] = [];
      for (let i = 1; i <= shardCount; i++) {
        const r = shardRange({ index: i, count: shardCount }, runCount);
        if (r.start >= start && r.end <= end && r.end > r.start) absent.push(`${i}/${shardCount}`);
      }
      if (absent.length) names = `: shard${absent.length > 1 ? 's' : ''} ${absent.join(', ')} ${absent.length > 1 ? 'are' : 'is'} missing`;
    }
    problems.push(`runs [${start}, ${end}) are in no file${names}`);
  };
  let covered = 0;
  let last: Part | undefined;
  for (const part of parts) {
    if (part.end === part.start) continue;
    if (part.start > covered) missing(covered, part.start);
    else if (part.start < covered && last) {
      const key = (p: Part) => (p.header.shard ? `${p.header.shard.index}/${p.header.shard.count}` : '');
      if (!(key(part) && key(part) === key(last))) problems.push(`${describe(part)} and ${describe(last)} overlap on runs [${part.start}, ${Math.min(covered, part.end)})`);
    }
    if (part.end > covered) {
      covered = part.end;
      last = part;
    }
  }
  if (covered < runCount) missing(covered, runCount);
  if (problems.length) throw new UsageError(`merge: the files do not cover the ${runCount} runs exactly once:\n  ${problems.join('\n  ')}`);
}

/** Writes the JSON result file of `header` and `runs`, in @losslab/worker's layout (as sweep writes it). */
async function writeJson(out: Output, header: ResultHeader, runs: AsyncIterable<RunRecord>): Promise<void> {
  await out.write(resultJsonOpening(header));
  let written = 0;
  for await (const run of runs) await out.write(resultJsonRun(run, written++ === 0));
  await out.write(resultJsonClosing(written));
}

/** The run records of JSON parts in index order, checked and re-serialized. */
async function* jsonRuns(parts: readonly Part[], signal: AbortSignal): AsyncGenerator<RunRecord> {
  for (const part of parts) {
    let expected = part.start;
    let closed = false;
    for await (const [line, number] of lines(part.path)) {
      if (number <= part.headLines) continue;
      if (signal.aborted) throw new Error('interrupted');
      const where = `merge: ${part.path}:${number}`;
      if (closed) {
        if (line === '}' || line === '') continue;
        throw new UsageError(`${where}: unexpected text after the runs`);
      }
      if (line === '  ]') {
        closed = true;
        continue;
      }
      let run: unknown;
      try {
        run = JSON.parse(line.trim().replace(/,$/, ''));
      } catch {
        throw new UsageError(`${where}: not a run record as losslab writes it (one JSON object per line)`);
      }
      if (!isRecord(run) || run.index !== expected) throw new UsageError(`${where}: expected the record of run ${expected}, got ${isRecord(run) ? `run ${String(run.index)}` : 'something else'}`);
      if (expected >= part.end) throw new UsageError(`${where}: run ${expected} is outside the file's range [${part.start}, ${part.end})`);
      expected++;
      yield run as RunRecord;
    }
    if (!closed || expected !== part.end) throw new UsageError(`merge: ${part.path}: holds runs [${part.start}, ${expected}) but its header says [${part.start}, ${part.end}); the file is cut short`);
  }
}

/** The row lines of a CSV part, with their index checked. */
async function* csvRows(part: Part, signal: AbortSignal): AsyncGenerator<string> {
  let expected = part.start;
  for await (const [line, number] of lines(part.path)) {
    if (number <= part.headLines) continue;
    if (signal.aborted) throw new Error('interrupted');
    if (line === '') continue;
    const index = line.slice(0, line.indexOf(','));
    if (index !== String(expected)) throw new UsageError(`merge: ${part.path}:${number}: expected the row of run ${expected}, got ${JSON.stringify(index)}`);
    if (expected >= part.end) throw new UsageError(`merge: ${part.path}:${number}: run ${expected} is outside the file's range [${part.start}, ${part.end})`);
    expected++;
    yield line;
  }
  if (expected !== part.end) throw new UsageError(`merge: ${part.path}: holds runs [${part.start}, ${expected}) but its header says [${part.start}, ${part.end}); the file is cut short`);
}
