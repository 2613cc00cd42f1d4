// The heatmaps section: where each start converges, one heatmap per loss at the η of the slider,
// coloured by epochs to converge or final excess loss, with the shared legend and the selection;
// beside them the paired map (how the two losses compare per start); each loss's η* on the slider.
// Slider, colour choice and Clear are state actions (ll-action).

import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { SweepPlan, SweepResult, SweepStability } from '@losslab/worker';
import { shownAxisNote } from '../lib/axis-note.js';
import { axisChoices, FIRST_AXES, type AxesPosition, type AxisChoice } from '../lib/view-axes.js';
import type { ColorScale } from '../lib/color.js';
import { etaStarMarks, type EtaStarMark } from '../lib/eta-star.js';
import { formatCount, formatNumber } from '../lib/format.js';
import type { ColorBy, ConfigRef } from '../lib/state.js';
import { narrow } from './breakpoint.js';
import { dispatchAction } from './events.js';
import { PANELS, sectionStyles } from './section-styles.js';
import { sharedStyles } from './shared-styles.js';
import { styleProps } from './style-props.js';
import './ll-color-legend.js';
import './ll-formula.js';
import './ll-heatmap.js';
import './ll-paired-map.js';
import './ll-png-button.js';

const LOSS_SHORT: Record<string, string> = { se: 'SE', ce: 'CE' };
const LOSS_WORDS: Record<string, string> = { se: 'squared error', ce: 'cross-entropy' };
/** The heatmaps figure's legend (lib/figure.ts), above its colour ramp. */
const HEATMAP_LEGEND = ["Each cell is one start (w0, b0) trained at this η; its colour is on the scale below (brighter is better), and its pattern is the run's outcome (oscillating, stuck, stalled, still descending or diverged; a fit run has none)."];

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
      /* The two heatmaps and, beside them, the paired map (below them where three do not fit). */
      .pair.heatmaps {
        grid-template-columns: repeat(auto-fit, minmax(min(100%, 13rem), 260px));
        gap: 1rem 1.2rem;
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
        margin: 0;
      }
      .slider {
        position: relative;
        display: inline-flex;
        flex-direction: column;
      }
      /* Markers under the slider's track, centred where η* falls (the thumb is 16 px wide). */
      .eta-star-marks {
        position: relative;
        height: 1rem;
        font-size: 0.68rem;
        color: #8a3b12;
      }
      .eta-star-mark {
        position: absolute;
        top: 0;
        transform: translateX(-0.3rem);
        white-space: nowrap;
        line-height: 1;
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
  /** The optimizer, batch size and weight decay shown (already clamped to the plan's axes). */
  @property({ attribute: false }) axes: AxesPosition = FIRST_AXES;
  /** The sweep's stability limits η* (sweepStability of the plan), null before a sweep. */
  @property({ attribute: false }) stability: SweepStability | null = null;

  override render() {
    const plan = this.plan;
    const marks = plan && this.stability ? etaStarMarks(plan, this.stability) : [];
    const etaCount = plan?.eta.length ?? 1;
    const eta = plan ? formatNumber(plan.eta[this.etaIndex]!) : '—';
    const selectedCount = this.selected.length;
    return html`<section aria-labelledby="h-heatmaps">
      <div class="section-head">
        <h2 id="h-heatmaps">Where each start converges</h2><ll-png-button view="heatmaps" what="heatmaps" slider-eta .scale=${this.scale} .legend=${HEATMAP_LEGEND}></ll-png-button>
        <div class="controls">
          <div class="eta">
            <label for="eta-slider">η</label>
            <div class="slider">
              <input id="eta-slider" type="range" min="0" max=${etaCount - 1} step="1" .value=${String(this.etaIndex)} ?disabled=${etaCount < 2} aria-valuetext=${`η = ${eta}`} aria-describedby="eta-star-note" @input=${this._onEtaInput} />
              ${marks.some((m) => m.position !== null)
                ? html`<div class="eta-star-marks" aria-hidden="true">
                    ${marks.map((m) =>
                      m.position === null
                        ? nothing
                        : html`<span class="eta-star-mark" data-loss=${m.loss} data-eta-star=${String(m.etaStar)} style=${styleProps({ left: `calc(8px + ${(m.position / Math.max(1, etaCount - 1)).toFixed(4)} * (100% - 16px))` })}
                            >▲ η*<sub>${LOSS_SHORT[m.loss]}</sub></span
                          >`,
                    )}
                  </div>`
                : nothing}
            </div>
            <output for="eta-slider">${eta} <span class="muted">(${this.etaIndex + 1} of ${etaCount})</span></output>
          </div>
          ${plan ? axisChoices(plan).map((choice) => this._axisSelector(choice)) : nothing}
          <div role="radiogroup" aria-label="Colour by" class="controls">
            <label><input type="radio" name="color-by" value="epochs" .checked=${this.colorBy === 'epochs'} @change=${() => this._setColorBy('epochs')} />epochs to converge</label>
            <label><input type="radio" name="color-by" value="excess" .checked=${this.colorBy === 'excess'} @change=${() => this._setColorBy('excess')} />final excess loss</label>
          </div>
        </div>
      </div>
      ${plan && this.stability ? html`<p id="eta-star-note" class="axis-note eta-star-note">${this._etaStarNote(plan, marks, this.stability)}</p>` : nothing}
      ${shownAxisNote(plan, this.axes) ? html`<p class="axis-note" role="note">${shownAxisNote(plan, this.axes)}</p>` : nothing}
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
            .axes=${this.axes}
            colorBy=${this.colorBy}
            .scale=${this.scale}
            .points=${plan ? this.points : null}
            .selected=${this.selected}
            .hoverInit=${this.hoverInit}
          ></ll-heatmap>`,
        )}
        <ll-paired-map
          .plan=${plan}
          .result=${this.result}
          .revision=${this.revision}
          .etaIndex=${this.etaIndex}
          .axes=${this.axes}
          .points=${plan ? this.points : null}
          .selected=${this.selected}
          .hoverInit=${this.hoverInit}
        ></ll-paired-map>
      </div>
      <div class="legend-row">
        <ll-color-legend .scale=${this.scale} colorBy=${this.colorBy}></ll-color-legend>
        <p class="selection" aria-live="polite">
          ${selectedCount === 0
            ? html`<span class="muted">Click a start to select it in both panels; Shift-click adds more.</span>`
            : html`${formatCount(selectedCount)} selected · <button type="button" id="clear-selection" @click=${this._onClear}>Clear</button>`}
        </p>
      </div>
      <p class="explain">Epochs to fit: from that epoch on, every prediction stays within ε of its label.</p>
      ${marks.length > 0
        ? html`<p class="explain eta-star-explain">
            Why runs above η* oscillate: near an optimum, one step of gradient descent multiplies the distance along the loss's most curved direction by 1 − η·λ<sub>max</sub>, with λ<sub>max</sub> the largest eigenvalue of
            the loss's Hessian there. Past η* = 2/λ<sub>max</sub> that factor is below −1: each step overshoots by more than it corrects, so the loss rises and falls instead of settling (the
            <em>oscillating</em> outcome). Cross-entropy's Hessian is the larger (squared error's carries ŷ(1 − ŷ) twice more), so its η* is the lower.
          </p>`
        : nothing}
      <ll-formula name="fit"></ll-formula>
    </section>`;
  }

  /** A selector like the η slider for one axis with several values (optimizer, batch size, weight decay). */
  private _axisSelector(choice: AxisChoice) {
    const index = this.axes[choice.field];
    const label = choice.labels[index] ?? '';
    const id = `axis-${choice.axis}`;
    return html`<div class="eta axis-choice" data-axis=${choice.axis}>
      <label for=${id}>${choice.name}</label>
      <input id=${id} type="range" min="0" max=${choice.labels.length - 1} step="1" .value=${String(index)} aria-valuetext=${`${choice.name} ${label}`}
        @input=${(event: Event) => dispatchAction(this, { type: 'set-axis-index', axis: choice.axis, index: Number((event.target as HTMLInputElement).value) })} />
      <output for=${id}>${label} <span class="muted">(${index + 1} of ${choice.labels.length})</span></output>
    </div>`;
  }

  /** Each loss's η* in words, where it falls on this sweep's η axis; or why there is none. */
  private _etaStarNote(plan: SweepPlan, marks: EtaStarMark[], stability: SweepStability) {
    if (marks.length === 0) return `Stability limit η*: ${stability.reason ?? 'not available for this sweep'}.`;
    const eta = Array.from(plan.eta);
    const where = (m: EtaStarMark) => {
      const above = m.above.filter(Boolean).length;
      if (above === 0) return 'above every η here';
      if (above === eta.length) return 'below every η here';
      return `${above} of the ${eta.length} η ${above === 1 ? 'is' : 'are'} above it`;
    };
    const optimum = stability.optimum;
    const at = optimum && typeof optimum.w === 'number' ? ` at cross-entropy's optimum w = ${formatNumber(optimum.w)}, b = ${formatNumber(optimum.b)}` : " at cross-entropy's optimum";
    return html`Stability limit η* = 2/λ<sub>max</sub>${at}:
      ${marks.map((m, k) => html`${k > 0 ? '; ' : ''}<span data-loss=${m.loss} data-eta-star=${String(m.etaStar)}>${LOSS_WORDS[m.loss]} ${formatNumber(m.etaStar, 4)} (${where(m)})</span>`)}.`;
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
