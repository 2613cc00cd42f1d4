import { train, toy } from '@losslab/core';
import { describe, expect, it } from 'vitest';
import { validateDraft } from '../../src/lib/draft.js';
import { crossEntropyStabilityLimit, GUIDE, isGuideStep, LARGE_ETAS } from '../../src/lib/guide.js';
import { GUIDE_STEP_COUNT, initialState, reduce } from '../../src/lib/state.js';
import { parseUrlState, serializeUrlState } from '../../src/lib/url-state.js';

describe('the guided path', () => {
  it('has 3 to 5 steps, each with a title and one sentence, ending on the user’s own sweep', () => {
    expect(GUIDE.length).toBe(GUIDE_STEP_COUNT);
    expect(GUIDE.length).toBeGreaterThanOrEqual(3);
    expect(GUIDE.length).toBeLessThanOrEqual(5);
    expect(GUIDE.at(-1)!.view.kind).toBe('form');
    for (const step of GUIDE) expect(step.text.length).toBeGreaterThan(20);
    for (const step of GUIDE) if (step.view.kind === 'sweep') expect(validateDraft(step.view.draft).plan).not.toBeNull();
    expect([0, 6, 1.5, -1].map(isGuideStep)).toEqual([false, false, false, false]);
  });

  it('computes cross-entropy’s stability limit on the lecture’s points as 2/λ_max, by hand ≈ 2.569', () => {
    // Hessian at the fit: Σ y(1−y)[x;1][x;1]ᵀ = [[0.6025, 0.305], [0.305, 0.25]] (0.16 and 0.09 weights).
    const [a, b, c] = [0.16 * 0.25 + 0.09 * 6.25, 0.16 * 0.5 + 0.09 * 2.5, 0.25];
    const lambda = (a + c) / 2 + Math.sqrt(((a - c) / 2) ** 2 + b * b);
    expect(crossEntropyStabilityLimit(toy)).toBeCloseTo(2 / lambda, 12);
    expect(crossEntropyStabilityLimit(toy)).toBeCloseTo(2.569, 3);
  });

  it('puts the large-η step on both sides of the limit: descent from near the fit settles below it and oscillates above it', () => {
    const limit = crossEntropyStabilityLimit(toy);
    const w = (Math.log(0.9 / 0.1) - Math.log(0.2 / 0.8)) / 2;
    const b = Math.log(0.2 / 0.8) - 0.5 * w;
    const distance = (eta: number) => {
      const r = train({ data: toy, loss: 'ce', eta, epochs: 400, w0: w + 0.05, b0: b - 0.05 });
      return Math.hypot(r.w[0]! - w, r.b - b);
    };
    expect(distance(limit * 0.9)).toBeLessThan(1e-6);
    expect(distance(limit * 1.1)).toBeGreaterThan(1e-3);
    expect(LARGE_ETAS.some((eta) => eta < limit) && LARGE_ETAS.some((eta) => eta > limit)).toBe(true);
  });

  it('keeps the step in the state and the URL: every step round-trips, bad steps are refused or dropped by name', () => {
    for (let step = 1; step <= GUIDE.length; step++) {
      const state = reduce(initialState(), { type: 'set-guide', step });
      const query = serializeUrlState(state, false);
      expect(query).toContain(`guide=${step}`);
      expect(parseUrlState(query).state.view.guide).toBe(step);
    }
    expect(reduce(reduce(initialState(), { type: 'set-guide', step: 2 }), { type: 'set-guide', step: 0 }).view).toEqual(initialState().view);
    expect(() => reduce(initialState(), { type: 'set-guide', step: 6 })).toThrow(/guide step .* got 6/);
    const bad = parseUrlState('?v=1&guide=9');
    expect(bad.state.view.guide).toBeUndefined();
    expect(bad.dropped).toEqual([expect.objectContaining({ key: 'guide' })]);
    expect(serializeUrlState(initialState(), false)).not.toContain('guide');
  });
});
