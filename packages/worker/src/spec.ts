// The sweep spec: plain JSON, validated completely before any work starts, then normalized into a
// SweepPlan that workers receive (structured-cloneable: plain objects and typed arrays).

import {
  axisValuesUnchecked,
  builtinDatasets,
  dataset as makeDataset,
  expm1,
  formatValue,
  initSchemes,
  log1p,
  noisyThreshold,
  resolveOptimizer,
  twoClasses,
  type Dataset,
  type InitScheme,
  type LossName,
  type Optimizer,
  type OptimizerConfig,
  type Reduction,
} from '@losslab/core';
import { isRecord } from './is-record.js';
import { bytesPerRun } from './result-schema.js';

export { bytesPerRun } from './result-schema.js';

/** The spec format's version. */
export const SPEC_VERSION = 1;

/** count values from `from` to `to`, endpoints included; 'log' spaces them evenly in log10. */
export interface AxisRangeSpec {
  from: number;
  to: number;
  count: number;
  scale?: 'linear' | 'log';
}

/** An axis: explicit values, or a range. */
export type AxisSpec = readonly number[] | AxisRangeSpec;

/** Inline points: x as numbers (one input) or feature vectors, y labels in [0, 1]. */
export interface InlineDatasetSpec {
  name?: string;
  x: readonly number[] | readonly (readonly number[])[];
  y: readonly number[];
}

/** A seeded generated dataset (see @losslab/core's twoClasses and noisyThreshold). */
export type GeneratedDatasetSpec =
  | { generator: 'two-classes'; n: number; d?: number; seed?: number; noise?: number; separation?: number }
  | { generator: 'noisy-threshold'; n: number; seed?: number; noise?: number; threshold?: number; range?: number };

/** A dataset: a built-in name, inline points or a generator. (The CLI turns a CSV file into inline points.) */
export type DatasetSpec = 'toy' | 'five-point' | InlineDatasetSpec | GeneratedDatasetSpec;

/** A grid of initial weights × biases (for d > 1, w0 applies to every weight). */
export interface GridInitSpec {
  w0: AxisSpec;
  b0: AxisSpec;
}

/** `count` random initializations from one of core's seeded schemes. */
export interface RandomInitSpec {
  scheme: InitScheme;
  parameter?: number;
  count: number;
  seed?: number;
}

/** How much of each run's loss curve to keep: none, `n` sampled epochs, or every epoch. */
export type CurveSpec = 'none' | 'full' | number;

/**
 * A sweep: every combination of loss × optimizer × η × batch size × weight decay × initialization,
 * each trained for `epochs` epochs.
 */
export interface SweepSpec {
  version: 1;
  dataset: DatasetSpec;
  losses: readonly LossName[];
  /** Optimizers (core's OptimizerConfig: a name or { name, …hyperparameters }); default plain descent only. */
  optimizer?: readonly OptimizerConfig[];
  eta: AxisSpec;
  /** Points per update (positive integers; n or more is the whole dataset); default the whole dataset only. */
  batchSize?: readonly number[];
  /** Coupled L2 weight decays λ ≥ 0 on w (core's weightDecay); default 0 only. */
  weightDecay?: readonly number[];
  init: GridInitSpec | RandomInitSpec;
  epochs: number;
  /** 'sum' (default, the lecture's) or 'mean'. */
  reduction?: Reduction;
  /** Seed of the per-epoch shuffle of mini-batches (an integer ≥ 0); default 0. */
  shuffleSeed?: number;
  /** ε of epochsToFit: every |ŷ − y| ≤ ε; default 0.01. */
  tolerance?: number;
  /** Loss curve samples kept per run; default 32 (see {@link curveEpochs}). */
  curve?: CurveSpec;
}

/** Caps that refuse a sweep up front. */
export interface SweepLimits {
  /** Most runs in one sweep; default 10,000,000. */
  maxRuns: number;
  /** Most bytes of result arrays; default 1 GiB. */
  maxResultBytes: number;
}

export const DEFAULT_LIMITS: Readonly<SweepLimits> = Object.freeze({ maxRuns: 10_000_000, maxResultBytes: 1024 * 1024 * 1024 });
export const DEFAULT_CURVE_SAMPLES = 32;
export const DEFAULT_TOLERANCE = 0.01;

