// Pointer and keyboard navigation over the starts of a map drawn on a canvas: the heatmaps and the
// paired map share it. The pointer hovers a start (linked across panels through `ll-hover-init`)
// and a click selects it; the keyboard moves a focused start (arrows one cell, Home/End the first
// or last column, PageUp/PageDown the top or bottom row) and Enter or Space selects it, Shift adding
// it to the selection. The view decides only where a start is and how it shows one (a tip, a
// readout); what a key or a click does is here, once.

import type { ReactiveController, ReactiveElement } from 'lit';
import { dispatchAction, reportHoverInit } from '../components/events.js';
import type { ConfigRef } from '../lib/state.js';
import { selectionConfig, type AxesPosition } from '../lib/view-axes.js';

/**
 * The starts' layout: a grid of `columns` × `rows` cells with init index = column · rows + row (row
 * 0 at the bottom: b0 grows upwards), or `count` scattered points in init order.
 */
export type GridShape = { kind: 'grid'; columns: number; rows: number } | { kind: 'points'; count: number };

/** The keys that move the focused start (Enter and Space select it instead). */
const MOVES = new Set(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End', 'PageUp', 'PageDown']);

/** How many starts a shape holds. */
export function shapeCount(shape: GridShape): number {
  return shape.kind === 'grid' ? shape.columns * shape.rows : shape.count;
}

/**
 * The start a key moves to from `current`, or null if the key does not move. On a grid: arrows one
 * cell (Up is +1 row), Home/End column 0 / the last, PageUp/PageDown the top / bottom row, each
 * clamped at the edges (the other coordinate kept). On points (init order): Left/Down −1,
 * Right/Up +1, Home/PageDown the first, End/PageUp the last.
 */
export function gridKeyTarget(shape: GridShape, current: number, key: string): number | null {
  if (!MOVES.has(key)) return null;
  if (shape.kind === 'points') {
    const last = shape.count - 1;
    if (key === 'ArrowLeft' || key === 'ArrowDown') return Math.max(0, current - 1);
    if (key === 'ArrowRight' || key === 'ArrowUp') return Math.min(last, current + 1);
    return key === 'Home' || key === 'PageDown' ? 0 : last;
  }
  const { columns, rows } = shape;
  let column = Math.floor(current / rows);
  let row = current % rows;
  if (key === 'ArrowLeft') column--;
  else if (key === 'ArrowRight') column++;
  else if (key === 'ArrowUp') row++;
  else if (key === 'ArrowDown') row--;
  else if (key === 'Home') column = 0;
  else if (key === 'End') column = columns - 1;
  else if (key === 'PageUp') row = rows - 1;
  else row = 0;
  column = Math.min(columns - 1, Math.max(0, column));
  row = Math.min(rows - 1, Math.max(0, row));
  return column * rows + row;
}

/** The element the controller serves: a map of starts at one η and axes position. */
export type GridNavigationHost = ReactiveElement & {
    etaIndex: number;
    axes: AxesPosition;
    selected: ConfigRef[];
    hoverInit: number;
  };

/** What the view tells the controller and how it shows a start. */
export interface GridNavigationView {
  /** The starts' layout now, or null while there is nothing to navigate. */
  shape(): GridShape | null;
  /** The start under a pointer event (offsetX/offsetY on the canvas), or -1. */
  initAt(event: MouseEvent): number;
  /** Shows a start's numbers: at the pointer (`at`), or for the keyboard's start (`at` null). */
  show(initIndex: number, at: { x: number; y: number } | null): void;
  /** Hides what `show` showed (the pointer left, focus left, Escape). */
  hide(): void;
}

export class GridNavigationController implements ReactiveController {
  /** The keyboard's start, -1 before the map was first focused or clicked. */
  focusInit = -1;
  readonly #host: GridNavigationHost;
  readonly #view: GridNavigationView;
  readonly #selector: string;
  /** The element listened to (the map's canvas), once rendered. */
  #target: Element | null = null;

  /** Listens on the first match of `selector` in the host's render root (the map's canvas), whenever it is rendered anew. */
  constructor(host: GridNavigationHost, view: GridNavigationView, selector = 'canvas') {
    this.#host = host;
    this.#view = view;
    this.#selector = selector;
    host.addController(this);
  }

  hostConnected(): void {}

  hostUpdated(): void {
    const target = this.#host.renderRoot.querySelector(this.#selector);
    if (target === this.#target) return;
    const listeners = this.#listeners();
    for (const [type, listener] of listeners) this.#target?.removeEventListener(type, listener);
    for (const [type, listener] of listeners) target?.addEventListener(type, listener);
    this.#target = target;
  }

  /** The handlers by event type (the same functions every time, so they can be removed). */
  #listeners(): [string, EventListener][] {
    return [
      ['pointermove', this.onPointerMove as EventListener],
      ['pointerleave', this.onPointerLeave],
      ['click', this.onClick as EventListener],
      ['keydown', this.onKeyDown as EventListener],
      ['focus', this.onFocus],
      ['blur', this.onBlur],
    ];
  }

  readonly onPointerMove = (event: PointerEvent): void => {
    const initIndex = this.#view.initAt(event);
    if (initIndex < 0) {
      this.onPointerLeave();
      return;
    }
    this.#view.show(initIndex, { x: event.offsetX, y: event.offsetY });
    if (initIndex !== this.#host.hoverInit) reportHoverInit(this.#host, initIndex);
  };

  readonly onPointerLeave = (): void => {
    this.#view.hide();
    if (this.#host.hoverInit >= 0) reportHoverInit(this.#host, -1);
  };

  readonly onClick = (event: MouseEvent): void => {
    const initIndex = this.#view.initAt(event);
    if (initIndex < 0) return;
    this.#setFocus(initIndex);
    this.#select(initIndex, event.shiftKey || event.ctrlKey || event.metaKey);
  };

  /** Focus lands on the last selected start, else the middle one. */
  readonly onFocus = (): void => {
    const shape = this.#view.shape();
    if (this.focusInit < 0 && shape) this.focusInit = this.#host.selected.at(-1)?.initIndex ?? Math.floor(shapeCount(shape) / 2);
    this.moveTo(this.focusInit);
  };

  readonly onBlur = (): void => {
    this.onPointerLeave();
    this.#host.requestUpdate();
  };

  readonly onKeyDown = (event: KeyboardEvent): void => {
    const shape = this.#view.shape();
    if (!shape) return;
    const current = this.focusInit < 0 ? 0 : this.focusInit;
    const next = gridKeyTarget(shape, current, event.key);
    if (next !== null) {
      event.preventDefault();
      this.moveTo(next);
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      this.#select(current, event.shiftKey);
    } else if (event.key === 'Escape') this.#view.hide();
  };

  /** Makes `initIndex` the keyboard's start: the view shows it and every panel outlines it. */
  moveTo(initIndex: number): void {
    this.#setFocus(initIndex);
    this.#view.show(initIndex, null);
    reportHoverInit(this.#host, initIndex);
  }

  #setFocus(initIndex: number): void {
    this.focusInit = initIndex;
    this.#host.requestUpdate();
  }

  #select(initIndex: number, toggle: boolean): void {
    dispatchAction(this.#host, { type: 'select', config: selectionConfig(this.#host.etaIndex, initIndex, this.#host.axes), mode: toggle ? 'toggle' : 'replace' });
  }
}
