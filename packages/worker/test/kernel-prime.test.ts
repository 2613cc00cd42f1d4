// Priming a worker (kernel-prime.ts): which runs it takes, the short plan it takes them from, and
// that a primed worker computes every run exactly as an unprimed chunk does (priming runs the
// kernel on another plan first: nothing of it may leak into the sweep's runs).

import { describe, expect, it } from 'vitest';
import { createWorkerApi } from '../src/worker-api.js';
import { primePlan, primeRanges } from '../src/kernel-prime.js';
import { ARRAY_FIELDS, planSweep, runArray, runChunk, runChunkWith, type ChunkResult } from '../src/index.js';

const s1 = planSweep({ version: 1, dataset: 'five-point', losses: ['se', 'ce'], eta: { from: 1e-3, to: 10, count: 16, scale: 'log' }, init: { w0: { from: -6, to: 6, count: 32 }, b0: { from: -6, to: 6, count: 32 } }, epochs: 1000, curve: 'none' });

describe('primeRanges', () => {
  it("takes both ends of 8 equal slices, 4 runs each: S1's losses, each at its smallest and largest η", () => {
    const ranges = primeRanges(32768);
    // Slices of 4096 runs: [4096k, 4096k + 4) and [4096(k + 1) − 4, 4096(k + 1)).
    const expected = Array.from({ length: 8 }, (_, k) => [{ start: 4096 * k, end: 4096 * k + 4 }, { start: 4096 * (k + 1) - 4, end: 4096 * (k + 1) }]).flat();
    expect(ranges).toEqual(expected);
    // S1's index is loss-major, then η (1024 inits each): runs 0 and 16383 are squared error at
    // η = 1e-3 and η = 10; 16384 and 32767 cross-entropy at the same two.
    const starts = ranges.map((r) => r.start);
    for (const run of [0, 16380, 16384, 32764]) expect(starts).toContain(run);
  });

  it('keeps ranges distinct and inside the plan when the plan is small', () => {
    for (const runCount of [1, 2, 3, 5, 9, 17, 63, 64, 65]) {
      const ranges = primeRanges(runCount);
      expect(ranges.length).toBeGreaterThan(0);
      for (const { start, end } of ranges) {
        expect(0 <= start && start < end && end <= runCount && end - start <= 4).toBe(true);
      }
      const starts = ranges.map((r) => r.start);
      expect(new Set(starts).size).toBe(starts.length);
      expect(starts[0]).toBe(0);
      expect(ranges.at(-1)!.end).toBe(runCount);
    }
  });
});

describe('primePlan', () => {
  it("keeps the work to about 2^16 point-steps: S1's 64 runs × 5 points get ⌊65536 / 320⌋ = 204 epochs", () => {
    const probe = primePlan(s1);
    expect(probe.epochs).toBe(204);
    expect(64 * probe.epochs * 5).toBeLessThanOrEqual(2 ** 16);
    expect(probe.runCount).toBe(s1.runCount);
    expect(probe.eta).toBe(s1.eta);
  });

  it('drops the curve epochs past its last epoch; returns a short plan unchanged; never goes under 2 epochs', () => {
    const full = planSweep({ ...s1.spec, curve: 'full' });
    const probe = primePlan(full);
    expect(Array.from(probe.curveEpochs)).toEqual(Array.from({ length: 204 }, (_, t) => t));
    const short = planSweep({ ...s1.spec, epochs: 50, curve: 'full' });
    expect(primePlan(short)).toBe(short);
    const wide = planSweep({ version: 1, dataset: { generator: 'two-classes', n: 256, d: 64, seed: 1 }, losses: ['se', 'ce'], eta: [0.01, 0.5], init: { scheme: 'normal', parameter: 1, count: 64, seed: 3 }, epochs: 10 });
    expect(primePlan(wide).epochs).toBe(2);
  });
});

/** Every per-run array of two chunks, compared bit for bit (NaN equal to NaN, −0 not 0). */
function expectSameRuns(actual: ChunkResult, expected: ChunkResult): void {
  for (const field of ARRAY_FIELDS) {
    const a = runArray(actual, field);
    const b = runArray(expected, field);
    expect(a.length, field.name).toBe(b.length);
    for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) expect.fail(`${field.name}[${i}]: ${a[i]} after priming, ${b[i]} without`);
  }
}

describe('a primed worker', () => {
  it('computes every run of a chunk as a fresh one does, curves included (the kernel ran a 204-epoch plan first)', () => {
    const plan = planSweep({ ...s1.spec, eta: { from: 0.1, to: 10, count: 4, scale: 'log' }, init: { w0: { from: -3, to: 3, count: 4 }, b0: { from: -3, to: 3, count: 4 } }, epochs: 300, curve: 'full' });
    const expected = runChunkWith(plan, 0, plan.runCount, {}, 'js');
    const api = createWorkerApi();
    api.setPlan(plan, null);
    const actual = api.runRange(0, plan.runCount);
    expectSameRuns(actual, expected);
    // And a second sweep on the same worker, another plan: primed again, the same bits as runChunk.
    const next = planSweep({ ...plan.spec, epochs: 40, curve: 7 });
    api.setPlan(next, null);
    expectSameRuns(api.runRange(5, 61), runChunk(next, 5, 61));
  });
});
