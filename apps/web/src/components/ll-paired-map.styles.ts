// The paired map's styles: the figure, its counts, the canvas frame and the legend's ramp and cases.
// Apart from ll-paired-map.ts (as ll-app's are from the shell) so that the element's file is its
// drawing and behaviour.

import { css } from 'lit';

export const pairedMapStyles = css`
  :host {
    display: block;
    min-width: 0;
  }
  figure {
    margin: 0;
  }
  h3 {
    margin: 0 0 0.3rem;
    font-size: 1rem;
  }
  .counts {
    font-size: 0.8rem;
    color: var(--ll-muted);
    font-variant-numeric: tabular-nums;
    margin: 0 0 0.3rem;
  }
  .wrap {
    position: relative;
    aspect-ratio: 1 / 1;
    width: 100%;
    max-width: 300px;
  }
  canvas {
    display: block;
    width: 100%;
    height: 100%;
    border-radius: 3px;
    cursor: crosshair;
  }
  .legend {
    font-size: 0.74rem;
    max-width: 300px;
    margin-top: 0.35rem;
  }
  .ramp {
    height: 0.7rem;
    border-radius: 2px;
  }
  .ends {
    display: flex;
    justify-content: space-between;
    color: var(--ll-muted);
  }
  .cases {
    list-style: none;
    padding: 0;
    margin: 0.25rem 0 0;
    display: flex;
    flex-wrap: wrap;
    gap: 0.15rem 0.8rem;
  }
  .swatch {
    display: inline-block;
    width: 0.85rem;
    height: 0.85rem;
    vertical-align: -0.15rem;
    margin-right: 0.25rem;
    border: 1px solid #999;
    border-radius: 2px;
  }
  .readout {
    font-size: 0.8rem;
    min-height: 2.2em;
    margin: 0.3rem 0 0;
    max-width: 300px;
  }
`;