/** The validated sweep, ready for workers: every axis materialized, every default filled in. */
export interface SweepPlan {
  /**
   * The canonical spec, what result files echo: every default filled in, keys in one fixed order,
   * ranges with their scale, inline points as numbers (d = 1) or rows and named. Two specs that plan
   * the same sweep give the same canonical spec (except for generator fields left at their
   * defaults), and planning it again gives the same plan.
   */
  spec: Required<Omit<SweepSpec, 'dataset' | OptionalAxis>> & { dataset: DatasetSpec } & Pick<SweepSpec, OptionalAxis>;
  /** The data, row-major. */
  data: { name: string; n: number; d: number; x: Float64Array; y: Float64Array };
  losses: LossName[];
  /** The optimizers, resolved (every hyperparameter filled in); [{ name: 'gd' }] by default. */
  optimizers: Optimizer[];
  eta: Float64Array;
  /** Batch sizes as given (n or more: the whole dataset); [n] by default. */
  batchSizes: number[];
  /** Weight decays; [0] by default. */
  weightDecays: Float64Array;
  /** The shuffle seed of mini-batches (0 by default). */
  shuffleSeed: number;
  init:
    | { kind: 'grid'; w0: Float64Array; b0: Float64Array }
    | { kind: 'random'; scheme: InitScheme; parameter: number; seed: number; count: number };
  /** Number of initializations: w0 × b0 for a grid, count for random. */
  initCount: number;
  epochs: number;
  reduction: Reduction;
  tolerance: number;
  /** The epochs whose loss is kept for every run (sorted, distinct). */
  curveEpochs: Int32Array;
  runCount: number;
}

/**
 * The fields that a canonical spec holds only when the spec gave them, so that a spec from before
 * they existed plans, and writes, exactly what it did.
 */
type OptionalAxis = 'optimizer' | 'batchSize' | 'weightDecay' | 'shuffleSeed';

/** Where in a spec a problem is: keys and list indexes from the top, e.g. ['init', 'w0', 'count'] or ['eta', 3]. */
export type SpecPath = readonly (string | number)[];

/** One problem in a spec: where it is (`path`, and `field`, the same path as text) and what is wrong with its value. */
export interface SpecIssue {
  /** The path as text: keys joined by '.', indexes in brackets, e.g. 'init.w0.count', 'eta[3]'. */
  field: string;
  path: SpecPath;
  message: string;
}

/** A path as text: 'dataset.noise', 'eta[3]' ('spec' for the empty path, the whole spec). */
export function formatSpecPath(path: SpecPath): string {
  let out = '';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : out === '' ? key : `.${key}`;
  return out === '' ? 'spec' : out;
}

/** An issue at `path`. */
function issueAt(path: SpecPath, message: string): SpecIssue {
  return { field: formatSpecPath(path), path, message };
}

/** A refused spec. `issues` lists every problem found; the message names each field and value. */
export class SweepSpecError extends RangeError {
  readonly issues: SpecIssue[];
  constructor(issues: SpecIssue[]) {
    super(issues.map((i) => `${i.field}: ${i.message}`).join('; '));
    this.name = 'SweepSpecError';
    this.issues = issues;
  }
}

