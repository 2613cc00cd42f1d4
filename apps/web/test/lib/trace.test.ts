import { binaryEntropy, train, toy } from '@losslab/core';
import { describe, expect, it } from 'vitest';
import { validateDraft } from '../../src/lib/draft.js';
import { presetById } from '../../src/lib/presets.js';
import { curveRange, decade, TRACE_LIMIT, traceable, TraceCache, traceRun } from '../../src/lib/trace.js';

const plan = validateDraft(presetById('lecture-two-point').draft).plan!;
const se = traceRun(plan, { etaIndex: 0, initIndex: 0 }, plan.losses.indexOf('se'));
const ce = traceRun(plan, { etaIndex: 0, initIndex: 0 }, plan.losses.indexOf('ce'));

describe("traceRun on the lecture's two-point run", () => {
  it('recomputes the run with core’s train: same path and max |ŷ − y|', () => {
    const reference = train({ data: toy, loss: 'se', eta: 1, w0: -2, b0: -2, epochs: 1000 });
    expect(se.epochsRun).toBe(1000);
    expect(Array.from(se.pathB)).toEqual(Array.from(reference.pathB));
    expect(Array.from(se.maxError)).toEqual(Array.from(reference.maxErrors));
    expect(se).toMatchObject({ loss: 'se', eta: 1, w0: -2, b0: -2 });
  });

  it('gives squared error’s excess as its loss: a plateau ≥ 0.40 through epoch 63', () => {
    for (let t = 0; t <= 63; t++) expect(se.excess[t]).toBeGreaterThanOrEqual(0.4);
    expect(se.plateauEpochs).toBeGreaterThan(60);
  });

  it('gives cross-entropy’s excess as the KL divergence: CE − H(y), never negative, within 1e-4 by epoch 44', () => {
    const entropy = binaryEntropy(0.2) + binaryEntropy(0.9);
    const reference = train({ data: toy, loss: 'ce', eta: 1, w0: -2, b0: -2, epochs: 1000 });
    for (let t = 0; t < 1000; t++) {
      expect(ce.excess[t]).toBeGreaterThanOrEqual(0);
      expect(ce.excess[t]).toBeCloseTo(reference.losses[t]! - entropy, 12);
    }
    expect(ce.excess[43]).toBeGreaterThanOrEqual(1e-4);
    for (let t = 44; t < 1000; t++) expect(ce.excess[t]).toBeLessThan(1e-4);
  });

  it('splits the gradient: squared error’s factor ŷ(1 − ŷ) is small on the plateau; ‖∇L‖ follows it', () => {
    for (let t = 0; t < 1000; t++) {
      expect(se.meanSlope[t]).toBeGreaterThan(0);
      expect(se.meanSlope[t]).toBeLessThanOrEqual(0.25);
    }
    // On the plateau the mean factor is small while the error is large.
    expect(se.meanSlope[10]).toBeLessThan(0.06);
    expect(se.meanError[10]).toBeGreaterThan(0.4);
    // Cross-entropy's gradient has no such factor: at the same start it is larger.
    expect(ce.gradientNorm[0]).toBeGreaterThan(10 * se.gradientNorm[0]!);
  });

  it('measures convergence as core does', () => {
    expect(se.epochsToFit).toBe(291);
    expect(ce.epochsToFit).toBe(36);
    expect(se.divergedAt).toBeNull();
  });
});

describe('traceable', () => {
  it('recomputes runs of up to TRACE_LIMIT point-steps on the main thread', () => {
    expect(traceable(plan)).toBe(true);
    expect(traceable({ epochs: 1_000_000, data: { ...plan.data, n: 2, d: 1 } })).toBe(true);
    expect(traceable({ epochs: 1_000_001, data: { ...plan.data, n: 2, d: 1 } })).toBe(false);
    expect(TRACE_LIMIT).toBe(2_000_000);
  });
});

describe('TraceCache', () => {
  it('computes a trace once per plan and config', () => {
    const cache = new TraceCache(2);
    const config = { etaIndex: 0, initIndex: 0 };
    expect(cache.has(plan, config, 0)).toBe(false);
    const first = cache.get(plan, config, 0);
    expect(cache.has(plan, config, 0)).toBe(true);
    expect(cache.get(plan, config, 0)).toBe(first);
    cache.get(plan, config, 1);
    const other = validateDraft(presetById('lecture-five-point').draft).plan!;
    cache.get(other, config, 0);
    expect(cache.has(plan, config, 0)).toBe(false);
  });
});

describe('curveRange', () => {
  it('spans the yardstick max |ŷ − y| of both losses (not their excess, another unit) in whole decades on a log axis', () => {
    const [lo, hi] = curveRange([se, ce], true, 0.01);
    // max |ŷ − y| ≤ 1 always; cross-entropy's excess starts above 1 here and must not widen the shared axis.
    expect(ce.excess[0]!).toBeGreaterThan(1);
    expect(hi).toBe(1);
    expect(lo).toBe(decade(Math.round(Math.log10(lo))));
    let smallest = Infinity;
    for (const trace of [se, ce]) for (const v of trace.maxError) if (v > 0 && v < smallest) smallest = v;
    expect(lo).toBeLessThanOrEqual(smallest);
    expect(lo * 10).toBeGreaterThan(Math.max(smallest, 1e-24));
    const linear = curveRange([se, ce], false, 0.01);
    expect(linear[0]).toBe(0);
    const largest = Math.max(...se.maxError, ...ce.maxError);
    expect(linear[1]).toBeCloseTo(largest * 1.05, 12);
  });

  it('writes 10^k as the literal 1ek', () => {
    expect(decade(-24)).toBe(1e-24);
    expect(10 ** -24).not.toBe(1e-24);
  });
});
