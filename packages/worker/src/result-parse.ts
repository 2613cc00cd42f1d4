// Reading a JSON result file back into a SweepResult: a whole sweep, a shard or a merged file,
// written by `losslab sweep` or by the app. The text is only ever given to JSON.parse. The spec in
// the file is planned again, and every run is checked against its plan, so that a result opens as
// the sweep its spec describes or not at all.

import { formatValue } from '@losslab/core';
import { isRecord } from './is-record.js';
import { jsonErrorOffset, lineAndColumn } from './json-error.js';
import { RunsDigest, shardRange, type ResultHeader, type ShardRange } from './result-file.js';
import { ResultFileError } from './result-file-error.js';
import { axisFields, hyperparameterFields } from './result-record.js';
import { checkRecomputed, sampleIndices } from './result-sample.js';
import { formatNumber, toJson, type JsonValue } from './result-text.js';
import { allocateResult, NEVER, RUN_DONE, RUN_FAILED, type RunArrays, type RunFailure, type SweepResult } from './result.js';
import { initialParameters, runPosition } from './space.js';
import { planSweep, SweepSpecError, type SweepLimits, type SweepPlan } from './spec.js';

export { ResultFileError } from './result-file-error.js';

/** A result file read back: its header (with the canonical spec), the plan of its spec, and the runs it holds. */
export interface ParsedResult {
  header: ResultHeader;
  plan: SweepPlan;
  /** The whole sweep's arrays: the file's runs filled in, the others (outside a shard) RUN_PENDING. */
  result: SweepResult;
  /** The file's checksum of its runs (checked). */
  runsSha256: string;
}

/** Options of {@link parseResultJson}. */
export interface ParseResultOptions {
  /**
   * Runs recomputed with core's arithmetic (the reference kernel) and compared with the file, spread
   * evenly over its range, the first and the last included; default 16 (fewer for long runs, never
   * fewer than 2). 0 skips the check.
   */
  samples?: number;
}

const HEADER_FIELDS = ['losslab', 'spec', 'curveEpochs', 'runCount', 'shard', 'runs', 'runsSha256'] as const;
const OPTIONAL_FIELDS: readonly string[] = ['shard'];
const SHA256 = /^[0-9a-f]{64}$/;
const SHARD_FIELDS = ['index', 'count', 'start', 'end'] as const;
const VALUE_FIELDS = ['finalLoss', 'minLoss', 'finalExcess', 'finalMaxError', 'finalB'] as const;
const MEASURE_FIELDS = ['epochsToFit', 'epochsTo99', 'plateauLength', 'divergedAt'] as const;

function has(record: Record<string, unknown>, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(record, key);
}

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}

/** JSON.parse, with a SyntaxError that says where the text stops being JSON. */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    if (text.trim() === '') throw new SyntaxError('not a result file: the text is empty');
    let offset = -1;
    try {
      offset = jsonErrorOffset(text);
    } catch {
      // Nesting deeper than the scanner's stack: the engine's message alone has to do.
    }
    const engine = (error as Error).message.replace(/\s+/g, ' ');
    if (offset < 0) throw new SyntaxError(`not valid JSON: ${engine}`);
    const { line, column } = lineAndColumn(text, offset);
    const cut = offset >= text.length ? ' (the text ends early: is the file cut short?)' : '';
    throw new SyntaxError(`not valid JSON at line ${line}, column ${column}${cut}: ${engine}`);
  }
}

/** The problems planSweep found in the file's spec, each as a path into the file. */
function specIssues(error: SweepSpecError): string {
  return error.issues.map(({ field, message }) => `${field === 'runs' || field === 'memory' || field.startsWith('spec.') ? field : `spec.${field}`}: ${message}`).join('; ');
}

/**
 * Reads a JSON result file (`losslab sweep`'s, a shard's, `losslab merge`'s or the app's export).
 * Plans the file's spec again with planSweep (with `limits`), then checks the header (runCount,
 * curveEpochs, shard) and every run (index, loss, eta, initSample, w0, b0 against the plan; the
 * types and ranges of its values) before it fills a SweepResult: null values become NaN (or NEVER
 * for the epoch measures), "done" runs RUN_DONE, "failed" runs RUN_FAILED with their messages in
 * `failures` (adjacent runs with the same message as one range), runs outside a shard's range stay
 * RUN_PENDING. Then it recomputes a sample of the runs (`options.samples`) and compares every value
 * with the file's, and checks `runsSha256` against the runs.
 * Throws a SyntaxError for text that is not JSON (with the line and column), and a
 * {@link ResultFileError} (a RangeError) naming the field, and the run, that is wrong.
 */
