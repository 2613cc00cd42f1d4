import { describe, expect, it } from 'vitest';
import { binaryEntropy, DEFAULT_FIT_TOLERANCE, convergence, epochsTo1PercentExcess, epochsToExcessFraction, excessMeasures, epochsToFit, lossFloor, plateauEpochs, toy, train } from '../src/index.js';

/**
 * The first epoch t with L[t′] − F ≤ fraction·(L[0] − F) for every t′ ≥ t, found forwards with a
 * suffix maximum (the package scans backwards): an independent reading of the definition.
 */
function firstEpochKeeping(losses: ArrayLike<number>, floor: number, fraction: number): number | null {
  const n = losses.length;
  if (n === 0) return null;
  if (!(losses[0]! - floor > 0)) return 0;
  const suffixMax = new Float64Array(n);
  let m = -Infinity;
  for (let t = n - 1; t >= 0; t--) suffixMax[t] = m = Math.max(m, losses[t]!);
  const target = fraction * (losses[0]! - floor);
  for (let t = 0; t < n; t++) if (suffixMax[t]! - floor <= target) return t;
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

describe('epochsToExcessFraction, plateauEpochs and epochsTo1PercentExcess', () => {
  // Floor 0, starting excess 10. 95% is 9.5: reached at epoch 3 and kept; 1% (≤ 0.1) is reached at
  // epoch 6, lost at 7, regained at 8 for good.
  const curve = [10, 9.9, 9.8, 9.5, 5, 1, 0.1, 0.5, 0.05, 0];

  it('on a constructed curve: plateauEpochs = 3, epochsTo1PercentExcess = 8, half the excess gone from epoch 4', () => {
    expect(plateauEpochs(curve, 0)).toBe(3);
    expect(epochsTo1PercentExcess(curve, 0)).toBe(8);
    expect(epochsToExcessFraction(curve, 0, 0.5)).toBe(4);
  });

  it('a curve that comes back above the threshold is not counted until it stays below', () => {
    const bouncing = [10, 9, 8, 9.9, 9.8, 5, 0];
    expect(plateauEpochs(bouncing, 0)).toBe(5);
    expect(firstEpochKeeping(bouncing, 0, 0.95)).toBe(5);
  });

  it('measures against the floor and the starting excess, not the run’s own total decrease', () => {
    // A run that loses 3% of its excess at once and then sits: it never left its plateau. The old
    // rule (a fraction of L₀ − L_end) called epoch 1 the end of a plateau here.
    const sitting = [1.3, 1.27, 1.2699, 1.2699, 1.2699];
    expect(plateauEpochs(sitting, 0.3)).toBe(null);
    // The same numbers over a floor of 1.25 lose most of their excess (0.05 → 0.0199).
    expect(plateauEpochs(sitting, 1.25)).toBe(1);
    expect(epochsTo1PercentExcess(sitting, 1.25)).toBe(null);
  });

  it('is 0 for a run that starts at its floor, null for an empty curve', () => {
    expect(plateauEpochs([0.5, 0.5], 0.5)).toBe(0);
    expect(plateauEpochs([], 0)).toBe(null);
  });

  it('does not depend on the scale of the loss, only on its excess', () => {
    const shifted = curve.map((v) => 3 * v + 0.8254854);
    expect(plateauEpochs(shifted, 0.8254854)).toBe(plateauEpochs(curve, 0));
    expect(epochsTo1PercentExcess(shifted, 0.8254854)).toBe(epochsTo1PercentExcess(curve, 0));
  });

  it('throws a RangeError naming fraction outside (0, 1) and floor not finite', () => {
    for (const f of [0, -0.5, 1, 1.5, NaN]) expect(() => epochsToExcessFraction(curve, 0, f)).toThrow(/fraction must be in \(0, 1\), got/);
    expect(() => plateauEpochs(curve, NaN)).toThrow(/floor must be a finite number, got NaN/);
  });

  it('agrees with a forward scan on random curves and floors', () => {
    let state = 12345;
    const random = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let k = 0; k < 300; k++) {
      const curve = Array.from({ length: 1 + Math.floor(random() * 30) }, () => random());
      const floor = random() * 0.3;
      for (const f of [0.01, 0.5, 0.95]) expect(epochsToExcessFraction(curve, floor, f)).toBe(firstEpochKeeping(curve, floor, f));
      expect(excessMeasures(curve, floor)).toEqual({ plateauEpochs: firstEpochKeeping(curve, floor, 0.95), epochsTo1PercentExcess: firstEpochKeeping(curve, floor, 0.01) });
      expect(epochsToFit(curve, 0.3)).toBe(firstEpochFit(curve, 0.3));
    }
  });
});

