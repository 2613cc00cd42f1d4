// A run's text in a result file (its JSON record, its CSV row), written straight from the result
// arrays as UTF-8 bytes by code compiled once per plan from the result schema. It is the fast path
// of ResultTextWriter: the general path builds each run's record object (recordWith) and
// serializes it (toJson, csvCells + csvCell), which cost about 30 µs per run. Bytes rather than
// strings: a string per value, joined per run, then per piece, then encoded to UTF-8 for the file
// and again for the hash, cost as much as the numbers' formatting (S1's JSON, 32,768 runs: about
// 270 ms as strings). The text is the same, byte for byte (result-run-text.test.ts checks it
// against the general path over random plans and every kind of value, null, −0 and failures
// included); the general path stays the definition, and readers (merge, the app's import) use it.

import { copyBytes } from './copy-bytes.js';
import { NEVER, outcomeOf, RUN_DONE, RUN_FAILED, type RunFailure } from './result.js';
import type { ResultRuns } from './result-record.js';
import { fieldWidth, resultFields, runArray, type ArrayField, type ResultField } from './result-schema.js';
import { csvCell, formatNumber } from './result-text.js';
import { runConfigInto, type RunConfig } from './space.js';
import type { SweepPlan } from './spec.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const NULL = encoder.encode('null');
const EMPTY = new Uint8Array(0);

/**
 * A growing buffer of bytes that run writers append to. `bytes` may be replaced by a larger
 * buffer as it grows: read it after writing, as `bytes.subarray(0, length)`.
 */
export class ByteSink {
  bytes: Uint8Array;
  length = 0;
  /** The last number written by `number` (and where its text is in `bytes`), to copy it when the next one is the same. */
  private lastNumber = Number.NaN;
  private lastStart = -1;
  private lastEnd = -1;

  constructor(capacity = 1 << 16) {
    this.bytes = new Uint8Array(capacity);
  }

  /** Room for `n` more bytes. */
  reserve(n: number): void {
    const need = this.length + n;
    if (need <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(need, this.bytes.length * 2));
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }

  /** Starts over (the buffer is kept): the caller has taken the bytes written so far. */
  clear(): void {
    this.length = 0;
    this.lastStart = -1;
  }

  /** Appends bytes. */
  put(bytes: Uint8Array): void {
    this.putRange(bytes, 0, bytes.length);
  }

  /** Appends bytes [from, to) of `bytes`. */
  putRange(bytes: Uint8Array, from: number, to: number): void {
    this.reserve(to - from);
    this.length = copyBytes(this.bytes, this.length, bytes, from, to);
  }

  /** Appends one byte. */
  byte(b: number): void {
    this.reserve(1);
    this.bytes[this.length++] = b;
  }

  /** Appends text whose characters are all ASCII (a number's text, a list of numbers). */
  ascii(text: string): void {
    const n = text.length;
    this.reserve(n);
    if (n > 64) {
      // A list of numbers (a curve): one native copy beats a loop over its characters.
      encoder.encodeInto(text, this.bytes.subarray(this.length));
      this.length += n;
      return;
    }
    const out = this.bytes;
    let at = this.length;
    for (let i = 0; i < n; i++) out[at++] = text.charCodeAt(i);
    this.length = at;
  }

  /** Appends a non-negative integer below 2^31, digit by digit (no string). */
  private digits(v: number): void {
    this.reserve(10);
    const out = this.bytes;
    let end = this.length;
    let width = 1;
    for (let p = 10; p <= v && width < 10; p *= 10) width++;
    end += width;
    for (let at = end - 1, rest = v; at >= this.length; at--, rest = (rest / 10) | 0) out[at] = 0x30 + (rest % 10);
    this.length = end;
  }

  /**
   * Appends formatNumber(v) (the shortest round-trip text, "-0", "null" when not finite). Small
   * integers are written digit by digit; a double equal to the one written just before (S1's final
   * loss, minimum loss and excess are often one value) is copied from where it was written.
   */
  number(v: number): void {
    if ((v | 0) === v && v >= 0 && !Object.is(v, -0)) return this.digits(v);
    if (Object.is(v, this.lastNumber) && this.lastStart >= 0) {
      const n = this.lastEnd - this.lastStart;
      this.reserve(n);
      this.bytes.copyWithin(this.length, this.lastStart, this.lastEnd);
      this.length += n;
      return;
    }
    const start = this.length;
    this.ascii(formatNumber(v));
    this.lastNumber = v;
    this.lastStart = start;
    this.lastEnd = this.length;
  }

