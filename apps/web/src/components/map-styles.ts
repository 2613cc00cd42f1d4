// The style blocks the panels of the results share: a map of starts on a canvas (ll-heatmap,
// ll-paired-map) and a legend's ramp, cases and swatches (ll-color-legend, the paired map's legend).
// Written once here, not copied into each element; apart from section-styles.ts (which the first
// screen loads) so that they stay in the lazy results chunk with the elements that use them.

import { css } from 'lit';

/** A map of starts drawn on a canvas (ll-heatmap, ll-paired-map): its host, figure, counts line and square canvas. */
export const mapStyles = css`
  :host {
    display: block;
    min-width: 0;
  }
  figure {
    margin: 0;
  }
  .counts {
    font-size: 0.8rem;
    color: var(--ll-muted);
    font-variant-numeric: tabular-nums;
  }
  .wrap {
    position: relative;
    aspect-ratio: 1 / 1;
    width: 100%;
    min-width: 0;
  }
  canvas {
    display: block;
    width: 100%;
    height: 100%;
    border-radius: 3px;
    cursor: crosshair;
    touch-action: manipulation;
  }
`;

/** A legend (ll-color-legend, ll-paired-map's): its colour ramp, its list of cases and their swatches. */
export const legendStyles = css`
  .ramp {
    height: 0.8rem;
    border-radius: 2px;
  }
  .cases {
    list-style: none;
    padding: 0;
    margin: 0.25rem 0 0;
    display: flex;
    flex-wrap: wrap;
    gap: 0.2rem 0.9rem;
  }
  .swatch {
    display: inline-block;
    width: 0.95rem;
    height: 0.95rem;
    vertical-align: -0.2rem;
    margin-right: 0.3rem;
    border: 1px solid #999;
    border-radius: 2px;
    box-sizing: border-box;
  }
`;
