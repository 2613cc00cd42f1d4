// The sweep form's contents as the user typed them (strings, so that "abc" or "" can be held and
// reported at its field), and their translation into a validated SweepSpec and SweepPlan.
// Everything here is plain, serializable data and pure functions.

import { initSchemes, parseDecimal, type InitScheme } from '@losslab/core';
import { DEFAULT_LIMITS, planSweep, SweepSpecError, type AxisSpec, type DatasetSpec, type SpecPath, type SweepPlan, type SweepSpec } from '@losslab/worker';
import { inlineCsvDataset, parseCsvCached } from './csv-dataset.js';
import { parseOptimizerList } from './optimizer-list.js';

/** One axis as typed: a list ("0.1, 1, 10") or a range (from, to, count, linear or log). */
export interface AxisDraft {
  mode: 'list' | 'range';
  list: string;
  from: string;
  to: string;
  count: string;
  scale: 'linear' | 'log';
}

/** Where the data comes from. */
export type DatasetSource = 'builtin' | 'generated' | 'csv';

/** The form's dataset fields. Only the fields of the chosen source are used. */
export interface DatasetDraft {
  source: DatasetSource;
  builtin: 'toy' | 'five-point';
  generator: 'noisy-threshold' | 'two-classes';
  n: string;
  seed: string;
  noise: string;
  /** Inputs per point (two-classes only). */
  d: string;
  /** Distance between the two class centres (two-classes only; core's default 3). */
  separation: string;
  /** The threshold the noisy x is compared with (noisy-threshold only; core's default 0). */
  threshold: string;
  /** x is uniform in [−range, range] (noisy-threshold only; core's default 3, must be ≥ 0). */
  range: string;
  /** The uploaded file's name, for display. */
  csvName: string;
  /** The CSV text: features, then the label in the last column. */
  csvText: string;
}

/** The initialization: a w0 × b0 grid or random samples of one of core's schemes. */
export interface InitDraft {
  mode: 'grid' | 'random';
  w0: AxisDraft;
  b0: AxisDraft;
  scheme: InitScheme;
  parameter: string;
  count: string;
  seed: string;
}

/** The whole sweep form. */
export interface SweepDraft {
  dataset: DatasetDraft;
  losses: { se: boolean; ce: boolean };
  eta: AxisDraft;
  /** Optimizers as the CLI's --optimizer takes them ("gd, momentum, adam:beta1=0.8"); "gd" alone is left out of the spec. */
  optimizer: string;
  /** Batch sizes, a list of integers; empty for the whole dataset (left out of the spec). */
  batchSize: string;
  /** Weight decays λ, a list; "0" alone is left out of the spec. */
  weightDecay: string;
  init: InitDraft;
  epochs: string;
  reduction: 'sum' | 'mean';
  tolerance: string;
}

type AxisField = `${'eta' | 'init.w0' | 'init.b0'}.${keyof AxisDraft}`;

/** A form field, named by its path in {@link SweepDraft}. */
export type DraftField =
  | `dataset.${keyof DatasetDraft}`
  | `losses.${'se' | 'ce'}`
  | AxisField
  | `init.${Exclude<keyof InitDraft, 'w0' | 'b0'>}`
  | 'optimizer'
  | 'batchSize'
  | 'weightDecay'
  | 'epochs'
  | 'reduction'
  | 'tolerance';

/**
 * Where an issue is shown: a {@link DraftField}, or 'losses' (the pair of checkboxes), 'runs' (the
 * run count: too many runs or too much memory) or 'form' (anything else).
 */
export type IssueField = DraftField | 'losses' | 'runs' | 'form';

/** A problem with the form, shown at its field. */
export interface FieldIssue {
  field: IssueField;
  message: string;
}

/** What {@link validateDraft} finds. */
export interface DraftValidation {
  /** The spec and its plan when the form is valid, else null. */
  spec: SweepSpec | null;
  plan: SweepPlan | null;
  /** Every problem found, each at its field. Empty when the form is valid. */
  issues: FieldIssue[];
}