class Checker {
  readonly issues: SpecIssue[] = [];
  fail(field: SpecPath, message: string): undefined {
    this.issues.push(issueAt(field, message));
    return undefined;
  }
  finite(field: SpecPath, v: unknown): number | undefined {
    if (typeof v !== 'number' || !Number.isFinite(v)) return this.fail(field, `must be a finite number, got ${formatValue(v)}`);
    return v;
  }
  positive(field: SpecPath, v: unknown): number | undefined {
    const x = this.finite(field, v);
    if (x !== undefined && !(x > 0)) return this.fail(field, `must be > 0, got ${formatValue(v)}`);
    return x;
  }
  integer(field: SpecPath, v: unknown, min: number): number | undefined {
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min) return this.fail(field, `must be an integer ≥ ${min}, got ${formatValue(v)}`);
    return v;
  }
  oneOf<T extends string>(field: SpecPath, v: unknown, allowed: readonly T[]): T | undefined {
    if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) return this.fail(field, `must be one of ${allowed.map((a) => `'${a}'`).join(', ')}, got ${formatValue(v)}`);
    return v as T;
  }
  /** An axis; `positiveOnly` for η. Returns the values or undefined. */
  axis(field: SpecPath, v: unknown, positiveOnly: boolean): Float64Array | undefined {
    if (Array.isArray(v)) {
      if (v.length === 0) return this.fail(field, 'must have at least one value, got []');
      const out = new Float64Array(v.length);
      let ok = true;
      v.forEach((x, k) => {
        const checked = positiveOnly ? this.positive([...field, k], x) : this.finite([...field, k], x);
        if (checked === undefined) ok = false;
        else out[k] = checked;
      });
      return ok ? out : undefined;
    }
    if (!isRecord(v)) return this.fail(field, `must be a list of numbers or a range {from, to, count, scale}, got ${formatValue(v)}`);
    this.unknownKeys(field, v, ['from', 'to', 'count', 'scale']);
    const scale = this.oneOf([...field, 'scale'], v.scale ?? 'linear', ['linear', 'log'] as const);
    const needPositive = positiveOnly || scale === 'log';
    const from = needPositive ? this.positive([...field, 'from'], v.from) : this.finite([...field, 'from'], v.from);
    const to = needPositive ? this.positive([...field, 'to'], v.to) : this.finite([...field, 'to'], v.to);
    const count = this.integer([...field, 'count'], v.count, 1);
    if (scale === undefined || from === undefined || to === undefined || count === undefined) return undefined;
    if (count > 100_000_000) return this.fail([...field, 'count'], `must be at most 100000000, got ${count}`);
    return axisValuesUnchecked(from, to, count, scale);
  }
  unknownKeys(field: SpecPath, v: Record<string, unknown>, known: readonly string[]): void {
    for (const key of Object.keys(v)) if (!known.includes(key)) this.fail([...field, key], `is not a known field (known: ${known.join(', ')})`);
  }
}

/** The fields of each generator, in the canonical spec's order. */
const GENERATOR_KEYS: Readonly<Record<string, readonly string[]>> = {
  'two-classes': ['generator', 'n', 'd', 'seed', 'noise', 'separation'],
  'noisy-threshold': ['generator', 'n', 'seed', 'noise', 'threshold', 'range'],
};

/** Most features (n·d) a generated dataset may have: 10 million, 80 MB of doubles. */
export const MAX_GENERATED_FEATURES = 10_000_000;

function checkDataset(c: Checker, v: unknown): Dataset | undefined {
  if (typeof v === 'string') {
    const found = (builtinDatasets as Record<string, Dataset>)[v];
    return found ?? c.fail(['dataset'], `must be 'toy', 'five-point', inline points {x, y} or a generator, got ${formatValue(v)}`);
  }
  if (!isRecord(v)) return c.fail(['dataset'], `must be 'toy', 'five-point', inline points {x, y} or a generator, got ${formatValue(v)}`);
  try {
    if ('generator' in v) {
      // Refuse a huge generator before generating it: the run and memory caps come later.
      const features = (typeof v.n === 'number' ? v.n : 0) * (v.generator === 'two-classes' && typeof v.d === 'number' ? v.d : v.generator === 'two-classes' ? 2 : 1);
      if (features > MAX_GENERATED_FEATURES) return c.fail(['dataset', 'n'], `a generated dataset may have at most ${MAX_GENERATED_FEATURES} features (n·d), got n = ${formatValue(v.n)}${v.generator === 'two-classes' ? `, d = ${formatValue(v.d ?? 2)}` : ''}`);
      if (v.generator === 'two-classes') {
        c.unknownKeys(['dataset'], v, GENERATOR_KEYS['two-classes']!);
        return twoClasses(v as unknown as Parameters<typeof twoClasses>[0]);
      }
      if (v.generator === 'noisy-threshold') {
        c.unknownKeys(['dataset'], v, GENERATOR_KEYS['noisy-threshold']!);
        return noisyThreshold(v as unknown as Parameters<typeof noisyThreshold>[0]);
      }
      return c.fail(['dataset', 'generator'], `must be 'two-classes' or 'noisy-threshold', got ${formatValue(v.generator)}`);
    }
    c.unknownKeys(['dataset'], v, ['name', 'x', 'y']);
    if (v.name !== undefined && typeof v.name !== 'string') c.fail(['dataset', 'name'], `must be a string, got ${formatValue(v.name)}`);
    return makeDataset({ name: typeof v.name === 'string' ? v.name : 'inline', x: v.x as number[], y: v.y as number[] });
  } catch (error) {
    // core's checks name the option first ('noise must be ≥ 0, got -1', 'x[2] must be …'): among
    // this dataset's own keys, that is the field. (One place reads it, so callers get a path.)
    const message = (error as Error).message;
    const keys = 'generator' in v ? (GENERATOR_KEYS[String(v.generator)] ?? []) : ['x', 'y'];
    const key = keys.find((k) => message.startsWith(`${k} `) || message.startsWith(`${k}[`));
    return c.fail(key === undefined ? ['dataset'] : ['dataset', key], message);
  }
}

