// The result schema's table drives every format: each row is in the JSON records, the CSV header
// and rows, the Parquet columns (with the row's type) and the allocated arrays exactly when and
// as the row says, is read back by both readers, and the bytes per run are the sum over its rows.
// The expectations (when a field is present, its CSV column names, its Parquet type, the byte
// count) are written out here by hand, not taken from the table's helpers.

import { describe, expect, it } from 'vitest';
import {
  allocateResult,
  allocateRuns,
  bytesPerRun,
  chunkBuffers,
  csvColumns,
  csvRowRecord,
  NEVER,
  parseResultJson,
  parquetColumns,
  planSweep,
  readParquetFooter,
  readRowGroup,
  resultHeader,
  resultParquetChunks,
  resultToCsv,
  resultToJson,
  RUN_FAILED,
  runChunk,
  runRecord,
  writeChunk,
  type JsonValue,
  type SweepPlan,
  type SweepResult,
} from '../src/index.js';
import { ARRAY_FIELDS, RESULT_FIELDS, type ResultField } from '../src/result-schema.js';
import { gridPlan, randomInitPlan } from './support/sweeps.js';

const plans: Record<string, () => SweepPlan> = {
  'one input, grid, curve samples': () => gridPlan(40),
  'three inputs, random inits, full curves, divergence': randomInitPlan,
  'optimizer, batch-size and weight-decay axes': () =>
    planSweep({
      version: 1,
      dataset: 'five-point',
      losses: ['se', 'ce'],
      optimizer: ['gd', { name: 'momentum', momentum: 0.5 }, { name: 'adam', beta1: 0.8 }],
      eta: [0.05, 0.5],
      batchSize: [1, 2],
      weightDecay: [0, 0.01],
      init: { w0: [-3], b0: [2] },
      epochs: 30,
      curve: 4,
    }),
  'two inputs, no curve': () => planSweep({ version: 1, dataset: { generator: 'two-classes', n: 6, d: 2, seed: 1 }, losses: ['ce'], eta: [0.5, 50], init: { w0: [-1, 1], b0: [0] }, epochs: 30, curve: 'none' }),
};

/** When a field is in a plan's files, as the README's field table says (written out independently of the table's `present`). */
function expectedPresent(name: string, plan: SweepPlan): boolean {
  const optimizerAxis = plan.spec.optimizer !== undefined;
  switch (name) {
    case 'optimizer':
      return optimizerAxis;
    case 'momentum':
    case 'alpha':
    case 'beta1':
    case 'beta2':
    case 'eps':
      return optimizerAxis && plan.optimizers.some((o) => Object.keys(o).includes(name));
    case 'batchSize':
      return plan.spec.batchSize !== undefined;
    case 'weightDecay':
      return plan.spec.weightDecay !== undefined;
    case 'initSample':
      return plan.init.kind === 'random';
    case 'curve':
      return plan.curveEpochs.length > 0;
    default:
      return true;
  }
}

/** A field's CSV columns, by the README's naming rule. */
function expectedCsvColumns(field: ResultField, plan: SweepPlan): string[] {
  if (field.name === 'curve') return Array.from(plan.curveEpochs, (t) => `curve_${t}`);
  if ((field.name === 'w0' || field.name === 'finalW') && plan.data.d > 1) return Array.from({ length: plan.data.d }, (_, j) => `${field.name}_${j + 1}`);
  return [field.name];
}

/** The Parquet kind the README promises for each field with one input (lists for vectors with d > 1 and the curve). */
const PARQUET_KIND: Record<string, string> = {
  index: 'int64', loss: 'string', optimizer: 'string', momentum: 'double', alpha: 'double', beta1: 'double', beta2: 'double', eps: 'double',
  eta: 'double', batchSize: 'int64', weightDecay: 'double', initSample: 'int64', w0: 'double', b0: 'double', status: 'string', error: 'string',
  finalLoss: 'double', minLoss: 'double', finalExcess: 'double', finalMaxError: 'double', finalW: 'double', finalB: 'double', outcome: 'string',
  epochsToFit: 'int32', plateauEpochs: 'int32', epochsTo1PercentExcess: 'int32', divergedAt: 'int32', curve: 'double-list',
};

function sweep(plan: SweepPlan): SweepResult {
  const result = allocateResult(plan);
  // Runs 1 and R − 1 failed (never written, as the pool leaves them), so error and the null
  // encodings of a run not done are in every file.
  writeChunk(result, runChunk(plan, 0, 1));
  writeChunk(result, runChunk(plan, 2, plan.runCount - 1));
  for (const r of [1, plan.runCount - 1]) {
    result.status[r] = RUN_FAILED;
    result.failures.push({ start: r, end: r + 1, message: `worker ${r} crashed, "twice"` });
  }
  return result;
}

