// The events elements send up to ll-app, in one typed map, and the one helper that sends them. Every
// state change travels as one 'll-action' event whose detail is an Action for the state's single
// update path (lib/state.ts); the others are requests (run, cancel, a preset, a guide step, files,
// history entries) and transient pointer positions that are not part of the state.

import type { Action } from '../lib/state.js';
import type { PresetId } from '../lib/presets.js';

/** A message for the user, shown above the results (text only). */
export interface Notice {
  kind: 'warning' | 'error' | 'info';
  text: string;
  /** Lines listed under the text. */
  details: string[];
}

/** Pointer position on a loss surface, shared by both surfaces (null when the pointer leaves). */
export type SurfaceCursor = { w: number; b: number } | null;

/** Every event an element sends up, by type, with the type of its detail. */
export interface LlEventMap {
  'll-action': Action;
  'll-run': null;
  'll-cancel': null;
  'll-preset': PresetId;
  'll-hover-init': number;
  'll-surface-cursor': SurfaceCursor;
  'll-epoch': number | null;
  'll-notify': Notice;
  /** A step of the guided path, 1..5, or 0 to close it. */
  'll-guide': number;
  /** The id of a notice to dismiss. */
  'll-dismiss': number;
  /** The id of a saved sweep to open or delete. */
  'll-history-open': number;
  'll-history-delete': number;
  'll-copy-link': null;
  'll-export': 'json' | 'csv' | 'parquet';
  'll-import-file': File;
}

/**
 * Sends event `type` with `detail` from `target`: a CustomEvent that bubbles and is composed, so it
 * crosses the shadow roots between the element and ll-app. The map types the detail, so an event
 * cannot be sent with another detail than its listeners expect.
 */
export function fire<K extends keyof LlEventMap>(target: EventTarget, type: K, detail: LlEventMap[K]): void {
  target.dispatchEvent(new CustomEvent<LlEventMap[K]>(type, { detail, bubbles: true, composed: true }));
}

/** Asks ll-app to apply an action to the state. */
export function dispatchAction(target: EventTarget, action: Action): void {
  fire(target, 'll-action', action);
}

/** Asks ll-app to validate the form and run its sweep. */
export function requestRun(target: EventTarget): void {
  fire(target, 'll-run', null);
}

/** Asks ll-app to cancel the running sweep. */
export function requestCancel(target: EventTarget): void {
  fire(target, 'll-cancel', null);
}

/** Asks ll-app to load a preset and run it. */
export function requestPreset(target: EventTarget, preset: PresetId): void {
  fire(target, 'll-preset', preset);
}

/** The start (init index) under the pointer in a heatmap, -1 for none: linked across panels. */
export function reportHoverInit(target: EventTarget, initIndex: number): void {
  fire(target, 'll-hover-init', initIndex);
}

/** The (w, b) under the pointer on a surface: linked across panels. */
export function reportSurfaceCursor(target: EventTarget, cursor: SurfaceCursor): void {
  fire(target, 'll-surface-cursor', cursor);
}

/** The epoch under the pointer in a curve chart (null when it leaves): marks the paths. */
export function reportEpoch(target: EventTarget, epoch: number | null): void {
  fire(target, 'll-epoch', epoch);
}

/** Asks ll-app to show a message above the results. */
export function notify(target: EventTarget, kind: Notice['kind'], text: string, details: string[] = []): void {
  fire(target, 'll-notify', { kind, text, details });
}

/** The map's events as the DOM types them (for addEventListener). */
type LlEvents = { [K in keyof LlEventMap]: CustomEvent<LlEventMap[K]> };

declare global {
  interface HTMLElementEventMap extends LlEvents {}
}