/**
 * The epochs whose loss is kept for every run: 'none' → none; 'full' → all; a number k → at most k
 * epochs, always including 0 and the last, the rest spaced evenly in log(1 + t) so that the fast
 * early drop and the long tail both show. Sorted and distinct.
 */
export function curveEpochs(curve: CurveSpec, epochs: number): Int32Array {
  if (curve === 'none') return new Int32Array(0);
  if (curve === 'full' || curve >= epochs) return Int32Array.from({ length: epochs }, (_, t) => t);
  if (curve === 1) return Int32Array.of(epochs - 1);
  const picked = new Set<number>();
  // core's log1p and expm1, not Math's: the rounding picks epochs, and engines may differ in the last bit.
  const top = log1p(epochs - 1);
  for (let k = 0; k < curve; k++) picked.add(Math.round(expm1((top * k) / (curve - 1))));
  // Rounding merges early epochs: fill up with the largest gaps' midpoints until there are `curve`.
  let sorted = [...picked].sort((a, b) => a - b);
  while (sorted.length < curve) {
    let best = -1;
    let gap = 1;
    for (let i = 1; i < sorted.length; i++) {
      const g = sorted[i]! - sorted[i - 1]!;
      if (g > gap) {
        gap = g;
        best = i;
      }
    }
    if (best < 0) break;
    sorted.push(Math.floor((sorted[best]! + sorted[best - 1]!) / 2));
    sorted = sorted.sort((a, b) => a - b);
  }
  return Int32Array.from(sorted);
}

/**
 * Validates a sweep spec completely and returns its plan. Throws a {@link SweepSpecError} listing
 * every problem (each names the field and the value), including a sweep whose run count or result
 * memory would pass `limits` (the message gives the numbers). Nothing is run.
 */
