import { planSweep, RUN_DONE, RUN_PENDING } from '@losslab/worker';
import { LitElement } from 'lit';
import { afterEach, describe, expect, it } from 'vitest';
import { SweepController } from '../../src/controllers/sweep-controller.js';
import { mount, waitFor } from './helpers.js';

class SweepHost extends LitElement {
  readonly sweep = new SweepController(this);
  updates = 0;
  protected override updated(): void {
    this.updates++;
  }
}
customElements.define('test-sweep-host', SweepHost);

const grid = { w0: { from: -6, to: 6, count: 32 }, b0: { from: -6, to: 6, count: 32 } };

describe('SweepController (real Web Workers)', () => {
  afterEach(() => document.body.replaceChildren());

  it('runs a sweep in the pool and fills the result in, one host update per frame at most', async () => {
    const host = mount(new SweepHost());
    const plan = planSweep({ version: 1, dataset: 'toy', losses: ['se', 'ce'], eta: [0.3, 1, 3], init: grid, epochs: 1000, curve: 'none' });
    let frames = 0;
    let counting = true;
    const tick = () => {
      frames++;
      if (counting) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    const updatesBefore = host.updates;
    const result = await host.sweep.start(plan);
    counting = false;
    await host.updateComplete;
    expect(result).not.toBeNull();
    expect(result!.completed).toBe(plan.runCount);
    expect(Array.from(result!.status).every((s) => s === RUN_DONE)).toBe(true);
    expect(host.sweep.status).toBe('done');
    expect(host.sweep.workers).toBeGreaterThanOrEqual(1);
    expect(host.sweep.revision).toBeGreaterThan(0);
    expect(host.sweep.firstResultsMs).not.toBeNull();
    // Throttled to animation frames (plus the start and the end).
    expect(host.updates - updatesBefore).toBeLessThanOrEqual(frames + 3);
    expect(performance.getEntriesByName('losslab:sweep-duration', 'measure')).toHaveLength(1);
  });

  it('cancels midway and keeps the finished runs', async () => {
    const host = mount(new SweepHost());
    const plan = planSweep({ version: 1, dataset: 'five-point', losses: ['se', 'ce'], eta: [0.1, 1], init: grid, epochs: 200_000, curve: 'none' });
    const running = host.sweep.start(plan);
    await waitFor(() => (host.sweep.progress?.done ?? 0) > 0, 'the first finished runs');
    host.sweep.cancel();
    const result = await running;
    expect(host.sweep.status).toBe('cancelled');
    expect(result!.cancelled).toBe(true);
    expect(result!.completed).toBeGreaterThan(0);
    expect(result!.completed).toBeLessThan(plan.runCount);
    const done = Array.from(result!.status).filter((s) => s === RUN_DONE).length;
    expect(done).toBe(result!.completed);
    expect(Array.from(result!.status).filter((s) => s === RUN_PENDING).length).toBe(plan.runCount - done);
  });

  it('a new sweep replaces the running one; an aborted signal cancels', async () => {
    const host = mount(new SweepHost());
    const long = planSweep({ version: 1, dataset: 'five-point', losses: ['se'], eta: [1], init: grid, epochs: 200_000, curve: 'none' });
    const short = planSweep({ version: 1, dataset: 'toy', losses: ['ce'], eta: [1], init: { w0: [-2], b0: [-2] }, epochs: 100, curve: 'none' });
    const first = host.sweep.start(long);
    const second = host.sweep.start(short);
    expect(await first).toBeNull();
    expect((await second)!.completed).toBe(1);
    expect(host.sweep.plan).toBe(short);
    const abort = new AbortController();
    abort.abort();
    const third = await host.sweep.start(long, abort.signal);
    expect(third!.cancelled).toBe(true);
  });

  it('disposes the pool when the host disconnects', async () => {
    const host = mount(new SweepHost());
    expect(host.sweep.workers).toBeGreaterThan(0);
    host.remove();
    expect(host.sweep.workers).toBe(0);
    await expect(host.sweep.start(planSweep({ version: 1, dataset: 'toy', losses: ['se'], eta: [1], init: { w0: [0], b0: [0] }, epochs: 1 }))).rejects.toThrow(/not connected/);
  });
});
