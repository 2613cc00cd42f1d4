// `losslab bench`: benchmark S1 (docs/design.md) through the real Node worker pool, with one worker
// and with all of them: wall time, ns per point-step, runs/s, speedup, cancellation latency, an
// exactness check against @losslab/core's train, the cost of writing the result (bench-writers.ts),
// peak RSS, and whole processes end to end (bench-process.ts). Only the exactness check can fail.

import { availableParallelism, cpus } from 'node:os';
import { convergence, train } from '@losslab/core';
import { ARRAY_FIELDS, benchmarkS1Spec, NEVER, outcomeOf, planSweep, runChunkWith, S1_EPOCHS, runConfig, runArray, runIndex, SweepSpecError, type KernelEngine, type SweepPlan, type SweepResult } from '@losslab/worker';
import { createNodePool } from '@losslab/worker/node';
import { benchProcesses, processTable, type ProcessBench } from './bench-process.js';
import { timeWriters, writersTable, type WriterTiming } from './bench-writers.js';
import { booleanFlag, parseArgs, stringFlag, type FlagTable } from './args.js';
import { EXIT_FAILED, EXIT_OK, UsageError } from './errors.js';
import { parsePositiveInteger, parseWorkers } from './flag-values.js';
import { benchHelp } from './help.js';
import { catchInterrupts, type Interrupt } from './interrupt.js';
import { formatCount } from './progress.js';
import { VERSION } from './version.js';
import { median } from './median.js';

export const BENCH_FLAGS: FlagTable = {
  repeat: { type: 'string' },
  workers: { type: 'string' },
  epochs: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
};

/** Results must match core within this relative difference, or bench exits 1. */
export const EXACTNESS_LIMIT = 1e-9;
const CANCEL_AFTER_MS = 200;
const CANCEL_SAMPLES = 5;
const SPREAD_SAMPLES = 200;

/** Timings of one pool size. */
interface PoolTiming {
  workers: number;
  startupSeconds: number;
  wallSeconds: number[];
  medianSeconds: number;
  minSeconds: number;
  maxSeconds: number;
  nsPerPointStep: number;
  runsPerSecond: number;
}

interface Exactness {
  checked: number;
  maxRelativeDifference: { finalLoss: number; finalW: number; finalB: number };
  parametersBitIdentical: boolean;
  measuresIdentical: boolean;
  poolSizesBitIdentical: boolean;
  pass: boolean;
}