/**
 * Caps for a sweep in a browser tab: the engine's caps (@losslab/worker's `DEFAULT_LIMITS`, 10,000,000
 * runs and 1 GiB, which the CLI applies), lowered on purpose and never above them. The byte cap
 * counts the result arrays only, and a tab holds more than those in the same memory: exporting
 * builds the file's text (hundreds of bytes a run) and saving to the history copies the arrays. So
 * the run cap stays at the largest sweep the app's benchmark (`pnpm bench:web`, its large sweep)
 * runs in the page, 4,000,000 runs, and the byte cap at half the engine's. Past a cap the message
 * says so and points to `losslab sweep` ({@link capMessage}).
 */
export const BROWSER_LIMITS: Readonly<{ maxRuns: number; maxResultBytes: number }> = Object.freeze({
  maxRuns: Math.min(4_000_000, DEFAULT_LIMITS.maxRuns),
  maxResultBytes: Math.min(512 * 2 ** 20, DEFAULT_LIMITS.maxResultBytes),
});

/** An axis draft from a list of values. */
export function listAxis(values: readonly number[]): AxisDraft {
  return { mode: 'list', list: values.join(', '), from: String(values[0] ?? 0), to: String(values.at(-1) ?? 0), count: String(values.length), scale: 'linear' };
}

/** An axis draft from a range. */
export function rangeAxis(from: number, to: number, count: number, scale: 'linear' | 'log' = 'linear'): AxisDraft {
  return { mode: 'range', list: `${from}, ${to}`, from: String(from), to: String(to), count: String(count), scale };
}

const ENUMS: Partial<Record<DraftField, readonly string[]>> = {
  'dataset.source': ['builtin', 'generated', 'csv'],
  'dataset.builtin': ['toy', 'five-point'],
  'dataset.generator': ['noisy-threshold', 'two-classes'],
  'eta.mode': ['list', 'range'],
  'eta.scale': ['linear', 'log'],
  'init.w0.mode': ['list', 'range'],
  'init.w0.scale': ['linear', 'log'],
  'init.b0.mode': ['list', 'range'],
  'init.b0.scale': ['linear', 'log'],
  'init.mode': ['grid', 'random'],
  'init.scheme': initSchemes,
  'reduction': ['sum', 'mean'],
};

/**
 * The draft with one field set, as a new object (the draft is never mutated). Throws a TypeError
 * for a field that does not exist or a value of the wrong type, and a RangeError for a value that
 * is not one of a choice field's options.
 */
export function setDraftField(draft: SweepDraft, field: DraftField, value: string | boolean): SweepDraft {
  const keys = field.split('.');
  const update = (node: unknown, depth: number): unknown => {
    if (node === null || typeof node !== 'object') throw new TypeError(`unknown form field ${JSON.stringify(field)}`);
    const record = node as Record<string, unknown>;
    const key = keys[depth]!;
    if (!(key in record)) throw new TypeError(`unknown form field ${JSON.stringify(field)}`);
    if (depth === keys.length - 1) {
      const current = record[key];
      if (typeof current !== typeof value) throw new TypeError(`form field ${field} takes a ${typeof current}, got ${JSON.stringify(value)}`);
      const allowed = ENUMS[field];
      if (allowed && !allowed.includes(value as string)) throw new RangeError(`form field ${field} must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`);
      return { ...record, [key]: value };
    }
    return { ...record, [key]: update(record[key], depth + 1) };
  };
  return update(draft, 0) as SweepDraft;
}

/** Reads one field's value (for form controls). */
export function draftValue(draft: SweepDraft, field: DraftField): string | boolean {
  let node: unknown = draft;
  for (const key of field.split('.')) node = (node as Record<string, unknown>)[key];
  return node as string | boolean;
}

/** A number as typed: accepts "1e-3", "-2", ".5" and the Unicode minus "−". */
function parseNumber(text: string): number | string {
  const trimmed = text.trim().replace(/\u2212/g, '-');
  if (trimmed === '') return 'is empty: enter a number';
  return parseDecimal(trimmed) ?? `${JSON.stringify(text.trim())} is not a number`;
}