export function planSweep(spec: unknown, limits: Partial<SweepLimits> = {}): SweepPlan {
  const c = new Checker();
  if (!isRecord(spec)) throw new SweepSpecError([issueAt([], `must be an object, got ${formatValue(spec)}`)]);
  c.unknownKeys(['spec'], spec, ['version', 'dataset', 'losses', 'optimizer', 'eta', 'batchSize', 'weightDecay', 'init', 'epochs', 'reduction', 'shuffleSeed', 'tolerance', 'curve']);
  if (spec.version !== SPEC_VERSION) c.fail(['version'], `must be ${SPEC_VERSION}, got ${formatValue(spec.version)}`);
  const data = checkDataset(c, spec.dataset);
  let losses: LossName[] | undefined;
  if (!Array.isArray(spec.losses) || spec.losses.length === 0) c.fail(['losses'], `must be a non-empty list of 'se' and/or 'ce', got ${formatValue(spec.losses)}`);
  else {
    const checked = spec.losses.map((l, k) => c.oneOf(['losses', k], l, ['se', 'ce'] as const));
    if (new Set(spec.losses).size !== spec.losses.length) c.fail(['losses'], `must not repeat a loss, got ${formatValue(spec.losses)}`);
    if (checked.every((l) => l !== undefined)) losses = checked as LossName[];
  }
  const maxRuns = limits.maxRuns ?? DEFAULT_LIMITS.maxRuns;
  // Count the runs from the axes' lengths before materializing any axis: a spec asking for 10^16
  // runs is refused without first allocating its 10^8-value axes.
  const declared = declaredRuns(spec);
  if (declared.runs > maxRuns) throw new SweepSpecError([issueAt(['runs'], `the sweep has ${declared.runs} runs (${declared.product}), more than the cap of ${maxRuns}`)]);
  const eta = c.axis(['eta'], spec.eta, true);
  const optimizers = checkOptimizers(c, spec.optimizer);
  const batchSizes = checkList(c, 'batchSize', spec.batchSize, 'positive integers', (path, v) => c.integer(path, v, 1));
  const weightDecays = checkList(c, 'weightDecay', spec.weightDecay, 'numbers ≥ 0', (path, v) => {
    const x = c.finite(path, v);
    return x !== undefined && !(x >= 0) ? c.fail(path, `must be ≥ 0, got ${formatValue(v)}`) : x;
  });
  const shuffleSeed = spec.shuffleSeed === undefined ? 0 : c.integer(['shuffleSeed'], spec.shuffleSeed, 0);
  let init: SweepPlan['init'] | undefined;
  let initSpec: GridInitSpec | RandomInitSpec | undefined;
  const rawInit = spec.init;
  if (!isRecord(rawInit)) c.fail(['init'], `must be a grid {w0, b0} or random {scheme, parameter, count, seed}, got ${formatValue(rawInit)}`);
  else if ('scheme' in rawInit) {
    c.unknownKeys(['init'], rawInit, ['scheme', 'parameter', 'count', 'seed']);
    const scheme = c.oneOf(['init', 'scheme'], rawInit.scheme, initSchemes);
    const fixedValue = scheme === 'zeros' || scheme === 'constant';
    const parameter = rawInit.parameter === undefined ? (fixedValue ? 0 : 1) : c.finite(['init', 'parameter'], rawInit.parameter);
    if (parameter !== undefined && !fixedValue && parameter < 0) c.fail(['init', 'parameter'], `must be ≥ 0 for scheme '${scheme}', got ${parameter}`);
    const count = c.integer(['init', 'count'], rawInit.count, 1);
    const seed = c.integer(['init', 'seed'], rawInit.seed ?? 0, 0);
    if (scheme !== undefined && parameter !== undefined && count !== undefined && seed !== undefined) {
      init = { kind: 'random', scheme, parameter, seed, count };
      initSpec = { scheme, parameter, count, seed };
    }
  } else {
    c.unknownKeys(['init'], rawInit, ['w0', 'b0']);
    const w0 = c.axis(['init', 'w0'], rawInit.w0, false);
    const b0 = c.axis(['init', 'b0'], rawInit.b0, false);
    if (w0 && b0) {
      init = { kind: 'grid', w0, b0 };
      initSpec = { w0: canonicalAxis(rawInit.w0 as AxisSpec), b0: canonicalAxis(rawInit.b0 as AxisSpec) };
    }
  }
  const epochs = c.integer(['epochs'], spec.epochs, 1);
  if (epochs !== undefined && epochs > 10_000_000) c.fail(['epochs'], `must be at most 10000000, got ${epochs}`);
  const reduction = c.oneOf(['reduction'], spec.reduction ?? 'sum', ['sum', 'mean'] as const);
  const tolerance = spec.tolerance === undefined ? DEFAULT_TOLERANCE : c.finite(['tolerance'], spec.tolerance);
  if (tolerance !== undefined && !(tolerance >= 0)) c.fail(['tolerance'], `must be ≥ 0, got ${tolerance}`);
  let curve: CurveSpec | undefined = DEFAULT_CURVE_SAMPLES;
  if (spec.curve === 'none' || spec.curve === 'full') curve = spec.curve;
  else if (typeof spec.curve === 'number' && Number.isSafeInteger(spec.curve) && spec.curve >= 1) curve = spec.curve;
  else if (spec.curve !== undefined) curve = c.fail(['curve'], `must be 'none', 'full' or a positive integer, got ${formatValue(spec.curve)}`);
  if (c.issues.length > 0 || !data || !losses || !eta || !init || !initSpec || epochs === undefined || !reduction || tolerance === undefined || curve === undefined || !optimizers || !batchSizes || !weightDecays || shuffleSeed === undefined) {
    throw new SweepSpecError(c.issues);
  }
  // An axis the spec leaves out has one value: plain descent, the whole dataset, no weight decay.
  if (spec.optimizer === undefined) optimizers.push(resolveOptimizer('gd'));
  if (spec.batchSize === undefined) batchSizes.push(data.n);
  if (spec.weightDecay === undefined) weightDecays.push(0);
  const initCount = init.kind === 'grid' ? init.w0.length * init.b0.length : init.count;
  const runCount = losses.length * optimizers.length * eta.length * batchSizes.length * weightDecays.length * initCount;
  const epochsKept = curveEpochs(curve, epochs);
  // The new axes enter the canonical spec only when given (in index order), so older specs keep their bytes.
  const canonical: Record<string, unknown> = { version: 1, dataset: canonicalDataset(spec.dataset as DatasetSpec, data), losses: [...losses] };
  if (spec.optimizer !== undefined) canonical.optimizer = optimizers.map((o) => ({ ...o }));
  canonical.eta = canonicalAxis(spec.eta as AxisSpec);
  if (spec.batchSize !== undefined) canonical.batchSize = [...batchSizes];
  if (spec.weightDecay !== undefined) canonical.weightDecay = Array.from(weightDecays);
  Object.assign(canonical, { init: initSpec, epochs, reduction });
  if (spec.shuffleSeed !== undefined) canonical.shuffleSeed = shuffleSeed;
  Object.assign(canonical, { tolerance, curve });
  const plan: SweepPlan = {
    spec: canonical as unknown as SweepPlan['spec'],
    data: { name: data.name, n: data.n, d: data.d, x: data.x, y: data.y },
    losses,
    optimizers,
    eta,
    batchSizes,
    weightDecays: Float64Array.from(weightDecays),
    shuffleSeed,
    init,
    initCount,
    epochs,
    reduction,
    tolerance,
    curveEpochs: epochsKept,
    runCount,
  };
  const maxBytes = limits.maxResultBytes ?? DEFAULT_LIMITS.maxResultBytes;
  const bytes = resultBytes(plan);
  const tooBig: SpecIssue[] = [];
  if (!Number.isSafeInteger(runCount) || runCount > maxRuns) tooBig.push(issueAt(['runs'], `the sweep has ${runCount} runs (${describeProduct(spec, { losses: losses.length, optimizers: optimizers.length, eta: eta.length, batchSizes: batchSizes.length, weightDecays: weightDecays.length, inits: initCount })}), more than the cap of ${maxRuns}`));
  if (bytes > maxBytes) tooBig.push(issueAt(['memory'], `the results would take ${(bytes / 2 ** 20).toFixed(1)} MiB (${runCount} runs × ${(bytes / runCount).toFixed(0)} bytes), more than the cap of ${(maxBytes / 2 ** 20).toFixed(1)} MiB; keep fewer curve samples or fewer runs`));
  if (tooBig.length) throw new SweepSpecError(tooBig);
  return plan;
}

