// The shell's layout: the header, the sidebar with the form (sticky beside the results on wide
// screens, above them at the narrow breakpoint) and the column of sections.

import { css } from 'lit';
import { narrow } from './breakpoint.js';

export const appStyles = css`
  :host {
    display: block;
    min-height: 100vh;
    background: var(--ll-page);
  }
  .skip-link {
    position: absolute;
    left: 0.75rem;
    top: -3rem;
    z-index: 10;
    padding: 0.4rem 0.8rem;
    background: var(--ll-accent);
    color: var(--ll-accent-ink);
    border-radius: 6px;
  }
  .skip-link:focus {
    top: 0.5rem;
  }
  main:focus {
    outline: none;
  }
  header {
    padding: 0.8rem 1.25rem 0.6rem;
    display: grid;
    gap: 0.6rem;
  }
  h1 {
    margin: 0;
    font-size: 1.35rem;
    letter-spacing: -0.01em;
  }
  h1 span {
    font-weight: 400;
    color: var(--ll-muted);
    font-size: 1rem;
    margin-left: 0.5rem;
  }
  .lede {
    margin: 0.15rem 0 0;
    max-width: 62rem;
    font-size: 0.92rem;
  }
  .layout {
    display: grid;
    grid-template-columns: minmax(17rem, 21rem) minmax(0, 1fr);
    gap: 1rem;
    padding: 0 1.25rem 2rem;
    align-items: start;
  }
  aside {
    position: sticky;
    top: 0;
    max-height: 100vh;
    overflow-y: auto;
    padding: 0.25rem 0.25rem 1rem 0;
    scrollbar-width: thin;
  }
  ll-first-look {
    margin: 0 1.25rem 1rem;
  }
  main {
    display: grid;
    gap: 1.1rem;
    min-width: 0;
  }
  ll-progress {
    contain: layout paint style;
  }
  /* Wide screens: the views two by two, so the charts use the width (at 1920 px one column would
     leave the capped heatmaps a third of it); progress, notices, step mode, the table and the tools
     keep the full width. */
  @media (min-width: 1680px) {
    main {
      grid-template-columns: repeat(2, minmax(0, 1fr));
      align-items: start;
    }
    ll-progress,
    ll-notices,
    ll-run-controls,
    ll-step-section,
    ll-summary-section,
    ll-results-tools {
      grid-column: 1 / -1;
    }
  }
  @media ${narrow} {
    .layout {
      grid-template-columns: minmax(0, 1fr);
      padding: 0 0.75rem 2rem;
    }
    header {
      padding: 0.75rem 0.75rem 0.5rem;
    }
    ll-first-look {
      margin: 0 0.75rem 0.75rem;
    }
    aside {
      position: static;
      max-height: none;
      overflow: visible;
      padding: 0;
    }
  }
`;