/** A list of numbers separated by commas, semicolons or spaces. */
function parseList(text: string): number[] | string {
  const cells = text.split(/[\s,;]+/).filter((cell) => cell !== '');
  const values: number[] = [];
  for (let k = 0; k < cells.length; k++) {
    const parsed = parseNumber(cells[k]!);
    if (typeof parsed === 'string') return `value ${k + 1}, ${JSON.stringify(cells[k])}, is not a number`;
    values.push(parsed);
  }
  return values;
}

class Collector {
  readonly issues: FieldIssue[] = [];
  number(field: DraftField, text: string): number | undefined {
    const parsed = parseNumber(text);
    if (typeof parsed === 'string') {
      this.issues.push({ field, message: parsed });
      return undefined;
    }
    return parsed;
  }
  axis(prefix: 'eta' | 'init.w0' | 'init.b0', axis: AxisDraft): AxisSpec | undefined {
    if (axis.mode === 'list') {
      const parsed = parseList(axis.list);
      if (typeof parsed === 'string') {
        this.issues.push({ field: `${prefix}.list`, message: parsed });
        return undefined;
      }
      return parsed;
    }
    const from = this.number(`${prefix}.from`, axis.from);
    const to = this.number(`${prefix}.to`, axis.to);
    const count = this.number(`${prefix}.count`, axis.count);
    if (from === undefined || to === undefined || count === undefined) return undefined;
    return { from, to, count, scale: axis.scale };
  }
}

/** The dataset part of the spec, or undefined with an issue at the field. */
function datasetSpec(c: Collector, draft: DatasetDraft): DatasetSpec | undefined {
  if (draft.source === 'builtin') return draft.builtin;
  if (draft.source === 'csv') {
    if (draft.csvText.trim() === '') {
      c.issues.push({ field: 'dataset.csvText', message: 'is empty: choose a CSV file or paste rows of numbers, the label (in [0, 1]) last' });
      return undefined;
    }
    const parsed = parseCsvCached(draft.csvText);
    if (parsed instanceof Error) {
      c.issues.push({ field: 'dataset.csvText', message: parsed.message });
      return undefined;
    }
    return inlineCsvDataset(parsed, draft.csvName || 'csv');
  }
  const n = c.number('dataset.n', draft.n);
  const seed = c.number('dataset.seed', draft.seed);
  const noise = c.number('dataset.noise', draft.noise);
  // A field at core's default is left out of the spec, so that specs (and their result files and
  // history entries) stay as they were before the form had the field.
  if (draft.generator === 'two-classes') {
    const d = c.number('dataset.d', draft.d);
    const separation = c.number('dataset.separation', draft.separation);
    if (n === undefined || seed === undefined || noise === undefined || d === undefined || separation === undefined) return undefined;
    return { generator: 'two-classes', n, seed, noise, d, ...(separation !== GENERATOR_DEFAULTS.separation ? { separation } : {}) };
  }
  const threshold = c.number('dataset.threshold', draft.threshold);
  const range = c.number('dataset.range', draft.range);
  if (n === undefined || seed === undefined || noise === undefined || threshold === undefined || range === undefined) return undefined;
  return {
    generator: 'noisy-threshold',
    n,
    seed,
    noise,
    ...(threshold !== GENERATOR_DEFAULTS.threshold ? { threshold } : {}),
    ...(range !== GENERATOR_DEFAULTS.range ? { range } : {}),
  };
}

/** Core's defaults for the generator fields a spec may leave out (datasets.ts: twoClasses, noisyThreshold). */
export const GENERATOR_DEFAULTS = Object.freeze({
  'two-classes': { noise: 1, d: 2 },
  'noisy-threshold': { noise: 0.5 },
  separation: 3,
  threshold: 0,
  range: 3,
});

/** The generator fields the form has (a planSweep issue at ['dataset', key] is shown there). */
const GENERATOR_FIELDS: readonly string[] = ['n', 'seed', 'noise', 'd', 'separation', 'threshold', 'range'];

