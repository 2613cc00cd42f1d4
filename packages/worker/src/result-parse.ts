// Reading a JSON result file back into a SweepResult: a whole sweep, a shard or a merged file,
// written by `losslab sweep` or by the app. The text is only ever given to JSON.parse. The spec in
// the file is planned again, and every run is checked against its plan, so that a result opens as
// the sweep its spec describes or not at all.

import { formatValue, runOutcomes, type RunOutcome } from '@losslab/core';
import { isRecord } from './is-record.js';
import { jsonErrorOffset, lineAndColumn } from './json-error.js';
import { RunsDigest, shardRange, type ResultHeader, type ShardRange } from './result-file.js';
import { ResultFileError } from './result-file-error.js';
import { fieldIsList, fieldWidth, resultFields, runArray, type ResultField } from './result-schema.js';
import { checkRecomputed, sampleIndices } from './result-sample.js';
import { formatNumber, toJson, type JsonValue } from './result-text.js';
import { allocateResult, NEVER, OUTCOME_NONE, outcomeCode, RUN_DONE, RUN_FAILED, type RunArrays, type RunFailure, type SweepResult } from './result.js';
import { runConfig } from './space.js';
import { planSweep, SweepSpecError, type SweepLimits, type SweepPlan } from './spec.js';
import { sweepStability } from './sweep-stability.js';

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

const HEADER_FIELDS = ['losslab', 'spec', 'curveEpochs', 'runCount', 'stability', 'shard', 'runs', 'runsSha256'] as const;
const OPTIONAL_FIELDS: readonly string[] = ['stability', 'shard'];
const SHA256 = /^[0-9a-f]{64}$/;
const SHARD_FIELDS = ['index', 'count', 'start', 'end'] as const;

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
  // An empty key is named as JSON writes it (""), so that the error still names a field.
  for (const key of Object.keys(file)) if (!(HEADER_FIELDS as readonly string[]).includes(key)) throw new ResultFileError(key === '' ? '""' : key, `is not a field of a result file (fields: ${HEADER_FIELDS.join(', ')})`);
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

  // The file's η* are not trusted or compared (another engine's Math.exp may differ in the last
  // bit): they are computed again from the planned spec.
  if (has(file, 'stability') && !isRecord(file.stability)) throw new ResultFileError('stability', `must be {"optimum", "etaStar"} or {"optimum": null, "reason"}, got ${formatValue(file.stability)}`);
  const header: ResultHeader = { losslab: file.losslab as string, spec: plan.spec, curveEpochs: Array.from(plan.curveEpochs), runCount: plan.runCount, stability: sweepStability(plan) };
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
  const fields = resultFields(plan);
  const known = fields.map((f) => f.name);
  if (!isRecord(run)) throw new ResultFileError(at, `must be a run record {"index", "loss", …}, got ${formatValue(run)}`);
  if (!isCount(run.index)) throw new ResultFileError(`${at}.index`, `must be a run index (an integer ≥ 0), got ${formatValue(run.index)}`);
  if (run.index !== index) throw new ResultFileError(`${at}.index`, `is run ${run.index}, but ${at} must be run ${index} (runs in index order): run ${index} is missing or out of order`);
  const field = (name: string) => `${at}.${name}`;
  for (const key of Object.keys(run)) if (!known.includes(key)) throw new ResultFileError(field(key), `is not a field of run ${index}'s record (fields: ${known.join(', ')})`);
  for (const f of fields) if (f.encoding !== 'error' && !has(run, f.name)) throw new ResultFileError(field(f.name), `is missing from run ${index}'s record`);

  // A list field's values (width d with d > 1, or the curve), each read by `read` with its path.
  const list = (f: ResultField, read: (name: string, v: unknown) => void) => {
    const v = run[f.name];
    if (!fieldIsList(f, d)) return read(f.name, v);
    const width = fieldWidth(f, d, K);
    if (!Array.isArray(v) || v.length !== width) throw new ResultFileError(field(f.name), `must be a list of ${width} ${f.items ?? 'values'}, got ${formatValue(v)}`);
    v.forEach((item, j) => read(`${f.name}[${j}]`, item));
  };

  // What the spec says run `index` is: every configuration field must be that, exactly.
  const config = runConfig(plan, index);
  const same = (name: string, got: unknown, want: number | string | null) => {
    if (!Object.is(got, want)) {
      const shown = (v: unknown) => (typeof v === 'number' ? formatNumber(v) : formatValue(v));
      throw new ResultFileError(field(name), `is ${shown(got)}, but run ${index} of the file's spec has ${name} = ${shown(want)}`);
    }
  };
  for (const f of fields) {
    if (f.source !== 'config' || f.name === 'index') continue;
    const want = f.value(config);
    if (want instanceof Float64Array) {
      let j = 0;
      list(f, (name, v) => same(name, v, want[j++]!));
    } else same(f.name, run[f.name], want);
  }

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

  for (const f of fields) {
    if (f.source !== 'array') continue;
    const array = runArray(target, f);
    let j = position * fieldWidth(f, d, K);
    switch (f.encoding) {
      case 'status':
        array[position] = status;
        break;
      case 'finite':
        list(f, (name, v) => {
          if (v !== null && (typeof v !== 'number' || !Number.isFinite(v))) throw new ResultFileError(field(name), `must be a finite number or null, got ${formatValue(v)}`);
          array[j++] = v === null ? Number.NaN : v;
        });
        break;
      case 'epoch':
        list(f, (name, v) => {
          if (v !== null && !(typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < plan.epochs)) throw new ResultFileError(field(name), `must be an epoch (an integer in [0, ${plan.epochs})) or null, got ${formatValue(v)}`);
          array[j++] = v === null ? NEVER : v;
        });
        break;
      case 'outcome': {
        // null exactly for a run not done, one of core's outcomes for a run done.
        const v = run[f.name];
        if (v === null && status !== RUN_DONE) array[position] = OUTCOME_NONE;
        else if (typeof v === 'string' && (runOutcomes as readonly string[]).includes(v) && status === RUN_DONE) array[position] = outcomeCode(v as RunOutcome);
        else throw new ResultFileError(field(f.name), `must be one of ${runOutcomes.map((o) => `"${o}"`).join(', ')} for a run that is done, null for one that failed; got ${formatValue(v)}`);
        break;
      }
    }
  }
  return status;
}
