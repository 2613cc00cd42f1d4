// The summary table by keyboard in Chromium: the η column is a single tab stop whose arrow keys
// choose the previous/next η (Home/End the ends), and the scrolling region takes focus with a cue.

import { planSweep } from '@losslab/worker';
import { afterEach, describe, expect, it } from 'vitest';
import '../../src/components/ll-summary-table.js';
import type { LlSummaryTable } from '../../src/components/ll-summary-table.js';
import { reduce, initialState, type Action } from '../../src/lib/state.js';
import { summarize } from '../../src/lib/summary.js';
import { mount, shadow } from './helpers.js';
import { computeResult } from '../support/sweep.js';

afterEach(() => document.body.replaceChildren());

describe('the summary table by keyboard', () => {
  it('is one tab stop in the η column, arrow keys choose the η and focus follows', async () => {
    const plan = planSweep({ version: 1, dataset: 'toy', losses: ['se', 'ce'], eta: [0.3, 1, 3, 10], init: { w0: [-2, 0], b0: [-2, 0] }, epochs: 100, curve: 'none' });
    const result = computeResult(plan);
    const table = document.createElement('ll-summary-table') as LlSummaryTable;
    Object.assign(table, { summary: summarize(plan, result), etaIndex: 1 });
    mount(table);
    // Wire the table's actions through the app's reducer, as ll-app does.
    let state = reduce(initialState(), { type: 'set-eta-index', index: 1 });
    const seen: Action[] = [];
    table.addEventListener('ll-action', (event) => {
      const action = (event as CustomEvent<Action>).detail;
      seen.push(action);
      state = reduce(state, action);
      table.etaIndex = state.view.etaIndex;
    });
    await table.updateComplete;
    const buttons = () => Array.from(table.shadowRoot!.querySelectorAll<HTMLButtonElement>('button.eta-choice'));
    expect(buttons().map((b) => b.tabIndex)).toEqual([-1, 0, -1, -1]);
    const press = async (key: string) => {
      (table.shadowRoot!.activeElement as HTMLElement).dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true }));
      await table.updateComplete;
    };
    buttons()[1]!.focus();
    await press('ArrowDown');
    expect(state.view.etaIndex).toBe(2);
    expect(table.shadowRoot!.activeElement).toBe(buttons()[2]);
    expect(buttons().map((b) => b.tabIndex)).toEqual([-1, -1, 0, -1]);
    await press('End');
    expect(state.view.etaIndex).toBe(3);
    await press('ArrowDown'); // at the end: stays
    expect(state.view.etaIndex).toBe(3);
    await press('Home');
    await press('ArrowUp'); // at the start: stays
    expect(state.view.etaIndex).toBe(0);
    expect(table.shadowRoot!.activeElement).toBe(buttons()[0]);
    expect(seen).toEqual([
      { type: 'set-eta-index', index: 2 },
      { type: 'set-eta-index', index: 3 },
      { type: 'set-eta-index', index: 0 },
    ]);
  });

  it('lets the scrolling region take focus, with a visible outline', async () => {
    const plan = planSweep({ version: 1, dataset: 'toy', losses: ['se', 'ce'], eta: [1], init: { w0: [0], b0: [0] }, epochs: 10, curve: 'none' });
    const table = document.createElement('ll-summary-table') as LlSummaryTable;
    Object.assign(table, { summary: summarize(plan, null), etaIndex: 0 });
    mount(table);
    await table.updateComplete;
    const region = shadow(table, '.scroll');
    expect(region.tabIndex).toBe(0);
    expect(region.getAttribute('role')).toBe('region');
    expect(getComputedStyle(region).outlineStyle).toBe('none');
    region.focus();
    expect(region.matches(':focus-visible')).toBe(true);
    expect(getComputedStyle(region).outlineStyle).toBe('solid');
    expect(parseFloat(getComputedStyle(region).outlineWidth)).toBeGreaterThanOrEqual(2);
  });
});
