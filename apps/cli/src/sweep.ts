// `losslab sweep`: plan the sweep from flags or a spec file, run it (or one shard of it) on the
// Node worker pool, write every run's record as JSON or CSV (the result file format is
// @losslab/worker's, which the app reads and writes too).

import { availableParallelism } from 'node:os';
import { allocateResult, allocateRuns, resultHeader, ResultParquetWriter, ResultTextWriter, runChunkWith, shardRange, SweepWindow, writeChunk, type ResultRuns, type SweepPlan, type SweepResult } from '@losslab/worker';
import { createNodePool } from '@losslab/worker/node';
import { booleanFlag, parseArgs, stringFlag, type FlagTable } from './args.js';
import { EXIT_FAILED, EXIT_OK, UsageError } from './errors.js';
import { parseChoice, parsePositiveInteger, parseWorkers } from './flag-values.js';
import { sweepHelp } from './help.js';
import { catchInterrupts, type Interrupt } from './interrupt.js';
import { checkOutputPath, isStdout, openOutput, outputTarget } from './output.js';
import { createProgress } from './progress.js';
import { ResultWindows } from './result-windows.js';
import { nodeRunsHash } from './runs-hash.js';
import { parseShardFlag } from './shard-auto.js';
import { checkShardLimits, checkWindowLimits, SHARDED_PLAN_LIMITS, WINDOWED_PLAN_LIMITS } from './shard-limits.js';
import { shardOutputPath } from './shard-path.js';
import { planFrom, sweepSpec } from './sweep-spec.js';
import { VERSION } from './version.js';
import { windowRuns } from './window-runs.js';

export const SWEEP_FLAGS: FlagTable = {
  data: { type: 'string' },
  loss: { type: 'string' },
  optimizer: { type: 'string' },
  eta: { type: 'string' },
  batch: { type: 'string' },
  'weight-decay': { type: 'string' },
  'shuffle-seed': { type: 'string' },
  w0: { type: 'string' },
  b0: { type: 'string' },
  init: { type: 'string' },
  epochs: { type: 'string' },
  reduction: { type: 'string' },
  tol: { type: 'string' },
  curve: { type: 'string' },
  spec: { type: 'string' },
  workers: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  shard: { type: 'string' },
  'window-runs': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
};

/** The output formats of `losslab sweep`. */
export type OutputFormat = 'json' | 'csv' | 'parquet';

/** The output format: --format, else csv or parquet for an --out ending in .csv or .parquet, else json. */
export function outputFormat(format: string | undefined, out: string | undefined): OutputFormat {
  if (format !== undefined) return parseChoice('format', format, ['json', 'csv', 'parquet'] as const);
  const name = out?.toLowerCase() ?? '';
  return name.endsWith('.csv') ? 'csv' : name.endsWith('.parquet') ? 'parquet' : 'json';
}

/** The number of workers: --workers, else every CPU. */
export function workerCount(text: string | undefined): number {
  return text === undefined ? availableParallelism() : parseWorkers(text, availableParallelism());
}

/**
 * Sweeps of at most this many point-steps (runs × epochs × points × features) run in the main
 * thread, on the kernel's JavaScript path (the same bits as the SIMD path the workers run): at
 * most ~15 ms of work, less than starting one worker thread (~50 ms) or assembling the SIMD
 * kernel's WebAssembly module (~100 ms in a fresh process, before its code is optimized).
 */
export const IN_PROCESS_POINT_STEPS = 200_000;

/** Whether runs [start, end) of the plan are small enough to run in the main thread (see IN_PROCESS_POINT_STEPS). */
export function runsInProcess(plan: SweepPlan, range: { start: number; end: number }): boolean {
  return (range.end - range.start) * plan.epochs * plan.data.n * plan.data.d <= IN_PROCESS_POINT_STEPS;
}

