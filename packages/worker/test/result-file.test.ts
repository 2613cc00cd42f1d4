// Result files: the text writers (JSON and CSV, as `losslab sweep` writes them), the records, and
// parseResultJson, which reads a file back into the SweepResult it came from, bit for bit, and
// refuses a file that is not the result of its own spec.

import { createHash } from 'node:crypto';
import { convergence, logit, builtinLosses as coreLosses, toy, train, type LossName } from '@losslab/core';
import { describe, expect, it } from 'vitest';
import {
  allocateResult,
  csvCell,
  csvCells,
  csvColumns,
  formatNumber,
  jsonErrorOffset,
  NEVER,
  OUTCOME_NONE,
  parseResultJson,
  planSweep,
  ResultFileError,
  resultCsvChunks,
  resultHeader,
  resultJsonChunks,
  resultToCsv,
  resultToJson,
  RUN_DONE,
  RUN_FAILED,
  RUN_PENDING,
  runChunk,
  runRecord,
  shardRange,
  sweepStability,
  toJson,
  writeChunk,
  type JsonValue,
  type RunArrays,
  type SweepPlan,
  type SweepResult,
  type SweepSpec,
} from '../src/index.js';
import { gridPlan, RUN_ARRAY_KEYS } from './support/sweeps.js';

/** The canonical spec as JSON text. */
function specText(plan: SweepPlan): string {
  return toJson(plan.spec as unknown as JsonValue);
}

/** A whole sweep computed in this thread, as the pool would return it. */
function sweep(plan: SweepPlan): SweepResult {
  const result = allocateResult(plan);
  writeChunk(result, runChunk(plan, 0, plan.runCount));
  return result;
}

/**
 * Expects equal arrays: every element bit for bit (−0 too), except where the original was not
 * finite: the file holds null for NaN (whatever its payload) and for ±Infinity, read back as NaN.
 */
function expectSameArrays(actual: RunArrays, expected: RunArrays): void {
  for (const key of RUN_ARRAY_KEYS) {
    const a = actual[key];
    const e = expected[key];
    expect(a.length, `${key}.length`).toBe(e.length);
    for (let i = 0; i < e.length; i++) {
      const x = a[i]!;
      const y = e[i]!;
      const same = Number.isFinite(y) ? Object.is(x, y) : Number.isNaN(x);
      if (!same) expect.fail(`${key}[${i}] is ${x} after the round trip, was ${y}`);
    }
  }
}

/** Writes `result` as JSON and reads it back; expects the same arrays, counts and failures. */
function expectRoundTrip(plan: SweepPlan, result: SweepResult, shard?: { index: number; count: number }): SweepResult {
  const header = resultHeader(plan, 'test', shard);
  const text = resultToJson(plan, result, header);
  const parsed = parseResultJson(text);
  expect(parsed.header).toEqual(header);
  expect(parsed.plan.runCount).toBe(plan.runCount);
  expect(parsed.result.plan).toBe(parsed.plan);
  expect(parsed.result.cancelled).toBe(false);
  // Written again, the file is the same text.
  expect(resultToJson(parsed.plan, parsed.result, parsed.header)).toBe(text);
  return parsed.result;
}

const SPECS: Record<string, SweepSpec> = {
  'grid, d = 1, no curves': { version: 1, dataset: 'toy', losses: ['se', 'ce'], eta: [0.5, 2, 1e308], init: { w0: { from: -6, to: 6, count: 5 }, b0: [-0, 2] }, epochs: 80, curve: 'none' },
  'grid, d = 1, sampled curves': { version: 1, dataset: 'five-point', losses: ['ce', 'se'], eta: { from: 1e-2, to: 10, count: 4, scale: 'log' }, init: { w0: [-3, 0, 3], b0: [-1, 1] }, epochs: 120, curve: 7 },
  'random inits, d = 3, full curves, diverging': { version: 1, dataset: { generator: 'two-classes', n: 12, d: 3, seed: 7 }, losses: ['ce', 'se'], eta: [0.1, 1, 1e308], init: { scheme: 'normal', parameter: 2, count: 10, seed: 3 }, epochs: 40, reduction: 'mean', curve: 'full' },
  'grid, d = 3, inline points, sampled curves': { version: 1, dataset: { x: [[0.5, 1, -1], [-1, 2, 0], [2, -0.5, 1], [1.5, 1.5, -2]], y: [0.1, 0.8, 0.3, 0.9] }, losses: ['se'], eta: [0.3, 3], init: { w0: [-1, 0.5], b0: [0] }, epochs: 60, curve: 4 },
  'random inits, d = 1, sampled curves': { version: 1, dataset: 'toy', losses: ['ce'], eta: [1], init: { scheme: 'uniform', parameter: 1.5, count: 6, seed: 7 }, epochs: 30, curve: 3 },
};

