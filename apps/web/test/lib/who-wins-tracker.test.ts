import { allocateResult, NEVER, planSweep, RUN_DONE, RUN_FAILED, RUN_PENDING } from '@losslab/worker';
import { describe, expect, it } from 'vitest';
import { startLandingLog } from '../../src/lib/landing-log.js';
import { WhoWinsTracker } from '../../src/lib/who-wins-tracker.js';
import { whoWins } from '../../src/lib/who-wins.js';
import { randomInts, randomChunks, shuffle } from '../support/random.js';

// The incremental who-wins table against whoWins from scratch (the reference: every start of every
// optimizer compared and its ratios sorted) after every landing, over random final values (fit at
// small epochs so that ties happen, never, diverged, failed) and random landing orders.

const plan = planSweep({ version: 1, dataset: 'toy', losses: ['se', 'ce'], optimizer: ['gd', 'momentum', 'adam'], eta: [0.5, 2], weightDecay: [0, 0.1], init: { w0: [0, 1, 2, 3], b0: [0, 1, 2] }, epochs: 30, curve: 'none' });

/** Every run's final values: done (fit at 0–7 epochs, never, diverged) or failed. */
function finalValues(random: (n: number) => number) {
  const final = allocateResult(plan);
  for (let r = 0; r < plan.runCount; r++) {
    const kind = random(10);
    final.status[r] = kind === 0 ? RUN_FAILED : RUN_DONE;
    final.divergedAt[r] = kind === 1 ? 1 + random(30) : NEVER;
    final.epochsToFit[r] = kind >= 4 ? random(8) : NEVER;
  }
  return final;
}

describe('WhoWinsTracker', () => {
  it('equals whoWins from scratch after every landing, in random landing orders', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const random = randomInts(seed);
      const final = finalValues(random);
      const result = allocateResult(plan);
      const log = startLandingLog(result);
      const etaIndex = random(2);
      const position = { weightDecayIndex: random(2) };
      const tracker = new WhoWinsTracker();
      expect(tracker.update(plan, result, etaIndex, position)).toEqual(whoWins(plan, result, etaIndex, position));
      // Chunks of 1–15 runs covering the sweep, shuffled.
      const chunks = shuffle(randomChunks(plan.runCount, 15, random), random);
      for (let c = 0; c < chunks.length; ) {
        const batch = chunks.slice(c, c + 1 + random(3));
        c += batch.length;
        for (const { start, end } of batch) {
          for (let r = start; r < end; r++) {
            result.status[r] = final.status[r]!;
            result.divergedAt[r] = final.divergedAt[r]!;
            result.epochsToFit[r] = final.epochsToFit[r]!;
          }
          log.push({ start, end });
        }
        expect(tracker.update(plan, result, etaIndex, position), `seed ${seed}, after ${c} chunks`).toEqual(whoWins(plan, result, etaIndex, position));
      }
      const done = tracker.update(plan, result, etaIndex, position);
      expect(done.reduce((sum, row) => sum + row.pending, 0)).toBe(done.reduce((sum, row) => sum + [...row.winner].filter((w) => w === 0).length, 0));
      // Another η or weight decay: rebuilt, equal again.
      const other = { weightDecayIndex: 1 - position.weightDecayIndex };
      expect(tracker.update(plan, result, 1 - etaIndex, other)).toEqual(whoWins(plan, result, 1 - etaIndex, other));
    }
  });

  it('reads only the runs that landed: a change to runs outside the logged ranges goes unseen until another key rebuilds', () => {
    const result = allocateResult(plan);
    const log = startLandingLog(result);
    const tracker = new WhoWinsTracker();
    tracker.update(plan, result, 0);
    // Land everything but the last run, logged.
    for (let r = 0; r < plan.runCount - 1; r++) {
      result.status[r] = RUN_DONE;
      result.divergedAt[r] = NEVER;
      result.epochsToFit[r] = 3;
    }
    log.push({ start: 0, end: plan.runCount - 1 });
    const before = tracker.update(plan, result, 0);
    expect(before).toEqual(whoWins(plan, result, 0));
    // Rewrite run 0 (already counted: squared error, gd, η 0, start 0) without logging it: the tracker keeps its count.
    result.epochsToFit[0] = NEVER;
    expect(result.status[plan.runCount - 1]).toBe(RUN_PENDING);
    const after = tracker.update(plan, result, 0);
    expect(after).toEqual(before);
    expect(after).not.toEqual(whoWins(plan, result, 0));
  });
});