function bytes(chunks: Iterable<Uint8Array>): Uint8Array {
  const parts = [...chunks];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

describe('the result schema table', () => {
  it('lists every field once, in the order of the JSON records', () => {
    const names = RESULT_FIELDS.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(Object.keys(PARQUET_KIND));
  });

  for (const [what, make] of Object.entries(plans)) {
    describe(what, () => {
      const plan = make();
      const result = sweep(plan);
      const header = resultHeader(plan, '0.0.0-test');
      const present = RESULT_FIELDS.filter((f) => expectedPresent(f.name, plan));

      it('a record holds each present field (error only for runs not done), as a list where the field is one', () => {
        for (const index of [0, 1, plan.runCount - 1]) {
          const record = runRecord(plan, result, index);
          const done = result.status[index] !== RUN_FAILED;
          expect(Object.keys(record)).toEqual(present.filter((f) => !(done && f.name === 'error')).map((f) => f.name));
          for (const f of present) {
            const list = f.name === 'curve' || ((f.name === 'w0' || f.name === 'finalW') && plan.data.d > 1);
            if (list) expect(record[f.name]).toHaveLength(f.name === 'curve' ? plan.curveEpochs.length : plan.data.d);
            else expect(Array.isArray(record[f.name])).toBe(false);
          }
        }
      });

      it("the CSV header has each present field's columns, in table order, and each row reads back to the JSON record", () => {
        expect(csvColumns(plan)).toEqual(present.flatMap((f) => expectedCsvColumns(f, plan)));
        const lines = resultToCsv(plan, result, header).split('\n');
        expect(lines[0]).toBe(csvColumns(plan).join(','));
        for (let i = 0; i < plan.runCount; i++) expect(csvRowRecord(plan, lines[i + 1]!, `line ${i + 2}`)).toEqual(runRecord(plan, result, i));
      });

      it('the JSON reader reads every stored field back into its array, bit for bit', () => {
        const parsed = parseResultJson(resultToJson(plan, result, header), {}, { samples: 2 }).result;
        for (const f of ARRAY_FIELDS) expect(parsed[f.array as keyof typeof parsed], f.name).toEqual(result[f.array as keyof typeof result]);
        expect(parsed.failures).toEqual(result.failures);
      });

      it("Parquet has a column per present field with the field's type, holding the record's values", () => {
        const file = bytes(resultParquetChunks(plan, result, header));
        const footer = readParquetFooter((offset, length) => file.subarray(offset, offset + length), file.length);
        expect(parquetColumns(plan)).toEqual(footer.columns);
        const list = (name: string) => name === 'curve' || ((name === 'w0' || name === 'finalW') && plan.data.d > 1);
        expect(footer.columns.map((c) => [c.name, c.kind])).toEqual(present.map((f) => [f.name, list(f.name) ? 'double-list' : PARQUET_KIND[f.name]]));
        const batches = readRowGroup((offset, length) => file.subarray(offset, offset + length), footer, 0);
        footer.columns.forEach((column, c) => {
          const batch = batches[c]!;
          for (let i = 0; i < plan.runCount; i++) {
            const value = runRecord(plan, result, i)[column.name] ?? null;
            let got: JsonValue;
            if (batch.kind === 'double-list') got = Array.from(batch.values.subarray(i * batch.width, (i + 1) * batch.width), (v) => (Number.isFinite(v) ? v : null));
            else if (batch.kind === 'string') got = batch.values[i]!;
            else if (batch.kind === 'int32') got = batch.values[i] === NEVER ? null : batch.values[i]!;
            else got = Number.isFinite(batch.values[i]!) ? batch.values[i]! : null;
            expect(got, `${column.name} of run ${i}`).toEqual(value);
          }
        });
      });
    });
  }

  it('allocates one array per stored field, of its type and fill, and counts 8·(5 + d + K) + 4·4 + 2 bytes per run: the arrays allocated', () => {
    for (const [d, K] of [
      [1, 0],
      [1, 32],
      [3, 7],
    ] as const) {
      const count = 5;
      const runs = allocateRuns(count, d, K) as unknown as Record<string, Float64Array | Int32Array | Uint8Array>;
      expect(Object.keys(runs).sort()).toEqual(['curves', 'divergedAt', 'epochsTo1PercentExcess', 'epochsToFit', 'finalB', 'finalExcess', 'finalLoss', 'finalMaxError', 'finalW', 'minLoss', 'outcome', 'plateauEpochs', 'status']);
      const allocated = Object.values(runs).reduce((n, a) => n + a.byteLength, 0);
      expect(allocated / count).toBe(8 * (5 + d + K) + 4 * 4 + 2);
      expect(bytesPerRun(d, K)).toBe(allocated / count);
      for (const f of ARRAY_FIELDS) for (const v of runs[f.array]!) expect(Object.is(v, f.fill)).toBe(true);
      expect(chunkBuffers(runs as never)).toHaveLength(13);
    }
  });
});
