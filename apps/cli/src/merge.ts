// `losslab merge FILE…`: joins shard outputs into the output of the unsharded sweep. Files are
// streamed line by line, never held whole, so memory is bounded by the longest line (a header line
// or one run's record, at most MAX_LINE_BYTES), not by the sweep.
//
// Two passes. The first checks everything and writes nothing: each file's header (its spec is
// planned again), that the files are shards of one sweep covering every run once, every run's
// record or row as @losslab/worker's readRun checks a file the app imports (fields, types, the
// spec's loss, η and initialization for its index, the CSV cell count), the file's runsSha256
// against its runs, and a sample of runs recomputed with the kernel, bit for bit. Only then is the
// output opened (stdout too) and the runs written, re-serialized in the canonical text, with the
// whole file's runsSha256: the merged file is byte for byte the unsharded run's. So a corrupted shard is refused with
// exit 2 and nothing written, and anything merge accepts merges to the same bytes.

import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import {
  allocateRuns,
  checkRecomputed,
  csvCell,
  csvCells,
  csvColumns,
  csvRowRecord,
  csvTrailerLine,
  planSweep,
  readRun,
  ResultFileError,
  resultJsonClosing,
  resultJsonOpening,
  sampleIndices,
  shardRange,
  SweepSpecError,
  toJson,
  type JsonValue,
  type ResultHeader,
  type RunFailure,
  type RunRecord,
  type SweepPlan,
} from '@losslab/worker';
import { booleanFlag, parseArgs, stringFlag, type FlagTable } from './args.js';
import { EXIT_OK, UsageError } from './errors.js';
import { mergeHelp } from './help.js';
import { formatBytes, MAX_LINE_BYTES } from './input-limits.js';
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
  /** Its runs' checksum, once the first pass has checked it. */
  runsSha256?: string;
  /** Whether every run's text in the file is already the canonical text (as losslab writes it), so the second pass copies it unparsed. */
  canonical?: boolean;
}

const RUNS_LINE = '  "runs": [';
/** A JSON head has 7 lines at most ({, losslab, spec, curveEpochs, runCount, shard, runs). */
const MAX_HEAD_LINES = 16;
/** After the runs: `  ],`, runsSha256, `}` and an empty line at most. */
const MAX_TRAILER_LINES = 8;

/**
 * The runs' SHA-256 as @losslab/worker's RunsDigest computes it (each run's text and a line break),
 * with node:crypto: the same digest, several times faster than the portable one.
 */
class RunsDigest {
  private readonly hash: Hash = createHash('sha256');
  add(runText: string): void {
    this.hash.update(runText);
    this.hash.update('\n');
  }
  hex(): string {
    return this.hash.digest('hex');
  }
}

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

  const interrupt = catchInterrupts();
  let output: Output | undefined;
  try {
    const parts: Part[] = [];
    for (const path of files) parts.push(await readHead(path));
    checkCompatible(parts);
    parts.sort((a, b) => a.start - b.start || a.end - b.end);
    checkCoverage(parts);
    const first = parts[0]!;
    const plan = planOf(first);

    // Pass 1: check every run of every file; nothing is written yet.
    for (const part of parts) part.runsSha256 = await checkRuns(part, plan, interrupt.signal);

    // Pass 2: write.
    const header: ResultHeader = { losslab: first.header.losslab, spec: first.header.spec, curveEpochs: first.header.curveEpochs, runCount: first.header.runCount };
    output = openOutput(outPath);
    const whole = new RunsDigest();
    let written = 0;
    await output.write(first.format === 'json' ? resultJsonOpening(header) : `${first.columns!}\n`);
    for (const part of parts) {
      const digest = new RunsDigest();
      for await (const { text } of partRuns(part, plan, interrupt.signal, part.canonical ? 'copy' : 'parse')) {
        digest.add(text);
        whole.add(text);
        await output.write(first.format === 'json' ? `${written === 0 ? '' : ',\n'}    ${text}` : `${text}\n`);
        written++;
      }
      // The file was checked in the first pass; if it changed since, the output is not what was checked.
      if (digest.hex() !== part.runsSha256) throw new Error(`merge: ${part.path} changed while it was being merged`);
    }
    const trailer = { runsSha256: whole.hex() };
    await output.write(first.format === 'json' ? resultJsonClosing(written, trailer) : csvTrailerLine(trailer));
    await output.commit();
  } catch (error) {
    await output?.discard();
    if (interrupt.exitCode !== undefined) {
      // Before the second pass nothing was written anywhere; during it, a file is discarded, but stdout already holds what was written.
      process.stderr.write(`losslab merge: interrupted; ${output && outPathIsStdout(outPath) ? 'stdout holds part of the output' : 'nothing was written'}\n`);
      return interrupt.exitCode;
    }
    throw error;
  } finally {
    interrupt.dispose();
  }
  return EXIT_OK;
}