/** The length an axis spec asks for (a list's length, a range's count), or 0 if it is malformed. */
function declaredCount(axis: unknown): number {
  if (Array.isArray(axis)) return axis.length;
  if (isRecord(axis) && typeof axis.count === 'number' && Number.isFinite(axis.count)) return Math.max(0, axis.count);
  return 0;
}

/** Axis lengths of a sweep, for the run-count messages. */
interface AxisLengths {
  losses: number;
  optimizers: number;
  eta: number;
  batchSizes: number;
  weightDecays: number;
  inits: number;
}

/** "2 losses × 16 η × 1024 inits", with the optional axes only when the spec gives them. */
function describeProduct(spec: Record<string, unknown>, n: AxisLengths): string {
  const parts = [`${n.losses} losses`];
  if (spec.optimizer !== undefined) parts.push(`${n.optimizers} optimizers`);
  parts.push(`${n.eta} η`);
  if (spec.batchSize !== undefined) parts.push(`${n.batchSizes} batch sizes`);
  if (spec.weightDecay !== undefined) parts.push(`${n.weightDecays} weight decays`);
  parts.push(`${n.inits} inits`);
  return parts.join(' × ');
}

/** The run count a spec asks for, from its axes' declared lengths (0 where something is malformed). */
function declaredRuns(spec: Record<string, unknown>): { runs: number; product: string } {
  const losses = Array.isArray(spec.losses) ? spec.losses.length : 0;
  const init = spec.init;
  const inits = isRecord(init) ? ('scheme' in init ? declaredCount({ count: init.count }) : declaredCount(init.w0) * declaredCount(init.b0)) : 0;
  const eta = declaredCount(spec.eta);
  const optional = (v: unknown) => (v === undefined ? 1 : declaredCount(v));
  const n = { losses, optimizers: optional(spec.optimizer), eta, batchSizes: optional(spec.batchSize), weightDecays: optional(spec.weightDecay), inits };
  return { runs: losses * n.optimizers * eta * n.batchSizes * n.weightDecays * inits, product: describeProduct(spec, n) };
}

