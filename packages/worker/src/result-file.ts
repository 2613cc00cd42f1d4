// Result files, as `losslab sweep` writes them and the app exports them: JSON (a header, then one
// run record per line) and CSV (a header row, then one row per run). Written in pieces, so the CLI
// streams a large sweep to a file and a page builds a Blob, without one huge string.
//
// JSON layout (`losslab merge` relies on it: one run per line):
//   {
//     "losslab": "0.1.0",
//     "spec": {…},
//     "curveEpochs": […],
//     "runCount": R,
//     "stability": {"optimum":{"w":…,"b":…},"etaStar":{"se":…,"ce":…}},
//     "shard": {"index":I,"count":N,"start":S,"end":E},   ← a shard's file only
//     "runs": [
//       {…},
//       {…}
//     ],
//     "runsSha256": "…"
//   }
// CSV: a header row and one row per run, then a `#losslab-end {…}` line with the trailer's fields
// (runsSha256); a shard's CSV starts with one more line,
// `#losslab {…}`, holding the JSON header fields (the spec and the shard).
//
// Integrity: runsSha256 is the SHA-256 of the runs as the file holds them, each followed by "\n":
// in JSON each record's compact text (the line without its indentation and comma, which is the
// record re-serialized with toJson), in CSV each row. It comes after the runs because files are
// written as the runs stream out. It catches edits and damage, not forgery: anyone can recompute it
// (readers also recompute a sample of runs from the spec).

import { formatValue } from '@losslab/core';
import { csvColumns, type ResultRuns, type RunRecord } from './result-record.js';
import { ByteSink, runBytesFunction, type RunBytesFunction } from './result-run-text.js';
import { toJson, type JsonValue } from './result-text.js';
import { Sha256 } from './sha256.js';
import type { RunFailure } from './result.js';
import { sweepStability, type SweepStability } from './sweep-stability.js';
import type { SweepPlan } from './spec.js';

/** Shard I of N (1 ≤ I ≤ N), as Playwright's and Jest's --shard number them. */
export interface Shard {
  index: number;
  count: number;
}

/** A shard and the runs [start, end) it holds. */
export interface ShardRange extends Shard {
  start: number;
  end: number;
}

/** The fields before the runs: what the file holds. */
export interface ResultHeader {
  /** The version of losslab (the CLI or the app) that wrote the file. */
  losslab: string;
  /** The canonical spec (planSweep's plan.spec). */
  spec: SweepPlan['spec'];
  /** The epochs of each run's curve samples. */
  curveEpochs: number[];
  /** Runs in the whole sweep (a shard holds fewer). */
  runCount: number;
  /** η* of the sweep's losses at cross-entropy's optimum (see sweepStability); absent in files of older versions. */
  stability?: SweepStability;
  /** A shard's file only: which shard, and its runs [start, end). */
  shard?: ShardRange;
}

/**
 * The runs of shard I of N over `runCount` runs: [⌊(I−1)·R/N⌋, ⌊I·R/N⌋). The N ranges are
 * contiguous, cover [0, R) exactly once and their sizes differ by at most 1 (some are empty when
 * N > R). Exact for every R up to 2^53 − 1 (the largest run count planSweep accepts): the product
 * I·R is divided exactly, in doubles while it is a safe integer, else in BigInt.
 */
export function shardRange(shard: Shard, runCount: number): { start: number; end: number } {
  const { index, count } = shard;
  if (!Number.isSafeInteger(count) || count < 1 || !Number.isSafeInteger(index) || index < 1 || index > count) throw new RangeError(`shard must be I/N with integers 1 ≤ I ≤ N, got ${formatValue(shard)}`);
  if (!Number.isSafeInteger(runCount) || runCount < 0) throw new RangeError(`runCount must be an integer ≥ 0, got ${formatValue(runCount)}`);
  return { start: floorMulDiv(index - 1, runCount, count), end: floorMulDiv(index, runCount, count) };
}

/** ⌊a·b/c⌋ exactly, for integers a, b ≥ 0 and c ≥ 1 (a·b may pass 2^53). */
function floorMulDiv(a: number, b: number, c: number): number {
  const product = a * b;
  // A safe product is exact, and so are its remainder and the division of product − remainder
  // (a multiple of c); Math.floor(product / c) could round up to the next integer.
  if (Number.isSafeInteger(product)) return (product - (product % c)) / c;
  return Number((BigInt(a) * BigInt(b)) / BigInt(c));
}

