import { describe, expect, it } from 'vitest';
import { DEFAULT_NS_PER_POINT_STEP, estimateSeconds, measuredNsPerPointStep } from '../../src/lib/estimate.js';
import { formatCount, formatDuration, formatNumber, formatRate } from '../../src/lib/format.js';

describe('formatNumber', () => {
  it('keeps three significant digits, groups thousands, writes tiny and huge values with exponents', () => {
    expect(formatNumber(0.85769)).toBe('0.858');
    expect(formatNumber(1)).toBe('1');
    expect(formatNumber(32768)).toBe('32,768');
    expect(formatNumber(1234.5678)).toBe('1,230');
    expect(formatNumber(2.48e-11)).toBe('2.48e-11');
    expect(formatNumber(-2.13)).toBe('−2.13');
    expect(formatNumber(Number.NaN)).toBe('—');
    expect(formatNumber(Infinity)).toBe('∞');
    expect(formatNumber(1e-3, 2)).toBe('0.001');
  });

  it('formats counts, durations and rates', () => {
    expect(formatCount(1638400)).toBe('1,638,400');
    expect(formatDuration(0.04)).toBe('0.04 s');
    expect(formatDuration(12.4)).toBe('12 s');
    expect(formatDuration(200)).toBe('3 min 20 s');
    expect(formatRate(12345.6)).toBe('12,346 runs/s');
    expect(formatRate(0)).toBe('— runs/s');
  });
});

describe('estimate', () => {
  const plan = { runCount: 32_768, epochs: 1000, data: { n: 5 } } as never;
  it('estimates seconds from point-steps, the cost per point-step and the workers', () => {
    expect(estimateSeconds(plan, 2, 10)).toBeCloseTo((32_768 * 5 * 1000 * 10e-9) / 2, 12);
    // Before anything was measured there is no estimate.
    expect(DEFAULT_NS_PER_POINT_STEP).toBeNaN();
    expect(estimateSeconds(plan, 1)).toBeNull();
  });

  it('measures the cost per point-step from a finished sweep, or says it cannot', () => {
    expect(measuredNsPerPointStep(plan, 32_768, 1.6384, 2)).toBeCloseTo(20, 9);
    expect(measuredNsPerPointStep(plan, 0, 1, 2)).toBeNull();
    expect(measuredNsPerPointStep(plan, 10, 0.01, 2)).toBeNull();
  });
});
