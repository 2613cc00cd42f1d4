// The summary and colour ranges fed from the chunks' worker-side aggregates, in Chromium with real
// Web Workers, against the from-scratch computations on the same partial result.

import { planSweep } from '@losslab/worker';
import { LitElement } from 'lit';
import { afterEach, describe, expect, it } from 'vitest';
import { SweepController } from '../../src/controllers/sweep-controller.js';
import { ExcessRangeAccumulator } from '../../src/lib/excess-range-accumulator.js';
import { excessRange } from '../../src/lib/heatmap.js';
import { SummaryAccumulator } from '../../src/lib/summary-accumulator.js';
import { summarize } from '../../src/lib/summary.js';
import { mount, waitFor } from './helpers.js';

class AggregateHost extends LitElement {
  readonly sweep = new SweepController(this);
}
customElements.define('test-aggregate-host', AggregateHost);

describe('worker-side chunk aggregates in the app (real Web Workers)', () => {
  afterEach(() => document.body.replaceChildren());

  it('every landed chunk carries an aggregate, and merging them equals summarize() and excessRange() at every step', async () => {
    const host = mount(new AggregateHost());
    const plan = planSweep({ version: 1, dataset: 'five-point', losses: ['se', 'ce'], eta: [0.3, 3, 30], init: { w0: { from: -6, to: 6, count: 16 }, b0: { from: -6, to: 6, count: 16 } }, epochs: 600, curve: 'none' });
    const summary = new SummaryAccumulator(plan);
    const excess = new ExcessRangeAccumulator(plan);
    let chunks = 0;
    let steps = 0;
    const check = (): void => {
      const result = host.sweep.result;
      const landed = host.sweep.drainLanded();
      if (!result || landed.length === 0) return;
      // Drained and compared in one task: every chunk written into `result` so far has landed.
      for (const range of landed) expect(range.aggregate, `chunk [${range.start}, ${range.end})`).toBeDefined();
      chunks += landed.length;
      steps++;
      summary.add(result, landed);
      excess.add(result, landed);
      expect(summary.summary()).toEqual(summarize(plan, result));
      for (let e = 0; e < plan.eta.length; e++) expect(excess.range(e)).toEqual(excessRange(result, e));
    };
    const running = host.sweep.start(plan);
    await waitFor(() => {
      check();
      return host.sweep.status !== 'running';
    }, 'the sweep to end');
    const result = await running;
    check();
    expect(result!.completed).toBe(plan.runCount);
    expect(summary.summary().done).toBe(plan.runCount);
    expect(chunks).toBeGreaterThan(1);
    expect(steps).toBeGreaterThan(0);
  });
});
