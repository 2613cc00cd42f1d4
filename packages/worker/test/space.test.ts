// The run index space: its order written out explicitly (loss outermost, then η, then w0, then b0
// innermost), and properties over random shapes: index → position → index is the identity, every
// config is the one the order implies, and curveEpochs keeps its promises. The shapes come from a
// seeded counter-based generator (core's), so every run of the test sees the same cases.

import { createRandom } from '@losslab/core';
import { describe, expect, it } from 'vitest';
import { curveEpochs, planSweep, runConfig, runIndex, runPosition, type SweepPlan } from '../src/index.js';

/** A random integer in [lo, hi] from a seeded stream. */
const between = (random: { next(): number }, lo: number, hi: number) => lo + Math.floor(random.next() * (hi - lo + 1));

describe('run index order', () => {
  it('is loss outermost, then η, then w0, then b0 innermost: the whole list of a 2 × 2 × 3 × 2 grid', () => {
    const plan = planSweep({ version: 1, dataset: 'toy', losses: ['ce', 'se'], eta: [0.5, 2], init: { w0: [-1, 0, 1], b0: [10, 20] }, epochs: 1 });
    // Written out by hand, in the order the design promises; not computed with the same formula.
    const expected: [string, number, number, number][] = [];
    for (const loss of ['ce', 'se']) for (const eta of [0.5, 2]) for (const w0 of [-1, 0, 1]) for (const b0 of [10, 20]) expected.push([loss, eta, w0, b0]);
    expect(plan.runCount).toBe(24);
    const actual = Array.from({ length: plan.runCount }, (_, i) => {
      const c = runConfig(plan, i);
      return [c.loss, c.eta, c.w0[0]!, c.b0];
    });
    expect(actual).toEqual(expected);
    // Landmarks, by hand: run 6 is the first at η = 2, run 12 the first of the second loss ('se').
    expect(runConfig(plan, 6)).toMatchObject({ loss: 'ce', eta: 2, w0Index: 0, b0Index: 0 });
    expect(runConfig(plan, 12)).toMatchObject({ loss: 'se', eta: 0.5, w0Index: 0, b0Index: 0 });
    expect(runConfig(plan, 23)).toMatchObject({ loss: 'se', eta: 2, w0Index: 2, b0Index: 1 });
  });

  it('puts the random-init sample where the grid would be', () => {
    const plan = planSweep({ version: 1, dataset: 'toy', losses: ['se', 'ce'], eta: [1, 2], init: { scheme: 'normal', count: 3, seed: 5 }, epochs: 1 });
    const positions = Array.from({ length: plan.runCount }, (_, i) => {
      const c = runConfig(plan, i);
      return [c.lossIndex, c.etaIndex, c.initIndex, c.w0Index, c.b0Index];
    });
    const expected: number[][] = [];
    for (let l = 0; l < 2; l++) for (let e = 0; e < 2; e++) for (let k = 0; k < 3; k++) expected.push([l, e, k, -1, -1]);
    expect(positions).toEqual(expected);
  });
});

