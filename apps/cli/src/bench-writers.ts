// `losslab bench`: what writing S1's result costs, next to computing it. The three writers the
// sweep command uses (JSON and CSV text with node:crypto's hash, Parquet) run over the pool's
// result in this thread, into memory (the disk's speed is not theirs), each `repeat` times.

import { resultHeader, resultParquetChunks, ResultTextWriter, type SweepPlan, type SweepResult } from '@losslab/worker';
import { nodeRunsHash } from './runs-hash.js';
import { VERSION } from './version.js';
import { median } from './median.js';

/** Parquet writing must cost less than this fraction of the sweep's compute time. */
export const PARQUET_WRITE_FLOOR = 0.1;

/** One format's writing time (median of the repetitions) and size. */
export interface WriterTiming {
  format: 'json' | 'csv' | 'parquet';
  medianSeconds: number;
  mebibytes: number;
}


/** Bytes of one whole file in `format`, written from `result`. */
function writeOnce(format: WriterTiming['format'], plan: SweepPlan, result: SweepResult): number {
  const header = resultHeader(plan, VERSION);
  let bytes = 0;
  if (format === 'parquet') {
    for (const chunk of resultParquetChunks(plan, result, header)) bytes += chunk.byteLength;
    return bytes;
  }
  const writer = new ResultTextWriter(format, plan, header, nodeRunsHash());
  // The opening and closing are ASCII but for the spec's strings: their length is their UTF-8 size to within a few bytes.
  bytes += writer.opening().length;
  for (const piece of writer.runs(result, writer.last)) bytes += piece.byteLength;
  return bytes + writer.closing().length;
}

/** Times each writer over `result` (a warm-up, then `repeat` repetitions). */
export function timeWriters(plan: SweepPlan, result: SweepResult, repeat: number): WriterTiming[] {
  return (['json', 'csv', 'parquet'] as const).map((format) => {
    const bytes = writeOnce(format, plan, result);
    const seconds: number[] = [];
    for (let k = 0; k < repeat; k++) {
      const t0 = performance.now();
      writeOnce(format, plan, result);
      seconds.push((performance.now() - t0) / 1000);
    }
    return { format, medianSeconds: median(seconds), mebibytes: bytes / 2 ** 20 };
  });
}

/** The report's lines: each writer's time and size, and Parquet's share of the compute time `sweepSeconds` against its floor. */
export function writersTable(writers: readonly WriterTiming[], sweepSeconds: number, workers: number): string[] {
  const lines = [`  writing the result in this thread, into memory (median of the repetitions; the sweep on ${workers} workers took ${sweepSeconds.toFixed(3)} s):`];
  for (const w of writers) lines.push(`    ${w.format.padEnd(8)} ${w.medianSeconds.toFixed(3)} s  ${w.mebibytes.toFixed(1).padStart(6)} MiB  ${((100 * w.medianSeconds) / sweepSeconds).toFixed(1).padStart(5)} % of the sweep`);
  const parquet = writers.find((w) => w.format === 'parquet')!;
  const share = parquet.medianSeconds / sweepSeconds;
  lines.push(`    floor: Parquet < ${100 * PARQUET_WRITE_FLOOR} % of the sweep's compute time ${share < PARQUET_WRITE_FLOOR ? 'met' : 'NOT met'}`);
  return lines;
}
