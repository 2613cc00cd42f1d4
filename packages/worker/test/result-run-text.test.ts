// The compiled run text (result-run-text.ts) against the general path it replaces in the writers:
// for every run of plans that hold every field of the schema (optimizer hyperparameters that are
// null for some optimizers, batch and weight-decay axes, random inits, d = 3, full curves), with
// arrays filled with every kind of value a writer meets (NaN, ±Infinity, −0, subnormals, NEVER,
// every outcome code and an unknown one, pending, done and failed runs, failures with quotes,
// commas, line breaks and formula characters), the text is toJson(recordWith(…)) and
// csvCells(recordWith(…)).map(csvCell).join(','), byte for byte.

import { describe, expect, it } from 'vitest';
import { allocateResult, ARRAY_FIELDS, csvCell, csvCells, NEVER, planSweep, runArray, toJson, type SweepPlan, type SweepResult } from '../src/index.js';
import { recordWith } from '../src/result-record.js';
import { runTextFunction } from '../src/result-run-text.js';
import { gridPlan, randomInitPlan } from './support/sweeps.js';

/** A seeded sequence in [0, 1) (a linear congruential generator). */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

const SPECIAL = [Number.NaN, Infinity, -Infinity, -0, 0, 5e-324, -1e308, 1e21, 1e-7, 0.1, 123456.789, 2 ** 53 + 2];

/** A result whose arrays hold random and special values, and whose runs are pending, done or failed with messages. */
function scrambled(plan: SweepPlan, seed: number, range?: { start: number; end: number }): SweepResult {
  const next = random(seed);
  const result = allocateResult(plan, range);
  for (const field of ARRAY_FIELDS) {
    const array = runArray(result, field);
    const key = field.array;
    for (let i = 0; i < array.length; i++) {
      const r = next();
      if (key === 'status') array[i] = Math.floor(r * 3);
      else if (key === 'outcome') array[i] = r < 0.05 ? 200 : Math.floor(r * 8);
      else if (field.type === 'int32') array[i] = r < 0.3 ? NEVER : Math.floor(next() * 5000);
      else array[i] = r < 0.4 ? SPECIAL[Math.floor(next() * SPECIAL.length)]! : (next() - 0.5) * 10 ** Math.floor(next() * 40 - 20);
    }
  }
  const offset = result.offset ?? 0;
  const messages = ['RangeError: boom, "twice"', 'line one\nline two\r\nthree', '=SUM(A1)', '', "'quoted"];
  for (let at = 0; at < result.status.length; at += 1 + Math.floor(next() * 9)) {
    const start = offset + at;
    result.failures.push({ start, end: Math.min(offset + result.status.length, start + 1 + Math.floor(next() * 3)), message: messages[Math.floor(next() * messages.length)]! });
  }
  return result;
}

const axesPlan = planSweep({
  version: 1,
  dataset: 'five-point',
  losses: ['se', 'ce'],
  optimizer: ['gd', { name: 'momentum', momentum: 0.5 }, { name: 'adam', beta1: 0.8 }, { name: 'rmsprop', alpha: 0.9 }],
  eta: [0.05, 0.5],
  batchSize: [1, 2],
  weightDecay: [0, 0.01],
  init: { w0: [-3, -0, 1], b0: [2, -4] },
  epochs: 40,
  curve: 'full',
});

describe('the compiled run text', () => {
  const cases: [string, SweepPlan, { start: number; end: number } | undefined][] = [
    ['a grid, d = 1, curve samples', gridPlan(), undefined],
    ['random inits, d = 3, full curves', randomInitPlan(), undefined],
    ['the optimizer, batch and weight-decay axes', axesPlan, undefined],
    ['a range of a sweep (offset arrays)', randomInitPlan(), { start: 37, end: 180 }],
  ];
  for (const [name, plan, range] of cases) {
    for (const format of ['json', 'csv'] as const) {
      it(`${format}, ${name}: every run's text is the general path's`, () => {
        const result = scrambled(plan, format === 'json' ? 11 : 12, range);
        const text = runTextFunction(plan, format);
        const start = range?.start ?? 0;
        const end = range?.end ?? plan.runCount;
        let failed = 0;
        for (let index = start; index < end; index++) {
          const failure = result.failures.find((f) => f.start <= index && index < f.end);
          if (failure) failed++;
          const record = recordWith(plan, result, index, failure);
          const expected = format === 'json' ? toJson(record) : csvCells(record).map(csvCell).join(',');
          const actual = text(result, index, failure);
          if (actual !== expected) expect(actual, `run ${index}`).toBe(expected);
        }
        // The scrambled arrays did reach the cases the test is for.
        expect(failed).toBeGreaterThan(0);
      });
    }
  }
});