describe('run index space, over 200 random shapes', () => {
  const random = createRandom(20_260_103);
  const shapes = Array.from({ length: 200 }, () => ({
    losses: random.next() < 0.5 ? ['se'] : random.next() < 0.5 ? ['se', 'ce'] : ['ce', 'se'],
    eta: between(random, 1, 5),
    w0: between(random, 1, 6),
    b0: between(random, 1, 6),
    randomInits: random.next() < 0.3 ? between(random, 1, 20) : 0,
  }));
  const planOf = (s: (typeof shapes)[number]): SweepPlan =>
    planSweep({
      version: 1,
      dataset: 'toy',
      losses: s.losses,
      eta: { from: 0.1, to: 10, count: s.eta, scale: 'log' },
      init: s.randomInits > 0 ? { scheme: 'uniform', count: s.randomInits, seed: 3 } : { w0: { from: -3, to: 3, count: s.w0 }, b0: { from: -1, to: 1, count: s.b0 } },
      epochs: 1,
    });

  it('index → position → index is the identity, and positions cover the axes exactly once', () => {
    for (const shape of shapes) {
      const plan = planOf(shape);
      const inits = shape.randomInits > 0 ? shape.randomInits : shape.w0 * shape.b0;
      expect(plan.runCount).toBe(shape.losses.length * shape.eta * inits);
      const seen = new Set<string>();
      for (let i = 0; i < plan.runCount; i++) {
        const position = runPosition(plan, i);
        expect(runIndex(plan, position)).toBe(i);
        seen.add(`${position.lossIndex}/${position.etaIndex}/${position.initIndex}`);
      }
      expect(seen.size).toBe(plan.runCount);
    }
  });

  it('a run counted from the end of each axis has the config the order implies', () => {
    for (const shape of shapes) {
      const plan = planOf(shape);
      const inits = shape.randomInits > 0 ? shape.randomInits : shape.w0 * shape.b0;
      // Counting runs one by one, innermost fastest: an odometer, independent of the formula.
      let lossIndex = 0;
      let etaIndex = 0;
      let initIndex = 0;
      for (let i = 0; i < plan.runCount; i++) {
        const c = runConfig(plan, i);
        expect([c.lossIndex, c.etaIndex, c.initIndex]).toEqual([lossIndex, etaIndex, initIndex]);
        expect(c.loss).toBe(shape.losses[lossIndex]);
        expect(c.eta).toBe(plan.eta[etaIndex]);
        if (shape.randomInits === 0) {
          expect([c.w0Index, c.b0Index]).toEqual([Math.floor(initIndex / shape.b0), initIndex % shape.b0]);
          expect(c.b0).toBe(plan.init.kind === 'grid' ? plan.init.b0[c.b0Index] : Number.NaN);
        }
        if (++initIndex === inits) {
          initIndex = 0;
          if (++etaIndex === shape.eta) {
            etaIndex = 0;
            lossIndex++;
          }
        }
      }
    }
  });

  it('refuses indexes and positions off the space, naming the value', () => {
    const plan = planOf(shapes[0]!);
    for (const bad of [-1, plan.runCount, 0.5, Number.NaN]) expect(() => runPosition(plan, bad)).toThrow(new RegExp(`run index must be an integer in \\[0, ${plan.runCount}\\), got ${bad}`));
    expect(() => runIndex(plan, { lossIndex: 0, etaIndex: plan.eta.length, initIndex: 0 })).toThrow(`etaIndex must be an integer in [0, ${plan.eta.length}), got ${plan.eta.length}`);
  });
});

describe('curveEpochs, over random (k, epochs)', () => {
  const random = createRandom(77);
  const cases: [number, number][] = [
    [1, 1],
    [1, 1000],
    [2, 2],
    [32, 1000],
    [5, 3],
    [1000, 1000],
  ];
  for (let n = 0; n < 300; n++) cases.push([between(random, 1, 200), between(random, 1, random.next() < 0.5 ? 300 : 100_000)]);

  it('has min(k, epochs) epochs, sorted and distinct, within [0, epochs), always the last and (k ≥ 2) the first', () => {
    for (const [k, epochs] of cases) {
      const picked = Array.from(curveEpochs(k, epochs));
      const where = `k = ${k}, epochs = ${epochs}`;
      expect(picked.length, where).toBe(Math.min(k, epochs));
      for (let i = 1; i < picked.length; i++) expect(picked[i]!, where).toBeGreaterThan(picked[i - 1]!);
      for (const t of picked) expect(Number.isInteger(t) && t >= 0 && t < epochs, where).toBe(true);
      expect(picked.at(-1), where).toBe(epochs - 1);
      if (Math.min(k, epochs) >= 2) expect(picked[0], where).toBe(0);
    }
  });

  it("'full' is every epoch and 'none' is none", () => {
    expect(Array.from(curveEpochs('full', 5))).toEqual([0, 1, 2, 3, 4]);
    expect(curveEpochs('none', 5)).toHaveLength(0);
  });

  it('spaces the samples evenly in log(1 + t), filling merged early samples with midpoints', () => {
    for (const [k, epochs] of [[32, 1000], [10, 100_000], [50, 300]] as const) {
      const picked = Array.from(curveEpochs(k, epochs));
      // The rule, written again here: sample j of k at round(expm1(log(epochs) · j / (k − 1))).
      // Early ones round to the same epoch; every one of them is kept, the rest are midpoints.
      const top = Math.log1p(epochs - 1);
      const ideal = new Set(Array.from({ length: k }, (_, j) => Math.round(Math.expm1((top * j) / (k - 1)))));
      for (const t of ideal) expect(picked, `k = ${k}, epochs = ${epochs}`).toContain(t);
      const filled = picked.filter((t) => !ideal.has(t));
      expect(filled.length).toBe(k - ideal.size);
      // Each filled epoch lies strictly inside a gap between two of the rule's samples.
      const sortedIdeal = [...ideal].sort((a, b) => a - b);
      for (const t of filled) expect(sortedIdeal.some((a, i) => a < t && t < sortedIdeal[i + 1]!)).toBe(true);
    }
  });
});