/** The form field where a planSweep issue belongs, from the issue's path. */
export function fieldOfSpecIssue(path: SpecPath, draft: SweepDraft): IssueField {
  const [head, second, third] = path;
  const prefix = head === 'eta' ? 'eta' : head === 'init' && (second === 'w0' || second === 'b0') ? (`init.${second}` as const) : undefined;
  if (prefix) {
    const part = prefix === 'eta' ? second : third;
    if (typeof part === 'number') return `${prefix}.list`;
    if (part === 'from' || part === 'to' || part === 'count' || part === 'scale') return `${prefix}.${part}`;
    const axis = prefix === 'eta' ? draft.eta : prefix === 'init.w0' ? draft.init.w0 : draft.init.b0;
    return part === undefined ? `${prefix}.${axis.mode === 'list' ? 'list' : 'count'}` : 'form';
  }
  if (head === 'dataset') {
    if (draft.dataset.source === 'builtin') return 'dataset.builtin';
    if (draft.dataset.source === 'csv') return 'dataset.csvText';
    return typeof second === 'string' && GENERATOR_FIELDS.includes(second) ? (`dataset.${second}` as DraftField) : 'dataset.generator';
  }
  if (head === 'losses') return 'losses';
  if (head === 'init') {
    if (second === 'scheme' || second === 'parameter' || second === 'count' || second === 'seed') return `init.${second}`;
    return second === undefined ? (draft.init.mode === 'grid' ? 'init.w0.list' : 'init.count') : 'form';
  }
  if (head === 'epochs' || head === 'reduction' || head === 'tolerance' || head === 'optimizer' || head === 'batchSize' || head === 'weightDecay') return head;
  if (head === 'runs' || head === 'memory') return 'runs';
  return 'form';
}

/**
 * A cap's message (planSweep's, at `runs` or `memory`) named by what it counts ("runs: the sweep
 * has 4000002 runs (…), more than the cap of 4000000"), and, when the cap is lower than the
 * engine's, why and where a larger sweep runs.
 */
function capMessage(path: SpecPath, message: string, limits: { maxRuns: number; maxResultBytes: number }): string {
  const why = "the results, their export and their history copy share this page's memory";
  if (path[0] === 'runs') {
    const lower = limits.maxRuns < DEFAULT_LIMITS.maxRuns ? ` in a browser tab (${why}); losslab sweep, the CLI, takes up to ${DEFAULT_LIMITS.maxRuns}` : '';
    return `runs: ${message}${lower}`;
  }
  const lower = limits.maxResultBytes < DEFAULT_LIMITS.maxResultBytes ? ` (a browser tab's cap: ${why}; losslab sweep, the CLI, takes up to ${DEFAULT_LIMITS.maxResultBytes / 2 ** 20} MiB)` : '';
  return `results: ${message}${lower}`;
}

/** A list issue's message names the value's position: "value 2 must be > 0, got 0". */
function issueMessage(path: SpecPath, message: string): string {
  // An optimizer's issue names the optimizer and the hyperparameter: "optimizer 3, beta1, must be …".
  if (path[0] === 'optimizer' && typeof path[1] === 'number') return `optimizer ${path[1] + 1}${typeof path[2] === 'string' ? `, ${path[2]},` : ''} ${message}`;
  const index = path.at(-1);
  return typeof index === 'number' ? `value ${index + 1} ${message}` : message;
}

/**
 * Checks every field of the draft and, when all are valid, plans the sweep (nothing runs). Each
 * problem is reported at its form field with a message naming the value; planSweep's own checks
 * (η > 0, counts ≥ 1, labels in [0, 1], run and memory caps) are mapped back to fields.
 */