export function parseResultJson(text: string, limits: Partial<SweepLimits> = {}, options: ParseResultOptions = {}): ParsedResult {
  if (typeof text !== 'string') throw new TypeError(`text must be a string, got ${formatValue(text)}`);
  const file = parseJson(text);
  if (!isRecord(file)) throw new ResultFileError('file', `must be a JSON object {"losslab", "spec", "curveEpochs", "runCount", "runs", "runsSha256"}, got ${formatValue(file)}`);
  if (!has(file, 'losslab')) {
    const hint = has(file, 'version') && has(file, 'dataset') ? ': this looks like a sweep spec, not a result (run it, or import a result file)' : '';
    throw new ResultFileError('losslab', `is missing: not a result file of losslab (one starts with {"losslab": "<version>", "spec": …})${hint}`);
  }
  if (typeof file.losslab !== 'string' || file.losslab === '') throw new ResultFileError('losslab', `must be the version of losslab that wrote the file, got ${formatValue(file.losslab)}`);
  for (const key of Object.keys(file)) if (!(HEADER_FIELDS as readonly string[]).includes(key)) throw new ResultFileError(key, `is not a field of a result file (fields: ${HEADER_FIELDS.join(', ')})`);
  for (const key of HEADER_FIELDS) if (!OPTIONAL_FIELDS.includes(key) && !has(file, key)) throw new ResultFileError(key, key === 'runsSha256' ? 'is missing: every result file ends with the checksum of its runs (a file written before losslab kept one, or cut short?)' : 'is missing');
  const header = checkHeader(file, limits);
  const { plan } = header;
  const start = header.shard ? header.shard.start : 0;
  const end = header.shard ? header.shard.end : plan.runCount;

  if (!Array.isArray(file.runs)) throw new ResultFileError('runs', `must be a list of run records, got ${formatValue(file.runs)}`);
  const runs: readonly unknown[] = file.runs;
  const result = allocateResult(plan);
  for (let k = 0; k < runs.length; k++) {
    const expected = start + k;
    const run = runs[k];
    const at = `runs[${k}]`;
    // The run's place first: a record given twice, missing or out of order is named as such.
    if (isRecord(run) && isCount(run.index)) {
      const index = run.index;
      if (index < expected && index >= start) throw new ResultFileError(`${at}.index`, `run ${index} appears twice (runs[${index - start}] and runs[${k}])`);
    }
    if (expected >= end) throw new ResultFileError(at, `is one record too many: the file holds runs [${start}, ${end}), ${end - start} records, but this is record ${k + 1}${isRecord(run) ? ` (run ${formatValue(run.index)})` : ''}`);
    if (readRun(plan, run, at, expected, result, expected, result.failures) === RUN_DONE) result.completed++;
  }
  if (start + runs.length < end) {
    const what = runs.length === 0 ? 'no runs' : `runs [${start}, ${start + runs.length})`;
    throw new ResultFileError('runs', `holds ${what}, but the file must hold runs [${start}, ${end}): runs from ${start + runs.length} on are missing`);
  }

  for (const index of sampleIndices(plan, start, end, options.samples)) checkRecomputed(plan, result, index, index, `runs[${index - start}]`);

  const runsSha256 = checkDigest(file, runs);
  return { header: header.header, plan, result, runsSha256 };
}

