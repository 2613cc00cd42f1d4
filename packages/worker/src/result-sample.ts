// Readers of result files recompute a sample of the runs and compare them with the file, bit for
// bit: a run is microseconds of work, and a file whose numbers were edited (with a checksum made
// to match, or by a writer with a bug) is refused, naming the run and the field.

import { runChunk } from './kernel.js';
import { formatNumber } from './result-text.js';
import { NEVER, outcomeOf, RUN_DONE, type RunArrays } from './result.js';
import { ARRAY_FIELDS, fieldIsList, fieldWidth, runArray } from './result-schema.js';
import { ResultFileError } from './result-file-error.js';
import type { SweepPlan } from './spec.js';

/** Runs recomputed per file by default. */
export const DEFAULT_SAMPLES = 16;

/** The most point-steps (runs × epochs × points) a sample spends, beyond its first and last run. */
const SAMPLE_POINT_STEPS = 5e7;

/**
 * The runs of [start, end) to recompute: `samples` (default 16, fewer when runs are long: at most
 * 5·10^7 point-steps, but never fewer than 2) spread evenly, the first and the last included; all
 * of them when the range is smaller. Empty for an empty range or samples = 0.
 */
export function sampleIndices(plan: SweepPlan, start: number, end: number, samples = DEFAULT_SAMPLES): number[] {
  if (!Number.isSafeInteger(samples) || samples < 0) throw new RangeError(`samples must be an integer ≥ 0, got ${samples}`);
  const size = end - start;
  if (size <= 0 || samples === 0) return [];
  const affordable = Math.max(2, Math.floor(SAMPLE_POINT_STEPS / Math.max(1, plan.epochs * plan.data.n)));
  const count = Math.min(size, samples, affordable);
  if (count === 1) return [start];
  const picked = new Set<number>();
  for (let k = 0; k < count; k++) picked.add(start + Math.round((k * (size - 1)) / (count - 1)));
  return [...picked];
}

/** Two values as a file holds them: equal numbers bit for bit (−0 too), or both not finite (null). */
function sameValue(a: number, b: number): boolean {
  return Number.isFinite(a) || Number.isFinite(b) ? Object.is(a, b) : true;
}

/**
 * Recomputes run `index` with runChunk, the kernel that wrote the file (its parameters are core's
 * train's bit for bit, its losses within ulps of core's, and its every value the same bits for any
 * chunking, engine or platform), and compares it bit for bit with the run at `position` of `runs`,
 * read from a file where it is `at` (e.g. 'runs[3]'). A run the file marks failed is not compared
 * (it has no values). Throws a ResultFileError naming the first field that differs.
 */
export function checkRecomputed(plan: SweepPlan, runs: RunArrays, position: number, index: number, at: string): void {
  if (runs.status[position] !== RUN_DONE) return;
  const ref = runChunk(plan, index, index + 1);
  const d = plan.data.d;
  const K = plan.curveEpochs.length;
  const differs = (name: string, got: number, want: number) =>
    new ResultFileError(`${at}.${name}`, `is ${Number.isFinite(got) ? formatNumber(got) : 'null'}, but run ${index} recomputed from the file's spec gives ${Number.isFinite(want) ? formatNumber(want) : 'null'}: the file's numbers were changed`);
  for (const field of ARRAY_FIELDS) {
    if (field.encoding === 'status') continue;
    const got = runArray(runs, field);
    const want = runArray(ref, field);
    const width = fieldWidth(field, d, K);
    for (let j = 0; j < width; j++) {
      const a = got[position * width + j]!;
      const b = want[j]!;
      const name = fieldIsList(field, d) ? `${field.name}[${j}]` : field.name;
      if (field.encoding === 'finite') {
        if (!sameValue(a, b)) throw differs(name, a, b);
      } else if (field.encoding === 'epoch') {
        const never = (v: number) => (v === NEVER ? Number.NaN : v); // shown as the file shows it: null
        if (a !== b) throw differs(name, never(a), never(b));
      } else if (a !== b) {
        throw new ResultFileError(`${at}.${name}`, `is ${JSON.stringify(outcomeOf(a))}, but run ${index} recomputed from the file's spec gives ${JSON.stringify(outcomeOf(b))}: the file's numbers were changed`);
      }
    }
  }
}
