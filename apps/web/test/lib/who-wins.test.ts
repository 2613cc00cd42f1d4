import { epochsToFit, train } from '@losslab/core';
import { allocateRuns, NEVER, planSweep, RUN_DONE, runConfig } from '@losslab/worker';
import { describe, expect, it } from 'vitest';
import { whoWins, WINNER } from '../../src/lib/who-wins.js';

const w0s = [1, 2, 3];
const b0s = [1.5, 2, 3];
const plan = planSweep({
  version: 1,
  dataset: { x: [1], y: [0] },
  losses: ['se', 'ce'],
  optimizer: ['gd', 'momentum', 'adam'],
  eta: [0.15, 0.01],
  init: { w0: w0s, b0: b0s },
  epochs: 600,
  tolerance: 0.1,
  curve: 'none',
});

/** The sweep's outcome arrays filled from core's train, run by run. */
function resultOf(): { status: Uint8Array; epochsToFit: Int32Array; divergedAt: Int32Array } {
  const status = new Uint8Array(plan.runCount);
  const fit = new Int32Array(plan.runCount);
  const divergedAt = new Int32Array(plan.runCount).fill(NEVER);
  for (let r = 0; r < plan.runCount; r++) {
    const run = runConfig(plan, r);
    const t = epochsToFit(train({ data: plan.data, loss: run.loss, optimizer: run.optimizer, eta: run.eta, w0: run.w0, b0: run.b0, epochs: plan.epochs }).maxErrors, 0.1);
    fit[r] = t ?? NEVER;
    status[r] = RUN_DONE;
  }
  return { status, epochsToFit: fit, divergedAt };
}

describe('whoWins', () => {
  const result = resultOf();

  it('says, per optimizer and start, which loss reached output < 0.1 first and by what ratio', () => {
    const outcomes = whoWins(plan, result, 1); // η = 0.01
    expect(outcomes.map((o) => o.optimizer.name)).toEqual(['gd', 'momentum', 'adam']);
    for (const outcome of outcomes) {
      const name = outcome.optimizer.name;
      const ratios: number[] = [];
      let ceWins = 0;
      let seWins = 0;
      w0s.forEach((w0, i) =>
        b0s.forEach((b0, j) => {
          const fitOf = (loss: 'se' | 'ce') => epochsToFit(train({ data: { x: [1], y: [0] }, loss, optimizer: name, eta: 0.01, w0, b0, epochs: 600 }).maxErrors, 0.1);
          const ts = fitOf('se');
          const tc = fitOf('ce');
          const k = i * b0s.length + j;
          const expected = ts === null && tc === null ? WINNER.neither : ts === tc ? WINNER.tie : ts === null || (tc !== null && tc < ts) ? WINNER.crossEntropy : WINNER.squaredError;
          expect(outcome.winner[k], `${name} from (${w0}, ${b0})`).toBe(expected);
          if (expected === WINNER.crossEntropy) ceWins++;
          if (expected === WINNER.squaredError) seWins++;
          if (ts !== null && tc !== null) {
            expect(outcome.ratio[k]).toBe(Math.max(ts, 1) / Math.max(tc, 1));
            ratios.push(Math.max(ts, 1) / Math.max(tc, 1));
          } else expect(outcome.ratio[k]).toBeNaN();
        }),
      );
      expect([outcome.crossEntropy, outcome.squaredError]).toEqual([ceWins, seWins]);
      ratios.sort((a, b) => a - b);
      const m = ratios.length >> 1;
      expect(outcome.medianRatio).toBe(ratios.length === 0 ? null : ratios.length % 2 ? ratios[m] : (ratios[m - 1]! + ratios[m]!) / 2);
    }
    // The claim from w = b = 2 at η = 0.01: Adam lets squared error win; plain descent keeps cross-entropy first.
    const k = 1 * b0s.length + 1;
    expect(outcomes[2]!.winner[k]).toBe(WINNER.squaredError);
    expect(outcomes[0]!.winner[k]).not.toBe(WINNER.squaredError);
  });

  it('counts unfinished starts as pending and needs both losses', () => {
    const partial = { ...result, status: new Uint8Array(plan.runCount) };
    const outcomes = whoWins(plan, partial, 0);
    for (const o of outcomes) expect([o.pending, o.crossEntropy + o.squaredError + o.tie + o.neither, o.medianRatio]).toEqual([9, 0, null]);
    const ceOnly = planSweep({ version: 1, dataset: 'toy', losses: ['ce'], eta: [1], init: { w0: [0], b0: [0] }, epochs: 5, curve: 'none' });
    expect(() => whoWins(ceOnly, allocateRuns(ceOnly.runCount, 1, 0), 0)).toThrow(/both losses.*ce/);
  });
});