/** The header of a plan's result file written by `losslab` version `losslab`; with `shard`, of that shard's file. */
export function resultHeader(plan: SweepPlan, losslab: string, shard?: Shard): ResultHeader {
  const header: ResultHeader = { losslab, spec: plan.spec, curveEpochs: Array.from(plan.curveEpochs), runCount: plan.runCount, stability: sweepStability(plan) };
  if (shard) header.shard = { index: shard.index, count: shard.count, ...shardRange(shard, plan.runCount) };
  return header;
}

/** The header fields in file order. */
function headerEntries(header: ResultHeader): [string, JsonValue][] {
  const entries: [string, JsonValue][] = [
    ['losslab', header.losslab],
    // The canonical spec is plain JSON data (numbers, strings, arrays, objects), typed as a spec.
    ['spec', header.spec as unknown as JsonValue],
    ['curveEpochs', header.curveEpochs],
    ['runCount', header.runCount],
  ];
  // Plain JSON data (numbers, strings, null, nested objects), typed as SweepStability.
  if (header.stability) entries.push(['stability', header.stability as unknown as JsonValue]);
  const shard = header.shard;
  if (shard) entries.push(['shard', { index: shard.index, count: shard.count, start: shard.start, end: shard.end }]);
  return entries;
}

/** The JSON text before the first run: `{`, one line per header field, `"runs": [`. */
export function resultJsonOpening(header: ResultHeader): string {
  let text = '{\n';
  for (const [key, value] of headerEntries(header)) text += `  ${JSON.stringify(key)}: ${toJson(value)},\n`;
  return `${text}  "runs": [\n`;
}

/** The JSON text of one run, on its own line (after a comma unless it is the first). */
export function resultJsonRun(record: RunRecord, first: boolean): string {
  return `${first ? '' : ',\n'}    ${toJson(record)}`;
}

/** The fields after the runs. */
export interface ResultTrailer {
  /** SHA-256 (hex) of the runs as the file holds them, each followed by "\n" (see the top of this file). */
  runsSha256: string;
}

function trailerEntries(trailer: ResultTrailer): [string, JsonValue][] {
  const entries: [string, JsonValue][] = [];
  entries.push(['runsSha256', trailer.runsSha256]);
  return entries;
}

/** The JSON text after the last run, for a file of `runsWritten` runs: `]`, then the trailer's fields, one per line. */
export function resultJsonClosing(runsWritten: number, trailer: ResultTrailer): string {
  const fields = trailerEntries(trailer).map(([key, value]) => `  ${JSON.stringify(key)}: ${toJson(value)}`);
  return `${runsWritten > 0 ? '\n' : ''}  ],\n${fields.join(',\n')}\n}\n`;
}

/** The `#losslab {…}` line that starts a shard's CSV: the JSON header fields. */
export function csvMetaLine(header: ResultHeader): string {
  return `#losslab ${resultHeaderJson(header)}\n`;
}

/** The `#losslab-end {…}` line that ends every CSV result: the trailer's fields. */
export function csvTrailerLine(trailer: ResultTrailer): string {
  return `#losslab-end ${toJson(Object.fromEntries(trailerEntries(trailer)))}\n`;
}

/**
 * ResultTextWriter.runs yields pieces of whole runs that end once they pass this many bytes, and
 * hashes each piece in one update (an update per run cost more than the hashing itself).
 */
const PIECE_BYTES = 1 << 16;
const NEWLINE = 0x0a;
/** What comes before a JSON run in the file: its indentation, after the previous run's comma and line break. */
const FIRST_RUN_INDENT = new TextEncoder().encode('    ');
const RUN_INDENT = new TextEncoder().encode(',\n    ');

/** Appends bytes [from, to) of `bytes` and a "\n" to `out` (a run's text as the runs hash takes it). */
function copyRun(bytes: Uint8Array, from: number, to: number, out: ByteSink): void {
  out.putRange(bytes, from, to);
  out.byte(NEWLINE);
}

