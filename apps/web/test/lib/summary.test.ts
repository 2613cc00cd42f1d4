import { convergence, train } from '@losslab/core';
import { runConfig, runIndex } from '@losslab/worker';
import { describe, expect, it } from 'vitest';
import { etaRowsOf, medianOf, summarize, updateSummary } from '../../src/lib/summary.js';
import { smallSpec, sweep } from '../support/sweep.js';

describe('summarize', () => {
  const { plan, result } = sweep(smallSpec);
  const summary = summarize(plan, result);

  it('counts converged starts and their median epochs per η and loss, as core measures each run', () => {
    for (const row of summary.rows) {
      plan.losses.forEach((loss, lossIndex) => {
        const epochs: number[] = [];
        for (let initIndex = 0; initIndex < plan.initCount; initIndex++) {
          const config = runConfig(plan, runIndex(plan, { lossIndex, etaIndex: row.etaIndex, initIndex }));
          const run = train({ data: plan.data as never, loss, eta: config.eta, epochs: plan.epochs, w0: config.w0, b0: config.b0 });
          const fit = run.divergedAt === null ? convergence(run, plan.tolerance).epochsToFit : null;
          if (fit !== null) epochs.push(fit);
        }
        epochs.sort((a, b) => a - b);
        const cell = row.perLoss[lossIndex]!;
        expect(cell.done).toBe(plan.initCount);
        expect(cell.converged).toBe(epochs.length);
        const mid = epochs.length >> 1;
        const median = epochs.length === 0 ? null : epochs.length % 2 ? epochs[mid]! : (epochs[mid - 1]! + epochs[mid]!) / 2;
        expect(cell.medianEpochs).toBe(median);
      });
    }
  });

  it('reports how many times faster cross-entropy converged where both did', () => {
    const row = summary.rows[1]!; // η = 1
    expect(row.bothConverged).toBeGreaterThan(0);
    expect(row.speedup).toBeGreaterThan(1);
  });

  it('shows nothing done before any run', () => {
    const empty = summarize(plan, null);
    expect(empty.done).toBe(0);
    expect(empty.rows.every((row) => row.perLoss.every((cell) => cell.done === 0 && cell.medianEpochs === null))).toBe(true);
  });

  it('updates only the η rows a chunk touched, to the same numbers as a full summary', () => {
    const partial = sweep(smallSpec, 50);
    const before = summarize(partial.plan, partial.result);
    const { result: full } = sweep(smallSpec);
    const rows = etaRowsOf(plan, [{ start: 50, end: plan.runCount }]);
    const after = updateSummary(before, plan, full, rows);
    expect(after).toEqual(summary);
  });
});

describe('etaRowsOf', () => {
  const { plan } = sweep(smallSpec, 0);
  it('finds the η rows of run ranges (loss outermost, then η, then the start)', () => {
    expect([...etaRowsOf(plan, [{ start: 0, end: 36 }])]).toEqual([0]);
    expect([...etaRowsOf(plan, [{ start: 35, end: 37 }])].sort()).toEqual([0, 1]);
    expect([...etaRowsOf(plan, [{ start: 3 * 36, end: 3 * 36 + 1 }])]).toEqual([0]);
    expect([...etaRowsOf(plan, [{ start: 0, end: plan.runCount }])].sort()).toEqual([0, 1, 2]);
    expect(etaRowsOf(plan, [{ start: 5, end: 5 }]).size).toBe(0);
  });
});

describe('medianOf', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(medianOf(Int32Array.of(5, 1, 3), 3)).toBe(3);
    expect(medianOf(Float64Array.of(4, 1, 3, 2), 4)).toBe(2.5);
    expect(medianOf(Int32Array.of(9, 1, 7), 2)).toBe(5);
    expect(medianOf(new Int32Array(4), 0)).toBeNull();
  });
});
