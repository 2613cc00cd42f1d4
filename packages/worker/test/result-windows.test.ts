// ResultTextWriter and ResultParquetWriter: a result file written in windows of runs (as `losslab sweep` writes it while the
// workers compute) has the same bytes as the file written in one pass, wherever the windows split
// the runs, with failures that straddle windows, for a shard, in JSON and CSV; and it refuses to
// skip runs or to close before the last run.

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { allocateResult, csvCell, csvCells, OUTCOME_NONE, NEVER, planSweep, resultCsvChunks, resultHeader, resultJsonChunks, resultParquetChunks, ResultParquetWriter, ResultTextWriter, ROW_GROUP_RUNS, RUN_FAILED, runChunk, runRecord, toJson, writeChunk, type RunsHash, type SweepPlan, type SweepResult } from '../src/index.js';
import { gridPlan, randomInitPlan, RUN_ARRAY_KEYS } from './support/sweeps.js';

function sweep(plan: SweepPlan, range = { start: 0, end: plan.runCount }): SweepResult {
  const result = allocateResult(plan, range);
  writeChunk(result, runChunk(plan, range.start, range.end));
  return result;
}

/** Marks runs [start, end) failed with `message`, as the pool does after bisecting a failing chunk. */
function fail(plan: SweepPlan, result: SweepResult, start: number, end: number, message: string): void {
  result.status.fill(RUN_FAILED, start, end);
  for (const key of RUN_ARRAY_KEYS) {
    if (key === 'status') continue;
    const width = key === 'finalW' ? plan.data.d : key === 'curves' ? plan.curveEpochs.length : 1;
    result[key].fill(key === 'outcome' ? OUTCOME_NONE : key.startsWith('epochs') || key === 'plateauEpochs' || key === 'divergedAt' ? NEVER : Number.NaN, start * width, end * width);
  }
  result.failures.push({ start, end, message });
  result.completed -= end - start;
}

/** The file written by a writer in windows ending at `ends` (then the rest). */
function windowed(format: 'json' | 'csv', plan: SweepPlan, result: SweepResult, header: ReturnType<typeof resultHeader>, ends: number[], hash?: RunsHash): string {
  const writer = new ResultTextWriter(format, plan, header, hash);
  let text = writer.opening();
  const decoder = new TextDecoder();
  for (const end of [...ends, writer.last]) for (const piece of writer.runs(result, end)) text += decoder.decode(piece);
  return text + writer.closing();
}

/** A seeded sequence in [0, 1) (a linear congruential generator: the test's splits are repeatable). */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

