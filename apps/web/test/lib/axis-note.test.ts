import { planSweep } from '@losslab/worker';
import { describe, expect, it } from 'vitest';
import { shownAxisNote } from '../../src/lib/axis-note.js';

const base = { version: 1, dataset: 'toy', losses: ['se', 'ce'], eta: [1], init: { w0: [-2], b0: [-2] }, epochs: 10 } as const;

describe('shownAxisNote', () => {
  it('says nothing for a sweep with one optimizer, batch size and weight decay', () => {
    expect(shownAxisNote(planSweep(base))).toBeNull();
    expect(shownAxisNote(null)).toBeNull();
  });

  it('names the optimizer, batch size and weight decay shown, and how many there are', () => {
    const plan = planSweep({ ...base, optimizer: ['momentum', 'adam'], batchSize: [2, 1], weightDecay: [0.5, 0] });
    expect(shownAxisNote(plan)).toBe('These views show the runs with optimizer momentum (1 of 2), batch size 2 (1 of 2), weight decay 0.5 (1 of 2); the selectors above change them, and the “Who wins” table below compares every optimizer.');
    expect(shownAxisNote(plan, { optimizerIndex: 1, batchIndex: 0, weightDecayIndex: 1 })).toBe('These views show the runs with optimizer adam (2 of 2), batch size 2 (1 of 2), weight decay 0 (2 of 2); the selectors above change them, and the “Who wins” table below compares every optimizer.');
  });
});
