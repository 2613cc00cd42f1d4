// DerivedController in Chromium, on a host with a real SweepController (real Web Workers) showing a
// result computed here with the kernel: traces arrive after an idle job (the previous ones of the
// same plan stay meanwhile), derived values keep their identity while their inputs do, surfaces
// come once their section is visible, and the summary matches a fresh one.

import { train } from '@losslab/core';
import { planSweep, type SweepPlan } from '@losslab/worker';
import { LitElement } from 'lit';
import { afterEach, describe, expect, it } from 'vitest';
import { DerivedController } from '../../src/controllers/derived-controller.js';
import { SweepController } from '../../src/controllers/sweep-controller.js';
import { initialState, reduce, type Action, type AppState } from '../../src/lib/state.js';
import { summarize } from '../../src/lib/summary.js';
import { mount, waitFor } from './helpers.js';
import { computeResult } from '../support/sweep.js';

class DerivedHost extends LitElement {
  state: AppState = initialState();
  surfacesVisible = false;
  readonly sweep = new SweepController(this);
  readonly derived = new DerivedController(this, this.sweep, () => this.surfacesVisible);
  act(action: Action): Promise<unknown> {
    this.state = reduce(this.state, action);
    this.requestUpdate();
    return this.updateComplete;
  }
}
customElements.define('test-derived-host', DerivedHost);

/** The lecture's two points, both losses, η = 0.3 and 1, a 4 × 4 grid over [−4, 4]², 300 epochs, computed with the kernel. */
function shown(host: DerivedHost): SweepPlan {
  const plan = planSweep({ version: 1, dataset: 'toy', losses: ['se', 'ce'], eta: [0.3, 1], init: { w0: { from: -4, to: 4, count: 4 }, b0: { from: -4, to: 4, count: 4 } }, epochs: 300 });
  const result = computeResult(plan);
  host.sweep.show(plan, result);
  return plan;
}

/** The final bias of run (η index, start index) under a loss, by core's train directly. */
function finalBias(plan: SweepPlan, loss: 'se' | 'ce', etaIndex: number, i: number, j: number): number {
  const axis = (k: number) => -4 + (8 * k) / 3;
  return train({ data: { x: [0.5, 2.5], y: [0.2, 0.9] }, loss, eta: plan.eta[etaIndex]!, w0: axis(i), b0: axis(j), epochs: 300, reduction: 'sum' }).b;
}

afterEach(() => document.body.replaceChildren());

describe('DerivedController', () => {
  it('recomputes the selected runs in idle time, keeping the previous ones of the same plan meanwhile', async () => {
    const host = mount(new DerivedHost());
    const plan = shown(host);
    await host.act({ type: 'select', config: { etaIndex: 1, initIndex: 1 * 4 + 2 }, mode: 'replace' });
    // Not in the update that selected it: in an idle job after it.
    expect(host.derived.traces.value).toEqual([]);
    await waitFor(() => host.derived.traces.value.length === 1, 'the first traces');
    const first = host.derived.traces;
    expect(first.byLoss.se[0]!.pathB.at(-1)).toBe(finalBias(plan, 'se', 1, 1, 2));
    expect(first.byLoss.ce[0]!.pathB.at(-1)).toBe(finalBias(plan, 'ce', 1, 1, 2));
    expect(first.primary.se).toBe(first.byLoss.se[0]);

    await host.act({ type: 'select', config: { etaIndex: 0, initIndex: 3 * 4 + 0 }, mode: 'toggle' });
    expect(host.derived.traces).toBe(first);
    await waitFor(() => host.derived.traces.value.length === 2, 'both selected runs');
    const both = host.derived.traces;
    expect(both.primary.ce!.pathB.at(-1)).toBe(finalBias(plan, 'ce', 0, 3, 0));
    expect(both.byLoss.se.map((t) => t.config)).toEqual([
      { etaIndex: 1, initIndex: 6 },
      { etaIndex: 0, initIndex: 12 },
    ]);
  });

  it('keeps derived values (colour scale, ranges) the same objects while their inputs do not change', async () => {
    const host = mount(new DerivedHost());
    shown(host);
    await host.act({ type: 'select', config: { etaIndex: 0, initIndex: 5 }, mode: 'replace' });
    await waitFor(() => host.derived.traces.value.length === 1, 'the traces');
    const { scale, curveRange, splitRange, summary, points } = host.derived;
    for (let k = 0; k < 3; k++) {
      host.requestUpdate();
      await host.updateComplete;
    }
    expect(host.derived.scale).toBe(scale);
    expect(host.derived.curveRange).toBe(curveRange);
    expect(host.derived.splitRange).toBe(splitRange);
    expect(host.derived.summary).toBe(summary);
    expect(host.derived.points).toBe(points);
    await host.act({ type: 'set-color-by', colorBy: 'excess' });
    expect(host.derived.scale).not.toBe(scale);
    expect(host.derived.scale!.title).not.toBe(scale!.title);
    await host.act({ type: 'set-log-scale', logScale: false });
    expect(host.derived.curveRange).not.toBe(curveRange);
  });

  it('computes the surfaces only once they are visible, and summarizes the result as a fresh summary does', async () => {
    const host = mount(new DerivedHost());
    const plan = shown(host);
    await host.updateComplete;
    expect(host.derived.summary).toEqual(summarize(plan, host.sweep.result));
    expect(host.derived.summary!.done).toBe(plan.runCount);
    // Not visible: no surface work started (the update is done, and nothing was scheduled).
    expect(host.derived.pendingJobs).toEqual([]);
    expect(host.derived.surfaces).toBeNull();
    host.surfacesVisible = true;
    host.requestUpdate();
    await host.updateComplete;
    expect(host.derived.pendingJobs).toEqual(['surfaces']);
    const surfaces = await waitFor(() => host.derived.surfaces, 'the surfaces');
    expect(surfaces.maps.map((m) => m.loss)).toEqual(['se', 'ce']);
    expect(host.derived.pendingJobs).toEqual([]);
  });
});