function outPathIsStdout(path: string | undefined): boolean {
  return path === undefined || path === '-';
}

/**
 * The lines of a file, streamed, with their numbers (from 1); a line longer than MAX_LINE_BYTES
 * (e.g. /dev/zero, which has no line breaks and no end) is refused once the limit is reached.
 */
async function* lines(path: string): AsyncGenerator<[string, number]> {
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 16 });
  // The start of a line not yet ended, as the chunks it came in (joined once it ends: joining at
  // every chunk would copy a long line over and over).
  let pending: string[] = [];
  let pendingLength = 0;
  let number = 0;
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      let at = 0;
      for (;;) {
        const newline = chunk.indexOf('\n', at);
        if (newline < 0) break;
        const piece = chunk.slice(at, newline);
        const line = pendingLength === 0 ? piece : pending.join('') + piece;
        pending = [];
        pendingLength = 0;
        yield [line, ++number];
        at = newline + 1;
      }
      if (at < chunk.length) {
        pending.push(chunk.slice(at));
        pendingLength += chunk.length - at;
      }
      // UTF-16 code units ≤ UTF-8 bytes, so this counts at most the bytes read.
      if (pendingLength > MAX_LINE_BYTES) throw new UsageError(`merge: ${path}:${number + 1}: a line longer than ${formatBytes(MAX_LINE_BYTES)} (the limit of one line of a result file): not an output of losslab sweep`);
    }
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`merge: cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  } finally {
    stream.destroy();
  }
  if (pendingLength > 0) yield [pending.join(''), ++number];
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
      if (head.length >= MAX_HEAD_LINES) throw new UsageError(`merge: ${path}: no line '${RUNS_LINE.trim()}' in its first ${MAX_HEAD_LINES} lines: not an output of losslab sweep`);
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

/** The plan of a part's spec (the files' specs are equal), and for CSV its columns, checked. */
function planOf(part: Part): SweepPlan {
  let plan: SweepPlan;
  try {
    plan = planSweep(part.header.spec);
  } catch (error) {
    if (!(error instanceof SweepSpecError)) throw error;
    throw new UsageError(`merge: ${part.path}: its spec does not plan: ${error.issues.map(({ field, message }) => `spec.${field}: ${message}`).join('; ')}`);
  }
  const bad = (what: string) => new UsageError(`merge: ${part.path}: ${what}, but its spec plans ${what.startsWith('runCount') ? `${plan.runCount} runs` : 'another'}`);
  if (part.header.runCount !== plan.runCount) throw bad(`runCount is ${part.header.runCount}`);
  if (toJson(part.header.curveEpochs) !== toJson(Array.from(plan.curveEpochs))) throw bad('curveEpochs differ from what the spec keeps');
  if (part.format === 'csv' && part.columns !== csvColumns(plan).join(',')) throw new UsageError(`merge: ${part.path}: the column header row is not the one of its spec (${csvColumns(plan).slice(0, 4).join(',')},…)`);
  return plan;
}

/** One run of a part: its index, its canonical text (a JSON record's compact text, or a CSV row), and its text as the file holds it. */
interface PartRun {
  index: number;
  text: string;
  raw: string;
}

/** 'check': parse and check every run; 'parse': parse (to re-serialize); 'copy': take the text as it is (a canonical file, checked before). */
type PartMode = 'check' | 'parse' | 'copy';

/**
 * The runs of a part, in order, each parsed, checked with readRun when `check` (always for their
 * index) and re-serialized in the canonical text; then the part's trailer, whose runsSha256 is
 * returned through `trailer.value`.
 */
async function* partRuns(part: Part, plan: SweepPlan, signal: AbortSignal, mode: PartMode, trailer: { value?: string } = {}, samples: ReadonlySet<number> = new Set()): AsyncGenerator<PartRun> {
  const scratch = allocateRuns(1, plan.data.d, plan.curveEpochs.length);
  let failures: RunFailure[] = [];
  let expected = part.start;
  const after: string[] = [];
  let closed = false;
  for await (const [line, number] of lines(part.path)) {
    if (number <= part.headLines) continue;
    if (signal.aborted) throw new Error('interrupted');
    const where = `${part.path}:${number}`;
    const fail = (message: string): never => {
      throw new UsageError(`merge: ${where}: ${message}`);
    };
    if (closed) {
      after.push(line);
      if (after.length > MAX_TRAILER_LINES) fail('unexpected text after the runs');
      continue;
    }
    if (part.format === 'json' ? line === '  ],' || line === '  ]' : line.startsWith('#losslab-end ')) {
      closed = true;
      after.push(line);
      continue;
    }
    if (expected >= part.end) fail(`run ${expected} is outside the file's range [${part.start}, ${part.end}) (or the runs do not end as losslab writes them)`);
    const at = `runs[${expected - part.start}]`;
    const raw = part.format === 'json' ? line.slice(4).replace(/,$/, '') : line;
    if (mode === 'copy') {
      // Checked in the first pass; the digest of what is copied is compared with it after the part.
      if (!raw.startsWith(part.format === 'json' ? `{"index":${expected},` : `${expected},`)) fail(`expected the record of run ${expected}`);
      yield { index: expected, text: raw, raw };
      expected++;
      continue;
    }
    let record: RunRecord;
    try {
      if (part.format === 'json') {
        if (!line.startsWith('    {')) fail(`expected the record of run ${expected} (one JSON object per line, as losslab writes it)`);
        try {
          record = JSON.parse(raw) as RunRecord;
        } catch {
          return fail(`expected the record of run ${expected}: not a JSON object (one per line, as losslab writes it)`);
        }
      } else record = csvRowRecord(plan, line, at);
      if (mode === 'check') {
        failures = [];
        readRun(plan, record, at, expected, scratch, 0, failures);
        if (samples.has(expected)) checkRecomputed(plan, scratch, 0, expected, at);
      } else if (record === null || typeof record !== 'object' || record.index !== expected) fail(`expected the record of run ${expected}`);
    } catch (error) {
      if (error instanceof ResultFileError) fail(error.message);
      throw error;
    }
    yield { index: expected, text: part.format === 'json' ? toJson(record) : csvCells(record).map(csvCell).join(','), raw };
    expected++;
  }
  if (expected !== part.end) throw new UsageError(`merge: ${part.path}: holds runs [${part.start}, ${expected}) but its header says [${part.start}, ${part.end}); the file is cut short`);
  trailer.value = trailerDigest(part, after);
}