  /** Appends an epoch count or index: a non-negative integer (NEVER is the caller's to handle). */
  integer(v: number): void {
    if (v >= 0 && v <= 0x7fffffff && (v | 0) === v) this.digits(v);
    else this.ascii(String(v));
  }
}

/** Writes run `index`'s text (read from `runs`, run i at position i − (runs.offset ?? 0)) into `sink`, given its failure if it has one. */
export type RunBytesFunction = (sink: ByteSink, runs: ResultRuns, index: number, failure: RunFailure | undefined) => void;

/** The text of run `index`, as {@link RunBytesFunction} writes it. */
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
 * A field's writer: appends the field's key (JSON's `,"name":`, CSV's comma; nothing before the
 * first field) and its value. JSON's error of a done run writes nothing at all (the key is left out).
 */
type FieldWriter = (run: RunContext, sink: ByteSink) => void;

/**
 * A field's writer for one result's arrays: the typed array it reads is looked up once per result
 * (per window), not per run, and each writer reads one array type (a monomorphic load).
 */
type BoundField = (runs: ResultRuns) => FieldWriter;

/** Distinct values of a config field are encoded once, up to this many per field (a grid's η, w0, b0 repeat run after run; random inits never do). */
const MEMO_LIMIT = 4096;

/** An encoding function memoized on its argument while fewer than MEMO_LIMIT values were seen. */
function memo<T extends number | string>(encode: (value: T) => Uint8Array): (value: T) => Uint8Array {
  const seen = new Map<T, Uint8Array>();
  return (value) => {
    let bytes = seen.get(value);
    if (bytes === undefined) {
      bytes = encode(value);
      if (seen.size < MEMO_LIMIT) seen.set(value, bytes);
    }
    return bytes;
  };
}

/** The message a run not done shows in its error field: its failure's, else by status (as recordWith writes it). */
function errorMessage(run: RunContext): string {
  if (run.failure) return run.failure.message;
  return run.runs.status[run.at] === RUN_FAILED ? 'the run failed' : 'the run was not computed';
}

/** A text value as the format writes it: JSON's quoted string, CSV's cell. */
function textBytes(json: boolean, text: string): Uint8Array {
  return encoder.encode(json ? JSON.stringify(text) : csvCell(text));
}

/**
 * Appends a stored number, which records hold as null when it is not finite (NaN: not computed;
 * ±Infinity: diverged): JSON's "null" (formatNumber writes it), CSV's empty cell.
 */
function finiteNumber(json: boolean): (sink: ByteSink, v: number) => void {
  return json ? (sink, v) => sink.number(v) : (sink, v) => (Number.isFinite(v) ? sink.number(v) : undefined);
}

/** A stored number's text, as finiteNumber writes it. */
function finiteText(json: boolean): (v: number) => string {
  return json ? formatNumber : (v) => (Number.isFinite(v) ? formatNumber(v) : '');
}

/**
 * Appends a list of values: JSON's [a,b,…], CSV's cells a,b,…. Built as one string and copied
 * once: a curve holds up to thousands of numbers, and V8 joins their texts faster than they can be
 * copied character by character.
 */
function list(json: boolean, sink: ByteSink, values: ArrayLike<number>, start: number, count: number, one: (v: number) => string): void {
  let text = json ? '[' : '';
  for (let k = 0; k < count; k++) text += (k === 0 ? '' : ',') + one(values[start + k]!);
  sink.ascii(json ? `${text}]` : text);
}

/** A config field's writer (index, loss, optimizer, hyperparameters, η, batch size, weight decay, init sample, w0, b0). */
function configField(field: ResultField & { source: 'config' }, json: boolean, d: number, key: Uint8Array): BoundField {
  // A scalar is written as is (formatNumber, as toJson and csvCell write a number); the entries of
  // a width-d value pass through finite() in a record, so a non-finite one is null.
  const number = memo((v: number) => encoder.encode(formatNumber(v)));
  const entry = memo((v: number) => (json || Number.isFinite(v) ? encoder.encode(formatNumber(v)) : EMPTY));
  const text = memo((s: string) => textBytes(json, s));
  const isList = field.width === 'd' && d > 1;
  const entryText = finiteText(json);
  const write: FieldWriter = (run, sink) => {
    sink.put(key);
    const value = field.value(run.config!);
    if (value instanceof Float64Array) {
      if (isList) list(json, sink, value, 0, d, entryText);
      else sink.put(entry(value[0]!));
    } else if (value === null) {
      if (json) sink.put(NULL);
    } else if (typeof value === 'string') sink.put(text(value));
    else if ((value | 0) === value && value >= 0 && !Object.is(value, -0)) sink.integer(value); // the run index, a batch size: never repeat, or cheaper to print than to look up
    else sink.put(number(value));
  };
  return () => write;
}