describe('planSweep: the canonical spec', () => {
  it('fills in defaults and orders keys the same way however the spec was written', () => {
    const a = planSweep({ curve: 6, epochs: 200, init: { b0: [-1, 1], w0: { to: 3, count: 3, from: -3 } }, eta: { scale: 'log', count: 3, to: 1, from: 0.01 }, losses: ['se', 'ce'], dataset: 'five-point', version: 1 });
    const b = planSweep({ version: 1, dataset: 'five-point', losses: ['se', 'ce'], eta: { from: 0.01, to: 1, count: 3, scale: 'log' }, init: { w0: { from: -3, to: 3, count: 3 }, b0: [-1, 1] }, epochs: 200, reduction: 'sum', tolerance: 0.01, curve: 6 });
    expect(specText(a)).toBe(specText(b));
    expect(specText(a)).toBe('{"version":1,"dataset":"five-point","losses":["se","ce"],"eta":{"from":0.01,"to":1,"count":3,"scale":"log"},"init":{"w0":{"from":-3,"to":3,"count":3,"scale":"linear"},"b0":[-1,1]},"epochs":200,"reduction":"sum","tolerance":0.01,"curve":6}');
  });

  it('inlines points as numbers (d = 1) or rows, named; a generator keeps its given fields in a fixed order', () => {
    const inline = planSweep({ version: 1, dataset: { y: [0.2, 0.9], x: [[0.5], [2.5]] }, losses: ['ce'], eta: [1], init: { scheme: 'glorot', count: 2 }, epochs: 5 });
    expect(inline.spec.dataset).toEqual({ name: 'inline', x: [0.5, 2.5], y: [0.2, 0.9] });
    expect(inline.spec.init).toEqual({ scheme: 'glorot', parameter: 1, count: 2, seed: 0 });
    const generated = planSweep({ version: 1, dataset: { seed: 4, d: 2, n: 9, generator: 'two-classes' }, losses: ['se'], eta: [1], init: { w0: [0], b0: [0] }, epochs: 5 });
    expect(toJson(generated.spec.dataset as unknown as JsonValue)).toBe('{"generator":"two-classes","n":9,"d":2,"seed":4}');
  });

  it("refuses a noisy-threshold generator's threshold that is not a finite number (a string or NaN labelled every point 0)", () => {
    const spec = (threshold: unknown) => ({ version: 1, dataset: { generator: 'noisy-threshold', n: 9, threshold }, losses: ['se'], eta: [1], init: { w0: [0], b0: [0] }, epochs: 5 });
    expect(() => planSweep(spec('0.5'))).toThrow(/dataset\.threshold: threshold must be a number, got "0.5"/);
    expect(planSweep(spec(0.5)).spec.dataset).toEqual({ generator: 'noisy-threshold', n: 9, threshold: 0.5 });
  });

  it('planned again, the canonical spec gives the same plan and the same spec', () => {
    for (const spec of Object.values(SPECS)) {
      const plan = planSweep(spec);
      const again = planSweep(JSON.parse(specText(plan)));
      expect(specText(again)).toBe(specText(plan));
      expect(again.eta).toEqual(plan.eta);
      expect(again.init).toEqual(plan.init);
      expect(again.data).toEqual(plan.data);
    }
  });
});

