// The paired map's own styles, on top of the map and legend blocks it shares with ll-heatmap and
// ll-color-legend (map-styles.ts): its heading, the frame's width, the legend's size and the
// readout. Apart from ll-paired-map.ts (as ll-app's are from the shell) so that the element's file
// is its drawing and behaviour.

import { css } from 'lit';
import { legendStyles, mapStyles } from './map-styles.js';

const pairedMapOwnStyles = css`
  h3 {
    margin: 0 0 0.3rem;
    font-size: 1rem;
  }
  .counts {
    margin: 0 0 0.3rem;
  }
  .wrap {
    max-width: 300px;
  }
  .legend {
    font-size: 0.74rem;
    max-width: 300px;
    margin-top: 0.35rem;
  }
  .ends {
    display: flex;
    justify-content: space-between;
    color: var(--ll-muted);
  }
  .readout {
    font-size: 0.8rem;
    min-height: 2.2em;
    margin: 0.3rem 0 0;
    max-width: 300px;
  }
`;

/** The paired map's styles: the shared map and legend blocks, then its own. */
export const pairedMapStyles = [mapStyles, legendStyles, pairedMapOwnStyles];
