// The sweep spec from flags or from a --spec file, planned by @losslab/worker's planSweep, whose
// refusals are mapped back to the flag (or file) they came from. (The canonical form of the spec
// that outputs echo is planSweep's plan.spec.)

import { dirname, isAbsolute, join } from 'node:path';
import { jsonErrorOffset, lineAndColumn, planSweep, SweepSpecError, type SpecPath, type SweepLimits, type SweepPlan, type SweepSpec } from '@losslab/worker';
import { stringFlag, type ParsedArgs } from './args.js';
import { datasetFromFlag, isBuiltinDataset, loadCsvDataset } from './data.js';
import { UsageError } from './errors.js';
import { MAX_SPEC_BYTES, readTextLimited } from './input-limits.js';
import { parseAxis, parseChoice, parseCurve, parseInit, parseLosses, parseNumber, parseNumberList, parseOptimizers } from './flag-values.js';

/** The flags that define the sweep (they cannot be combined with --spec). */
export const SPEC_FLAGS = ['data', 'loss', 'optimizer', 'eta', 'batch', 'weight-decay', 'w0', 'b0', 'init', 'epochs', 'reduction', 'shuffle-seed', 'tol', 'curve'] as const;
type SpecFlag = (typeof SPEC_FLAGS)[number];

/** Spec flags without a default: left out, their field is left out of the spec (plain full-batch descent). */
type OptionalFlag = 'init' | 'optimizer' | 'batch' | 'weight-decay' | 'shuffle-seed';

/**
 * Defaults of the spec flags: together they are the lecture's headline experiment (its two-point
 * data, w = b = −2, η = 1, 1000 epochs, summed loss), so `losslab sweep` alone compares squared
 * error and cross-entropy where the lecture does, and each axis flag opens one dimension around it.
 */
export const SPEC_DEFAULTS: Readonly<Record<Exclude<SpecFlag, OptionalFlag>, string>> = Object.freeze({
  data: 'toy',
  loss: 'se,ce',
  eta: '1',
  w0: '-2',
  b0: '-2',
  epochs: '1000',
  reduction: 'sum',
  tol: '0.01',
  curve: '32',
});

/** Where a spec came from, to word its errors. */
export type SpecSource = { kind: 'flags'; values: ReadonlyMap<string, string> } | { kind: 'file'; path: string };

/** A spec and where it came from. */
export interface SourcedSpec {
  spec: SweepSpec;
  source: SpecSource;
}

/** Builds the spec from the flags (defaults for those not given). */
export function specFromFlags(args: ParsedArgs): SourcedSpec {
  const values = new Map<string, string>();
  const value = (flag: Exclude<SpecFlag, OptionalFlag>): string => {
    const text = stringFlag(args, flag) ?? SPEC_DEFAULTS[flag];
    values.set(flag, text);
    return text;
  };
  const initText = stringFlag(args, 'init');
  if (initText !== undefined) {
    for (const grid of ['w0', 'b0'] as const) {
      if (args.flags.has(grid)) throw new UsageError(`--init ${initText} and --${grid} ${stringFlag(args, grid)} exclude each other: --init draws random initial weights and biases, --w0 and --b0 make a grid`);
    }
    values.set('init', initText);
  }
  const dataset = datasetFromFlag(value('data'));
  const losses = parseLosses(value('loss')) as SweepSpec['losses'];
  const eta = parseAxis('eta', value('eta'));
  const init = initText !== undefined ? parseInit(initText) : { w0: parseAxis('w0', value('w0')), b0: parseAxis('b0', value('b0')) };
  const epochs = parseNumber('--epochs', value('epochs'));
  const reduction = parseChoice('reduction', value('reduction'), ['sum', 'mean'] as const);
  const tolerance = parseNumber('--tol', value('tol'));
  const curve = parseCurve(value('curve'));
  // The optional axes enter the spec only when given, so a sweep without them is the one it always was.
  const optional = (flag: Exclude<OptionalFlag, 'init'>): string | undefined => {
    const text = stringFlag(args, flag);
    if (text !== undefined) values.set(flag, text);
    return text;
  };
  const optimizerText = optional('optimizer');
  const batchText = optional('batch');
  const decayText = optional('weight-decay');
  const seedText = optional('shuffle-seed');
  const spec: SweepSpec = { version: 1, dataset, losses, eta, init, epochs, reduction, tolerance, curve };
  if (optimizerText !== undefined) spec.optimizer = parseOptimizers(optimizerText) as SweepSpec['optimizer'];
  if (batchText !== undefined) spec.batchSize = parseNumberList('batch', batchText);
  if (decayText !== undefined) spec.weightDecay = parseNumberList('weight-decay', decayText);
  if (seedText !== undefined) spec.shuffleSeed = parseNumber('--shuffle-seed', seedText);
  return { spec, source: { kind: 'flags', values } };
}

