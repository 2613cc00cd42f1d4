// The heatmaps' legend: the colour ramp with its ticks, and one swatch per run outcome (fit,
// oscillating, stuck, stalled, still descending, diverged) showing the pattern its cells carry,
// drawn by the same function as the cells, plus "not run yet".

import { LitElement, css, html, nothing } from 'lit';
import { styleProps } from './style-props.js';
import { customElement, property } from 'lit/decorators.js';
import { STATE_COLORS, type ColorScale } from '../lib/color.js';
import { LEGEND_OUTCOMES, OUTCOME_STYLES } from '../lib/outcomes.js';
import type { ColorBy } from '../lib/state.js';
import { drawOutcomePattern } from './outcome-pattern.js';
import { legendStyles } from './map-styles.js';
import { sharedStyles } from './shared-styles.js';

@customElement('ll-color-legend')
export class LlColorLegend extends LitElement {
  static override styles = [
    sharedStyles,
    legendStyles,
    css`
      :host {
        display: block;
        font-size: 0.78rem;
      }
      .title {
        margin: 0 0 0.2rem;
        color: var(--ll-muted);
      }
      .ramp {
        position: relative;
        max-width: 26rem;
      }
      .ticks {
        position: relative;
        height: 1.1rem;
        max-width: 26rem;
        font-variant-numeric: tabular-nums;
      }
      .ticks span {
        position: absolute;
        top: 0.1rem;
        transform: translateX(-50%);
        white-space: nowrap;
      }
      .ticks span:first-child {
        transform: none;
      }
      .ticks span:last-child {
        transform: translateX(-100%);
      }
    `,
  ];

  /** The scale to show. */
  @property({ attribute: false }) scale: ColorScale | null = null;
  /** What the cells are coloured by: by epochs a run that did not fit has no value and shows grey under its pattern; by excess every run has its colour. */
  @property() colorBy: ColorBy = 'epochs';

  override render() {
    const scale = this.scale;
    if (!scale) return nothing;
    const stops = Array.from({ length: 11 }, (_, k) => `${scale.colorAt(k / 10)} ${k * 10}%`).join(', ');
    return html`
      <div role="group" aria-label=${`Colour legend: ${scale.title}`}>
        <p class="title">${scale.title} <span aria-hidden="true">(brighter is better)</span></p>
        <div class="ramp" style=${styleProps({ background: `linear-gradient(to right, ${stops})` })} aria-hidden="true"></div>
        <div class="ticks" aria-hidden="true">${scale.ticks().map((tick) => html`<span style=${styleProps({ left: `${(tick.position * 100).toFixed(2)}%` })}>${tick.label}</span>`)}</div>
        <p class="visually-hidden">${scale.ticks().map((tick) => tick.label).join(', ')}, from bright to dark.</p>
        <ul class="cases" aria-label="Run outcomes">
          ${LEGEND_OUTCOMES.map((outcome) => {
            const style = OUTCOME_STYLES[outcome];
            return html`<li data-outcome=${outcome} data-pattern=${style.pattern} title=${style.meaning}>
              <canvas class="swatch" width="19" height="19" aria-hidden="true"></canvas>${style.label}<span class="visually-hidden">: ${style.meaning}${style.pattern === 'none' ? ', no pattern' : `, ${PATTERN_WORDS[style.pattern]}`}</span>
            </li>`;
          })}
          <li data-outcome="pending"><span class="swatch" style=${styleProps({ background: STATE_COLORS.pending })}></span>not run yet</li>
        </ul>
      </div>
    `;
  }

  override updated(): void {
    // The swatches are painted with the cells' own pattern function, over the base a cell of that
    // outcome has: dark for diverged; grey for the others without a fit when colouring by epochs;
    // otherwise a colour from the middle of the ramp.
    const scale = this.scale;
    if (!scale) return;
    for (const item of this.renderRoot.querySelectorAll<HTMLElement>('li[data-pattern]')) {
      const canvas = item.querySelector('canvas');
      const ctx = canvas?.getContext('2d');
      if (!canvas || !ctx) continue;
      const outcome = item.dataset.outcome as keyof typeof OUTCOME_STYLES;
      ctx.clearRect(0, 0, canvas.width, canvas.height);
      ctx.fillStyle = outcome === 'diverged' ? STATE_COLORS.diverged : this.colorBy === 'epochs' && outcome !== 'fit' ? STATE_COLORS.never : scale.colorAt(0.4);
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      drawOutcomePattern(ctx, OUTCOME_STYLES[outcome].pattern, 0, 0, canvas.width, canvas.height, 6, 1);
    }
  }
}

/** The patterns in words, for screen readers. */
const PATTERN_WORDS: Record<string, string> = { cross: 'crossed lines', diagonal: 'diagonal lines', dots: 'dots', horizontal: 'horizontal lines', vertical: 'vertical lines' };

declare global {
  interface HTMLElementTagNameMap {
    'll-color-legend': LlColorLegend;
  }
}
