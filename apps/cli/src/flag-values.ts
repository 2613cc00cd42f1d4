// Parsers of flag values: numbers, axes (lists and ranges), random inits, curve sizes, shards.
// Syntax is checked here, with the flag and value in every message; the ranges of values (η > 0,
// counts ≥ 1, …) are checked once, by planSweep, and its messages are mapped back to flags.

import { initSchemes, parseDecimal } from '@losslab/core';
import type { AxisSpec, CurveSpec, RandomInitSpec, Shard } from '@losslab/worker';
import { quote, UsageError } from './errors.js';

/** Parses a finite decimal number; `what` names it in messages (e.g. '--epochs' or '--eta 1:x:3'). */
export function parseNumber(what: string, text: string): number {
  const value = parseDecimal(text.trim());
  if (value === undefined) throw new UsageError(`${what}: ${quote(text)} is not a number`);
  return value;
}

/** Parses a positive integer (a count, a number of workers). */
export function parsePositiveInteger(what: string, text: string): number {
  const value = parseNumber(what, text);
  if (!Number.isSafeInteger(value) || value < 1) throw new UsageError(`${what}: must be a positive integer, got ${quote(text)}`);
  return value;
}

/** `--workers` may ask for at most this many threads per CPU (os.availableParallelism()). */
export const MAX_WORKERS_PER_CPU = 4;

/**
 * Parses --workers: an integer from 1 to MAX_WORKERS_PER_CPU × `cpus`. More threads than that only
 * cost memory (each worker_thread is an isolate of about 10 MB) and scheduling, never speed: the
 * kernel is CPU-bound. 500 workers took 5.4 GB; 1000 did not start within 300 s.
 */
export function parseWorkers(text: string, cpus: number): number {
  const value = parsePositiveInteger('--workers', text);
  const max = MAX_WORKERS_PER_CPU * cpus;
  if (value > max) throw new UsageError(`--workers: at most ${max} (${MAX_WORKERS_PER_CPU} × the ${cpus} CPUs of this machine), got ${quote(text)}`);
  return value;
}

/**
 * An axis flag: a comma-separated list of numbers (`1`, `0.1,0.5,1`) or a range
 * `FROM:TO:COUNT[:log|:linear]` (COUNT values, endpoints included, evenly spaced in log10 with
 * `:log`). A list becomes a number array, a range an {from, to, count, scale} object.
 */
export function parseAxis(flag: string, text: string): AxisSpec {
  const what = `--${flag} ${text}`;
  if (text.includes(':')) {
    const parts = text.split(':');
    if (parts.length < 3 || parts.length > 4) throw new UsageError(`${what}: a range is FROM:TO:COUNT or FROM:TO:COUNT:log, got ${parts.length} parts`);
    const scale = parts[3] ?? 'linear';
    if (scale !== 'linear' && scale !== 'log') throw new UsageError(`${what}: the scale of a range is 'log' or 'linear', got ${quote(scale)}`);
    return {
      from: parseNumber(`${what}: FROM`, parts[0]!),
      to: parseNumber(`${what}: TO`, parts[1]!),
      count: parsePositiveInteger(`${what}: COUNT`, parts[2]!),
      scale,
    };
  }
  const items = text.split(',');
  return items.map((item, k) => parseNumber(items.length > 1 ? `${what}: value ${k + 1}` : `--${flag}`, item));
}

/** The losses flag: a comma-separated list of 'se' and 'ce'. */
export function parseLosses(text: string): string[] {
  const names = text.split(',').map((s) => s.trim());
  for (const name of names) if (name !== 'se' && name !== 'ce') throw new UsageError(`--loss: each loss is 'se' (squared error) or 'ce' (cross-entropy), got ${quote(name)} in ${quote(text)}`);
  return names;
}

/**
 * The optimizer flag: a comma-separated list of NAME[:KEY=VALUE]…, e.g. `gd,momentum,adam:beta1=0.8`
 * or `adam:beta1=0.8:beta2=0.99`. Names and hyperparameters are checked by planSweep (core's
 * resolveOptimizer); here only the form. A bare name stays a name (its defaults); one with
 * hyperparameters becomes { name, …hyperparameters }.
 */
