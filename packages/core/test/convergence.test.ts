import { describe, expect, it } from 'vitest';
import { DEFAULT_FIT_TOLERANCE, convergence, epochsTo99, epochsToDecrease, epochsToFit, plateauLength, toy, train } from '../src/index.js';

/**
 * The first epoch t with L₀ − L[t′] ≥ fraction·(L₀ − L_end) for every t′ ≥ t, found forwards with
 * a suffix maximum (the package scans backwards): an independent reading of the definition.
 */
function firstEpochKeeping(losses: ArrayLike<number>, fraction: number): number | null {
  const n = losses.length;
  if (n === 0 || !(losses[0]! - losses[n - 1]! > 0)) return null;
  const suffixMax = new Float64Array(n);
  let m = -Infinity;
  for (let t = n - 1; t >= 0; t--) suffixMax[t] = m = Math.max(m, losses[t]!);
  const target = fraction * (losses[0]! - losses[n - 1]!);
  for (let t = 0; t < n; t++) if (losses[0]! - suffixMax[t]! >= target) return t;
  return null;
}

/** The first epoch from which every later maxError is ≤ ε, found forwards. */
function firstEpochFit(maxErrors: ArrayLike<number>, tolerance: number): number | null {
  for (let t = 0; t < maxErrors.length; t++) {
    let ok = true;
    for (let u = t; u < maxErrors.length && ok; u++) ok = maxErrors[u]! <= tolerance;
    if (ok) return t;
  }
  return null;
}

describe('epochsToFit', () => {
  it('names the first epoch from which every prediction stays within ε, not the first dip below it', () => {
    const curve = [0.5, 0.3, 0.005, 0.002, 0.2, 0.05, 0.009, 0.004, 0.001];
    expect(epochsToFit(curve)).toBe(6);
    expect(epochsToFit(curve, 0.1)).toBe(5);
    expect(epochsToFit(curve, 1)).toBe(0);
  });

  it('is null when the last epoch still misses, or the curve is empty', () => {
    expect(epochsToFit([0.5, 0.001, 0.002, 0.5])).toBe(null);
    expect(epochsToFit([0.5, 0.4, 0.3])).toBe(null);
    expect(epochsToFit([])).toBe(null);
  });

  it('the default ε is 0.01, and ε = 0.01 counts as within (≤)', () => {
    expect(DEFAULT_FIT_TOLERANCE).toBe(0.01);
    expect(epochsToFit([0.02, 0.01, 0.01])).toBe(1);
    expect(epochsToFit([0.02, 0.0100001])).toBe(null);
  });

  it('throws a RangeError naming tolerance for ε < 0 or NaN', () => {
    expect(() => epochsToFit([0.1], -1)).toThrow(RangeError);
    expect(() => epochsToFit([0.1], -1)).toThrow(/tolerance.*got -1/);
    expect(() => epochsToFit([0.1], NaN)).toThrow(/tolerance.*got NaN/);
  });
});

describe('epochsToDecrease, epochsTo99 and plateauLength', () => {
  // L₀ = 10, L_end = 0: total decrease 10. 5% is reached (L ≤ 9.5) at epoch 3 and kept; 99%
  // (L ≤ 0.1) is reached at epoch 6, lost at 7, regained at 8 for good.
  const curve = [10, 9.9, 9.8, 9.5, 5, 1, 0.1, 0.5, 0.05, 0];

  it('on a constructed curve: plateauLength = 3, epochsTo99 = 8, half the decrease from epoch 4', () => {
    expect(plateauLength(curve)).toBe(3);
    expect(epochsTo99(curve)).toBe(8);
    expect(epochsToDecrease(curve, 0.5)).toBe(4);
    expect(epochsToDecrease(curve, 1)).toBe(9);
  });

  it('a curve that comes back above the threshold is not counted until it stays below', () => {
    const bouncing = [10, 9, 8, 9.9, 9.8, 5, 0];
    // 5% of 10 means L ≤ 9.5: reached at epoch 1, lost at 3 and 4, kept from 5.
    expect(plateauLength(bouncing)).toBe(5);
    expect(firstEpochKeeping(bouncing, 0.05)).toBe(5);
  });

  it('is null when the loss did not decrease, or the curve is empty', () => {
    expect(plateauLength([1, 1, 1])).toBe(null);
    expect(epochsTo99([1, 0.5, 2])).toBe(null);
    expect(epochsToDecrease([], 0.5)).toBe(null);
    expect(plateauLength([3])).toBe(null);
  });

  it('does not depend on the scale or offset of the loss', () => {
    const shifted = curve.map((v) => 3 * v + 0.8254854); // e.g. a cross-entropy, whose floor is H(y)
    expect(plateauLength(shifted)).toBe(plateauLength(curve));
    expect(epochsTo99(shifted)).toBe(epochsTo99(curve));
  });

  it('throws a RangeError naming fraction outside (0, 1]', () => {
    for (const f of [0, -0.5, 1.5, NaN]) expect(() => epochsToDecrease(curve, f)).toThrow(/fraction must be in \(0, 1\], got/);
  });

  it('agrees with a forward scan on random curves', () => {
    let state = 12345;
    const random = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let k = 0; k < 200; k++) {
      const curve = Array.from({ length: 1 + Math.floor(random() * 30) }, () => random());
      for (const f of [0.05, 0.5, 0.99, 1]) expect(epochsToDecrease(curve, f)).toBe(firstEpochKeeping(curve, f));
      expect(epochsToFit(curve, 0.3)).toBe(firstEpochFit(curve, 0.3));
    }
  });
});

describe("convergence of the lecture's runs", () => {
  const se = train({ data: toy, loss: 'se', eta: 1, w0: -2, b0: -2, epochs: 1000 });
  const ce = train({ data: toy, loss: 'ce', eta: 1, w0: -2, b0: -2, epochs: 1000 });

  it('squared error sits on a plateau of about 69 epochs; cross-entropy leaves it within 2', () => {
    const sePlateau = firstEpochKeeping(se.losses, 0.05);
    const cePlateau = firstEpochKeeping(ce.losses, 0.05);
    expect(plateauLength(se.losses)).toBe(sePlateau);
    expect(plateauLength(ce.losses)).toBe(cePlateau);
    // The lecture: still ≥ 0.40 at epoch 63 (of a 0.416 start), below 0.39 by 71.
    expect(sePlateau).toBeGreaterThanOrEqual(64);
    expect(sePlateau).toBeLessThanOrEqual(71);
    expect(cePlateau).toBeLessThanOrEqual(2);
  });

  it('epochsTo99 and epochsToFit agree with forward scans, and cross-entropy fits first', () => {
    expect(epochsTo99(se.losses)).toBe(firstEpochKeeping(se.losses, 0.99));
    expect(epochsTo99(ce.losses)).toBe(firstEpochKeeping(ce.losses, 0.99));
    expect(epochsToFit(se.maxErrors)).toBe(firstEpochFit(se.maxErrors, 0.01));
    expect(epochsToFit(ce.maxErrors)).toBe(firstEpochFit(ce.maxErrors, 0.01));
    expect(epochsToFit(ce.maxErrors)!).toBeLessThan(epochsToFit(se.maxErrors)!);
    expect(convergence(se)).toEqual({ epochsToFit: firstEpochFit(se.maxErrors, 0.01), epochsTo99: firstEpochKeeping(se.losses, 0.99), plateauLength: firstEpochKeeping(se.losses, 0.05) });
    expect(convergence(ce, 0.001).epochsToFit).toBe(firstEpochFit(ce.maxErrors, 0.001));
  });
});