/** The runsSha256 of a part's trailer lines (JSON: `  ],` to `}`; CSV: the #losslab-end line). */
function trailerDigest(part: Part, after: readonly string[]): string {
  const bad = (what: string) => new UsageError(`merge: ${part.path}: ${what} (a file as losslab writes it ends with the runs' runsSha256)`);
  let fields: unknown;
  try {
    if (part.format === 'json') {
      const rest = [...after];
      while (rest.at(-1) === '') rest.pop();
      if (rest[0] !== '  ],' || rest.at(-1) !== '}') throw new Error('the runs are not followed by the trailer');
      fields = JSON.parse(`{${rest.slice(1).join('\n')}`);
    } else {
      const rest = after.filter((line) => line !== '');
      if (rest.length !== 1) throw new Error('the rows are not followed by one #losslab-end line');
      fields = JSON.parse(rest[0]!.slice('#losslab-end '.length));
    }
  } catch (error) {
    if (after.length === 0) throw bad('no trailer: the file is cut short');
    throw bad(`the trailer is not as losslab writes it: ${(error as Error).message}`);
  }
  if (!isRecord(fields)) throw bad('the trailer is not an object');
  for (const key of Object.keys(fields)) if (key !== 'runsSha256') throw bad(`the trailer has a field ${JSON.stringify(key)}`);
  const digest = fields.runsSha256;
  if (typeof digest !== 'string' || !/^[0-9a-f]{64}$/.test(digest)) throw bad('no runsSha256 in the trailer');
  return digest;
}

/** First pass over a part: every run checked, a sample recomputed, the checksum compared. Returns the part's runsSha256. */
async function checkRuns(part: Part, plan: SweepPlan, signal: AbortSignal): Promise<string> {
  const digest = new RunsDigest();
  const trailer: { value?: string } = {};
  const samples = new Set(sampleIndices(plan, part.start, part.end));
  part.canonical = true;
  for await (const { text, raw } of partRuns(part, plan, signal, 'check', trailer, samples)) {
    digest.add(text);
    if (raw !== text) part.canonical = false;
  }
  const hex = digest.hex();
  if (hex !== trailer.value) throw new UsageError(`merge: ${part.path}: its runsSha256 does not match its runs: the file was changed or damaged after it was written`);
  return hex;
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
  if (problems.length) throw new UsageError(`merge: the files do not cover the ${runCount} runs exactly once: ${problems.join('; ')}`);
}

