// Fuzz (issue 12): the parsers users feed directly. planSweep (specs from files, URLs and forms)
// and parseResultJson (imported result files) either accept an input or refuse it with their own
// error naming the field (or, for text that is not JSON, the line and column). Nothing else is
// thrown: no TypeError from inside, no stack overflow, however deep or strange the input.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateResult, parseResultJson, planSweep, ResultFileError, resultHeader, resultToJson, runChunk, SweepSpecError, writeChunk, type SweepPlan } from '../src/index.js';

/** planSweep accepts `spec`, or throws a SweepSpecError whose every issue names a field and says what is wrong. */
function expectPlansOrNamesField(spec: unknown): void {
  try {
    planSweep(spec, { maxRuns: 100_000, maxResultBytes: 64 * 1024 * 1024 });
  } catch (error) {
    expect(error, `${(error as Error).name}: ${(error as Error).message}`).toBeInstanceOf(SweepSpecError);
    const issues = (error as SweepSpecError).issues;
    expect(issues.length).toBeGreaterThan(0);
    for (const { field, message } of issues) {
      expect(field).toMatch(/^[A-Za-z]/);
      expect(message.length).toBeGreaterThan(0);
    }
  }
}

/** parseResultJson accepts `text`, or throws a SyntaxError saying where (or that it is empty), or a ResultFileError naming the field. */
function expectReadsOrNamesField(text: string): void {
  try {
    parseResultJson(text, { maxRuns: 100_000 }, { samples: 2 });
  } catch (error) {
    if (error instanceof ResultFileError) {
      expect(error.field.length).toBeGreaterThan(0);
      expect(error.message.startsWith(`${error.field}: `)).toBe(true);
      return;
    }
    expect(error, `${(error as Error).name}: ${(error as Error).message}`).toBeInstanceOf(SyntaxError);
    expect((error as Error).message).toMatch(/^not valid JSON( at line \d+, column \d+)?|^not a result file: the text is empty/);
  }
}

const VALID_SPEC = { version: 1, dataset: 'toy', losses: ['se', 'ce'], eta: { from: 0.1, to: 1, count: 3, scale: 'log' }, init: { w0: [-2, 0], b0: [-1, 1] }, epochs: 12, curve: 4 };

/** A value to put anywhere in a spec: JSON values, deep nesting, numbers at the edges, objects with odd keys. */
const wild: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(0, -0, -1, 1e308, -1e308, 5e-324, 2 ** 53, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '', 'log', 'full', 'none', 'toy', null, [], {}, true),
  fc.integer({ min: 1, max: 3000 }).map((depth) => {
    let v: unknown = 1;
    for (let k = 0; k < depth; k++) v = k % 2 ? [v] : { from: v };
    return v;
  }),
  fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'from', 'to', 'count', 'scale', 'x', 'y', 'generator', 'n', 'd', 'scheme', 'w0', 'b0'), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
);
const specKey = fc.constantFrom('version', 'dataset', 'losses', 'eta', 'init', 'epochs', 'reduction', 'tolerance', 'curve', 'extra');
const initKey = fc.constantFrom('w0', 'b0', 'scheme', 'parameter', 'count', 'seed');

describe('planSweep fuzz', () => {
  it('1500 specs with one to three fields replaced by wild values: planned, or refused naming the field', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(specKey, wild), { minLength: 1, maxLength: 3 }), (edits) => {
        const spec: Record<string, unknown> = structuredClone(VALID_SPEC);
        for (const [key, value] of edits) spec[key] = value;
        expectPlansOrNamesField(spec);
      }),
      { numRuns: 1500 },
    );
  });

  it('1000 specs with a wild init or dataset: planned, or refused naming the field', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(initKey, wild), { maxLength: 3 }), wild, fc.boolean(), (edits, data, replaceData) => {
        const spec: Record<string, unknown> = structuredClone(VALID_SPEC);
        const init: Record<string, unknown> = { ...(spec.init as object) };
        for (const [key, value] of edits) init[key] = value;
        spec.init = init;
        if (replaceData) spec.dataset = data;
        expectPlansOrNamesField(spec);
      }),
      { numRuns: 1000 },
    );
  });

  it('500 arbitrary JSON values as the whole spec, and a 100,000-deep one', () => {
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 4 }), expectPlansOrNamesField), { numRuns: 500 });
    expectPlansOrNamesField(JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`));
    expectPlansOrNamesField({ ...VALID_SPEC, eta: JSON.parse(`${'['.repeat(100_000)}1${']'.repeat(100_000)}`) });
  });
});

describe('parseResultJson fuzz', () => {
  const plan: SweepPlan = planSweep({ ...VALID_SPEC, init: { scheme: 'normal', parameter: 1, count: 3, seed: 5 } });
  const result = allocateResult(plan);
  writeChunk(result, runChunk(plan, 0, plan.runCount));
  const text = resultToJson(plan, result, resultHeader(plan, '0.1.0'));
  const shardText = resultToJson(plan, result, resultHeader(plan, '0.1.0', { index: 2, count: 3 }));
  expect(parseResultJson(text).result.completed).toBe(plan.runCount);

  it('1000 files with random bytes replaced, inserted or deleted: read, or refused naming the field or the place', () => {
    const edit = fc.tuple(fc.constantFrom('replace', 'insert', 'delete'), fc.nat(), fc.string({ unit: 'binary', minLength: 1, maxLength: 3 }));
    fc.assert(
      fc.property(fc.boolean(), fc.array(edit, { minLength: 1, maxLength: 4 }), (shard, edits) => {
        let t = shard ? shardText : text;
        for (const [kind, where, what] of edits) {
          const at = where % (t.length + 1);
          t = kind === 'insert' ? t.slice(0, at) + what + t.slice(at) : kind === 'delete' ? t.slice(0, at) + t.slice(at + what.length) : t.slice(0, at) + what + t.slice(at + what.length);
        }
        expectReadsOrNamesField(t);
      }),
      { numRuns: 1000 },
    );
  });

  it('1000 files with a field of the header or of a run replaced by a wild value: read, or refused naming the field', () => {
    const headerKey = fc.constantFrom('losslab', 'spec', 'curveEpochs', 'runCount', 'shard', 'runs', 'runsSha256', 'mergedShards', 'other');
    const runKey = fc.constantFrom('index', 'loss', 'eta', 'initSample', 'w0', 'b0', 'status', 'error', 'finalLoss', 'minLoss', 'finalW', 'epochsToFit', 'divergedAt', 'curve', 'other');
    fc.assert(
      fc.property(fc.oneof(fc.tuple(fc.constant(-1), headerKey, wild), fc.tuple(fc.nat({ max: plan.runCount - 1 }), runKey, wild)), ([run, key, value]) => {
        const file = JSON.parse(text) as Record<string, unknown> & { runs: Record<string, unknown>[] };
        if (run < 0) (file as Record<string, unknown>)[key] = value;
        else file.runs[run]![key] = value;
        expectReadsOrNamesField(JSON.stringify(file) ?? '');
      }),
      { numRuns: 1000 },
    );
  });

  it('500 arbitrary strings and JSON values, and a 100,000-deep array', () => {
    fc.assert(fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 100 }), fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v))), expectReadsOrNamesField), { numRuns: 500 });
    expectReadsOrNamesField(`${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    expectReadsOrNamesField(text.replace('"runs": [', `"runs": [${'['.repeat(50_000)}${']'.repeat(50_000)},`));
  });
});