/** Plans the file's spec and checks runCount, curveEpochs and shard against the plan. */
function checkHeader(file: Record<string, unknown>, limits: Partial<SweepLimits>): { header: ResultHeader; plan: SweepPlan; shard?: ShardRange } {
  if (!isRecord(file.spec)) throw new ResultFileError('spec', `must be a sweep spec object, got ${formatValue(file.spec)}`);
  let plan: SweepPlan;
  try {
    plan = planSweep(file.spec, limits);
  } catch (error) {
    if (!(error instanceof SweepSpecError)) throw error;
    throw new ResultFileError('spec', `does not plan (written by another version of losslab?): ${specIssues(error)}`, { cause: error });
  }

  if (!isCount(file.runCount)) throw new ResultFileError('runCount', `must be an integer ≥ 0, got ${formatValue(file.runCount)}`);
  if (file.runCount !== plan.runCount) throw new ResultFileError('runCount', `is ${file.runCount}, but the file's spec plans ${plan.runCount} runs`);

  const epochs = file.curveEpochs;
  if (!Array.isArray(epochs)) throw new ResultFileError('curveEpochs', `must be a list of epochs, got ${formatValue(epochs)}`);
  if (epochs.length !== plan.curveEpochs.length) throw new ResultFileError('curveEpochs', `lists ${epochs.length} epochs, but the file's spec keeps ${plan.curveEpochs.length} per run`);
  epochs.forEach((t, k) => {
    if (t !== plan.curveEpochs[k]) throw new ResultFileError(`curveEpochs[${k}]`, `is ${formatValue(t)}, but the file's spec keeps epoch ${plan.curveEpochs[k]} there`);
  });

  const header: ResultHeader = { losslab: file.losslab as string, spec: plan.spec, curveEpochs: Array.from(plan.curveEpochs), runCount: plan.runCount };
  if (!has(file, 'shard')) return { header, plan };
  const shard = checkShard(file.shard, plan.runCount);
  header.shard = shard;
  return { header, plan, shard };
}

/** Checks runsSha256 against the runs' compact JSON text (the records re-serialized, as a file written by losslab holds them). Returns it. */
function checkDigest(file: Record<string, unknown>, runs: readonly unknown[]): string {
  const claimed = file.runsSha256;
  if (typeof claimed !== 'string' || !SHA256.test(claimed)) throw new ResultFileError('runsSha256', `must be a SHA-256 digest (64 lowercase hex digits), got ${formatValue(claimed)}`);
  const whole = new RunsDigest();
  for (const run of runs) whole.add(toJson(run as JsonValue));
  if (whole.hex() !== claimed) throw new ResultFileError('runsSha256', 'does not match the runs: the file was changed (or damaged) after it was written');
  return claimed;
}

function checkShard(value: unknown, runCount: number): ShardRange {
  if (!isRecord(value)) throw new ResultFileError('shard', `must be {"index", "count", "start", "end"}, got ${formatValue(value)}`);
  for (const key of Object.keys(value)) if (!(SHARD_FIELDS as readonly string[]).includes(key)) throw new ResultFileError(`shard.${key}`, `is not a field of a shard (fields: ${SHARD_FIELDS.join(', ')})`);
  for (const key of SHARD_FIELDS) if (!isCount(value[key])) throw new ResultFileError(`shard.${key}`, `must be an integer ≥ 0, got ${formatValue(value[key])}`);
  const { index, count, start, end } = value as unknown as ShardRange;
  if (index < 1 || index > count) throw new ResultFileError('shard', `must be shard I of N with 1 ≤ I ≤ N, got ${index}/${count}`);
  const expected = shardRange({ index, count }, runCount);
  if (start !== expected.start || end !== expected.end) throw new ResultFileError('shard', `says ${index}/${count} holds runs [${start}, ${end}), but shard ${index}/${count} of ${runCount} runs is [${expected.start}, ${expected.end})`);
  return { index, count, start, end };
}

/**
 * Checks one run record, found at `at` (a path such as 'runs[3]'), that must be run `index` of the
 * plan, and writes its values at `position` of `target` (a SweepResult: position = index; `losslab
 * merge`: a one-run scratch result, position 0). A failed run's message goes into `failures`
 * (adjacent runs with the same message as one range). Returns the run's status (RUN_DONE or
 * RUN_FAILED). Throws a {@link ResultFileError} naming the field.
 */