/** A hash of runs: add each run's text (a JSON record's compact text, a CSV row) as the file holds it. */
export class RunsDigest implements RunsHash {
  private readonly hash = new Sha256();
  /** Adds one run's text (without its line break). */
  add(runText: string): void {
    this.hash.updateText(runText);
    this.hash.updateText('\n');
  }
  /** Adds runs' bytes, as {@link RunsHash.update}. */
  update(bytes: Uint8Array): void {
    this.hash.update(bytes);
  }
  /** The hex digest: runsSha256. */
  hex(): string {
    return this.hash.digestHex();
  }
}

/** Pieces of text are joined into chunks of about this many characters. */
const CHUNK_CHARS = 1 << 16;

/** Joins pieces into chunks of about CHUNK_CHARS characters. */
function* chunked(pieces: Iterable<string>): Generator<string> {
  let pending: string[] = [];
  let size = 0;
  for (const piece of pieces) {
    pending.push(piece);
    size += piece.length;
    if (size >= CHUNK_CHARS) {
      yield pending.join('');
      pending = [];
      size = 0;
    }
  }
  if (size > 0) yield pending.join('');
}

/** The header as one line of compact JSON (a CSV shard's `#losslab` line and Parquet's metadata hold it). */
export function resultHeaderJson(header: ResultHeader): string {
  return toJson(Object.fromEntries(headerEntries(header)));
}

/** What a result file's runs are hashed with: each run's text, then the hex digest (RunsDigest; a faster native SHA-256 in Node). */
export interface RunsHash {
  /** Adds the UTF-8 bytes of one or more runs' texts, each followed by "\n". */
  update(bytes: Uint8Array): void;
  hex(): string;
}

/**
 * A result file (JSON or CSV) written in windows of runs: {@link ResultTextWriter.opening}, then
 * {@link ResultTextWriter.runs} for consecutive windows [next, end) in index order (each window may
 * be written as soon as its runs are finished, while later runs still compute), then
 * {@link ResultTextWriter.closing}. The text is the same, byte for byte, however the runs are split
 * into windows: resultJsonChunks and resultCsvChunks are this writer with one window.
 */
export class ResultTextWriter {
  /** The first run not written yet. */
  private cursor: number;
  private readonly end: number;
  private written = 0;
  /** The plan's run bytes, compiled on the first window. */
  private runBytes: RunBytesFunction | undefined;
  /** The piece being written, and (JSON) its runs as the hash takes them. */
  private readonly sink = new ByteSink(PIECE_BYTES + 4096);
  private readonly hashed = new ByteSink(PIECE_BYTES + 4096);

  constructor(
    private readonly format: 'json' | 'csv',
    private readonly plan: SweepPlan,
    private readonly header: ResultHeader,
    private readonly digest: RunsHash = new RunsDigest(),
  ) {
    if (header.runCount !== plan.runCount) throw new RangeError(`the header's runCount must be the plan's ${plan.runCount}, got ${formatValue(header.runCount)}`);
    const { start, end } = header.shard ?? { start: 0, end: plan.runCount };
    if (!(Number.isSafeInteger(start) && Number.isSafeInteger(end) && 0 <= start && start <= end && end <= plan.runCount)) throw new RangeError(`the header's shard must hold runs [start, end) within [0, ${plan.runCount}), got ${formatValue(header.shard)}`);
    this.cursor = start;
    this.end = end;
  }

  /** The first run index the next window starts at. */
  get next(): number {
    return this.cursor;
  }

  /** The index after the file's last run (the header's shard end, or the run count). */
  get last(): number {
    return this.end;
  }

  /** The text before the first run: JSON's header fields and `"runs": [`; CSV's `#losslab` line (a shard's file) and column row. */
  opening(): string {
    if (this.format === 'json') return resultJsonOpening(this.header);
    return `${this.header.shard ? csvMetaLine(this.header) : ''}${csvColumns(this.plan).join(',')}\n`;
  }

