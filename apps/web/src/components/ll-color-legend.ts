// The heatmaps' legend: the colour ramp with its ticks, and swatches for the states that have no
// colour on the ramp (never converged, diverged, not run yet).

import { LitElement, css, html, nothing } from 'lit';
import { styleProps } from './style-props.js';
import { customElement, property } from 'lit/decorators.js';
import { STATE_COLORS, type ColorScale } from '../lib/color.js';
import { sharedStyles } from './shared-styles.js';

@customElement('ll-color-legend')
export class LlColorLegend extends LitElement {
  static override styles = [
    sharedStyles,
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
        height: 0.8rem;
        border-radius: 2px;
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
      .states {
        display: flex;
        flex-wrap: wrap;
        gap: 0.2rem 0.9rem;
        margin-top: 0.25rem;
      }
      .swatch {
        display: inline-block;
        width: 0.95rem;
        height: 0.95rem;
        vertical-align: -0.2rem;
        margin-right: 0.3rem;
        border: 1px solid #999;
        border-radius: 2px;
      }
    `,
  ];

  /** The scale to show. */
  @property({ attribute: false }) scale: ColorScale | null = null;
  /** Whether the "never converged" swatch applies (it does when colouring by epochs). */
  @property({ type: Boolean }) showNever = true;

  override render() {
    const scale = this.scale;
    if (!scale) return nothing;
    const stops = Array.from({ length: 11 }, (_, k) => `${scale.colorAt(k / 10)} ${k * 10}%`).join(', ');
    const stripes = (base: string, stripe: string, angle: number) => `repeating-linear-gradient(${angle}deg, ${stripe} 0 2px, ${base} 2px 5px)`;
    return html`
      <div role="group" aria-label=${`Colour legend: ${scale.title}`}>
        <p class="title">${scale.title} <span aria-hidden="true">(brighter is better)</span></p>
        <div class="ramp" style=${styleProps({ background: `linear-gradient(to right, ${stops})` })} aria-hidden="true"></div>
        <div class="ticks" aria-hidden="true">${scale.ticks().map((tick) => html`<span style=${styleProps({ left: `${(tick.position * 100).toFixed(2)}%` })}>${tick.label}</span>`)}</div>
        <p class="visually-hidden">${scale.ticks().map((tick) => tick.label).join(', ')}, from bright to dark.</p>
        <div class="states">
          ${this.showNever
            ? html`<span><span class="swatch" style=${styleProps({ background: stripes(STATE_COLORS.never, STATE_COLORS.neverStripe, 45) })}></span>never converged</span>`
            : nothing}
          <span><span class="swatch" style=${styleProps({ background: stripes(STATE_COLORS.diverged, STATE_COLORS.divergedStripe, -45) })}></span>diverged</span>
          <span><span class="swatch" style=${styleProps({ background: STATE_COLORS.pending })}></span>not run yet</span>
        </div>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'll-color-legend': LlColorLegend;
  }
}