/**
 * Reads a spec file (JSON, the SweepSpec format). As a CLI extension its dataset may also be the
 * path of a CSV file, relative to the spec file; it is inlined like --data FILE.csv.
 */
export function specFromFile(path: string, args: ParsedArgs): SourcedSpec {
  const given = SPEC_FLAGS.filter((flag) => args.flags.has(flag));
  if (given.length > 0) throw new UsageError(`--spec ${path} and --${given[0]} exclude each other: the spec file defines the whole sweep`);
  const text = readTextLimited(path, path, MAX_SPEC_BYTES, '--spec', 'spec file');
  let spec: unknown;
  try {
    spec = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--spec: ${path}${jsonErrorPlace(text)}: not valid JSON: ${(error as Error).message.replace(/\s+/g, ' ')}`);
  }
  if (spec !== null && typeof spec === 'object' && !Array.isArray(spec)) {
    const record = spec as Record<string, unknown>;
    // An easy mix-up (`--out s1.json`, then `--spec s1.json`): say what the file is and where its
    // spec is, instead of listing "losslab", "runs", … as unknown spec fields.
    if ('losslab' in record && 'spec' in record) {
      throw new UsageError(`--spec ${path}: this is a result file (it has "losslab" and "spec" fields), not a spec; its "spec" field is the sweep's spec: jq .spec ${path} > spec.json`);
    }
    const dataset = record.dataset;
    if (typeof dataset === 'string' && !isBuiltinDataset(dataset)) {
      const file = isAbsolute(dataset) ? dataset : join(dirname(path), dataset);
      record.dataset = loadCsvDataset(file, file, `--spec ${path}: dataset`);
    }
  }
  return { spec: spec as SweepSpec, source: { kind: 'file', path } };
}

/** The spec from --spec or from the flags. */
export function sweepSpec(args: ParsedArgs): SourcedSpec {
  const file = stringFlag(args, 'spec');
  return file !== undefined ? specFromFile(file, args) : specFromFlags(args);
}

/**
 * Plans the sweep (with planSweep's default caps unless `limits` says otherwise); a SweepSpecError
 * becomes a UsageError naming the flag (or file) and value.
 */
export function planFrom({ spec, source }: SourcedSpec, limits?: Partial<SweepLimits>): SweepPlan {
  try {
    return planSweep(spec, limits);
  } catch (error) {
    if (!(error instanceof SweepSpecError)) throw error;
    const lines = error.issues.map(({ field, path, message }) => {
      if (source.kind === 'file') return `--spec ${source.path}: ${field}: ${message}`;
      const flag = flagOfPath(path);
      if (flag === undefined) return `${field}: ${message}`;
      const value = source.values.get(flag);
      return `--${flag}${value === undefined ? '' : ` ${value}`}: ${field} ${message}`;
    });
    throw new UsageError(lines.join('; '));
  }
}

/** The flag behind a planSweep issue's path, e.g. ['init', 'w0', 'count'] → 'w0'. */
function flagOfPath(path: SpecPath): SpecFlag | undefined {
  const [head, next] = path;
  if (head === 'init') return next === 'w0' || next === 'b0' ? next : 'init';
  return head === undefined ? undefined : FLAG_OF_FIELD[head];
}

/** The flag that sets each top-level spec field (init's parts are split above). */
const FLAG_OF_FIELD: Readonly<Record<string | number, SpecFlag>> = { dataset: 'data', losses: 'loss', optimizer: 'optimizer', eta: 'eta', batchSize: 'batch', weightDecay: 'weight-decay', epochs: 'epochs', reduction: 'reduction', shuffleSeed: 'shuffle-seed', tolerance: 'tol', curve: 'curve' };

/** ':L:C' where JSON text stops being valid, or '' if the scanner does not find the place. */
function jsonErrorPlace(text: string): string {
  let offset: number;
  try {
    offset = jsonErrorOffset(text);
  } catch {
    return ''; // nesting deeper than the scanner's stack: JSON.parse's message alone has to do
  }
  if (offset < 0) return '';
  const { line, column } = lineAndColumn(text, offset);
  return `:${line}:${column}`;
}
