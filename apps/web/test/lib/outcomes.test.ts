// The outcome a heatmap cell shows, its pattern and its sentence, on the runs issue 13 names: the
// stuck squared-error run of the saturation sweep and cross-entropy at η = 10 on the lecture's data.

import { train } from '@losslab/core';
import { outcomeCode, runIndex } from '@losslab/worker';
import { describe, expect, it } from 'vitest';
import { heatmapSlice, initPoints, patternCells, runFacts } from '../../src/lib/heatmap.js';
import { OutcomeCounter } from '../../src/lib/outcome-counts.js';
import { describeOutcome, OUTCOME_STYLES } from '../../src/lib/outcomes.js';
import { sweep } from '../support/sweep.js';

const toy = { x: [0.5, 2.5], y: [0.2, 0.9] };
// The saturation sweep's grid is 32 values over [−6, 6]: the stuck start is w0[1], b0[15].
const stuckW0 = -6 + 12 / 31;
const stuckB0 = -6 + (12 * 15) / 31;

describe('outcomes in the heatmap', () => {
  it('reports the saturation sweep’s stuck squared-error run as “never left the plateau (≥ 1000 epochs)” with dots', () => {
    const { plan, result } = sweep({ dataset: 'toy', losses: ['se'], eta: [1], init: { w0: [stuckW0], b0: [stuckB0] }, epochs: 1000, curve: 'none' });
    // Independently: core's train from this start; its excess (squared error's floor is 0) never
    // falls to 95% of where it started, so the run never left its plateau.
    const losses = train({ data: toy, loss: 'se', eta: 1, w0: stuckW0, b0: stuckB0, epochs: 1000 }).losses;
    expect(Math.min(...losses.slice(1))).toBeGreaterThan(0.95 * losses[0]!);
    const facts = runFacts(plan, result, initPoints(plan), 0, 0, 0);
    expect(facts.outcome).toBe('stuck');
    expect(describeOutcome({ outcome: facts.outcome!, epochs: facts.epochs, epochsToFit: facts.epochsToFit, plateauEpochs: facts.plateauEpochs, divergedAt: facts.divergedAt })).toBe('stuck: never left the plateau (≥ 1000 epochs)');
    const slice = heatmapSlice(plan, result, 0, 0, 'epochs', initPoints(plan));
    expect([...patternCells(slice)]).toEqual([['dots', [0]]]);
  });

  it('marks every cross-entropy run at η = 10 on the lecture’s data oscillating, with the diagonal hatch', () => {
    const { plan, result } = sweep({ dataset: 'toy', losses: ['se', 'ce'], eta: [1, 10], init: { w0: { from: -3, to: 3, count: 5 }, b0: { from: -3, to: 3, count: 5 } }, epochs: 1000, curve: 'none' });
    const points = initPoints(plan);
    const slice = heatmapSlice(plan, result, 1, 1, 'epochs', points);
    expect([...patternCells(slice)]).toEqual([['diagonal', Array.from({ length: 25 }, (_, k) => k)]]);
    // Independently: each such run's loss (core's train) keeps rising and falling in its last quarter.
    for (const k of [0, 12, 24]) {
      const w0 = points.w0[Math.floor(k / 5)]!;
      const b0 = points.b0[k % 5]!;
      const losses = train({ data: toy, loss: 'ce', eta: 10, w0, b0, epochs: 1000 }).losses;
      let rises = 0;
      for (let t = 750; t < 999; t++) if (losses[t + 1]! > losses[t]! + 1e-9) rises++;
      expect(rises).toBeGreaterThan(10);
    }
    const facts = runFacts(plan, result, points, 1, 1, 12);
    expect(describeOutcome({ outcome: facts.outcome!, epochs: facts.epochs, epochsToFit: facts.epochsToFit, plateauEpochs: facts.plateauEpochs, divergedAt: facts.divergedAt })).toMatch(/^oscillating: the loss keeps rising and falling/);
    expect(OUTCOME_STYLES.oscillating.pattern).not.toBe(OUTCOME_STYLES.fit.pattern);
  });

  it('gives every outcome its own pattern, and only fit none', () => {
    const patterns = Object.values(OUTCOME_STYLES).map((s) => s.pattern);
    expect(new Set(patterns).size).toBe(patterns.length);
    expect(Object.entries(OUTCOME_STYLES).filter(([, s]) => s.pattern === 'none').map(([o]) => o)).toEqual(['fit']);
  });
});

describe('OutcomeCounter', () => {
  it('counts each group’s outcomes as a plain count over the runs does, over chunks landing in any order and twice', () => {
    const { plan, result } = sweep({ dataset: 'toy', losses: ['se', 'ce'], optimizer: ['gd', 'momentum'], eta: [1, 10], init: { w0: { from: -6, to: 6, count: 4 }, b0: { from: -6, to: 6, count: 3 } }, epochs: 400, curve: 'none' });
    const counter = new OutcomeCounter(plan);
    const cuts = [0, 7, 19, 20, 41, plan.runCount];
    const ranges = cuts.slice(1).map((end, k) => ({ start: cuts[k]!, end })).reverse();
    for (const range of ranges) counter.add(result, [range]);
    counter.add(result, [{ start: 0, end: plan.runCount }]);
    const counts = counter.counts();
    let total = 0;
    for (let lossIndex = 0; lossIndex < 2; lossIndex++)
      for (let optimizerIndex = 0; optimizerIndex < 2; optimizerIndex++)
        for (let etaIndex = 0; etaIndex < 2; etaIndex++) {
          const tally = counts.at({ lossIndex, optimizerIndex, etaIndex });
          const first = runIndex(plan, { lossIndex, optimizerIndex, etaIndex, initIndex: 0 });
          for (const name of Object.keys(OUTCOME_STYLES) as (keyof typeof OUTCOME_STYLES)[]) {
            let expected = 0;
            for (let k = 0; k < plan.initCount; k++) if (result.outcome[first + k] === outcomeCode(name)) expected++;
            expect(tally[name], `${name} at loss ${lossIndex}, optimizer ${optimizerIndex}, η ${etaIndex}`).toBe(expected);
            total += tally[name];
          }
        }
    expect(total).toBe(plan.runCount);
    expect(counter.counts()).toBe(counts);
  });
});
