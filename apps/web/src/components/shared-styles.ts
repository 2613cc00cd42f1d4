// Styles every element adopts (the palette, focus rings, buttons and a visually-hidden helper), and
// the chart panels' frame.
// Colours of the two losses and of the selected runs are colour-blind-safe (Okabe–Ito).

import { css } from 'lit';

/** Colours of the selected runs, in selection order (Okabe–Ito blue, vermillion, green, purple). */
export const SELECTION_COLORS = Object.freeze(['#0072b2', '#d55e00', '#009e73', '#cc79a7']);

export const sharedStyles = css`
  :host {
    --ll-ink: #1d1d1f;
    --ll-muted: #5b5b60;
    --ll-line: #d9d8d2;
    --ll-panel: #ffffff;
    --ll-page: #fafaf7;
    --ll-accent: #0b5cad;
    --ll-accent-ink: #ffffff;
    --ll-error: #b3261e;
    --ll-se: #8a4b00;
    --ll-ce: #00587a;
    --ll-radius: 8px;
    box-sizing: border-box;
    color: var(--ll-ink);
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  input[type='radio'],
  input[type='checkbox'] {
    width: 1.05rem;
    height: 1.05rem;
    margin: 0;
    accent-color: var(--ll-accent);
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  :focus-visible {
    outline: 3px solid var(--ll-accent);
    outline-offset: 2px;
  }
  button {
    font: inherit;
    cursor: pointer;
    border-radius: 6px;
    border: 1px solid var(--ll-line);
    background: var(--ll-panel);
    color: var(--ll-ink);
    padding: 0.35rem 0.75rem;
    min-height: 2.25rem;
  }
  button:hover:not(:disabled) {
    border-color: var(--ll-accent);
  }
  button:disabled {
    cursor: not-allowed;
    opacity: 0.55;
  }
  button.primary {
    background: var(--ll-accent);
    border-color: var(--ll-accent);
    color: var(--ll-accent-ink);
    font-weight: 600;
  }
  .muted {
    color: var(--ll-muted);
  }
  .hint {
    color: var(--ll-muted);
    font-size: 0.85rem;
    margin: 0.25rem 0 0;
  }
`;

/** The chart panels' (ll-curves, ll-surface, ll-gradient-split) frame: block host, title, and the empty-state box. */
export const panelStyles = css`
  :host {
    display: block;
    min-width: 0;
  }
  h3 {
    margin: 0 0 0.2rem;
    font-size: 1rem;
  }
  .empty {
    color: var(--ll-muted);
    padding: 2rem 0.5rem;
    text-align: center;
    border: 1px dashed var(--ll-line);
    border-radius: var(--ll-radius);
  }
`;
