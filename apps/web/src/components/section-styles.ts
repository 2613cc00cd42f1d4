// The frame every section of the comparison shares (ll-heatmaps-section, ll-curves-section, …,
// ll-results-tools): the card, its heading row, the explanation, the pair of panels (squared error
// left, cross-entropy right; stacked at the narrow breakpoint). The blocks the panels inside share
// are in map-styles.ts.

import { css } from 'lit';
import { narrow } from './breakpoint.js';

export const sectionStyles = css`
  :host {
    display: block;
    background: var(--ll-panel);
    border: 1px solid var(--ll-line);
    border-radius: var(--ll-radius);
    padding: 0.75rem 0.9rem 0.9rem;
    min-width: 0;
    /* Each view is laid out and painted on its own, and not at all while off screen: a sweep's
       frames then only cost what is visible. (Full-page screenshots set
       --ll-content-visibility: visible to render them all.) */
    contain: layout paint style;
    content-visibility: var(--ll-content-visibility, auto);
    contain-intrinsic-size: auto 520px;
  }
  .section-head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.4rem 1rem;
    margin-bottom: 0.5rem;
  }
  h2 {
    margin: 0;
    font-size: 1.05rem;
  }
  .explain {
    margin: -0.2rem 0 0.6rem;
    font-size: 0.85rem;
    color: var(--ll-muted);
    max-width: 60rem;
  }
  .pair {
    display: grid;
    grid-template-columns: repeat(2, minmax(0, 1fr));
    gap: 1rem 1.5rem;
  }
  .controls {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.4rem 1.2rem;
    font-size: 0.9rem;
  }
  .controls label {
    display: inline-flex;
    align-items: center;
    gap: 0.35rem;
  }
  details.why > summary {
    cursor: pointer;
    font-weight: 600;
    font-size: 0.9rem;
  }
  @media ${narrow} {
    :host {
      padding: 0.6rem 0.6rem 0.75rem;
    }
    .pair {
      grid-template-columns: minmax(0, 1fr);
    }
  }
`;

/** The two panels of every paired view, left to right. */
export const PANELS = Object.freeze([
  { loss: 'se', title: 'Squared error' },
  { loss: 'ce', title: 'Cross-entropy' },
] as const);