describe("convergence of the lecture's runs", () => {
  const se = train({ data: toy, loss: 'se', eta: 1, w0: -2, b0: -2, epochs: 1000 });
  const ce = train({ data: toy, loss: 'ce', eta: 1, w0: -2, b0: -2, epochs: 1000 });

  it('train reports the floor: 0 for squared error, H(0.2) + H(0.9) for cross-entropy', () => {
    expect(se.floor).toBe(0);
    expect(ce.floor).toBeCloseTo(binaryEntropy(0.2) + binaryEntropy(0.9), 15);
    expect(lossFloor(toy, 'ce', { reduction: 'mean' })).toBeCloseTo((binaryEntropy(0.2) + binaryEntropy(0.9)) / 2, 15);
  });

  it('squared error sits on a plateau of about 69 epochs; cross-entropy leaves it after 1', () => {
    const sePlateau = firstEpochKeeping(se.losses, 0, 0.95);
    const cePlateau = firstEpochKeeping(ce.losses, binaryEntropy(0.2) + binaryEntropy(0.9), 0.95);
    expect(plateauEpochs(se.losses, se.floor)).toBe(sePlateau);
    expect(plateauEpochs(ce.losses, ce.floor)).toBe(cePlateau);
    // The lecture: still ≥ 0.40 at epoch 63 (of a 0.416 start), below 0.39 by 71.
    expect(sePlateau).toBeGreaterThanOrEqual(69);
    expect(sePlateau).toBeLessThanOrEqual(70);
    expect(cePlateau).toBe(1);
  });

  it('epochsTo1PercentExcess and epochsToFit agree with forward scans, and cross-entropy fits first', () => {
    expect(epochsTo1PercentExcess(se.losses, se.floor)).toBe(firstEpochKeeping(se.losses, 0, 0.01));
    expect(epochsTo1PercentExcess(ce.losses, ce.floor)).toBe(firstEpochKeeping(ce.losses, ce.floor, 0.01));
    expect(epochsToFit(ce.maxErrors)!).toBeLessThan(epochsToFit(se.maxErrors)!);
    expect(convergence(se)).toEqual({ epochsToFit: firstEpochFit(se.maxErrors, 0.01), epochsTo1PercentExcess: firstEpochKeeping(se.losses, 0, 0.01), plateauEpochs: firstEpochKeeping(se.losses, 0, 0.95), outcome: 'fit' });
    expect(convergence(ce, 0.001).epochsToFit).toBe(firstEpochFit(ce.maxErrors, 0.001));
  });
});

describe('the stuck run of the saturation sweep (squared error, w0 ≈ −5.61, b0 ≈ −0.194, η = 1)', () => {
  // The saturation sweep's grid is −6 + 12k/31: w0 at k = 1, b0 at k = 15.
  const run = train({ data: toy, loss: 'se', eta: 1, w0: -6 + 12 / 31, b0: -6 + (12 * 15) / 31, epochs: 1000 });

  it('sits at an excess of about 0.405 from beginning to end, never fitting', () => {
    for (const t of [0, 10, 500, 999]) {
      expect(run.losses[t]!).toBeGreaterThan(0.4);
      expect(run.losses[t]!).toBeLessThan(0.42);
    }
    expect(run.maxErrors[999]!).toBeGreaterThan(0.5);
  });

  it('reports "never left" (null) and outcome stuck, where the old rule said "plateau 10 epochs"', () => {
    // The old rule, a fraction of the run's own decrease: 5% of L₀ − L_end is reached at epoch 10.
    const total = run.losses[0]! - run.losses[999]!;
    let old = 1000;
    while (old > 0 && run.losses[0]! - run.losses[old - 1]! >= 0.05 * total) old--;
    expect(old).toBe(10);
    expect(convergence(run)).toEqual({ epochsToFit: null, plateauEpochs: null, epochsTo1PercentExcess: null, outcome: 'stuck' });
  });
});
