// The heatmaps section: where each start converges, one heatmap per loss at the η of the slider,
// coloured by epochs to converge or final excess loss, with the shared legend and the selection.
// Slider, colour choice and Clear are state actions (ll-action).

import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { SweepPlan, SweepResult } from '@losslab/worker';
import { firstAxisNote } from '../lib/axis-note.js';
import type { ColorScale } from '../lib/color.js';
import { formatCount, formatNumber } from '../lib/format.js';
import type { ColorBy, ConfigRef } from '../lib/state.js';
import { narrow } from './breakpoint.js';
import { dispatchAction } from './events.js';
import { PANELS, sectionStyles } from './section-styles.js';
import { sharedStyles } from './shared-styles.js';
import './ll-color-legend.js';
import './ll-formula.js';
import './ll-heatmap.js';
import './ll-png-button.js';

/** The heatmaps figure's legend (lib/figure.ts), above its colour ramp. */
const HEATMAP_LEGEND = ['Each cell is one start (w0, b0) trained at this η; its colour is on the scale below (brighter is better). Hatched: never converged or diverged.'];

@customElement('ll-heatmaps-section')
export class LlHeatmapsSection extends LitElement {
  static override styles = [
    sharedStyles,
    sectionStyles,
    css`
      .axis-note {
        margin: 0 0 0.5rem;
        font-size: 0.85rem;
        color: var(--ll-muted);
      }
      .pair.heatmaps {
        grid-template-columns: repeat(2, minmax(0, 340px));
      }
      .eta {
        display: flex;
        align-items: center;
        gap: 0.5rem;
        flex-wrap: wrap;
      }
      .eta output {
        font-variant-numeric: tabular-nums;
        font-weight: 600;
        min-width: 7.5rem;
      }
      input[type='range'] {
        width: 12rem;
        accent-color: var(--ll-accent);
      }
      .legend-row {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 1.5rem;
        align-items: flex-end;
        justify-content: space-between;
        margin-top: 0.6rem;
      }
      .legend-row ll-color-legend {
        flex: 1 1 18rem;
      }
      .selection {
        font-size: 0.85rem;
      }
      @media ${narrow} {
        .pair.heatmaps {
          grid-template-columns: repeat(2, minmax(0, 1fr));
          gap: 0.75rem;
        }
        input[type='range'],
        .eta {
          width: 100%;
        }
      }
    `,
  ];

  /** The plan of the sweep on display (null before the first). */
  @property({ attribute: false }) plan: SweepPlan | null = null;
  /** Its results so far: read, never copied. */
  @property({ attribute: false }) result: SweepResult | null = null;
  /** Changes whenever new runs landed in `result`. */
  @property({ type: Number }) revision = 0;
  /** The η shown (an index on the plan's η axis, already clamped to it). */
  @property({ type: Number }) etaIndex = 0;
  /** What colours a cell. */
  @property() colorBy: ColorBy = 'epochs';
  /** The colour scale both heatmaps share. */
  @property({ attribute: false }) scale: ColorScale | null = null;
  /** The starts as points. */
  @property({ attribute: false }) points: { w0: Float64Array; b0: Float64Array } | null = null;
  /** Selected configs, oldest first. */
  @property({ attribute: false }) selected: ConfigRef[] = [];
  /** The start under the pointer in either heatmap, -1 for none. */
  @property({ type: Number }) hoverInit = -1;

  override render() {
    const plan = this.plan;
    const etaCount = plan?.eta.length ?? 1;
    const eta = plan ? formatNumber(plan.eta[this.etaIndex]!) : '—';
    const selectedCount = this.selected.length;
    return html`<section aria-labelledby="h-heatmaps">
      <div class="section-head">
        <h2 id="h-heatmaps">Where each start converges</h2><ll-png-button view="heatmaps" what="heatmaps" slider-eta .scale=${this.scale} .legend=${HEATMAP_LEGEND}></ll-png-button>
        <div class="controls">
          <div class="eta">
            <label for="eta-slider">η</label>
            <input id="eta-slider" type="range" min="0" max=${etaCount - 1} step="1" .value=${String(this.etaIndex)} ?disabled=${etaCount < 2} aria-valuetext=${`η = ${eta}`} @input=${this._onEtaInput} />
            <output for="eta-slider">${eta} <span class="muted">(${this.etaIndex + 1} of ${etaCount})</span></output>
          </div>
          <div role="radiogroup" aria-label="Colour by" class="controls">
            <label><input type="radio" name="color-by" value="epochs" .checked=${this.colorBy === 'epochs'} @change=${() => this._setColorBy('epochs')} />epochs to converge</label>
            <label><input type="radio" name="color-by" value="excess" .checked=${this.colorBy === 'excess'} @change=${() => this._setColorBy('excess')} />final excess loss</label>
          </div>
        </div>
      </div>
      ${firstAxisNote(plan) ? html`<p class="axis-note" role="note">${firstAxisNote(plan)}</p>` : nothing}
      <div class="pair heatmaps">
        ${PANELS.map(
          (panel) => html`<ll-heatmap
            data-loss=${panel.loss}
            heading=${panel.title}
            .plan=${plan}
            .result=${this.result}
            .revision=${this.revision}
            .lossIndex=${plan?.losses.indexOf(panel.loss) ?? -1}
            .etaIndex=${this.etaIndex}
            colorBy=${this.colorBy}
            .scale=${this.scale}
            .points=${plan ? this.points : null}
            .selected=${this.selected}
            .hoverInit=${this.hoverInit}
          ></ll-heatmap>`,
        )}
      </div>
      <div class="legend-row">
        <ll-color-legend .scale=${this.scale} ?showNever=${this.colorBy === 'epochs'}></ll-color-legend>
        <p class="selection" aria-live="polite">
          ${selectedCount === 0
            ? html`<span class="muted">Click a start to select it in both panels; Shift-click adds more.</span>`
            : html`${formatCount(selectedCount)} selected · <button type="button" id="clear-selection" @click=${this._onClear}>Clear</button>`}
        </p>
      </div>
      <p class="explain">Epochs to fit: from that epoch on, every prediction stays within ε of its label.</p>
      <ll-formula name="fit"></ll-formula>
    </section>`;
  }

  private _onEtaInput(event: Event): void {
    dispatchAction(this, { type: 'set-eta-index', index: Number((event.target as HTMLInputElement).value) });
  }

  private _setColorBy(colorBy: ColorBy): void {
    dispatchAction(this, { type: 'set-color-by', colorBy });
  }

  private _onClear(): void {
    dispatchAction(this, { type: 'clear-selection' });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'll-heatmaps-section': LlHeatmapsSection;
  }
}