/** Runs `losslab sweep argv…` and returns the exit code. */
export async function sweepCommand(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, SWEEP_FLAGS, 'sweep');
  if (booleanFlag(args, 'help')) {
    process.stdout.write(sweepHelp());
    return EXIT_OK;
  }
  if (booleanFlag(args, 'version')) {
    process.stdout.write(`${VERSION}\n`);
    return EXIT_OK;
  }
  // Everything that can be wrong with the command line is found before any work starts.
  const shardText = stringFlag(args, 'shard');
  const shard = shardText === undefined ? undefined : parseShardFlag(shardText, process.env);
  const outPath = shardOutputPath(stringFlag(args, 'out'), shard);
  // A file is written through a window of runs (the pool's SweepWindow): its memory, not the
  // shard's, is held to the result-memory cap. Stdout and FIFOs get every run after the last one.
  const windowed = writesThroughWindow(outPath);
  const windowText = stringFlag(args, 'window-runs');
  const requestedWindow = windowText === undefined ? undefined : parsePositiveInteger('--window-runs', windowText);
  if (requestedWindow !== undefined && !windowed) throw new UsageError(`--window-runs ${windowText}: only a file (--out FILE) is written through a window; stdout and FIFOs are written after the last run`);
  // A shard is held to the per-process caps, not the whole sweep (which may have up to 2^53 − 1 runs).
  const plan = planFrom(sweepSpec(args), shard ? SHARDED_PLAN_LIMITS : windowed ? WINDOWED_PLAN_LIMITS : undefined);
  const format = outputFormat(stringFlag(args, 'format'), outPath);
  const range = shard ? shardRange(shard, plan.runCount) : { start: 0, end: plan.runCount };
  const workers = workerCount(stringFlag(args, 'workers'));
  const rangeRuns = range.end - range.start;
  const window = windowed ? windowRuns(plan, format, Math.max(1, Math.min(workers, rangeRuns)), requestedWindow) : undefined;
  if (shard) checkShardLimits(plan, shard, range, undefined, window !== undefined);
  if (window !== undefined) checkWindowLimits(plan, window, rangeRuns, windowText);
  checkOutputPath(outPath);

  // The workers start now, while the header, the output and the writer are prepared (part of a
  // thread's ~60 ms start-up): every check above has passed, so no worker starts for a refused sweep.
  const inProcess = rangeRuns > 0 && runsInProcess(plan, range);
  const pool = rangeRuns > 0 && !inProcess ? createNodePool({ size: Math.min(workers, rangeRuns) }) : null;
  pool?.start();
  try {
    const progress = createProgress(process.stderr, shard ? `shard ${shard.index}/${shard.count}` : '');
    const interrupt = catchInterrupts(() => progress.clear());
    const header = resultHeader(plan, VERSION, shard);
    const output = openOutput(outPath);
    // The file is written in windows of finished runs while the workers compute the rest (JSON and
    // CSV run by run, Parquet a row group at a time) when nothing shows before commit (a temporary
    // file); to stdout or a FIFO, after the last run, so an interrupted sweep writes nothing there either.
    const writer = format === 'parquet' ? new ResultParquetWriter(plan, header) : new ResultTextWriter(format, plan, header, nodeRunsHash());
    // The pool's result as a ring of `window` runs, released as they are written.
    const sweepWindow = rangeRuns > 0 && !inProcess && output.atomic && window !== undefined ? new SweepWindow(window) : undefined;
    // A failed write stops the sweep (with a window the pool would wait for it forever); the error is reported, not an interruption.
    const writeFailed = new AbortController();
    const windows = new ResultWindows(writer, output, interrupt.signal, sweepWindow, () => writeFailed.abort());
    const live = output.atomic ? windows : null;
    try {
      let result: SweepResult | undefined;
      if (inProcess) {
        result = allocateResult(plan, range);
        writeChunk(result, runChunkWith(plan, range.start, range.end, {}, 'js'));
      } else if (pool) {
        try {
          // compact: arrays for this shard's runs only, so memory follows the shard, not the sweep;
          // a window: for `window` runs only, so memory follows the window.
          result = await pool.run(plan, {
            signal: AbortSignal.any([interrupt.signal, writeFailed.signal]),
            range,
            compact: true,
            ...(sweepWindow ? { window: sweepWindow } : {}),
            onProgress: (p) => progress.update(p),
            ...(live ? { onChunk: (_: unknown, runs: ResultRuns) => live.wake(runs) } : {}),
          });
        } finally {
          progress.clear();
          await live?.settle();
          await pool.dispose();
        }
      }
      windows.throwIfFailed();
      if (interrupt.exitCode !== undefined || result?.cancelled) {
        await output.discard();
        return interrupted(interrupt);
      }
      // An empty shard ran nothing: no arrays to read.
      const runs: ResultRuns = result ?? { ...allocateRuns(0, plan.data.d, plan.curveEpochs.length), failures: [] };
      await windows.finish(runs);
      if (interrupt.signal.aborted) throw new Error('interrupted');
      await output.commit();
      return reportFailures(result, range);
    } catch (error) {
      await output.discard();
      if (interrupt.exitCode !== undefined) return interrupted(interrupt);
      throw error;
    } finally {
      progress.clear();
      interrupt.dispose();
    }
  } finally {
    await pool?.dispose();
  }
}

/** Whether `--out` is a file written atomically (through a window of runs), not stdout, a device or a FIFO. */
function writesThroughWindow(outPath: string | undefined): boolean {
  if (isStdout(outPath)) return false;
  try {
    return outputTarget(outPath!).kind === 'atomic';
  } catch {
    return false; // checkOutputPath reports it
  }
}

function interrupted(interrupt: Interrupt): number {
  process.stderr.write('losslab sweep: interrupted; nothing was written\n');
  return interrupt.exitCode ?? 130;
}

/** A summary of failed runs on stderr; the exit code. */
function reportFailures(result: SweepResult | undefined, range: { start: number; end: number }): number {
  if (!result) return EXIT_OK;
  const total = range.end - range.start;
  const failed = total - result.completed;
  if (failed <= 0) return EXIT_OK;
  const lines = result.failures.slice(0, 5).map((f) => `  runs [${f.start}, ${f.end}): ${f.message}`);
  if (result.failures.length > 5) lines.push(`  … and ${result.failures.length - 5} more ranges`);
  process.stderr.write(`losslab sweep: ${failed} of ${total} runs failed; they are marked "failed" in the output\n${lines.join('\n')}${lines.length ? '\n' : ''}`);
  return EXIT_FAILED;
}
