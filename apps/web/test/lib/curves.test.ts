import { describe, expect, it } from 'vitest';
import { gradientSplitColumns, gradientSplitRange, indexOfEpoch, logTicks, lossCurveColumns } from '../../src/lib/curves.js';
import { validateDraft } from '../../src/lib/draft.js';
import { presetById } from '../../src/lib/presets.js';
import { traceRun } from '../../src/lib/trace.js';

const plan = validateDraft(presetById('lecture-two-point').draft).plan!;
const traces = [0, 1].map((lossIndex) => traceRun(plan, { etaIndex: 0, initIndex: 0 }, lossIndex));

describe('lossCurveColumns', () => {
  it('lays out epochs, then each trace’s excess and max |ŷ − y|', () => {
    const columns = lossCurveColumns(traces, 1000, false);
    expect(columns).toHaveLength(5);
    expect(columns[0]).toHaveLength(1000);
    expect(columns[1]![5]).toBe(traces[0]!.excess[5]);
    expect(columns[4]![5]).toBe(traces[1]!.maxError[5]);
  });

  it('leaves gaps for values a log axis cannot show', () => {
    const fake = { ...traces[0]!, excess: Float64Array.of(1, 0, -1e-18, 0.5), maxError: Float64Array.of(1, 1, 1, 1), epochsRun: 4 };
    expect(lossCurveColumns([fake], 4, true)[1]).toEqual([1, null, null, 0.5]);
    expect(lossCurveColumns([fake], 4, false)[1]).toEqual([1, 0, -1e-18, 0.5]);
  });

  it('thins long runs to buckets that keep their largest value', () => {
    const columns = lossCurveColumns(traces, 1000, true, 100);
    expect(columns[0]).toHaveLength(100);
    expect(columns[0]![1]).toBe(10);
    expect(columns[1]![0]).toBe(Math.max(...traces[0]!.excess.subarray(0, 10)));
    expect(indexOfEpoch(columns[0]!, 57)).toBe(5);
  });
});

describe('gradient split', () => {
  it('lays out the error, the factor ŷ(1 − ŷ) and the gradient size, with a shared decade range', () => {
    const columns = gradientSplitColumns(traces[0]!, 1000);
    expect(columns).toHaveLength(4);
    expect(columns[2]![0]).toBe(traces[0]!.meanSlope[0]);
    const [lo, hi] = gradientSplitRange(traces);
    expect(Number.isInteger(Math.log10(lo))).toBe(true);
    expect(hi).toBeGreaterThanOrEqual(traces[1]!.gradientNorm[0]!);
  });
});

describe('logTicks', () => {
  it('gives whole decades, thinned to at most maxTicks', () => {
    expect(logTicks(1e-3, 10)).toEqual([1e-3, 1e-2, 1e-1, 1, 10]);
    const many = logTicks(1e-24, 10, 6);
    expect(many.length).toBeLessThanOrEqual(6);
    expect(many.at(-1)).toBe(10);
    expect(many).toContain(1e-24);
    expect(logTicks(0, 1)).toEqual([]);
  });
});
