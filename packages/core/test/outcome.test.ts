import { describe, expect, it } from 'vitest';
import { convergence, lossFloor, logit, noisyThreshold, runOutcome, runOutcomes, toy, train, type RunFacts } from '../src/index.js';

const facts = (losses: number[], extra: Partial<RunFacts> = {}): RunFacts => ({ losses, floor: 0, epochsToFit: null, divergedAt: null, ...extra });

/** The lecture's exact fit, where cross-entropy's and squared error's optimum is. */
const wFit = (logit(0.9) - logit(0.2)) / 2;
const bFit = logit(0.2) - wFit / 2;

describe('runOutcome rules on constructed curves', () => {
  const falling = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1.5, 1.2, 1.1, 1.0];

  it('diverged wins over everything, then fit', () => {
    expect(runOutcome(facts(falling, { divergedAt: 13, epochsToFit: 3 }))).toBe('diverged');
    expect(runOutcome(facts(falling, { epochsToFit: 3 }))).toBe('fit');
    expect(runOutcome(facts(falling))).toBe('descending');
  });

  it('three significant rises in the last quarter make it oscillating; two do not', () => {
    // 21 epochs: the last quarter is the 5 steps from epoch 15 to 20.
    const prefix = [20, 19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 2];
    const three = [...prefix, 3, 1, 3, 1, 3];
    expect(runOutcome(facts(three))).toBe('oscillating');
    const two = [...prefix, 3, 1, 3, 1, 0.5];
    expect(runOutcome(facts(two))).toBe('descending');
    // Rises before the last quarter do not count.
    const early = [20, 21, 19, 22, 18, 23, 17, 24, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4];
    expect(runOutcome(facts(early))).toBe('descending');
  });

  it('rises below a millionth of the excess, or the rounding of the loss, do not count', () => {
    const floor = 1;
    // 13 epochs: the last quarter is the 3 steps from epoch 9 to 12. Excess 1.5: a rise of 4e-7 is
    // below 1.5e-6, one of 4e-6 is not.
    const tiny = [...falling.slice(0, 9), 1.5, 1.5 + 4e-7, 1.5, 1.5 + 4e-7].map((v) => v + floor);
    expect(runOutcome(facts(tiny, { floor }))).toBe('stalled');
    const real = [...falling.slice(0, 9), 1.5, 1.5 + 4e-6, 1.5 + 8e-6, 1.5 + 12e-6].map((v) => v + floor);
    expect(runOutcome(facts(real, { floor }))).toBe('oscillating');
  });

  it('a run that never got below 95% of its starting excess is stuck; one that stopped falling after leaving is stalled', () => {
    expect(runOutcome(facts([1, 0.99, 0.98, 0.97, 0.96, 0.96]))).toBe('stuck');
    expect(runOutcome(facts([1, 0.5, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4]))).toBe('stalled');
  });

  it('the outcomes are listed in the order the rules are tried', () => {
    expect(runOutcomes).toEqual(['diverged', 'fit', 'oscillating', 'stuck', 'stalled', 'descending']);
  });
});

describe('every outcome from a real run', () => {
  it('diverged: η = 1e308 on large inputs', () => {
    const run = train({ data: { x: [1000, -2000, 30], y: [0, 1, 1] }, loss: 'ce', eta: 1e308, w0: 0.001, epochs: 100 });
    expect(run.divergedAt).not.toBe(null);
    expect(convergence(run)).toEqual({ epochsToFit: null, plateauEpochs: null, epochsTo1PercentExcess: null, outcome: 'diverged' });
  });

  it("fit: the lecture's runs at η = 1", () => {
    for (const loss of ['se', 'ce'] as const) expect(convergence(train({ data: toy, loss, eta: 1, w0: -2, b0: -2, epochs: 1000 })).outcome).toBe('fit');
  });

  it("stuck: squared error from the saturated start w0 = b0 = −6 on the lecture's two points", () => {
    const run = train({ data: toy, loss: 'se', eta: 1, w0: -6, b0: -6, epochs: 1000 });
    expect(run.losses[999]! / run.losses[0]!).toBeGreaterThan(0.95);
    expect(convergence(run).outcome).toBe('stuck');
  });

  it('stalled: cross-entropy on noisy labels settles at a minimum that does not fit', () => {
    const data = noisyThreshold({ n: 50, seed: 1 });
    const run = train({ data, loss: 'ce', eta: 0.01, epochs: 3000 });
    const last = run.losses.length - 1;
    expect(run.maxErrors[last]!).toBeGreaterThan(0.5); // some label contradicts the threshold
    expect(run.losses[last - 750]! - run.losses[last]!).toBeLessThan(1e-6 * (run.losses[last]! - lossFloor(data, 'ce')));
    expect(convergence(run).outcome).toBe('stalled');
  });

  it("descending: squared error at η = 0.1 has left its plateau (epoch 675) but not fit by epoch 1000", () => {
    const run = train({ data: toy, loss: 'se', eta: 0.1, w0: -2, b0: -2, epochs: 1000 });
    for (let t = 750; t < 999; t++) expect(run.losses[t + 1]!).toBeLessThan(run.losses[t]!);
    expect(convergence(run)).toMatchObject({ epochsToFit: null, outcome: 'descending' });
  });

  it('oscillating, a clean 2-cycle: cross-entropy just past its stability limit (η = 2.6 > 2.569) near the optimum', () => {
    const run = train({ data: toy, loss: 'ce', eta: 2.6, w0: 1.8, b0: -2.3, epochs: 1000 });
    const L = run.losses;
    for (let t = 750; t < 997; t++) {
      expect(Math.abs(L[t + 2]! - L[t]!)).toBeLessThan(1e-12); // period 2
      expect(Math.abs(L[t + 1]! - L[t]!)).toBeGreaterThan(1e-4); // but the two values differ
    }
    expect(convergence(run).outcome).toBe('oscillating');
  });

  it('and just below the limit (η = 2.5) the same start fits', () => {
    expect(convergence(train({ data: toy, loss: 'ce', eta: 2.5, w0: wFit + 0.05, b0: bFit, epochs: 1000 })).outcome).toBe('fit');
  });
});

describe("cross-entropy at η = 10 on the lecture's two points", () => {
  // Every start of a 9 × 9 grid over [−3, 3]².
  const starts = Array.from({ length: 81 }, (_, k) => ({ w0: -3 + (6 * Math.floor(k / 9)) / 8, b0: -3 + (6 * (k % 9)) / 8 }));

  it('oscillates irregularly (not a 2-cycle) from every start, and is classified oscillating', () => {
    for (const { w0, b0 } of starts) {
      const run = train({ data: toy, loss: 'ce', eta: 10, w0, b0, epochs: 1000, recordPath: false });
      const L = run.losses;
      let rises = 0;
      let aperiodic = 0;
      for (let t = 750; t < 998; t++) {
        if (L[t + 1]! > L[t]! * (1 + 1e-3)) rises++;
        if (Math.abs(L[t + 2]! - L[t]!) > 1e-3 * (L[t]! - run.floor)) aperiodic++;
      }
      expect(rises, `(${w0}, ${b0})`).toBeGreaterThan(20);
      expect(aperiodic, `(${w0}, ${b0})`).toBeGreaterThan(100);
      expect(run.divergedAt).toBe(null);
      expect(convergence(run).outcome, `(${w0}, ${b0})`).toBe('oscillating');
    }
  });
});