export function validateDraft(draft: SweepDraft, limits: { maxRuns: number; maxResultBytes: number } = BROWSER_LIMITS): DraftValidation {
  const c = new Collector();
  const dataset = datasetSpec(c, draft.dataset);
  const losses = (['se', 'ce'] as const).filter((loss) => draft.losses[loss]);
  if (losses.length === 0) c.issues.push({ field: 'losses', message: 'choose at least one loss' });
  const eta = c.axis('eta', draft.eta);
  let init: SweepSpec['init'] | undefined;
  if (draft.init.mode === 'grid') {
    const w0 = c.axis('init.w0', draft.init.w0);
    const b0 = c.axis('init.b0', draft.init.b0);
    if (w0 !== undefined && b0 !== undefined) init = { w0, b0 };
  } else {
    const needsParameter = draft.init.scheme !== 'zeros';
    const parameter = needsParameter ? c.number('init.parameter', draft.init.parameter) : 0;
    const count = c.number('init.count', draft.init.count);
    const seed = c.number('init.seed', draft.init.seed);
    if (parameter !== undefined && count !== undefined && seed !== undefined) init = { scheme: draft.init.scheme, parameter, count, seed };
  }
  // The new axes at their defaults stay out of the spec: specs, result files and links from before
  // the form had them plan the same sweep.
  const optimizer = parseOptimizerList(draft.optimizer);
  if (typeof optimizer === 'string') c.issues.push({ field: 'optimizer', message: optimizer });
  const batchSize = draft.batchSize.trim() === '' ? [] : parseList(draft.batchSize);
  if (typeof batchSize === 'string') c.issues.push({ field: 'batchSize', message: batchSize });
  const weightDecay = parseList(draft.weightDecay);
  if (typeof weightDecay === 'string') c.issues.push({ field: 'weightDecay', message: weightDecay });
  else if (weightDecay.length === 0) c.issues.push({ field: 'weightDecay', message: 'is empty: enter 0 for no weight decay' });
  const epochs = c.number('epochs', draft.epochs);
  const tolerance = c.number('tolerance', draft.tolerance);
  // Only fields that parsed reach planSweep; its issues about them are mapped back below.
  const spec: Record<string, unknown> = { version: 1, losses, reduction: draft.reduction, curve: 'none' };
  if (dataset !== undefined) spec.dataset = dataset;
  if (typeof optimizer !== 'string' && !(optimizer.length === 1 && optimizer[0] === 'gd')) spec.optimizer = optimizer;
  if (eta !== undefined) spec.eta = eta;
  if (typeof batchSize !== 'string' && batchSize.length > 0) spec.batchSize = batchSize;
  if (typeof weightDecay !== 'string' && !(weightDecay.length === 1 && weightDecay[0] === 0)) spec.weightDecay = weightDecay;
  if (init !== undefined) spec.init = init;
  if (epochs !== undefined) spec.epochs = epochs;
  if (tolerance !== undefined) spec.tolerance = tolerance;
  const complete = dataset !== undefined && losses.length > 0 && eta !== undefined && init !== undefined && epochs !== undefined && tolerance !== undefined;
  try {
    const plan = planSweep(complete ? spec : withPlaceholders(spec), limits);
    if (!complete || c.issues.length > 0) return { spec: null, plan: null, issues: c.issues };
    return { spec: spec as unknown as SweepSpec, plan, issues: [] };
  } catch (error) {
    if (!(error instanceof SweepSpecError)) throw error;
    const issues = [...c.issues];
    for (const issue of error.issues) {
      const field = fieldOfSpecIssue(issue.path, draft);
      // A placeholder stands for a field already reported; a cap needs the real numbers.
      if (!complete && (field === 'runs' || c.issues.some((known) => known.field === field))) continue;
      const message = field === 'runs' ? capMessage(issue.path, issue.message, limits) : issueMessage(issue.path, issue.message);
      if (!issues.some((known) => known.field === field)) issues.push({ field, message });
    }
    return { spec: null, plan: null, issues };
  }
}

/** Fills the fields that did not parse with harmless values so planSweep checks the others. */
function withPlaceholders(spec: Record<string, unknown>): Record<string, unknown> {
  return {
    dataset: 'toy',
    eta: [1],
    init: { w0: [0], b0: [0] },
    epochs: 1,
    tolerance: 0.01,
    ...spec,
    losses: (spec.losses as string[]).length > 0 ? spec.losses : ['se'],
  };
}

/** Point-steps of a plan: runs × points × epochs, the unit of the kernel's work. */
export function pointSteps(plan: Pick<SweepPlan, 'runCount' | 'epochs' | 'data'>): number {
  return plan.runCount * plan.data.n * plan.epochs;
}
