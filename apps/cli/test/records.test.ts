// The run record shape, for cases a real sweep rarely produces: failed runs and diverged runs.

import { allocateResult, planSweep, RUN_DONE, RUN_FAILED } from '@losslab/worker';
import { describe, expect, it } from 'vitest';
import { csvCell, toJson } from '../src/formats.js';
import { csvCells, csvColumns, runRecord } from '../src/records.js';

const plan = planSweep({ version: 1, dataset: 'toy', losses: ['se'], eta: [1], init: { w0: [-2, 2], b0: [0] }, epochs: 10, curve: 2 });

describe('runRecord', () => {
  it('marks a failed run with its error and nulls for every value', () => {
    const result = allocateResult(plan);
    result.status[0] = RUN_FAILED;
    result.failures.push({ start: 0, end: 1, message: 'worker exited, twice' });
    const record = runRecord(plan, result, result.failures, 0, 0);
    expect(record).toEqual({
      index: 0, loss: 'se', eta: 1, w0: -2, b0: 0, status: 'failed', error: 'worker exited, twice',
      finalLoss: null, minLoss: null, finalExcess: null, finalMaxError: null, finalW: null, finalB: null,
      epochsToFit: null, epochsTo99: null, plateauLength: null, divergedAt: null, curve: [null, null],
    });
    expect(csvCells(record)).toHaveLength(csvColumns(plan).length);
    expect(csvCells(record).map(csvCell).join(',')).toBe('0,se,1,-2,0,failed,"worker exited, twice",,,,,,,,,,,,');
  });

  it('a done run has no error field in JSON and an empty error cell in CSV; NEVER and NaN are null', () => {
    const result = allocateResult(plan);
    result.status[1] = RUN_DONE;
    result.divergedAt[1] = 3;
    result.minLoss[1] = 0.25;
    result.finalW[1] = Number.POSITIVE_INFINITY;
    result.finalB[1] = -0;
    const record = runRecord(plan, result, [], 1, 1);
    expect('error' in record).toBe(false);
    expect(record.divergedAt).toBe(3);
    expect(record.epochsToFit).toBeNull();
    expect(record.finalW).toBeNull();
    expect(toJson(record)).toContain('"finalB":-0,');
    expect(csvCells(record)).toHaveLength(csvColumns(plan).length);
    expect(csvCells(record)[6]).toBeNull();
  });
});