export function readRun(plan: SweepPlan, run: unknown, at: string, index: number, target: RunArrays, position: number, failures: RunFailure[]): number {
  const d = plan.data.d;
  const K = plan.curveEpochs.length;
  const random = plan.init.kind === 'random';
  const known = ['index', 'loss', ...axisFields(plan), ...(random ? ['initSample'] : []), 'w0', 'b0', 'status', 'error', ...VALUE_FIELDS, 'finalW', ...MEASURE_FIELDS, ...(K > 0 ? ['curve'] : [])];
  const w0 = new Float64Array(d);
  if (!isRecord(run)) throw new ResultFileError(at, `must be a run record {"index", "loss", …}, got ${formatValue(run)}`);
  if (!isCount(run.index)) throw new ResultFileError(`${at}.index`, `must be a run index (an integer ≥ 0), got ${formatValue(run.index)}`);
  if (run.index !== index) throw new ResultFileError(`${at}.index`, `is run ${run.index}, but ${at} must be run ${index} (runs in index order): run ${index} is missing or out of order`);
  const field = (name: string) => `${at}.${name}`;
  for (const key of Object.keys(run)) if (!known.includes(key)) throw new ResultFileError(field(key), `is not a field of run ${index}'s record (fields: ${known.join(', ')})`);
  for (const key of known) if (key !== 'error' && !has(run, key)) throw new ResultFileError(field(key), `is missing from run ${index}'s record`);

  // What the spec says run `index` is.
  const { lossIndex, optimizerIndex, etaIndex, batchIndex, weightDecayIndex, initIndex } = runPosition(plan, index);
  const b0 = initialParameters(plan, initIndex, w0);
  const same = (name: string, got: unknown, want: number | string | null) => {
    if (!Object.is(got, want)) {
      const shown = (v: unknown) => (typeof v === 'number' ? formatNumber(v) : formatValue(v));
      throw new ResultFileError(field(name), `is ${shown(got)}, but run ${index} of the file's spec has ${name} = ${shown(want)}`);
    }
  };
  same('loss', run.loss, plan.losses[lossIndex]!);
  if (plan.spec.optimizer !== undefined) {
    const optimizer = plan.optimizers[optimizerIndex]!;
    same('optimizer', run.optimizer, optimizer.name);
    const hyper = optimizer as unknown as Record<string, number | undefined>;
    for (const h of hyperparameterFields(plan)) same(h, run[h], hyper[h] ?? null);
  }
  same('eta', run.eta, plan.eta[etaIndex]!);
  if (plan.spec.batchSize !== undefined) same('batchSize', run.batchSize, plan.batchSizes[batchIndex]!);
  if (plan.spec.weightDecay !== undefined) same('weightDecay', run.weightDecay, plan.weightDecays[weightDecayIndex]!);
  if (random) same('initSample', run.initSample, initIndex);
  if (d === 1) same('w0', run.w0, w0[0]!);
  else {
    if (!Array.isArray(run.w0) || run.w0.length !== d) throw new ResultFileError(field('w0'), `must be a list of ${d} initial weights, got ${formatValue(run.w0)}`);
    run.w0.forEach((v, j) => same(`w0[${j}]`, v, w0[j]!));
  }
  same('b0', run.b0, b0);

  let status: number;
  if (run.status === 'done') {
    if (has(run, 'error')) throw new ResultFileError(field('error'), `run ${index} is "done", so it has no error; got ${formatValue(run.error)}`);
    status = RUN_DONE;
  } else if (run.status === 'failed') {
    if (typeof run.error !== 'string') throw new ResultFileError(field('error'), `run ${index} "failed", so it needs the error's message (a string), got ${formatValue(run.error)}`);
    status = RUN_FAILED;
    const last = failures.at(-1);
    if (last && last.end === index && last.message === run.error) last.end++;
    else failures.push({ start: index, end: index + 1, message: run.error });
  } else throw new ResultFileError(field('status'), `must be "done" or "failed", got ${formatValue(run.status)}`);
  target.status[position] = status;

  const value = (name: string, v: unknown): number => {
    if (v === null) return Number.NaN;
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new ResultFileError(field(name), `must be a finite number or null, got ${formatValue(v)}`);
    return v;
  };
  for (const name of VALUE_FIELDS) target[name][position] = value(name, run[name]);
  if (d === 1) target.finalW[position] = value('finalW', run.finalW);
  else {
    if (!Array.isArray(run.finalW) || run.finalW.length !== d) throw new ResultFileError(field('finalW'), `must be a list of ${d} weights, got ${formatValue(run.finalW)}`);
    run.finalW.forEach((v, j) => (target.finalW[position * d + j] = value(`finalW[${j}]`, v)));
  }
  for (const name of MEASURE_FIELDS) {
    const v = run[name];
    if (v === null) target[name][position] = NEVER;
    else if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < plan.epochs) target[name][position] = v;
    else throw new ResultFileError(field(name), `must be an epoch (an integer in [0, ${plan.epochs})) or null, got ${formatValue(v)}`);
  }
  if (K > 0) {
    const curve = run.curve;
    if (!Array.isArray(curve) || curve.length !== K) throw new ResultFileError(field('curve'), `must be a list of ${K} losses (one per curveEpochs), got ${formatValue(curve)}`);
    curve.forEach((v, j) => (target.curves[position * K + j] = value(`curve[${j}]`, v)));
  }
  return status;
}
