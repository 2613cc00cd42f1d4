import { NEVER, outcomeCode, OUTCOME_NONE, RUN_DONE, runIndex } from '@losslab/worker';
import { describe, expect, it } from 'vitest';
import { epochsScale, packColor, STATE_COLORS } from '../../src/lib/color.js';
import {
  CELL_DIVERGED,
  CELL_NEVER,
  CELL_PENDING,
  CELL_VALUE,
  excessRange,
  gridCellAt,
  gridCellRect,
  heatmapSlice,
  initPoints,
  paintGrid,
  patternCells,
  runFacts,
  sliceCounts,
} from '../../src/lib/heatmap.js';
import { smallSpec, sweep } from '../support/sweep.js';

describe('heatmapSlice', () => {
  const { plan, result } = sweep(smallSpec);
  const points = initPoints(plan);

  it('reads epochs to convergence of one loss at one η straight from the result arrays', () => {
    const slice = heatmapSlice(plan, result, 1, 2, 'epochs', points);
    expect(slice).toMatchObject({ kind: 'grid', columns: 6, rows: 6 });
    for (let k = 0; k < plan.initCount; k++) {
      const r = runIndex(plan, { lossIndex: 1, etaIndex: 2, initIndex: k });
      const fit = result.epochsToFit[r]!;
      if (result.divergedAt[r] !== NEVER) expect(slice.states[k]).toBe(CELL_DIVERGED);
      else if (fit === NEVER) expect(slice.states[k]).toBe(CELL_NEVER);
      else {
        expect(slice.states[k]).toBe(CELL_VALUE);
        expect(slice.values[k]).toBe(fit);
      }
    }
  });

  it('marks runs not done yet as pending, and everything pending without a result', () => {
    const partial = sweep(smallSpec, 10);
    const slice = heatmapSlice(partial.plan, partial.result, 0, 0, 'epochs', points);
    expect(sliceCounts(slice).pending).toBe(plan.initCount - 10);
    expect(sliceCounts(heatmapSlice(plan, null, 0, 0, 'excess', points)).pending).toBe(plan.initCount);
  });

  it('colours by final excess, never below the floor', () => {
    const slice = heatmapSlice(plan, result, 1, 1, 'excess', points);
    expect(sliceCounts(slice).value).toBe(plan.initCount);
    for (const v of slice.values) expect(v).toBeGreaterThan(0);
    const range = excessRange(result, 1)!;
    expect(range[0]).toBeLessThanOrEqual(range[1]);
    expect(Math.min(...slice.values)).toBeGreaterThanOrEqual(range[0]);
  });

  it('reuses the slice object it is given', () => {
    const first = heatmapSlice(plan, result, 0, 0, 'epochs', points);
    expect(heatmapSlice(plan, result, 1, 2, 'epochs', points, first)).toBe(first);
  });
});

describe('paintGrid', () => {
  it('paints one pixel per cell, w0 left to right and b0 bottom to top, states in their own colours', () => {
    const slice = {
      kind: 'grid' as const,
      lossIndex: 0,
      etaIndex: 0,
      columns: 2,
      rows: 2,
      w0: Float64Array.of(0, 1),
      b0: Float64Array.of(0, 1),
      // init index = column · rows + row: (w0 0, b0 0), (w0 0, b0 1), (w0 1, b0 0), (w0 1, b0 1)
      values: Float64Array.of(0, Number.NaN, Number.NaN, 1000),
      states: Uint8Array.of(CELL_VALUE, CELL_NEVER, CELL_PENDING, CELL_VALUE),
      outcomes: Uint8Array.of(outcomeCode('fit'), outcomeCode('stuck'), OUTCOME_NONE, outcomeCode('fit')),
    };
    const scale = epochsScale(1000);
    const target = { data: new Uint8ClampedArray(16), width: 2, height: 2 };
    paintGrid(target, slice, scale);
    const pixel = (x: number, y: number) => new Uint32Array(target.data.buffer)[y * 2 + x];
    expect(pixel(0, 1)).toBe(scale.packed(0)); // bottom-left: w0 0, b0 0
    expect(pixel(0, 0)).toBe(packColor(STATE_COLORS.never)); // top-left: w0 0, b0 1
    expect(pixel(1, 1)).toBe(packColor(STATE_COLORS.pending));
    expect(pixel(1, 0)).toBe(scale.packed(1000));
    // Only the stuck run carries a pattern (dots); fit runs and the pending cell have none.
    expect([...patternCells(slice)]).toEqual([['dots', [1]]]);
    expect(() => paintGrid({ data: new Uint8ClampedArray(4), width: 1, height: 1 }, slice, scale)).toThrow(/2 × 2/);
  });
});

describe('grid geometry', () => {
  const slice = { columns: 4, rows: 3 };
  it('finds the cell under a point and the rectangle of a cell, consistently', () => {
    for (let k = 0; k < 12; k++) {
      const rect = gridCellRect(slice, k, 200, 150);
      expect(gridCellAt(slice, rect.x + rect.w / 2, rect.y + rect.h / 2, 200, 150)).toBe(k);
    }
    expect(gridCellAt(slice, 1, 149, 200, 150)).toBe(0); // bottom-left is w0[0], b0[0]
    expect(gridCellAt(slice, -1, 10, 200, 150)).toBe(-1);
  });
});

describe('runFacts', () => {
  it('gives a run’s start, η and measures', () => {
    const { plan, result } = sweep(smallSpec);
    const points = initPoints(plan);
    const facts = runFacts(plan, result, points, 1, 1, 7);
    const r = runIndex(plan, { lossIndex: 1, etaIndex: 1, initIndex: 7 });
    expect(facts).toMatchObject({ runIndex: r, eta: 1, w0: points.w0[1], b0: points.b0[1] });
    expect(result.status[r]).toBe(RUN_DONE);
    expect(facts.epochsToFit).toBe(result.epochsToFit[r] === NEVER ? null : result.epochsToFit[r]);
    expect(runFacts(plan, null, points, 1, 1, 7).state).toBe('pending');
  });
});