/** A stored field's writer: numbers, epochs, outcome names and status words read from its typed array. */
function arrayField(field: ArrayField, json: boolean, d: number, K: number, key: Uint8Array): BoundField {
  const number = finiteNumber(json);
  const texts = finiteText(json);
  const width = fieldWidth(field, d, K);
  switch (field.encoding) {
    case 'finite':
      if (width === 1 && field.width !== 'curve')
        return (runs) => {
          const values = runArray(runs, field);
          return (run, sink) => {
            sink.put(key);
            number(sink, values[run.at]!);
          };
        };
      return (runs) => {
        const values = runArray(runs, field);
        return (run, sink) => {
          sink.put(key);
          list(json, sink, values, run.at * width, width, texts);
        };
      };
    case 'epoch':
      return (runs) => {
        const values = runArray(runs, field);
        return (run, sink) => {
          sink.put(key);
          const v = values[run.at]!;
          if (v !== NEVER) sink.integer(v);
          else if (json) sink.put(NULL);
        };
      };
    case 'outcome': {
      const names = Array.from({ length: 256 }, (_, code) => {
        const name = outcomeOf(code);
        return name === null ? (json ? NULL : EMPTY) : textBytes(json, name);
      });
      return (runs) => {
        const values = runArray(runs, field);
        return (run, sink) => {
          sink.put(key);
          sink.put(names[values[run.at]!]!);
        };
      };
    }
    case 'status': {
      const done = textBytes(json, 'done');
      const failed = textBytes(json, 'failed');
      return (runs) => {
        const values = runs.status;
        return (run, sink) => {
          sink.put(key);
          sink.put(values[run.at] === RUN_DONE ? done : failed);
        };
      };
    }
  }
}

/** A field's writer in `format`, its key first (`key`: JSON's `,"name":` or CSV's `,`, empty for the first field). */
function fieldWriter(field: ResultField, json: boolean, d: number, K: number, key: Uint8Array): BoundField {
  switch (field.source) {
    case 'config':
      return configField(field, json, d, key);
    case 'array':
      return arrayField(field, json, d, K, key);
    case 'failure': {
      // JSON leaves the key out for a done run; CSV writes an empty cell.
      const write: FieldWriter = (run, sink) => {
        if (run.runs.status[run.at] === RUN_DONE) {
          if (!json) sink.put(key);
          return;
        }
        sink.put(key);
        sink.put(textBytes(json, errorMessage(run)));
      };
      return () => write;
    }
  }
}

/**
 * The run bytes function of a plan's `format` file: appends a JSON record's compact text (the line
 * without its indentation and comma) or a CSV row (without its line break), as UTF-8, equal byte
 * for byte to `toJson(recordWith(…))` and `csvCells(recordWith(…)).map(csvCell).join(',')`.
 */
export function runBytesFunction(plan: SweepPlan, format: 'json' | 'csv'): RunBytesFunction {
  const json = format === 'json';
  const d = plan.data.d;
  const K = plan.curveEpochs.length;
  const fields = resultFields(plan);
  // The key's comma is dropped only for the first field, which is never left out (only error can be).
  const fieldWriters = fields.map((field, i) => fieldWriter(field, json, d, K, encoder.encode(`${i === 0 ? '' : ','}${json ? `${JSON.stringify(field.name)}:` : ''}`)));
  const needsConfig = fields.some((field) => field.source === 'config');
  const run: RunContext = { runs: null as unknown as ResultRuns, at: 0, config: null, index: 0, failure: undefined };
  let writers: FieldWriter[] = [];
  return (sink, runs, index, failure) => {
    if (run.runs !== runs) writers = fieldWriters.map((bind) => bind(runs));
    run.runs = runs;
    run.at = index - (runs.offset ?? 0);
    run.index = index;
    run.failure = failure;
    if (needsConfig) run.config = runConfigInto(plan, index, run.config);
    if (json) sink.byte(0x7b); // {
    for (let i = 0; i < writers.length; i++) writers[i]!(run, sink);
    if (json) sink.byte(0x7d); // }
  };
}

/** {@link runBytesFunction}'s text as a string, one run at a time (for tests and small files). */
export function runTextFunction(plan: SweepPlan, format: 'json' | 'csv'): RunTextFunction {
  const write = runBytesFunction(plan, format);
  const sink = new ByteSink(1024);
  return (runs, index, failure) => {
    sink.clear();
    write(sink, runs, index, failure);
    return decoder.decode(sink.bytes.subarray(0, sink.length));
  };
}
