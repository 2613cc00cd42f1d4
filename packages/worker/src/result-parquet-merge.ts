// Joins the Parquet files of a sweep's shards into the file of the unsharded sweep, byte for byte,
// reading one row group at a time (memory bounded by a row group, not by the shards). Everything
// is checked before the first byte is produced: the footers (one spec, every shard exactly once,
// each holding its range), every row group's structure and run indices, and a sample of runs in
// each shard (its first and last, and some between) recomputed with the kernel, value for value.

import { ParquetWriter, type ParquetBatch } from './parquet/parquet-writer.js';
import { ParquetFormatError, readParquetFooter, readRowGroup, type ParquetFooter, type ReadAt } from './parquet/parquet-reader.js';
import { parquetBatchesOf, parquetColumns, parquetMetadata, rowGroupRuns } from './result-parquet.js';
import { shardRange, type ResultHeader } from './result-file.js';
import { resultFields } from './result-schema.js';
import { runChunk } from './kernel.js';
import { planSweep, type SweepPlan } from './spec.js';

/** A shard's Parquet file: a name for messages, its size and random access to its bytes. */
export interface ParquetSource {
  readonly name: string;
  readonly size: number;
  readonly readAt: ReadAt;
}

/** A merge checked as far as the footers go: the plan, the merged file's header and the shards in order. */
export interface ParquetMerge {
  readonly plan: SweepPlan;
  readonly header: ResultHeader;
  readonly shards: readonly { readonly source: ParquetSource; readonly footer: ParquetFooter; readonly header: ResultHeader }[];
}

/** Runs recomputed per shard besides its first and last. */
const SAMPLES_BETWEEN = 6;

function headerOf(source: ParquetSource, footer: ParquetFooter): ResultHeader {
  const text = footer.metadata.get('losslab.header');
  if (text === undefined) throw new ParquetFormatError(`${source.name}: not an output of losslab sweep (no losslab.header metadata)`);
  let header: ResultHeader;
  try {
    header = JSON.parse(text) as ResultHeader;
  } catch {
    throw new ParquetFormatError(`${source.name}: its losslab.header metadata is not JSON`);
  }
  if (header === null || typeof header !== 'object' || typeof header.losslab !== 'string' || !Number.isSafeInteger(header.runCount)) throw new ParquetFormatError(`${source.name}: its losslab.header metadata is not a result header`);
  return header;
}

