// The grid navigation shared by the heatmaps and the paired map, on a small 3 × 2 grid and on 4
// scattered points, hosted by a bare element: which start each key reaches (checked against
// (column, row) coordinates walked by hand, init index = column · rows + row with row 0 at the
// bottom), the hover it reports, what Enter, Shift+Enter, a click and Escape do.

import { LitElement, html } from 'lit';
import { afterEach, describe, expect, it } from 'vitest';
import { GridNavigationController, gridKeyTarget, type GridShape } from '../../src/controllers/grid-navigation-controller.js';
import type { Action, ConfigRef } from '../../src/lib/state.js';
import { FIRST_AXES } from '../../src/lib/view-axes.js';
import { collect, mount } from './helpers.js';

class GridHost extends LitElement {
  etaIndex = 2;
  axes = FIRST_AXES;
  selected: ConfigRef[] = [];
  hoverInit = -1;
  shown: [number, { x: number; y: number } | null][] = [];
  hides = 0;
  shape: GridShape = { kind: 'grid', columns: 3, rows: 2 };
  readonly nav = new GridNavigationController(this, {
    shape: () => this.shape,
    // A 30 × 20 px canvas of 10 px cells: column from x, row from the bottom.
    initAt: (event) => (event.offsetX < 0 || event.offsetX >= 30 ? -1 : Math.floor(event.offsetX / 10) * 2 + (event.offsetY < 10 ? 1 : 0)),
    show: (initIndex, at) => this.shown.push([initIndex, at]),
    hide: () => this.hides++,
  });

  override render() {
    return html`<canvas style="display: block; width: 30px; height: 20px" tabindex="0"></canvas>`;
  }
}
customElements.define('grid-nav-host', GridHost);

afterEach(() => document.body.replaceChildren());

/** The init index of (column, row) on a grid of `rows` rows. */
const at = (column: number, row: number, rows = 2) => column * rows + row;

describe('gridKeyTarget', () => {
  const grid: GridShape = { kind: 'grid', columns: 3, rows: 2 };
  it('moves one cell per arrow, clamped at the edges, and jumps with Home/End/PageUp/PageDown', () => {
    expect(gridKeyTarget(grid, at(1, 0), 'ArrowRight')).toBe(at(2, 0));
    expect(gridKeyTarget(grid, at(2, 0), 'ArrowRight')).toBe(at(2, 0));
    expect(gridKeyTarget(grid, at(1, 0), 'ArrowLeft')).toBe(at(0, 0));
    expect(gridKeyTarget(grid, at(0, 1), 'ArrowLeft')).toBe(at(0, 1));
    expect(gridKeyTarget(grid, at(1, 0), 'ArrowUp')).toBe(at(1, 1));
    expect(gridKeyTarget(grid, at(1, 1), 'ArrowUp')).toBe(at(1, 1));
    expect(gridKeyTarget(grid, at(1, 1), 'ArrowDown')).toBe(at(1, 0));
    expect(gridKeyTarget(grid, at(1, 0), 'ArrowDown')).toBe(at(1, 0));
    expect(gridKeyTarget(grid, at(1, 1), 'Home')).toBe(at(0, 1));
    expect(gridKeyTarget(grid, at(1, 0), 'End')).toBe(at(2, 0));
    expect(gridKeyTarget(grid, at(2, 0), 'PageUp')).toBe(at(2, 1));
    expect(gridKeyTarget(grid, at(0, 1), 'PageDown')).toBe(at(0, 0));
    for (const key of ['Enter', ' ', 'Escape', 'a', 'Tab']) expect(gridKeyTarget(grid, 3, key)).toBeNull();
  });

  it('walks scattered points in init order', () => {
    const points: GridShape = { kind: 'points', count: 4 };
    expect(gridKeyTarget(points, 1, 'ArrowRight')).toBe(2);
    expect(gridKeyTarget(points, 1, 'ArrowUp')).toBe(2);
    expect(gridKeyTarget(points, 1, 'ArrowLeft')).toBe(0);
    expect(gridKeyTarget(points, 0, 'ArrowDown')).toBe(0);
    expect(gridKeyTarget(points, 3, 'ArrowRight')).toBe(3);
    expect(gridKeyTarget(points, 2, 'Home')).toBe(0);
    expect(gridKeyTarget(points, 2, 'PageDown')).toBe(0);
    expect(gridKeyTarget(points, 1, 'End')).toBe(3);
    expect(gridKeyTarget(points, 1, 'PageUp')).toBe(3);
  });
});

describe('GridNavigationController', () => {
  it('focuses the middle start, moves by key, reports each as the hover, and selects with Enter and Shift+Enter', async () => {
    const host = mount(new GridHost());
    await host.updateComplete;
    const hovers = collect<number>('ll-hover-init');
    const actions = collect<Action>('ll-action');
    const canvas = host.shadowRoot!.querySelector('canvas')!;
    const key = (k: string, shiftKey = false) => {
      const event = new KeyboardEvent('keydown', { key: k, shiftKey, bubbles: true, composed: true, cancelable: true });
      canvas.dispatchEvent(event);
      return event.defaultPrevented;
    };
    canvas.focus();
    // 6 starts: the middle is init 3, (column 1, row 1).
    expect(host.nav.focusInit).toBe(at(1, 1));
    expect(key('ArrowLeft')).toBe(true); // (0, 1)
    expect(key('PageDown')).toBe(true); // (0, 0)
    expect(key('Enter')).toBe(true);
    expect(key('End')).toBe(true); // (2, 0)
    expect(key('ArrowUp')).toBe(true); // (2, 1)
    expect(key(' ', true)).toBe(true);
    expect(key('Tab')).toBe(false);
    expect(host.hides).toBe(0);
    key('Escape');
    expect(host.hides).toBe(1);
    hovers.stop();
    actions.stop();
    expect(hovers.events).toEqual([at(1, 1), at(0, 1), at(0, 0), at(2, 0), at(2, 1)]);
    expect(host.shown).toEqual([at(1, 1), at(0, 1), at(0, 0), at(2, 0), at(2, 1)].map((k) => [k, null]));
    expect(actions.events).toEqual([
      { type: 'select', config: { etaIndex: 2, initIndex: at(0, 0) }, mode: 'replace' },
      { type: 'select', config: { etaIndex: 2, initIndex: at(2, 1) }, mode: 'toggle' },
    ]);
  });

  it('starts from the last selected start, and a click selects the start under it and moves the keyboard there', async () => {
    const host = mount(new GridHost());
    host.selected = [{ etaIndex: 2, initIndex: at(0, 0) }, { etaIndex: 2, initIndex: at(2, 0) }];
    await host.updateComplete;
    const canvas = host.shadowRoot!.querySelector('canvas')!;
    canvas.focus();
    expect(host.nav.focusInit).toBe(at(2, 0));
    const actions = collect<Action>('ll-action');
    // A click at x = 15 (column 1) in the top half (row 1), with Ctrl: adds init 3.
    const box = canvas.getBoundingClientRect();
    canvas.dispatchEvent(new MouseEvent('click', { clientX: box.left + 15, clientY: box.top + 5, ctrlKey: true, bubbles: true, composed: true }));
    actions.stop();
    expect(host.nav.focusInit).toBe(at(1, 1));
    expect(actions.events.at(-1)).toEqual({ type: 'select', config: { etaIndex: 2, initIndex: at(1, 1) }, mode: 'toggle' });
    // The key moves continue from the clicked start.
    canvas.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true, composed: true }));
    expect(host.nav.focusInit).toBe(at(2, 1));
  });
});
