import { epochsToFit, train, type OptimizerName } from '@losslab/core';
import { NEVER, planSweep, RUN_DONE, runConfig } from '@losslab/worker';
import { afterEach, describe, expect, it } from 'vitest';
import '../../src/components/ll-who-wins.js';
import type { LlWhoWins } from '../../src/components/ll-who-wins.js';
import { mount, waitFor } from './helpers.js';

afterEach(() => document.body.replaceChildren());

const w0s = [1.5, 2, 3];
const b0s = [2, 3];
const plan = planSweep({ version: 1, dataset: { x: [1], y: [0] }, losses: ['se', 'ce'], optimizer: ['gd', 'adam'], eta: [0.01], init: { w0: w0s, b0: b0s }, epochs: 800, tolerance: 0.1, curve: 'none' });

function fitOf(loss: 'se' | 'ce', optimizer: OptimizerName, w0: number, b0: number): number | null {
  return epochsToFit(train({ data: { x: [1], y: [0] }, loss, optimizer, eta: 0.01, w0, b0, epochs: 800 }).maxErrors, 0.1);
}

describe('<ll-who-wins>', () => {
  it('shows, per optimizer, from how many starts each loss fit first, as core’s train says', async () => {
    const status = new Uint8Array(plan.runCount).fill(RUN_DONE);
    const fit = new Int32Array(plan.runCount);
    for (let r = 0; r < plan.runCount; r++) {
      const run = runConfig(plan, r);
      fit[r] = fitOf(run.loss as 'se' | 'ce', run.optimizer.name, run.w0[0]!, run.b0) ?? NEVER;
    }
    const view = document.createElement('ll-who-wins') as LlWhoWins;
    view.plan = plan;
    view.result = { status, epochsToFit: fit, divergedAt: new Int32Array(plan.runCount).fill(NEVER) };
    mount(view);
    const rows = await waitFor(() => {
      const found = view.shadowRoot?.querySelectorAll<HTMLTableRowElement>('tbody tr');
      return found && found.length === 2 ? Array.from(found) : null;
    }, 'two optimizer rows');
    for (const [row, name] of [[rows[0]!, 'gd'], [rows[1]!, 'adam']] as const) {
      let ce = 0;
      let se = 0;
      for (const w0 of w0s)
        for (const b0 of b0s) {
          const ts = fitOf('se', name, w0, b0) ?? Infinity;
          const tc = fitOf('ce', name, w0, b0) ?? Infinity;
          if (tc < ts) ce++;
          else if (ts < tc) se++;
        }
      const cells = Array.from(row.querySelectorAll('td'), (td) => td.textContent!.trim());
      expect(row.dataset.optimizer).toBe(name);
      expect(cells.slice(0, 2)).toEqual([String(ce), String(se)]);
    }
    // Adam at η = 0.01 lets squared error win from some saturated start; plain descent never here.
    expect(rows[1]!.querySelectorAll('td')[1]!.textContent).not.toBe('0');
    expect(rows[0]!.querySelectorAll('td')[1]!.textContent).toBe('0');
  });

  it('shows nothing for a sweep with one loss', async () => {
    const view = document.createElement('ll-who-wins') as LlWhoWins;
    view.plan = planSweep({ version: 1, dataset: 'toy', losses: ['ce'], eta: [1], init: { w0: [0], b0: [0] }, epochs: 5, curve: 'none' });
    mount(view);
    await view.updateComplete;
    expect(view.shadowRoot!.querySelector('table')).toBeNull();
  });
});
