// DerivedController with a sweep of several optimizers, in Chromium: the shown optimizer (the view's,
// clamped), the summary table at that optimizer (against summarize at the same position), and the
// selected run's reproduce snippet and traces under the selection's own optimizer.

import { planSweep } from '@losslab/worker';
import { LitElement } from 'lit';
import { afterEach, describe, expect, it } from 'vitest';
import { DerivedController } from '../../src/controllers/derived-controller.js';
import { SweepController } from '../../src/controllers/sweep-controller.js';
import { initialState, reduce, type Action, type AppState } from '../../src/lib/state.js';
import { summarize } from '../../src/lib/summary.js';
import { mount, waitFor } from './helpers.js';
import { computeResult } from '../support/sweep.js';

class AxesHost extends LitElement {
  state: AppState = initialState();
  readonly sweep = new SweepController(this);
  readonly derived = new DerivedController(this, this.sweep, () => false);
  act(action: Action): Promise<unknown> {
    this.state = reduce(this.state, action);
    this.requestUpdate();
    return this.updateComplete;
  }
}
customElements.define('test-axes-host', AxesHost);

afterEach(() => document.body.replaceChildren());

describe('DerivedController with several optimizers', () => {
  it('shows the chosen optimizer in the summary, and recomputes the selected run under its own optimizer', async () => {
    const plan = planSweep({ version: 1, dataset: { x: [1], y: [0] }, losses: ['se', 'ce'], optimizer: ['gd', 'momentum', 'adam'], eta: [0.01, 0.15], init: { w0: [0.6, 2], b0: [0.9, 2] }, epochs: 300, tolerance: 0.1 });
    const result = computeResult(plan);
    const host = mount(new AxesHost());
    host.sweep.show(plan, result);
    await host.act({ type: 'set-axis-index', axis: 'optimizer', index: 2 });
    expect(host.derived.axes).toEqual({ optimizerIndex: 2, batchIndex: 0, weightDecayIndex: 0 });
    expect(host.derived.summary).toEqual(summarize(plan, result, { optimizerIndex: 2, batchIndex: 0, weightDecayIndex: 0 }));
    expect(host.derived.summary).not.toEqual(summarize(plan, result));
    await host.act({ type: 'select', config: { etaIndex: 1, initIndex: 3, optimizerIndex: 2 }, mode: 'replace' });
    const snippet = await waitFor(() => host.derived.snippet, 'the reproduce snippet');
    expect(snippet).toContain('optimizer: {"name":"adam"');
    const traces = await waitFor(() => (host.derived.traces.value.length === 1 ? host.derived.traces.value : null), 'the selected run’s traces');
    expect(traces[0]!.map((t) => t.config)).toEqual([{ etaIndex: 1, initIndex: 3, optimizerIndex: 2 }, { etaIndex: 1, initIndex: 3, optimizerIndex: 2 }]);
  });
});
