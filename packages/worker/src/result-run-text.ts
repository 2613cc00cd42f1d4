// A run's text in a result file (its JSON record, its CSV row), written straight from the result
// arrays by code compiled once per plan from the result schema. It is the fast path of
// ResultTextWriter: the general path builds each run's record object (recordWith) and serializes it
// (toJson, csvCells + csvCell), which cost about 30 µs per run, most of `losslab sweep`'s
// main-thread time for S1. The text is the same, byte for byte (result-run-text.test.ts checks it
// against the general path over random plans and every kind of value, null, −0 and failures
// included); the general path stays the definition, and readers (merge, the app's import) use it.

import { NEVER, outcomeOf, RUN_DONE, RUN_FAILED, type RunFailure } from './result.js';
import type { ResultRuns } from './result-record.js';
import { fieldWidth, resultFields, runArray, type ArrayField, type ResultField } from './result-schema.js';
import { csvCell, formatNumber } from './result-text.js';
import { runConfigInto, type RunConfig } from './space.js';
import type { SweepPlan } from './spec.js';

/** The text of run `index` (read from `runs`, run i at position i − (runs.offset ?? 0)), given its failure if it has one. */
export type RunTextFunction = (runs: ResultRuns, index: number, failure: RunFailure | undefined) => string;

/** What a field's writer reads: the run's position in the arrays, its config (only computed when a config field needs it), its status and failure. */
interface RunContext {
  runs: ResultRuns;
  at: number;
  config: RunConfig | null;
  index: number;
  failure: RunFailure | undefined;
}

/**
 * A field's text: JSON's value text, or CSV's cells joined by commas. `undefined` for JSON's error
 * of a done run (the key is left out).
 */
type FieldText = (run: RunContext) => string | undefined;

/** Distinct values of a config field are formatted once, up to this many per field (a grid's η, w0, b0 repeat run after run; random inits never do). */
const MEMO_LIMIT = 4096;

/**
 * A formatting function memoized on its argument (numbers and strings) while fewer than MEMO_LIMIT
 * values were seen. Integers (the run index, a batch size) skip the map: V8 prints them faster
 * than it finds them there, and an index never repeats.
 */
function memo<T extends number | string>(format: (value: T) => string): (value: T) => string {
  const seen = new Map<T, string>();
  return (value) => {
    if (typeof value === 'number' && (value | 0) === value && !Object.is(value, -0)) return format(value);
    let text = seen.get(value);
    if (text === undefined) {
      text = format(value);
      if (seen.size < MEMO_LIMIT) seen.set(value, text);
    }
    return text;
  };
}

/** The message a run not done shows in its error field: its failure's, else by status (as recordWith writes it). */
function errorMessage(run: RunContext): string {
  if (run.failure) return run.failure.message;
  return run.runs.status[run.at] === RUN_FAILED ? 'the run failed' : 'the run was not computed';
}

/**
 * The text of a stored number, which records hold as null when it is not finite (NaN: not
 * computed; ±Infinity: diverged): JSON's "null" (formatNumber writes it for them), CSV's empty cell.
 */
function finiteText(json: boolean): (v: number) => string {
  return json ? formatNumber : (v) => (Number.isFinite(v) ? formatNumber(v) : '');
}

/** Writes a list of values: JSON's [a,b,…], CSV's cells a,b,…. */
function listText(json: boolean, values: ArrayLike<number>, start: number, count: number, one: (v: number) => string): string {
  let text = '';
  for (let k = 0; k < count; k++) text += (k === 0 ? '' : ',') + one(values[start + k]!);
  return json ? `[${text}]` : text;
}

/** A config field's writer (index, loss, optimizer, hyperparameters, η, batch size, weight decay, init sample, w0, b0). */
function configText(field: ResultField & { source: 'config' }, json: boolean, d: number): FieldText {
  // A scalar is written as is (formatNumber, as toJson and csvCell write a number); the entries of
  // a width-d value pass through finite() in a record, so a non-finite one is null.
  const number = memo(formatNumber);
  const entry = memo(finiteText(json));
  const text = memo((s: string) => (json ? JSON.stringify(s) : csvCell(s)));
  const list = field.width === 'd' && d > 1;
  return (run) => {
    const value = field.value(run.config!);
    if (value instanceof Float64Array) return list ? listText(json, value, 0, d, entry) : entry(value[0]!);
    if (value === null) return json ? 'null' : '';
    return typeof value === 'string' ? text(value) : number(value);
  };
}

/** A stored field's writer: numbers, epochs, outcome names and status words read from its typed array. */
function arrayText(field: ArrayField, json: boolean, d: number, K: number): FieldText {
  const number = finiteText(json);
  const width = fieldWidth(field, d, K);
  switch (field.encoding) {
    case 'finite':
      if (width === 1 && field.width !== 'curve') return (run) => number(runArray(run.runs, field)[run.at]!);
      return (run) => listText(json, runArray(run.runs, field), run.at * width, width, number);
    case 'epoch':
      return (run) => {
        const v = runArray(run.runs, field)[run.at]!;
        return v === NEVER ? (json ? 'null' : '') : String(v);
      };
    case 'outcome': {
      const names = Array.from({ length: 256 }, (_, code) => {
        const name = outcomeOf(code);
        return name === null ? (json ? 'null' : '') : json ? JSON.stringify(name) : csvCell(name);
      });
      return (run) => names[runArray(run.runs, field)[run.at]!]!;
    }
    case 'status': {
      const [done, failed] = json ? ['"done"', '"failed"'] : ['done', 'failed'];
      return (run) => (runArray(run.runs, field)[run.at] === RUN_DONE ? done : failed);
    }
  }
}

/** A field's writer in `format`. */
function fieldText(field: ResultField, json: boolean, d: number, K: number): FieldText {
  switch (field.source) {
    case 'config':
      return configText(field, json, d);
    case 'array':
      return arrayText(field, json, d, K);
    case 'failure':
      // JSON leaves the key out for a done run; CSV writes an empty cell.
      return (run) => (run.runs.status[run.at] === RUN_DONE ? (json ? undefined : '') : json ? JSON.stringify(errorMessage(run)) : csvCell(errorMessage(run)));
  }
}

/**
 * The run text function of a plan's `format` file: a JSON record's compact text (the line without
 * its indentation and comma) or a CSV row (without its line break), equal byte for byte to
 * `toJson(recordWith(…))` and `csvCells(recordWith(…)).map(csvCell).join(',')`.
 */
export function runTextFunction(plan: SweepPlan, format: 'json' | 'csv'): RunTextFunction {
  const json = format === 'json';
  const d = plan.data.d;
  const K = plan.curveEpochs.length;
  const fields = resultFields(plan);
  const writers = fields.map((field) => fieldText(field, json, d, K));
  const keys = fields.map((field, i) => `${i === 0 ? '' : ','}${json ? `${JSON.stringify(field.name)}:` : ''}`);
  const needsConfig = fields.some((field) => field.source === 'config');
  const run: RunContext = { runs: null as unknown as ResultRuns, at: 0, config: null, index: 0, failure: undefined };
  return (runs, index, failure) => {
    run.runs = runs;
    run.at = index - (runs.offset ?? 0);
    run.index = index;
    run.failure = failure;
    if (needsConfig) run.config = runConfigInto(plan, index, run.config);
    let text = json ? '{' : '';
    for (let i = 0; i < writers.length; i++) {
      const value = writers[i]!(run);
      if (value === undefined) continue;
      // The key's comma is dropped when the first field is left out; only error can be, never first.
      text += keys[i]! + value;
    }
    return json ? `${text}}` : text;
  };
}
