import { ChunkOrder, planSweep, RUN_DONE } from '@losslab/worker';
import { createBrowserPool } from '@losslab/worker/browser';
import { LitElement } from 'lit';
import { afterEach, describe, expect, it } from 'vitest';
import { SweepController } from '../../src/controllers/sweep-controller.js';
import { mount, waitFor } from './helpers.js';

/** One worker: chunks land in the order they are dealt, so the order can be read off the landed ranges. */
class OneWorkerHost extends LitElement {
  readonly sweep = new SweepController(this, { createPool: () => createBrowserPool({ size: 1 }) });
}
customElements.define('test-one-worker-host', OneWorkerHost);

const grid = { w0: { from: -6, to: 6, count: 32 }, b0: { from: -6, to: 6, count: 32 } };

describe("the app's sweeps fill both losses in together (progressive order, real Web Worker)", () => {
  afterEach(() => document.body.replaceChildren());

  it('the landed chunks are ChunkOrder progressive ranges, in its order, squared error and cross-entropy alternating from the start', async () => {
    const host = mount(new OneWorkerHost());
    const plan = planSweep({ version: 1, dataset: 'toy', losses: ['se', 'ce'], eta: [0.3, 3], init: grid, epochs: 2048, curve: 'none' });
    const landed: { start: number; end: number }[] = [];
    const running = host.sweep.start(plan);
    // Collect while it runs (one consumer: no derived controller here), then the rest.
    await waitFor(() => {
      landed.push(...host.sweep.drainLanded());
      return host.sweep.status !== 'running';
    }, 'the sweep to end');
    const result = await running;
    landed.push(...host.sweep.drainLanded());
    expect(result!.completed).toBe(plan.runCount);
    // Replayed from the plan alone: each landed range is what the order deals next for that size.
    const order = new ChunkOrder(plan, { start: 0, end: plan.runCount }, 'progressive');
    expect(order.parts).toBeGreaterThan(1);
    for (const { start, end } of landed) expect({ start, end }).toEqual(order.next(end - start));
    expect(order.done).toBe(true);
    // Both losses among the first two chunks (loss = ⌊run / (runCount / 2)⌋).
    const half = plan.runCount / 2;
    expect(new Set(landed.slice(0, 2).map((r) => Math.floor(r.start / half)))).toEqual(new Set([0, 1]));
  });

  it('cancelled after two chunks landed: both losses have finished runs', async () => {
    const host = mount(new OneWorkerHost());
    const plan = planSweep({ version: 1, dataset: 'five-point', losses: ['se', 'ce'], eta: [0.1, 1], init: grid, epochs: 20_000, curve: 'none' });
    const running = host.sweep.start(plan);
    const landed: { start: number; end: number }[] = [];
    await waitFor(() => {
      landed.push(...host.sweep.drainLanded());
      return landed.length >= 2;
    }, 'two chunks');
    host.sweep.cancel();
    const result = await running;
    expect(result!.cancelled).toBe(true);
    const half = plan.runCount / 2;
    let se = 0;
    let ce = 0;
    for (let r = 0; r < plan.runCount; r++) if (result!.status[r] === RUN_DONE) r < half ? se++ : ce++;
    expect(se).toBeGreaterThan(0);
    expect(ce).toBeGreaterThan(0);
  });
});