describe('parseResultJson: round trip', () => {
  it.each(Object.keys(SPECS))('%s: every array comes back bit for bit (NaN where not finite)', (name) => {
    const plan = planSweep(SPECS[name]);
    const result = sweep(plan);
    const back = expectRoundTrip(plan, result);
    expectSameArrays(back, result);
    expect(back.completed).toBe(plan.runCount);
    expect(back.failures).toEqual([]);
  });

  it('the diverging sweep has NaN and infinite values, −0 and NEVER measures: the infinite ones come back NaN', () => {
    const plan = planSweep(SPECS['grid, d = 1, no curves']!);
    const result = sweep(plan);
    expect(result.finalLoss.some(Number.isNaN)).toBe(true);
    const infinite = result.finalW.findIndex((w) => w === Number.POSITIVE_INFINITY || w === Number.NEGATIVE_INFINITY);
    expect(infinite).toBeGreaterThanOrEqual(0);
    expect(parseResultJson(resultToJson(plan, result, resultHeader(plan, 'test'))).result.finalW[infinite]).toBeNaN();
    expect(result.divergedAt.some((t) => t !== NEVER)).toBe(true);
    expect(result.epochsToFit.some((t) => t === NEVER)).toBe(true);
    const text = resultToJson(plan, result, resultHeader(plan, 'test'));
    expect(text).toContain('"b0":-0,');
    expect(Object.is(parseResultJson(text).result.finalB[1], result.finalB[1])).toBe(true);
  });

  it('failed runs come back RUN_FAILED with their messages; adjacent runs with one message as one range', () => {
    const plan = planSweep(SPECS['random inits, d = 3, full curves, diverging']!);
    const result = sweep(plan);
    const failures = [
      { start: 2, end: 4, message: 'RangeError: boom, "twice"' },
      { start: 4, end: 5, message: 'the worker running runs [4, 5) stopped: Error: the worker thread exited with code 3' },
      { start: 11, end: 12, message: 'line one\nline two' },
    ];
    for (const { start, end } of failures) {
      result.status.fill(RUN_FAILED, start, end);
      for (const key of RUN_ARRAY_KEYS) {
        if (key === 'status') continue;
        const width = key === 'finalW' ? plan.data.d : key === 'curves' ? plan.curveEpochs.length : 1;
        result[key].fill(key === 'outcome' ? OUTCOME_NONE : key.startsWith('epochs') || key === 'plateauEpochs' || key === 'divergedAt' ? NEVER : Number.NaN, start * width, end * width);
      }
    }
    result.failures.push(...failures);
    result.completed -= 4;
    const back = expectRoundTrip(plan, result);
    expectSameArrays(back, result);
    expect(back.failures).toEqual(failures);
    expect(back.completed).toBe(plan.runCount - 4);
  });

  it('a shard: its runs come back, the others stay pending', () => {
    const plan = planSweep(SPECS['grid, d = 1, sampled curves']!);
    const full = sweep(plan);
    const shard = { index: 2, count: 3 };
    const { start, end } = shardRange(shard, plan.runCount);
    expect([start, end]).toEqual([16, 32]);
    const back = expectRoundTrip(plan, full, shard);
    expect(back.completed).toBe(end - start);
    const expected = allocateResult(plan);
    writeChunk(expected, runChunk(plan, start, end));
    expectSameArrays(back, expected);
    expect(back.status[start - 1]).toBe(RUN_PENDING);
    expect(back.status[end]).toBe(RUN_PENDING);
    expect(Number.isNaN(back.finalLoss[0]!)).toBe(true);
  });

  it('the shards of a sweep, merged as `losslab merge` joins them, read as the whole sweep', () => {
    const plan = planSweep(SPECS['random inits, d = 1, sampled curves']!);
    const result = sweep(plan);
    const whole = resultToJson(plan, result, resultHeader(plan, 'test'));
    // merge: the header of the whole sweep, then every shard's run lines in order.
    const runLines = (text: string) => text.split('\n').filter((line) => line.startsWith('    {')).map((line) => line.replace(/,$/, ''));
    const lines = [1, 2, 3, 4].flatMap((index) => runLines(resultToJson(plan, result, resultHeader(plan, 'test', { index, count: 4 }))));
    expect(lines).toEqual(runLines(whole));
    const back = parseResultJson(whole);
    expectSameArrays(back.result, result);
  });

  it('reads a file that is valid JSON in another layout (reformatted, keys reordered)', () => {
    const plan = planSweep(SPECS['grid, d = 3, inline points, sampled curves']!);
    const result = sweep(plan);
    const file = JSON.parse(resultToJson(plan, result, resultHeader(plan, 'test'))) as Record<string, unknown>;
    const reordered = { runsSha256: file.runsSha256, runs: file.runs, runCount: file.runCount, curveEpochs: file.curveEpochs, spec: file.spec, losslab: file.losslab };
    expectSameArrays(parseResultJson(JSON.stringify(reordered, null, 2)).result, result);
  });
});