/** An optional list axis: undefined → [] (the caller fills in its default), else every entry checked. */
function checkList<T>(c: Checker, field: string, v: unknown, what: string, check: (path: SpecPath, v: unknown) => T | undefined): T[] | undefined {
  if (v === undefined) return [];
  if (!Array.isArray(v) || v.length === 0) return c.fail([field], `must be a non-empty list of ${what}, got ${formatValue(v)}`);
  const out: T[] = [];
  let ok = true;
  v.forEach((x, k) => {
    const checked = check([field, k], x);
    if (checked === undefined) ok = false;
    else out.push(checked);
  });
  return ok ? out : undefined;
}

/** The optimizer axis, each entry resolved by core (its error names the entry: optimizer[2].beta1). */
function checkOptimizers(c: Checker, v: unknown): Optimizer[] | undefined {
  return checkList(c, 'optimizer', v, 'optimizers (a name or {name, …hyperparameters})', (path, entry) => {
    const field = formatSpecPath(path);
    try {
      return resolveOptimizer(entry as OptimizerConfig, field);
    } catch (error) {
      // Core's messages read "<field>[.<key>] <what is wrong>"; a spec issue keeps the two apart.
      const message = (error as Error).message;
      const head = message.slice(0, Math.max(0, message.indexOf(' ')));
      if (head === field) return c.fail(path, message.slice(head.length + 1));
      if (head.startsWith(`${field}.`)) return c.fail([...path, head.slice(field.length + 1)], message.slice(head.length + 1));
      return c.fail(path, message);
    }
  });
}

/** A validated axis as the canonical spec writes it: a copied list, or a range with its scale. */
function canonicalAxis(axis: AxisSpec): AxisSpec {
  if (Array.isArray(axis)) return [...(axis as readonly number[])];
  const range = axis as AxisRangeSpec;
  return { from: range.from, to: range.to, count: range.count, scale: range.scale ?? 'linear' };
}

/** A validated dataset as the canonical spec writes it: a name, a generator's given fields in a fixed order, or the points inline. */
function canonicalDataset(dataset: DatasetSpec, data: Dataset): DatasetSpec {
  if (typeof dataset === 'string') return dataset;
  if ('generator' in dataset) {
    const given = dataset as unknown as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const key of GENERATOR_KEYS[dataset.generator]!) if (given[key] !== undefined) out[key] = given[key];
    return out as unknown as GeneratedDatasetSpec;
  }
  const { name, n, d, x, y } = data;
  return {
    name,
    x: d === 1 ? Array.from(x) : Array.from({ length: n }, (_, i) => Array.from(x.subarray(i * d, (i + 1) * d))),
    y: Array.from(y),
  };
}

/** Total bytes of a plan's result arrays. */
export function resultBytes(plan: Pick<SweepPlan, 'runCount' | 'data' | 'curveEpochs'>): number {
  return plan.runCount * bytesPerRun(plan.data.d, plan.curveEpochs.length);
}