  /**
   * The UTF-8 bytes of runs [next, end), in pieces of whole runs of about PIECE_BYTES bytes (each
   * a new array, the caller's to keep), read from `runs` (run i at position i − (runs.offset ?? 0));
   * those runs must be finished (done or failed, with their failures in runs.failures). Afterwards
   * `next` is `end`.
   */
  *runs(runs: ResultRuns, end: number): Generator<Uint8Array> {
    const start = this.cursor;
    if (!(Number.isSafeInteger(end) && start <= end && end <= this.end)) throw new RangeError(`the next window must end within [${start}, ${this.end}], got ${formatValue(end)}`);
    const offset = runs.offset ?? 0;
    if (end > start && (start < offset || runs.status.length < end - offset)) throw new RangeError(`the result arrays must hold the whole sweep (${this.plan.runCount} runs, run i at position i) or at least the header's runs [${start}, ${end}) (run i at position i − offset), got runs [${offset}, ${offset + runs.status.length})`);
    // The window's failures sorted by start, walked alongside the runs, so finding a run's failure
    // stays linear however many there are: failures[f] is the first that has not ended before the run.
    const failures: RunFailure[] = runs.failures.filter((f) => f.end > start && f.start < end).sort((a, b) => a.start - b.start);
    let f = 0;
    const write = (this.runBytes ??= runBytesFunction(this.plan, this.format));
    const json = this.format === 'json';
    const sink = this.sink;
    // JSON's hash input is each run's text and "\n", its file each run after "    " (and ",\n"
    // after the first): the runs are written once, into the file's piece, and copied for the hash.
    const hashed = this.hashed;
    for (let index = start; index < end; ) {
      sink.clear();
      hashed.clear();
      for (; index < end && sink.length < PIECE_BYTES; index++) {
        while (f < failures.length && failures[f]!.end <= index) f++;
        const failure = failures[f];
        if (json) sink.put(this.written === 0 ? FIRST_RUN_INDENT : RUN_INDENT);
        const from = sink.length;
        write(sink, runs, index, failure !== undefined && failure.start <= index ? failure : undefined);
        if (json) copyRun(sink.bytes, from, sink.length, hashed);
        else sink.byte(NEWLINE);
        this.written++;
      }
      this.digest.update(json ? hashed.bytes.subarray(0, hashed.length) : sink.bytes.subarray(0, sink.length));
      this.cursor = index;
      yield sink.bytes.slice(0, sink.length);
    }
  }

  /** The text after the last run (every run of the file must have been written): JSON's `]` and trailer, CSV's `#losslab-end` line. */
  closing(): string {
    if (this.cursor !== this.end) throw new RangeError(`runs [${this.cursor}, ${this.end}) were not written before the closing`);
    const trailer = { runsSha256: this.digest.hex() };
    return this.format === 'json' ? resultJsonClosing(this.written, trailer) : csvTrailerLine(trailer);
  }
}

/** The JSON result file of the runs in `header` (all of them, or its shard's), as chunks of text. `runs` holds at least those runs, run i at position i − (runs.offset ?? 0) (a SweepResult does). */
export function* resultJsonChunks(plan: SweepPlan, runs: ResultRuns, header: ResultHeader): Generator<string> {
  yield* chunked(onePass(new ResultTextWriter('json', plan, header), runs));
}

/** The CSV result file of the runs in `header`, as chunks of text: `#losslab` line (a shard's file only), header row, one row per run, `#losslab-end` line. */
export function* resultCsvChunks(plan: SweepPlan, runs: ResultRuns, header: ResultHeader): Generator<string> {
  yield* chunked(onePass(new ResultTextWriter('csv', plan, header), runs));
}

/** A writer's whole file in one window, as text. */
function* onePass(writer: ResultTextWriter, runs: ResultRuns): Generator<string> {
  yield writer.opening();
  const decoder = new TextDecoder();
  for (const piece of writer.runs(runs, writer.last)) yield decoder.decode(piece);
  yield writer.closing();
}

/** {@link resultJsonChunks} as one string (for small sweeps). */
export function resultToJson(plan: SweepPlan, runs: ResultRuns, header: ResultHeader): string {
  return [...resultJsonChunks(plan, runs, header)].join('');
}

/** {@link resultCsvChunks} as one string (for small sweeps). */
export function resultToCsv(plan: SweepPlan, runs: ResultRuns, header: ResultHeader): string {
  return [...resultCsvChunks(plan, runs, header)].join('');
}