describe('ResultTextWriter in windows', () => {
  const plan = randomInitPlan();
  const result = sweep(plan);
  fail(plan, result, 7, 19, 'RangeError: boom, "twice"');
  fail(plan, result, 40, 41, 'line one\nline two');
  const header = resultHeader(plan, 'test');
  const whole = { json: [...resultJsonChunks(plan, result, header)].join(''), csv: [...resultCsvChunks(plan, result, header)].join('') };

  for (const format of ['json', 'csv'] as const) {
    it(`${format}: any split into windows gives the one-pass bytes`, () => {
      const next = random(format === 'json' ? 1 : 2);
      for (let trial = 0; trial < 20; trial++) {
        const ends: number[] = [];
        let at = 0;
        while (at < plan.runCount) {
          // Empty windows, single runs, and windows that cut a failure's range.
          at = Math.min(plan.runCount, at + Math.floor(next() * 30));
          ends.push(at);
        }
        expect(windowed(format, plan, result, header, ends)).toBe(whole[format]);
      }
      expect(windowed(format, plan, result, header, [8, 9, 18, 40])).toBe(whole[format]);
    });
  }

  it('the records are the runs in index order and the digest is SHA-256 of their text (recomputed here)', () => {
    // Independent of the writer: each record's compact text (runRecord + toJson), its own hash.
    const lines = Array.from({ length: plan.runCount }, (_, i) => toJson(runRecord(plan, result, i)));
    const digest = createHash('sha256').update(lines.map((l) => `${l}\n`).join('')).digest('hex');
    const text = windowed('json', plan, result, header, [3, 50, 51]);
    expect(text).toContain(`\n  "runs": [\n    ${lines.join(',\n    ')}\n  ],\n  "runsSha256": "${digest}"\n}\n`);
    const rows = Array.from({ length: plan.runCount }, (_, i) => csvCells(runRecord(plan, result, i)).map(csvCell).join(','));
    const csvDigest = createHash('sha256').update(rows.map((r) => `${r}\n`).join('')).digest('hex');
    expect(windowed('csv', plan, result, header, [100])).toContain(`\n${rows.join('\n')}\n#losslab-end {"runsSha256":"${csvDigest}"}\n`);
  });

  it('a shard written in windows from compact arrays gives the one-pass bytes', () => {
    const grid = gridPlan(40);
    const shard = { index: 2, count: 3 };
    const shardHeader = resultHeader(grid, 'test', shard);
    const { start, end } = shardHeader.shard!;
    const part = sweep(grid, { start, end });
    for (const format of ['json', 'csv'] as const) {
      const one = [...(format === 'json' ? resultJsonChunks : resultCsvChunks)(grid, part, shardHeader)].join('');
      expect(windowed(format, grid, part, shardHeader, [start + 1, start + 77, end - 1])).toBe(one);
    }
  });

  it('takes the hash it is given (one per writer): the digest written is that hash’s', () => {
    const seen: string[] = [];
    const hash: RunsHash = { update: (bytes) => void seen.push(new TextDecoder().decode(bytes)), hex: () => 'f'.repeat(64) };
    const text = windowed('json', plan, result, header, [10], hash);
    // What it was given is each run's line as the file holds it (without indentation and comma),
    // followed by "\n".
    const lines = text.split('\n').filter((line) => line.startsWith('    {')).map((line) => `${line.trim().replace(/,$/, '')}\n`);
    expect(lines).toHaveLength(plan.runCount);
    expect(seen.join('')).toBe(lines.join(''));
    expect(text.endsWith(`"runsSha256": "${'f'.repeat(64)}"\n}\n`)).toBe(true);
  });

  it('refuses a window that goes back or past the end, and a closing before the last run', () => {
    const writer = new ResultTextWriter('json', plan, header);
    writer.opening();
    [...writer.runs(result, 10)];
    expect(writer.next).toBe(10);
    expect(() => [...writer.runs(result, 9)]).toThrow(/next window must end within \[10, 240\], got 9/);
    expect(() => [...writer.runs(result, 241)]).toThrow(/got 241/);
    expect(() => writer.closing()).toThrow(/runs \[10, 240\) were not written/);
  });
});

describe('ResultParquetWriter in windows', () => {
  // 2·ROW_GROUP_RUNS + 7 runs of a shard: three row groups, the last a short one.
  const plan = planSweep({ version: 1, dataset: 'toy', losses: ['se', 'ce'], eta: { from: 0.1, to: 2, count: 7 }, init: { w0: { from: -4, to: 4, count: 100 }, b0: { from: -4, to: 4, count: 100 } }, epochs: 2, curve: 1 });
  const shard = { index: 1, count: 1 };
  const header = resultHeader(plan, 'test', shard);
  const result = sweep(plan);
  fail(plan, result, 65_530, 65_540, 'straddles the first row groups, "quoted"');
  const bytes = (chunks: Iterable<Uint8Array>) => Buffer.concat([...chunks]);
  const whole = bytes(resultParquetChunks(plan, result, header));

  it('writes only whole row groups, and any split into windows gives the one-pass bytes', () => {
    expect(plan.runCount).toBe(140_000);
    for (const ends of [[1, 65_535, 65_536, 65_537, 131_071, 131_072, 139_999], [100_000], [70_000, 70_001]]) {
      const writer = new ResultParquetWriter(plan, header);
      const chunks = [writer.opening()];
      for (const end of [...ends, writer.last]) {
        chunks.push(...writer.runs(result, end));
        // next stops at the last row-group boundary the window reached (the file's end at the last).
        expect(writer.next, `after a window ending at ${end}`).toBe(end === writer.last ? writer.last : Math.floor(end / ROW_GROUP_RUNS) * ROW_GROUP_RUNS);
      }
      chunks.push(writer.closing());
      expect(bytes(chunks).equals(whole), `windows ending at ${ends.join(', ')}`).toBe(true);
    }
  });

  it('refuses a closing before the last run', () => {
    const writer = new ResultParquetWriter(plan, header);
    writer.opening();
    [...writer.runs(result, 70_000)];
    expect(() => writer.closing()).toThrow(/runs \[65536, 140000\) were not written/);
  });
});