export function parseOptimizers(text: string): (string | Record<string, string | number>)[] {
  return text.split(',').map((item) => {
    const [name, ...pairs] = item.trim().split(':');
    if (!name) throw new UsageError(`--optimizer ${text}: each optimizer is NAME or NAME:KEY=VALUE[:KEY=VALUE…], got ${quote(item)}`);
    if (pairs.length === 0) return name;
    const config: Record<string, string | number> = { name };
    for (const pair of pairs) {
      const at = pair.indexOf('=');
      if (at <= 0) throw new UsageError(`--optimizer ${text}: a hyperparameter is KEY=VALUE (e.g. beta1=0.8), got ${quote(pair)} in ${quote(item)}`);
      const key = pair.slice(0, at).trim();
      if (key in config) throw new UsageError(`--optimizer ${text}: ${key} is given twice in ${quote(item)}`);
      config[key] = parseNumber(`--optimizer ${text}: ${key}`, pair.slice(at + 1));
    }
    return config;
  });
}

/** A comma-separated list of numbers, e.g. --batch 1,8,32 or --weight-decay 0,1e-3. */
export function parseNumberList(flag: string, text: string): number[] {
  const items = text.split(',');
  return items.map((item, k) => parseNumber(items.length > 1 ? `--${flag} ${text}: value ${k + 1}` : `--${flag}`, item));
}

/**
 * The random-init flag: `SCHEME[=PARAM]:COUNT[:SEED]`, e.g. `uniform=1:100:7` (100 inits with
 * w, b ~ U(−1, 1), seed 7), `constant=-2:1`, `glorot:50:3`. The seed defaults to 0.
 */
export function parseInit(text: string): RandomInitSpec {
  const what = `--init ${text}`;
  const parts = text.split(':');
  if (parts.length < 2 || parts.length > 3) throw new UsageError(`${what}: expected SCHEME[=PARAM]:COUNT[:SEED], e.g. uniform=1:100:7`);
  const head = parts[0]!;
  const eq = head.indexOf('=');
  const scheme = eq < 0 ? head : head.slice(0, eq);
  if (!(initSchemes as readonly string[]).includes(scheme)) throw new UsageError(`${what}: the scheme must be one of ${initSchemes.join(', ')}, got ${quote(scheme)}`);
  const spec: RandomInitSpec = { scheme: scheme as RandomInitSpec['scheme'], count: parsePositiveInteger(`${what}: COUNT`, parts[1]!) };
  if (eq >= 0) spec.parameter = parseNumber(`${what}: PARAM`, head.slice(eq + 1));
  if (parts[2] !== undefined) {
    const seed = parseNumber(`${what}: SEED`, parts[2]);
    if (!Number.isSafeInteger(seed) || seed < 0) throw new UsageError(`${what}: SEED must be an integer ≥ 0, got ${quote(parts[2])}`);
    spec.seed = seed;
  }
  return spec;
}

/** The curve flag: 'none', 'full' or a positive number of sampled epochs. */
export function parseCurve(text: string): CurveSpec {
  if (text === 'none' || text === 'full') return text;
  if (!/^\d+$/.test(text) || Number(text) < 1) throw new UsageError(`--curve: must be 'none', 'full' or a positive integer, got ${quote(text)}`);
  return Number(text);
}

/** A flag with a fixed set of values. */
export function parseChoice<T extends string>(flag: string, text: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(text)) throw new UsageError(`--${flag}: must be one of ${allowed.join(', ')}, got ${quote(text)}`);
  return text as T;
}

/** The shard flag: `I/N`, shard I of N with 1 ≤ I ≤ N (as Playwright's and Jest's --shard number them). */
export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!match) throw new UsageError(`--shard: expected I/N with 1 ≤ I ≤ N (e.g. 2/8), got ${quote(text)}`);
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (!Number.isSafeInteger(count) || count < 1 || !Number.isSafeInteger(index) || index < 1 || index > count) {
    throw new UsageError(`--shard: expected I/N with 1 ≤ I ≤ N (e.g. 2/8), got ${quote(text)}`);
  }
  return { index, count };
}
