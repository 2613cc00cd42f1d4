// The loss surfaces section: for one-input data, the excess loss of each loss over (w, b) as filled
// contours with the selected runs' descent paths; hover links the two surfaces, and the curves'
// epoch cursor marks the paths. Dragging on either surface (or its arrow keys) moves the last
// selected run's start; the sentence under them says where both runs start and how they end.

import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { SweepPlan } from '@losslab/worker';
import type { Traces } from '../controllers/derived-controller.js';
import { formatCount } from '../lib/format.js';
import { startReadout } from '../lib/live-run.js';
import { isMoved } from '../lib/state.js';
import { mappable, MAX_SURFACE_POINTS, startStep, type SurfacePair } from '../lib/surface.js';
import { dispatchAction, type SurfaceCursor } from './events.js';
import { PANELS, sectionStyles } from './section-styles.js';
import { sharedStyles } from './shared-styles.js';
import './ll-formula.js';
import './ll-png-button.js';
import './ll-surface.js';

/** The surfaces figure's legend (lib/figure.ts). */
const SURFACES_LEGEND = ['Filled contours of the excess loss over (w, b), two per decade, the same for both losses; lighter is lower.', 'Lines: the selected runs’ descent paths (circle: start; square: where the run ended; black ring: the exact fit cross-entropy found).'];

@customElement('ll-surfaces-section')
export class LlSurfacesSection extends LitElement {
  static override styles = [
    sharedStyles,
    sectionStyles,
    css`
      .start {
        display: flex;
        flex-wrap: wrap;
        align-items: baseline;
        gap: 0.3rem 0.8rem;
        margin: 0.4rem 0 0;
        font-size: 0.85rem;
        font-variant-numeric: tabular-nums;
      }
      .start p {
        margin: 0;
      }
    `,
  ];

  /** The plan of the sweep on display (null before the first). */
  @property({ attribute: false }) plan: SweepPlan | null = null;
  /** Both losses' surfaces (null until computed, or when the data has none). */
  @property({ attribute: false }) surfaces: SurfacePair | null = null;
  /** The selected runs' traces, per loss (their paths). */
  @property({ attribute: false }) traces: Traces['byLoss'] = { se: [], ce: [] };
  /** The pointer's (w, b) on either surface. */
  @property({ attribute: false }) cursor: SurfaceCursor = null;
  /** The epoch under the curves' cursor (marked on every path), or null. */
  @property({ type: Number, attribute: false }) epoch: number | null = null;

  override render() {
    const plan = this.plan;
    const extent = this.surfaces?.extent;
    const step = plan && extent ? startStep(plan, extent) : null;
    const primary = { se: this.traces.se.at(-1) ?? null, ce: this.traces.ce.at(-1) ?? null };
    const moved = (primary.se ?? primary.ce)?.config;
    return html`<section aria-labelledby="h-surfaces">
      <div class="section-head"><h2 id="h-surfaces">Loss surfaces and descent paths</h2><ll-png-button view="surfaces" what="loss surfaces" svg .legend=${SURFACES_LEGEND}></ll-png-button></div>
      <p class="explain">Contours of the excess loss over (w, b), two per decade and the same for both; lighter is lower. Hover one surface to see the same point on the other; hover the curves to follow the paths epoch by epoch. Drag on either surface (or focus it and use the arrow keys) to start the last selected run somewhere else: both losses’ runs are recomputed as you move.</p>
      <ll-formula name="surface"></ll-formula>
      <div class="pair">
        ${PANELS.map(
          (panel) => html`<ll-surface
            data-loss=${panel.loss}
            heading=${panel.title}
            .plan=${plan}
            .map=${this.surfaces?.maps.find((m) => m.loss === panel.loss) ?? null}
            .thresholds=${this.surfaces?.thresholds ?? []}
            .traces=${this.traces[panel.loss]}
            .cursor=${this.cursor}
            .epoch=${this.epoch}
            .step=${step}
            message=${this._message(panel)}
          ></ll-surface>`,
        )}
      </div>
      <div class="start">
        <p id="start-readout" aria-live="polite">${startReadout(primary)}</p>
        ${moved && isMoved(moved) ? html`<button type="button" id="restore-start" @click=${this._onRestore}>Back to the sweep’s start and η</button>` : ''}
      </div>
    </section>`;
  }

  private _onRestore(): void {
    dispatchAction(this, { type: 'restore-run' });
  }

  /** Why a panel has no surface ('' when it has one). */
  private _message(panel: (typeof PANELS)[number]): string {
    const plan = this.plan;
    if (!plan) return 'Run a sweep to see the loss surfaces and the selected runs’ descent paths.';
    if (plan.data.d !== 1) return `Loss surfaces over (w, b) need one input; this data has ${plan.data.d}.`;
    if (!mappable(plan)) return `Loss surfaces are drawn for up to ${formatCount(MAX_SURFACE_POINTS)} points; this data has ${formatCount(plan.data.n)}.`;
    if (!plan.losses.includes(panel.loss)) return `This sweep has no ${panel.title.toLowerCase()} runs.`;
    return '';
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'll-surfaces-section': LlSurfacesSection;
  }
}
