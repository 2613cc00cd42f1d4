// The events elements send up to ll-app. Every state change travels as one 'll-action' event whose
// detail is an Action for the state's single update path (lib/state.ts); the others are requests
// (run, cancel, a preset) and transient pointer positions that are not part of the state.

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

function fire<T>(target: EventTarget, type: string, detail: T): void {
  target.dispatchEvent(new CustomEvent<T>(type, { detail, bubbles: true, composed: true }));
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
  fire<Notice>(target, 'll-notify', { kind, text, details });
}

declare global {
  interface HTMLElementEventMap {
    'll-action': CustomEvent<Action>;
    'll-run': CustomEvent<null>;
    'll-cancel': CustomEvent<null>;
    'll-preset': CustomEvent<PresetId>;
    'll-hover-init': CustomEvent<number>;
    'll-surface-cursor': CustomEvent<SurfaceCursor>;
    'll-epoch': CustomEvent<number | null>;
    'll-notify': CustomEvent<Notice>;
  }
}