/** Runs `losslab bench argv…` and returns the exit code. */
export async function benchCommand(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, BENCH_FLAGS, 'bench');
  if (booleanFlag(args, 'help')) {
    process.stdout.write(benchHelp());
    return EXIT_OK;
  }
  if (booleanFlag(args, 'version')) {
    process.stdout.write(`${VERSION}\n`);
    return EXIT_OK;
  }
  const repeatText = stringFlag(args, 'repeat');
  const workersText = stringFlag(args, 'workers');
  const epochsText = stringFlag(args, 'epochs');
  const repeat = repeatText === undefined ? 5 : parsePositiveInteger('--repeat', repeatText);
  const allWorkers = workersText === undefined ? availableParallelism() : parseWorkers(workersText, availableParallelism());
  const epochs = epochsText === undefined ? S1_EPOCHS : parsePositiveInteger('--epochs', epochsText);
  const json = booleanFlag(args, 'json');
  let plan: SweepPlan;
  try {
    plan = planSweep(benchmarkS1Spec(epochs)); // epochs other than S1_EPOCHS: S1's grid, not S1
  } catch (error) {
    if (!(error instanceof SweepSpecError)) throw error;
    throw new UsageError(`--epochs ${epochsText ?? S1_EPOCHS}: ${error.issues.map(({ field, message }) => `${field} ${message}`).join('; ')}`);
  }
  const pointSteps = plan.runCount * plan.epochs * plan.data.n;
  const log = (line: string) => {
    if (!json) process.stderr.write(`${line}\n`);
  };

  const interrupt = catchInterrupts();
  try {
    log(`losslab bench: ${epochs === S1_EPOCHS ? 'S1' : `S1's grid with ${epochs} epochs (not S1)`}, ${formatCount(plan.runCount)} runs, ${pointSteps.toExponential(4)} point-steps, ${repeat} repetitions`);
    const one = await timePool(plan, 1, repeat, interrupt, log);
    if (!one) return interrupted(interrupt);
    const all = await timePool(plan, allWorkers, repeat, interrupt, log);
    if (!all) return interrupted(interrupt);
    log(`cancellation: ${CANCEL_SAMPLES} × abort after ${CANCEL_AFTER_MS} ms…`);
    const cancel = await cancellationLatency(plan, allWorkers, interrupt);
    if (!cancel) return interrupted(interrupt);
    log(`kernel paths: SIMD and JavaScript, ${repeat} × 2 × ${KERNEL_RUNS} runs in this thread…`);
    const kernelPaths = timeKernelPaths(plan, repeat);
    log('exactness: checking against core train…');
    const exactness = checkExactness(plan, all.result, one.result);
    log('writers: JSON, CSV and Parquet of the result, in this thread…');
    const writers = timeWriters(plan, all.result, repeat);
    const peakRssMiB = process.resourceUsage().maxRSS / 1024;
    const endToEnd = await benchProcesses(epochs, allWorkers, repeat, log);

    const timings = [one.timing, all.timing];
    for (const t of timings) {
      t.nsPerPointStep = (t.medianSeconds * 1e9) / pointSteps;
      t.runsPerSecond = plan.runCount / t.medianSeconds;
    }
    const report = {
      losslab: VERSION,
      workload: { name: epochs === S1_EPOCHS ? 'S1' : 'S1-grid', runs: plan.runCount, epochs: plan.epochs, points: plan.data.n, pointSteps, curveSamples: plan.curveEpochs.length },
      machine: { cpus: availableParallelism(), cpuModel: cpus()[0]?.model ?? 'unknown', node: process.version, platform: `${process.platform}-${process.arch}` },
      repeat,
      pools: timings,
      speedup: one.timing.medianSeconds / all.timing.medianSeconds,
      cancellation: cancel,
      kernelPaths,
      exactness,
      writers,
      peakRssMiB,
      endToEnd,
    };
    if (json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    else process.stdout.write(table(report));
    if (!endToEnd.outputsIdentical) {
      process.stderr.write(`losslab bench: \`losslab sweep\` wrote different files on 1 and ${allWorkers} workers\n`);
      return EXIT_FAILED;
    }
    if (!exactness.pass) {
      process.stderr.write(`losslab bench: results differ from @losslab/core's train by more than ${EXACTNESS_LIMIT} (relative)\n`);
      return EXIT_FAILED;
    }
    return EXIT_OK;
  } finally {
    interrupt.dispose();
  }
}

function interrupted(interrupt: Interrupt): number {
  process.stderr.write('losslab bench: interrupted\n');
  return interrupt.exitCode ?? 130;
}

/** Warm-up, then `repeat` timed runs of the whole plan on a pool of `workers`. */
async function timePool(plan: SweepPlan, workers: number, repeat: number, interrupt: Interrupt, log: (line: string) => void): Promise<{ timing: PoolTiming; result: SweepResult } | undefined> {
  const started = performance.now();
  const pool = createNodePool({ size: workers });
  try {
    // Warm-up: a slice of each loss, so every worker's JIT has compiled both branches.
    const half = Math.floor(plan.runCount / 2);
    const slice = Math.max(1, Math.floor(plan.runCount / 16));
    await pool.run(plan, { signal: interrupt.signal, range: { start: 0, end: slice } });
    await pool.run(plan, { signal: interrupt.signal, range: { start: half, end: Math.min(plan.runCount, half + slice) } });
    const startupSeconds = (performance.now() - started) / 1000;
    const wallSeconds: number[] = [];
    let result: SweepResult | undefined;
    for (let k = 0; k < repeat; k++) {
      if (interrupt.signal.aborted) return undefined;
      const t0 = performance.now();
      result = await pool.run(plan, { signal: interrupt.signal });
      const seconds = (performance.now() - t0) / 1000;
      if (result.cancelled) return undefined;
      wallSeconds.push(seconds);
      log(`  ${workers} worker${workers > 1 ? 's' : ''}, run ${k + 1}/${repeat}: ${seconds.toFixed(3)} s`);
    }
    return {
      timing: { workers: pool.size, startupSeconds, wallSeconds, medianSeconds: median(wallSeconds), minSeconds: Math.min(...wallSeconds), maxSeconds: Math.max(...wallSeconds), nsPerPointStep: 0, runsPerSecond: 0 },
      result: result!,
    };
  } finally {
    await pool.dispose();
  }
}

/** Abort → run() resolved, in ms, for sweeps aborted ~200 ms after they start. */
async function cancellationLatency(plan: SweepPlan, workers: number, interrupt: Interrupt) {
  const pool = createNodePool({ size: workers });
  const samplesMs: number[] = [];
  let finishedBeforeAbort = 0;
  let reportedCancelled = 0;
  try {
    await pool.run(plan, { signal: interrupt.signal, range: { start: 0, end: Math.min(plan.runCount, 64) } });
    for (let k = 0; k < CANCEL_SAMPLES; k++) {
      if (interrupt.signal.aborted) return undefined;
      const controller = new AbortSignalLink(interrupt.signal);
      let abortedAt = 0;
      let resolved = false;
      const running = pool.run(plan, { signal: controller.signal }).then((result) => {
        resolved = true;
        return result;
      });
      const timer = setTimeout(() => {
        if (resolved) return;
        abortedAt = performance.now();
        controller.abort();
      }, CANCEL_AFTER_MS);
      const result = await running;
      const doneAt = performance.now();
      clearTimeout(timer);
      controller.dispose();
      if (abortedAt === 0) finishedBeforeAbort++;
      else {
        samplesMs.push(doneAt - abortedAt);
        if (result.cancelled) reportedCancelled++;
      }
    }
  } finally {
    await pool.dispose();
  }
  return {
    abortAfterMs: CANCEL_AFTER_MS,
    samplesMs,
    medianMs: samplesMs.length ? median(samplesMs) : null,
    minMs: samplesMs.length ? Math.min(...samplesMs) : null,
    maxMs: samplesMs.length ? Math.max(...samplesMs) : null,
    reportedCancelled,
    finishedBeforeAbort,
  };
}

/** An AbortController that also aborts when `parent` does (Ctrl-C during the measurement). */
class AbortSignalLink {
  private readonly controller = new AbortController();
  private readonly onParent = () => this.controller.abort();
  constructor(private readonly parent: AbortSignal) {
    parent.addEventListener('abort', this.onParent, { once: true });
  }
  get signal(): AbortSignal {
    return this.controller.signal;
  }
  abort(): void {
    this.controller.abort();
  }
  dispose(): void {
    this.parent.removeEventListener('abort', this.onParent);
  }
}

/** |a − b| / max(|a|, |b|); 0 when equal (NaN equal to NaN), Infinity when only one is finite. */
/** Runs per loss in the kernel-path figure: one squared-error and one cross-entropy chunk of S1. */
const KERNEL_RUNS = 512;

/**
 * The kernel alone in this thread, each path on the same two chunks of the plan (the middle of its
 * squared-error half and of its cross-entropy half): median ns per point-step over `repeat`
 * rounds after a warm-up. The JavaScript path is what runs where WebAssembly SIMD is missing.
 */
function timeKernelPaths(plan: SweepPlan, repeat: number): { runs: number; simdNs: number; javascriptNs: number } {
  const half = plan.runCount / 2;
  const runs = Math.min(KERNEL_RUNS, Math.floor(half / 2));
  const starts = [Math.floor(half / 2), Math.floor(half + half / 2)];
  const pointSteps = 2 * runs * plan.epochs * plan.data.n;
  const time = (engine: KernelEngine): number => {
    const t0 = performance.now();
    for (const start of starts) runChunkWith(plan, start, start + runs, {}, engine);
    return ((performance.now() - t0) * 1e6) / pointSteps;
  };
  for (const engine of ['wasm', 'js'] as const) for (const start of starts) runChunkWith(plan, start, start + 16, {}, engine);
  const simd: number[] = [];
  const javascript: number[] = [];
  for (let k = 0; k < repeat; k++) {
    simd.push(time('wasm'));
    javascript.push(time('js'));
  }
  return { runs, simdNs: median(simd), javascriptNs: median(javascript) };
}

function relativeDifference(a: number, b: number): number {
  if (Object.is(a, b) || a === b || (Number.isNaN(a) && Number.isNaN(b))) return 0;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return Infinity;
  return Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
}

/** The runs checked: 200 spread evenly over the index space, and every corner of the grid. */
export function exactnessSample(plan: SweepPlan): number[] {
  const picked = new Set<number>();
  const last = plan.runCount - 1;
  const spread = Math.min(SPREAD_SAMPLES, plan.runCount);
  for (let k = 0; k < spread; k++) picked.add(spread === 1 ? 0 : Math.round((k * last) / (spread - 1)));
  if (plan.init.kind === 'grid') {
    const nb = plan.init.b0.length;
    const ends = (n: number) => [...new Set([0, n - 1])];
    for (let lossIndex = 0; lossIndex < plan.losses.length; lossIndex++)
      for (const etaIndex of ends(plan.eta.length))
        for (const w0Index of ends(plan.init.w0.length))
          for (const b0Index of ends(nb)) picked.add(runIndex(plan, { lossIndex, etaIndex, initIndex: w0Index * nb + b0Index }));
  }
  return [...picked].sort((a, b) => a - b);
}

/** Compares sampled runs with core's train, and the two pool sizes' whole results bit for bit. */
function checkExactness(plan: SweepPlan, result: SweepResult, other: SweepResult): Exactness {
  const sample = exactnessSample(plan);
  const d = plan.data.d;
  const max = { finalLoss: 0, finalW: 0, finalB: 0 };
  let bitIdentical = true;
  let measuresIdentical = true;
  const measure = (v: number | null) => (v === null ? NEVER : v);
  for (const index of sample) {
    const config = runConfig(plan, index);
    const ref = train({ data: plan.data, loss: config.loss, eta: config.eta, epochs: plan.epochs, w0: config.w0, b0: config.b0, reduction: plan.reduction, recordPath: false });
    const refLoss = ref.divergedAt === null ? ref.losses[plan.epochs - 1]! : Number.NaN;
    max.finalLoss = Math.max(max.finalLoss, relativeDifference(result.finalLoss[index]!, refLoss));
    max.finalB = Math.max(max.finalB, relativeDifference(result.finalB[index]!, ref.b));
    if (!Object.is(result.finalB[index], ref.b)) bitIdentical = false;
    for (let j = 0; j < d; j++) {
      const w = result.finalW[index * d + j]!;
      max.finalW = Math.max(max.finalW, relativeDifference(w, ref.w[j]!));
      if (!Object.is(w, ref.w[j])) bitIdentical = false;
    }
    const c = convergence(ref, plan.tolerance);
    if (outcomeOf(result.outcome[index]!) !== c.outcome) measuresIdentical = false;
    if (ref.divergedAt === null) {
      if (result.epochsToFit[index] !== measure(c.epochsToFit) || result.epochsTo1PercentExcess[index] !== measure(c.epochsTo1PercentExcess) || result.plateauEpochs[index] !== measure(c.plateauEpochs)) measuresIdentical = false;
    } else if (result.divergedAt[index] !== ref.divergedAt) measuresIdentical = false;
  }
  const bytes = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
  const poolSizesBitIdentical = ARRAY_FIELDS.every((field) => bytes(runArray(result, field)).equals(bytes(runArray(other, field))));
  const worst = Math.max(max.finalLoss, max.finalW, max.finalB);
  return { checked: sample.length, maxRelativeDifference: max, parametersBitIdentical: bitIdentical, measuresIdentical, poolSizesBitIdentical, pass: worst <= EXACTNESS_LIMIT && poolSizesBitIdentical };
}

type Report = {
  workload: { name: string; runs: number; epochs: number; points: number; pointSteps: number; curveSamples: number };
  machine: { cpus: number; cpuModel: string; node: string; platform: string };
  repeat: number;
  pools: PoolTiming[];
  speedup: number;
  cancellation: NonNullable<Awaited<ReturnType<typeof cancellationLatency>>>;
  kernelPaths: ReturnType<typeof timeKernelPaths>;
  exactness: Exactness;
  writers: WriterTiming[];
  peakRssMiB: number;
  endToEnd: ProcessBench;
};

/** The report as a table for people. */
function table(r: Report): string {
  const w = r.workload;
  const lines: string[] = [];
  lines.push(`losslab bench ${VERSION}: ${w.name === 'S1' ? 'benchmark S1' : `S1's grid with ${w.epochs} epochs (NOT benchmark S1)`}`);
  lines.push(`  ${formatCount(w.runs)} runs × ${w.epochs} epochs × ${w.points} points = ${w.pointSteps.toExponential(4)} point-steps, ${w.curveSamples} curve samples per run`);
  lines.push(`  ${r.machine.cpus} CPUs (${r.machine.cpuModel}), Node ${r.machine.node}, ${r.machine.platform}`);
  lines.push(`  ${r.repeat} timed repetition${r.repeat > 1 ? 's' : ''} per pool size after a warm-up; wall time from run() to its result`);
  lines.push('');
  const head = ['workers', 'median s', 'min–max s', 'ns/point-step', 'runs/s', 'startup s'];
  const rows = r.pools.map((p) => [String(p.workers), p.medianSeconds.toFixed(3), `${p.minSeconds.toFixed(3)}–${p.maxSeconds.toFixed(3)}`, p.nsPerPointStep.toFixed(2), formatCount(Math.round(p.runsPerSecond)), p.startupSeconds.toFixed(3)]);
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c]!.length)));
  const fmt = (cells: string[]) => `  ${cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('   ')}`;
  lines.push(fmt(head));
  lines.push(`  ${widths.map((n) => '─'.repeat(n)).join('   ')}`);
  for (const row of rows) lines.push(fmt(row));
  lines.push('');
  lines.push(`  speedup, ${r.pools[1]!.workers} workers over 1: ${r.speedup.toFixed(2)}×`);
  const c = r.cancellation;
  lines.push(
    c.medianMs === null
      ? `  cancellation: every sweep finished before the abort at ${c.abortAfterMs} ms (workload too small to measure)`
      : `  cancellation (abort ${c.abortAfterMs} ms in → run() resolved, ${c.samplesMs.length}×): median ${c.medianMs.toFixed(1)} ms, min–max ${c.minMs!.toFixed(1)}–${c.maxMs!.toFixed(1)} ms${c.reportedCancelled < c.samplesMs.length ? ` (${c.samplesMs.length - c.reportedCancelled} not reported as cancelled)` : ''}${c.finishedBeforeAbort ? `, ${c.finishedBeforeAbort} finished before the abort` : ''}`,
  );
  const k = r.kernelPaths;
  lines.push(`  kernel alone, this thread (2 × ${k.runs} runs, median of ${r.repeat}): SIMD ${k.simdNs.toFixed(2)} ns/point-step, JavaScript path (no SIMD) ${k.javascriptNs.toFixed(2)} (${(k.javascriptNs / k.simdNs).toFixed(1)}× slower)`);
  const e = r.exactness;
  const m = e.maxRelativeDifference;
  lines.push(`  exactness vs core train (${e.checked} runs: 200 spread + grid corners): max relative difference final loss ${m.finalLoss.toExponential(2)}, w ${m.finalW.toExponential(2)}, b ${m.finalB.toExponential(2)}`);
  lines.push(`    parameters bit-identical: ${e.parametersBitIdentical ? 'yes' : 'no'}; convergence measures identical: ${e.measuresIdentical ? 'yes' : 'no'}; 1 vs ${r.pools[1]!.workers} workers bit-identical: ${e.poolSizesBitIdentical ? 'yes' : 'no'}`);
  lines.push(`    ${e.pass ? 'PASS' : 'FAIL'} (limit ${EXACTNESS_LIMIT} relative, and identical results for both pool sizes)`);
  lines.push(...writersTable(r.writers, r.pools[1]!.medianSeconds, r.pools[1]!.workers));
  lines.push(`  peak RSS of the process (all worker threads included): ${r.peakRssMiB.toFixed(1)} MiB`);
  lines.push(...processTable(r.endToEnd, r.pools[1]!.medianSeconds));
  return `${lines.join('\n')}\n`;
}