/** Reads and cross-checks the shards' footers: one spec and version, shards 1…N each once, each with the rows of its range. */
export function planParquetMerge(sources: readonly ParquetSource[]): ParquetMerge {
  if (sources.length === 0) throw new RangeError('merge needs at least one file');
  const read = sources.map((source) => {
    let footer: ParquetFooter;
    try {
      footer = readParquetFooter(source.readAt, source.size);
    } catch (error) {
      throw new ParquetFormatError(`${source.name}: ${(error as Error).message}`);
    }
    return { source, footer, header: headerOf(source, footer) };
  });
  const first = read[0]!;
  const specText = JSON.stringify(first.header.spec);
  let plan: SweepPlan;
  try {
    plan = planSweep(first.header.spec, { maxRuns: Number.MAX_SAFE_INTEGER, maxResultBytes: Number.POSITIVE_INFINITY });
  } catch (error) {
    throw new ParquetFormatError(`${first.source.name}: its spec is not valid: ${(error as Error).message}`);
  }
  const columns = JSON.stringify(parquetColumns(plan));
  const count = first.header.shard?.count;
  const seen = new Map<number, string>();
  for (const { source, footer, header } of read) {
    const shard = header.shard;
    if (!shard) throw new ParquetFormatError(`${source.name}: not a shard's file (its header has no shard); only files of sweep --shard merge`);
    if (JSON.stringify(header.spec) !== specText) throw new ParquetFormatError(`${source.name}: its spec differs from ${first.source.name}'s: a shard of another sweep`);
    if (header.losslab !== first.header.losslab) throw new ParquetFormatError(`${source.name}: written by losslab ${header.losslab}, ${first.source.name} by ${first.header.losslab}`);
    if (header.runCount !== plan.runCount) throw new ParquetFormatError(`${source.name}: its runCount ${header.runCount} is not its spec's ${plan.runCount}`);
    if (shard.count !== count) throw new ParquetFormatError(`${source.name}: shard ${shard.index}/${shard.count}, but ${first.source.name} is one of ${count}`);
    const range = shardRange({ index: shard.index, count: shard.count }, plan.runCount);
    if (shard.start !== range.start || shard.end !== range.end) throw new ParquetFormatError(`${source.name}: shard ${shard.index}/${shard.count} must hold runs [${range.start}, ${range.end}), its header says [${shard.start}, ${shard.end})`);
    if (footer.rows !== range.end - range.start) throw new ParquetFormatError(`${source.name}: shard ${shard.index}/${shard.count} must hold ${range.end - range.start} runs, it holds ${footer.rows}`);
    if (JSON.stringify(footer.columns) !== columns) throw new ParquetFormatError(`${source.name}: its columns are not those of its spec's result file`);
    const other = seen.get(shard.index);
    if (other !== undefined) throw new ParquetFormatError(`shard ${shard.index}/${shard.count} is given twice: ${other} and ${source.name}`);
    seen.set(shard.index, source.name);
  }
  const missing = Array.from({ length: count! }, (_, k) => k + 1).filter((k) => !seen.has(k));
  if (missing.length > 0) throw new ParquetFormatError(`shards missing: ${missing.map((k) => `${k}/${count}`).join(', ')}`);
  read.sort((a, b) => a.header.shard!.index - b.header.shard!.index);
  const header: ResultHeader = { losslab: first.header.losslab, spec: first.header.spec, curveEpochs: first.header.curveEpochs, runCount: first.header.runCount };
  // η* follows from the spec: carried over as the first shard wrote it, like the spec.
  if (first.header.stability) header.stability = first.header.stability;
  if (JSON.stringify(header.curveEpochs) !== JSON.stringify(Array.from(plan.curveEpochs))) throw new ParquetFormatError(`${first.source.name}: its curveEpochs are not its spec's`);
  return { plan, header, shards: read };
}

/** Rows [from, to) of a batch. */
function sliceBatch(batch: ParquetBatch, from: number, to: number): ParquetBatch {
  switch (batch.kind) {
    case 'double-list':
      return { ...batch, values: batch.values.subarray(from * batch.width, to * batch.width) };
    case 'string':
      return { ...batch, values: batch.values.slice(from, to) };
    case 'int32':
      return { ...batch, values: batch.values.subarray(from, to) };
    default:
      return { ...batch, values: batch.values.subarray(from, to) };
  }
}

/** Batches of one column joined. */
function concatBatches(parts: readonly ParquetBatch[]): ParquetBatch {
  const head = parts[0]!;
  if (head.kind === 'string') return { kind: 'string', values: parts.flatMap((p) => (p as typeof head).values) };
  const length = parts.reduce((n, p) => n + (p.values as ArrayLike<number>).length, 0);
  const values = head.kind === 'int32' ? new Int32Array(length) : new Float64Array(length);
  let at = 0;
  for (const p of parts) {
    values.set(p.values as ArrayLike<number>, at);
    at += (p.values as ArrayLike<number>).length;
  }
  return { ...head, values } as ParquetBatch;
}

/** The first difference between a stored row and the expected one (same columns), or undefined. */
function rowDifference(names: readonly string[], stored: readonly ParquetBatch[], row: number, expected: readonly ParquetBatch[]): string | undefined {
  for (let c = 0; c < names.length; c++) {
    const a = sliceBatch(stored[c]!, row, row + 1);
    const b = expected[c]!;
    const av = Array.from(a.values as ArrayLike<number | string | null>);
    const bv = Array.from(b.values as ArrayLike<number | string | null>);
    const same = av.length === bv.length && av.every((v, k) => Object.is(v, bv[k]) || (a.kind === 'int32' && b.kind === 'int32' && v === a.nullValue && bv[k] === b.nullValue));
    if (!same) return `${names[c]} is ${JSON.stringify(av.length === 1 ? av[0] : av)}, recomputed ${JSON.stringify(bv.length === 1 ? bv[0] : bv)}`;
  }
  return undefined;
}