describe('writers', () => {
  it('chunks join to the same text as resultToJson and resultToCsv, in pieces of about 64 K characters', () => {
    const plan = gridPlan(20);
    const result = sweep(plan);
    for (const [chunks, whole] of [
      [[...resultJsonChunks(plan, result, resultHeader(plan, 'test'))], resultToJson(plan, result, resultHeader(plan, 'test'))],
      [[...resultCsvChunks(plan, result, resultHeader(plan, 'test', { index: 1, count: 2 }))], resultToCsv(plan, result, resultHeader(plan, 'test', { index: 1, count: 2 }))],
    ] as const) {
      expect(chunks.length).toBeGreaterThan(1);
      expect(chunks.join('')).toBe(whole);
      for (const chunk of chunks.slice(0, -1)) expect(chunk.length).toBeGreaterThanOrEqual(1 << 16);
      for (const chunk of chunks) expect(chunk.length).toBeLessThan((1 << 16) + 4096);
    }
  });

  it("a 2-run sweep's CSV, line by line, against core's train", () => {
    const plan = planSweep({ version: 1, dataset: 'toy', losses: ['se', 'ce'], eta: [1], init: { w0: [-2], b0: [-2] }, epochs: 6, curve: 3 });
    const kept = Array.from(plan.curveEpochs);
    expect(kept).toHaveLength(3);
    const lines = resultToCsv(plan, sweep(plan), resultHeader(plan, 'test')).split('\n');
    expect(lines).toHaveLength(5);
    // The trailer: the SHA-256 of the two rows, each with its line break, computed by node:crypto.
    expect(lines[3]).toBe(`#losslab-end {"runsSha256":"${createHash('sha256').update(`${lines[1]}\n${lines[2]}\n`).digest('hex')}"}`);
    lines.splice(3, 1);
    expect(lines[0]).toBe(`index,loss,eta,w0,b0,status,error,finalLoss,minLoss,finalExcess,finalMaxError,finalW,finalB,outcome,epochsToFit,plateauEpochs,epochsTo1PercentExcess,divergedAt,${kept.map((t) => `curve_${t}`).join(',')}`);
    const epochText = (t: number | null) => (t === null ? '' : String(t));
    expect(lines[3]).toBe('');
    (['se', 'ce'] as LossName[]).forEach((loss, index) => {
      const ref = train({ data: toy, loss, eta: 1, w0: -2, b0: -2, epochs: 6 });
      const m = convergence(ref, 0.01);
      // The excess at the parameters of the last recorded loss (before its update).
      const zs = [0, 1].map((i) => ref.pathW[5]! * toy.x[i]! + ref.pathB[5]!);
      const excess = zs.reduce((sum, z, i) => sum + coreLosses[loss].excess(z, toy.y[i]!), 0);
      const cells = lines[index + 1]!.split(',');
      // Identity, parameters and measures as exact text; loss values to 1e-13 (the kernel's cross-entropy is within ulps of core's).
      const exact = [String(index), loss, '1', '-2', '-2', 'done', '', null, null, null, formatNumber(ref.maxErrors[5]!), formatNumber(ref.w[0]!), formatNumber(ref.b), m.outcome, epochText(m.epochsToFit), epochText(m.plateauEpochs), epochText(m.epochsTo1PercentExcess), ''];
      exact.forEach((text, c) => {
        if (text !== null) expect(cells[c], `${loss}: ${lines[0]!.split(',')[c]}`).toBe(text);
      });
      const close = [ref.losses[5]!, Math.min(...ref.losses), excess, ...kept.map((t) => ref.losses[t]!)];
      [cells[7], cells[8], cells[9], ...cells.slice(18)].forEach((cell, k) => expect(Math.abs(Number(cell) - close[k]!) / close[k]!).toBeLessThanOrEqual(1e-13));
      expect(cells).toHaveLength(21);
    });
  });

  it('JSON: the header one field per line, then one run per line', () => {
    const plan = planSweep({ version: 1, dataset: 'toy', losses: ['se'], eta: [1], init: { w0: [-2, 2], b0: [0] }, epochs: 4, curve: 'none' });
    const result = sweep(plan);
    const lines = resultToJson(plan, result, resultHeader(plan, '9.9.9', { index: 2, count: 2 })).split('\n');
    expect(lines.slice(0, 8)).toEqual([
      '{',
      '  "losslab": "9.9.9",',
      '  "spec": {"version":1,"dataset":"toy","losses":["se"],"eta":[1],"init":{"w0":[-2,2],"b0":[0]},"epochs":4,"reduction":"sum","tolerance":0.01,"curve":"none"},',
      '  "curveEpochs": [],',
      '  "runCount": 2,',
      `  "stability": ${toJson(sweepStability(plan) as unknown as JsonValue)},`,
      '  "shard": {"index":2,"count":2,"start":1,"end":2},',
      '  "runs": [',
    ]);
    expect(lines[8]).toBe(`    ${toJson(runRecord(plan, result, 1))}`);
    const sha = (text: string) => createHash('sha256').update(text).digest('hex');
    expect(lines.slice(9)).toEqual(['  ],', `  "runsSha256": "${sha(`${toJson(runRecord(plan, result, 1))}\n`)}"`, '}', '']);
    const empty = resultToJson(plan, result, resultHeader(plan, '9.9.9', { index: 1, count: 3 }));
    expect(empty.endsWith(`  "runs": [\n  ],\n  "runsSha256": "${sha('')}"\n}\n`)).toBe(true);
    expect(parseResultJson(empty).result.completed).toBe(0);
  });

  it("the header's stability: η* at the lecture's exact fit from the closed-form 2 × 2 eigenvalue; none for separable hard labels", () => {
    const plan = planSweep({ version: 1, dataset: 'toy', losses: ['se', 'ce'], eta: [1], init: { w0: [-2], b0: [-2] }, epochs: 4 });
    const stability = JSON.parse(resultToJson(plan, sweep(plan), resultHeader(plan, 't'))).stability;
    const w = (logit(0.9) - logit(0.2)) / 2;
    expect(stability.optimum.w).toBeCloseTo(w, 10);
    expect(stability.optimum.b).toBeCloseTo(logit(0.2) - w / 2, 10);
    // Σ c·[x², x; x, 1] at ŷ = y: c = y(1 − y) for cross-entropy, (y(1 − y))² for squared error.
    const limit = (c: number[]) => {
      const a = c[0]! * 0.25 + c[1]! * 6.25;
      const off = c[0]! * 0.5 + c[1]! * 2.5;
      const d = c[0]! + c[1]!;
      return 2 / ((a + d + Math.sqrt((a - d) ** 2 + 4 * off * off)) / 2);
    };
    expect(stability.etaStar.ce).toBeCloseTo(limit([0.16, 0.09]), 9);
    expect(stability.etaStar.se).toBeCloseTo(limit([0.16 ** 2, 0.09 ** 2]), 8);
    expect(stability.etaStar.ce).toBeCloseTo(2.569, 3);
    expect(stability.etaStar.se).toBeCloseTo(24.87, 2);
    // Only the sweep's losses; 'mean' halves the Hessian of two points.
    const ceMean = planSweep({ version: 1, dataset: 'toy', losses: ['ce'], eta: [1], init: { w0: [-2], b0: [-2] }, epochs: 4, reduction: 'mean' });
    expect(sweepStability(ceMean).etaStar).toEqual({ ce: expect.closeTo(2 * limit([0.16, 0.09]), 9) });
    const five = planSweep({ version: 1, dataset: 'five-point', losses: ['se', 'ce'], eta: [1], init: { w0: [-2], b0: [-2] }, epochs: 4 });
    expect(sweepStability(five)).toEqual({ optimum: null, reason: expect.stringMatching(/no finite optimum/) });
    // Read back: recomputed from the spec; a malformed value is refused.
    expect(parseResultJson(resultToJson(five, sweep(five), resultHeader(five, 't'))).header.stability).toEqual(sweepStability(five));
    const text = resultToJson(plan, sweep(plan), resultHeader(plan, 't')).replace(/"stability": .*,\n/, '"stability": 3,\n');
    expect(() => parseResultJson(text)).toThrow(/^stability: must be/);
  });

  it("a shard's CSV starts with a #losslab line holding the header", () => {
    const plan = planSweep({ version: 1, dataset: 'toy', losses: ['ce'], eta: [1], init: { w0: [-2, 2], b0: [0] }, epochs: 4, curve: 'none' });
    const csv = resultToCsv(plan, sweep(plan), resultHeader(plan, 'test', { index: 1, count: 2 }));
    const [meta, columns, row, trailer, end] = csv.split('\n');
    expect(trailer).toBe(`#losslab-end {"runsSha256":"${createHash('sha256').update(`${row}\n`).digest('hex')}"}`);
    expect(JSON.parse(meta!.slice('#losslab '.length))).toEqual({ ...resultHeader(plan, 'test', { index: 1, count: 2 }), spec: JSON.parse(specText(plan)) });
    expect(columns).toBe(csvColumns(plan).join(','));
    expect(row!.startsWith('0,ce,1,-2,0,done,,')).toBe(true);
    expect(end).toBe('');
  });

  it('refuses a header of another plan, and arrays that do not hold the whole sweep', () => {
    const plan = planSweep(SPECS['random inits, d = 1, sampled curves']!);
    const other = planSweep({ ...SPECS['random inits, d = 1, sampled curves']!, losses: ['se', 'ce'] });
    expect(() => resultToJson(plan, sweep(plan), resultHeader(other, 'test'))).toThrow(/runCount must be the plan's 6, got 12/);
    const chunk = runChunk(plan, 0, 2);
    expect(() => resultToJson(plan, { ...chunk, failures: [] }, resultHeader(plan, 'test'))).toThrow(/whole sweep \(6 runs/);
  });
});

describe('runRecord', () => {
  const plan = planSweep({ version: 1, dataset: 'toy', losses: ['se'], eta: [1], init: { w0: [-2, 2], b0: [0] }, epochs: 10, curve: 2 });

  it('marks a failed run with its error and nulls for every value', () => {
    const result = allocateResult(plan);
    result.status[0] = RUN_FAILED;
    result.failures.push({ start: 0, end: 1, message: 'worker exited, twice' });
    const record = runRecord(plan, result, 0);
    expect(record).toEqual({
      index: 0, loss: 'se', eta: 1, w0: -2, b0: 0, status: 'failed', error: 'worker exited, twice',
      finalLoss: null, minLoss: null, finalExcess: null, finalMaxError: null, finalW: null, finalB: null,
      outcome: null, epochsToFit: null, plateauEpochs: null, epochsTo1PercentExcess: null, divergedAt: null, curve: [null, null],
    });
    expect(csvCells(record)).toHaveLength(csvColumns(plan).length);
    expect(csvCells(record).map(csvCell).join(',')).toBe('0,se,1,-2,0,failed,"worker exited, twice",,,,,,,,,,,,,');
    expect(runRecord(plan, result, 1).error).toBe('the run was not computed');
  });

  it('a done run has no error field in JSON and an empty error cell in CSV; NEVER, NaN and ±Infinity are null', () => {
    const result = allocateResult(plan);
    result.status[1] = RUN_DONE;
    result.divergedAt[1] = 3;
    result.minLoss[1] = 0.25;
    result.finalW[1] = Number.POSITIVE_INFINITY;
    result.finalB[1] = -0;
    const record = runRecord(plan, result, 1);
    expect('error' in record).toBe(false);
    expect(record.divergedAt).toBe(3);
    expect(record.epochsToFit).toBeNull();
    expect(record.finalW).toBeNull();
    expect(toJson(record)).toContain('"finalB":-0,');
    expect(csvCells(record)).toHaveLength(csvColumns(plan).length);
    expect(csvCells(record)[6]).toBeNull();
  });
});

describe('text', () => {
  it('numbers print shortest round-trip, −0 as -0, non-finite as null', () => {
    expect([0.1, -0, 0, 1e-7, 1e21, Number.NaN, Number.POSITIVE_INFINITY].map(formatNumber)).toEqual(['0.1', '-0', '0', '1e-7', '1e+21', 'null', 'null']);
    expect(toJson({ a: [-0, null, 'x"y'], b: undefined, c: true })).toBe('{"a":[-0,null,"x\\"y"],"c":true}');
    expect(['a,b', 'say "hi"', 'two\nlines', null, -0].map(csvCell)).toEqual(['"a,b"', '"say ""hi"""', 'two lines', '', '-0']);
  });
});

describe('shardRange', () => {
  it('splits R runs into N contiguous ranges whose sizes differ by at most 1', () => {
    for (const runCount of [0, 1, 7, 72, 1000, 32768])
      for (const count of [1, 2, 3, 5, 8, 100]) {
        const ranges = Array.from({ length: count }, (_, k) => shardRange({ index: k + 1, count }, runCount));
        expect(ranges[0]!.start).toBe(0);
        expect(ranges.at(-1)!.end).toBe(runCount);
        for (let k = 1; k < count; k++) expect(ranges[k]!.start).toBe(ranges[k - 1]!.end);
        const sizes = ranges.map((r) => r.end - r.start);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      }
  });

  it('refuses a shard that is not I/N with 1 ≤ I ≤ N', () => {
    expect(() => shardRange({ index: 0, count: 3 }, 10)).toThrow(RangeError);
    expect(() => shardRange({ index: 4, count: 3 }, 10)).toThrow(/got \{"index":4,"count":3\}/);
    expect(() => shardRange({ index: 1, count: 1 }, -1)).toThrow(/runCount/);
  });
});

describe('parseResultJson: refusals', () => {
  const plan = planSweep({ version: 1, dataset: 'toy', losses: ['se', 'ce'], eta: [0.5, 1], init: { w0: [-2], b0: [-2, 0] }, epochs: 20, curve: 3 });
  const text = resultToJson(plan, sweep(plan), resultHeader(plan, '0.1.0'));
  const shardText = resultToJson(plan, sweep(plan), resultHeader(plan, '0.1.0', { index: 2, count: 3 }));
  /** The file as an object, changed by `edit`, as text. */
  const edited = (edit: (file: Record<string, any>) => void, from = text): string => {
    const file = JSON.parse(from) as Record<string, any>;
    edit(file);
    return JSON.stringify(file);
  };
  /** Expects a ResultFileError at `field` whose message matches `message`. */
  const refused = (input: string, field: string, message: RegExp) => {
    let error: unknown;
    try {
      parseResultJson(input);
    } catch (e) {
      error = e;
    }
    expect(error, 'not refused').toBeInstanceOf(ResultFileError);
    expect(error).toBeInstanceOf(RangeError);
    expect((error as ResultFileError).field).toBe(field);
    expect((error as Error).message.startsWith(`${field}: `)).toBe(true);
    expect((error as Error).message).toMatch(message);
  };

  it('the file as written is accepted', () => {
    expect(parseResultJson(text).result.completed).toBe(8);
    expect(parseResultJson(shardText).header.shard).toEqual({ index: 2, count: 3, start: 2, end: 5 });
  });

  it("a changed eta, w0 or b0 names the run and the spec's value", () => {
    refused(text.replace('{"index":3,"loss":"se","eta":1,', '{"index":3,"loss":"se","eta":1.5,'), 'runs[3].eta', /is 1\.5, but run 3 of the file's spec has eta = 1$/);
    refused(edited((f) => (f.runs[5].w0 = -2.5)), 'runs[5].w0', /run 5 .* w0 = -2$/);
    refused(edited((f) => (f.runs[0].b0 = 0)), 'runs[0].b0', /is 0, but run 0 .* b0 = -2$/);
    refused(edited((f) => (f.runs[0].b0 = '-2')), 'runs[0].b0', /is "-2"/);
  });

  it('an unknown or swapped loss names the run', () => {
    refused(edited((f) => (f.runs[2].loss = 'mse')), 'runs[2].loss', /is "mse", but run 2 of the file's spec has loss = "se"/);
    refused(edited((f) => (f.runs[6].loss = 'se')), 'runs[6].loss', /run 6/);
  });

  it('a wrong runCount, curveEpochs or shard range', () => {
    refused(edited((f) => (f.runCount = 9)), 'runCount', /is 9, but the file's spec plans 8 runs/);
    refused(edited((f) => (f.runCount = '8')), 'runCount', /must be an integer/);
    expect(Array.from(plan.curveEpochs)).toEqual([0, 3, 19]);
    refused(edited((f) => (f.curveEpochs = [0, 4, 19])), 'curveEpochs[1]', /is 4, but the file's spec keeps epoch 3 there/);
    refused(edited((f) => f.curveEpochs.pop()), 'curveEpochs', /lists 2 epochs, but the file's spec keeps 3/);
    refused(edited((f) => (f.shard.start = 1), shardText), 'shard', /says 2\/3 holds runs \[1, 5\), but shard 2\/3 of 8 runs is \[2, 5\)/);
    refused(edited((f) => (f.shard.index = 4), shardText), 'shard', /1 ≤ I ≤ N, got 4\/3/);
  });

  it('a duplicate, a missing, an extra and a run out of the shard name the record', () => {
    refused(edited((f) => f.runs.splice(4, 0, f.runs[3])), 'runs[4].index', /run 3 appears twice \(runs\[3\] and runs\[4\]\)/);
    refused(edited((f) => f.runs.splice(4, 1)), 'runs[4].index', /is run 5, but runs\[4\] must be run 4/);
    refused(edited((f) => f.runs.pop()), 'runs', /runs from 7 on are missing/);
    refused(edited((f) => f.runs.push({ ...f.runs[7], index: 8 })), 'runs[8]', /one record too many/);
    refused(edited((f) => f.runs.unshift({ ...f.runs[0], index: 1 }), shardText), 'runs[0].index', /is run 1, but runs\[0\] must be run 2/);
    refused(edited((f) => (f.runs = {})), 'runs', /must be a list of run records/);
  });

  it('wrong types and ranges of values name the field', () => {
    refused(edited((f) => (f.runs[1].finalLoss = '0.5')), 'runs[1].finalLoss', /must be a finite number or null, got "0\.5"/);
    refused(edited((f) => (f.runs[1].curve = [1, 2])), 'runs[1].curve', /must be a list of 3 losses/);
    refused(edited((f) => (f.runs[1].curve[2] = true)), 'runs[1].curve[2]', /got true/);
    refused(edited((f) => (f.runs[1].epochsTo1PercentExcess = 20)), 'runs[1].epochsTo1PercentExcess', /integer in \[0, 20\)\) or null, got 20/);
    refused(edited((f) => (f.runs[1].outcome = 'converged')), 'runs[1].outcome', /must be one of "diverged", "fit", "oscillating", "stuck", "stalled", "descending" for a run that is done.*got "converged"/);
    refused(edited((f) => (f.runs[1].outcome = null)), 'runs[1].outcome', /got null/);
    refused(edited((f) => (f.runs[1].divergedAt = -1)), 'runs[1].divergedAt', /got -1/);
    refused(edited((f) => (f.runs[1].status = 'ok')), 'runs[1].status', /must be "done" or "failed", got "ok"/);
    refused(edited((f) => (f.runs[1].status = 'failed')), 'runs[1].error', /needs the error's message/);
    refused(edited((f) => (f.runs[1].error = 'x')), 'runs[1].error', /is "done", so it has no error/);
    refused(edited((f) => delete f.runs[1].minLoss), 'runs[1].minLoss', /is missing from run 1's record/);
    refused(edited((f) => (f.runs[1].speed = 3)), 'runs[1].speed', /is not a field of run 1's record/);
    refused(edited((f) => (f.runs[1].index = 1.5)), 'runs[1].index', /must be a run index/);
  });

  it('d = 3: w0 and finalW are lists of 3', () => {
    const plan3 = planSweep(SPECS['grid, d = 3, inline points, sampled curves']!);
    const text3 = resultToJson(plan3, sweep(plan3), resultHeader(plan3, 'test'));
    refused(edited((f) => f.runs[2].w0.pop(), text3), 'runs[2].w0', /must be a list of 3 initial weights/);
    refused(edited((f) => (f.runs[2].w0[1] = 7), text3), 'runs[2].w0[1]', /is 7, but run 2 .* w0\[1\] = -1$/);
    refused(edited((f) => (f.runs[2].finalW = 1), text3), 'runs[2].finalW', /must be a list of 3 weights/);
  });

  it('a random-init run with another init sample', () => {
    const planR = planSweep(SPECS['random inits, d = 1, sampled curves']!);
    const textR = resultToJson(planR, sweep(planR), resultHeader(planR, 'test'));
    refused(edited((f) => (f.runs[2].initSample = 3), textR), 'runs[2].initSample', /is 3, but run 2 .* initSample = 2/);
  });

  it("a spec that does not plan (another version's) is refused with planSweep's field errors", () => {
    refused(edited((f) => (f.spec.version = 2)), 'spec', /written by another version of losslab\?\): spec\.version: must be 1, got 2/);
    refused(edited((f) => ((f.spec.eta = [0]), (f.spec.speed = 1))), 'spec', /spec\.speed: is not a known field.*spec\.eta\[0\]: must be > 0, got 0|spec\.eta\[0\]: must be > 0, got 0.*spec\.speed/);
    refused(edited((f) => (f.spec = 'toy')), 'spec', /must be a sweep spec object/);
    let error: unknown;
    try {
      parseResultJson(edited((f) => (f.spec.epochs = 0)));
    } catch (e) {
      error = e;
    }
    expect((error as Error).cause).toMatchObject({ name: 'SweepSpecError', issues: [{ field: 'epochs' }] });
  });

  it('a file with no "losslab" field is not a result file; a spec file is told apart', () => {
    refused(edited((f) => delete f.losslab), 'losslab', /is missing: not a result file of losslab/);
    refused(JSON.stringify(plan.spec), 'losslab', /looks like a sweep spec/);
    refused(edited((f) => (f.losslab = 1)), 'losslab', /must be the version/);
    refused(edited((f) => delete f.runs), 'runs', /is missing/);
    refused(edited((f) => (f.extra = 1)), 'extra', /is not a field of a result file/);
    refused('[1, 2]', 'file', /must be a JSON object/);
  });

  it('a __proto__ key is an unknown field, never a prototype', () => {
    refused(text.replace('{\n', '{\n  "__proto__": {"runCount": 1},\n'), '__proto__', /is not a field of a result file/);
  });

  it('text that is not JSON is a SyntaxError with the line and column', () => {
    const truncated = text.slice(0, text.length - 40);
    expect(() => parseResultJson(truncated)).toThrow(SyntaxError);
    const lines = truncated.split('\n');
    expect(() => parseResultJson(truncated)).toThrow(new RegExp(`at line ${lines.length}, column ${lines.at(-1)!.length + 1} \\(the text ends early: is the file cut short\\?\\)`));
    expect(() => parseResultJson('{\n  "losslab": 0.1.0\n}')).toThrow(/^not valid JSON at line 2, column 17: /);
    expect(() => parseResultJson('{"losslab": toy}')).toThrow(/at line 1, column 14/);
    expect(() => parseResultJson('  \n')).toThrow(/the text is empty/);
    expect(() => parseResultJson(`${text}x`)).toThrow(/at line \d+, column 1: /);
  });

  it('finds where long JSON text breaks (8 MB of text)', () => {
    // No clock here: a quadratic scan would take minutes and end at the test's timeout, which is
    // enough of a guard; how fast it is belongs in a benchmark, not in a test.
    const long = `[${'1.5,'.repeat(2_000_000)}x]`;
    expect(jsonErrorOffset(long)).toBe(long.length - 2);
  });
});

describe('planSweep refuses huge sweeps before materializing them', () => {
  it('counts runs from the axes declared lengths: a 10^16-run grid is refused with the numbers', () => {
    const spec = { version: 1, dataset: 'toy', losses: ['se'], eta: [1], init: { w0: { from: -1, to: 1, count: 1e8 }, b0: { from: -1, to: 1, count: 1e8 } }, epochs: 10 };
    expect(() => planSweep(spec)).toThrow(/10000000000000000 runs \(1 losses × 1 η × 10000000000000000 inits\), more than the cap of 10000000/);
  });

  it('refuses a generated dataset with more than MAX_GENERATED_FEATURES features before generating it', () => {
    const spec = { version: 1, dataset: { generator: 'two-classes', n: 6_000_000, d: 2 }, losses: ['se'], eta: [1], init: { w0: [0], b0: [0] }, epochs: 10 };
    expect(() => planSweep(spec)).toThrow(/at most 10000000 features \(n·d\), got n = 6000000, d = 2/);
  });
});