/** The runs of a shard recomputed: its first and last and SAMPLES_BETWEEN spread between. */
function sampleRuns(start: number, end: number): Set<number> {
  const runs = new Set<number>();
  if (end <= start) return runs;
  runs.add(start);
  runs.add(end - 1);
  for (let k = 1; k <= SAMPLES_BETWEEN; k++) runs.add(start + Math.floor((k * (end - start)) / (SAMPLES_BETWEEN + 1)));
  return runs;
}

/** Every row group of every shard, in run order, after checking its run indices and sampled runs. */
function* checkedGroups(merge: ParquetMerge): Generator<ParquetBatch[]> {
  const { plan } = merge;
  const fields = resultFields(plan);
  const names = fields.map((f) => f.name);
  for (const { source, footer, header } of merge.shards) {
    const { start, end } = header.shard!;
    const samples = sampleRuns(start, end);
    let next = start;
    for (let g = 0; g < footer.rowGroups.length; g++) {
      let batches: ParquetBatch[];
      try {
        batches = readRowGroup(source.readAt, footer, g);
      } catch (error) {
        throw new ParquetFormatError(`${source.name}: ${(error as Error).message}`);
      }
      const rows = footer.rowGroups[g]!.rows;
      const index = batches[0]!;
      for (let r = 0; r < rows; r++) if (index.values[r] !== next + r) throw new ParquetFormatError(`${source.name}: row ${next + r - start} holds run ${String(index.values[r])}, expected run ${next + r}`);
      for (const run of samples) {
        if (run < next || run >= next + rows) continue;
        const expected = parquetBatchesOf(plan, { ...runChunk(plan, run, run + 1), failures: [] }, run, run + 1);
        const stored = batches.map((b) => b);
        // A failed run (a worker crashed) cannot be recomputed to the same record: check its configuration fields only.
        const status = stored[names.indexOf('status')]!;
        const failed = status.kind === 'string' && status.values[run - next] !== 'done';
        const compare = failed ? fields.map((f, c) => (f.source === 'config' ? c : -1)).filter((c) => c >= 0) : names.map((_, c) => c);
        const difference = rowDifference(compare.map((c) => names[c]!), compare.map((c) => stored[c]!), run - next, compare.map((c) => expected[c]!));
        if (difference !== undefined) throw new ParquetFormatError(`${source.name}: run ${run}: ${difference}`);
      }
      next += rows;
      yield batches;
    }
    if (next !== end) throw new ParquetFormatError(`${source.name}: holds runs up to ${next}, expected ${end}`);
  }
}

/**
 * Checks every shard of `merge` (row groups, run indices, sampled runs), throwing a
 * ParquetFormatError that names the file and run at the first problem. Produces nothing: call it
 * before {@link mergedParquetChunks} so a bad shard is found before anything is written.
 */
export function checkParquetShards(merge: ParquetMerge): void {
  for (const _ of checkedGroups(merge)) {
    // Reading is checking.
  }
}

/** The merged file as byte chunks: the same bytes as the unsharded sweep's Parquet file. */
export function* mergedParquetChunks(merge: ParquetMerge): Generator<Uint8Array> {
  const { plan, header } = merge;
  const writer = new ParquetWriter(parquetColumns(plan), parquetMetadata(header), `losslab version ${header.losslab}`);
  yield writer.start();
  let pending: ParquetBatch[][] = [];
  let rows = 0;
  const flush = function* (take: number): Generator<Uint8Array> {
    // Joins the pending groups and writes their first `take` rows as one row group, keeping the rest.
    const joined = pending[0]!.map((_, c) => concatBatches(pending.map((p) => p[c]!)));
    yield writer.rowGroup(joined.map((b) => sliceBatch(b, 0, take)));
    pending = rows > take ? [joined.map((b) => sliceBatch(b, take, rows))] : [];
    rows -= take;
  };
  const groupRuns = rowGroupRuns(plan);
  for (const batches of checkedGroups(merge)) {
    pending.push(batches);
    rows += batchRowCount(batches[0]!);
    while (rows >= groupRuns) yield* flush(groupRuns);
  }
  if (rows > 0) yield* flush(rows);
  yield writer.finish();
}

function batchRowCount(batch: ParquetBatch): number {
  return batch.kind === 'double-list' ? batch.values.length / batch.width : batch.values.length;
}
