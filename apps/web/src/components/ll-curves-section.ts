// The loss curves section: each selected run's yardstick max |ŷ − y| (the primary line, one y
// range for both panels) and its excess loss (secondary, each loss on its own axis), one chart per
// loss, with the log-scale switch (a state action); for one-point data, gradient flow's prediction
// of the plateau beside the selected run's (ll-flow-prediction).

import { LitElement, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { SweepPlan } from '@losslab/worker';
import type { Traces } from '../controllers/derived-controller.js';
import { untraceableMessage, type RunTrace } from '../lib/trace.js';
import { dispatchAction } from './events.js';
import { PANELS, sectionStyles } from './section-styles.js';
import { sharedStyles } from './shared-styles.js';
import './ll-curves.js';
import './ll-flow-prediction.js';
import './ll-formula.js';
import './ll-png-button.js';

/** The curves figure's legend (lib/figure.ts). */
const CURVES_LEGEND = ['Solid: excess loss (the loss minus its minimum); dashed: max |ŷ − y|, the same yardstick for both losses.', 'One colour per selected run, the same run in both panels.'];

@customElement('ll-curves-section')
export class LlCurvesSection extends LitElement {
  static override styles = [sharedStyles, sectionStyles];

  /** The plan of the sweep on display (null before the first). */
  @property({ attribute: false }) plan: SweepPlan | null = null;
  /** The selected runs' traces, per loss. */
  @property({ attribute: false }) traces: Traces['byLoss'] = { se: [], ce: [] };
  /** Log scale for the y axis. */
  @property({ type: Boolean }) logScale = true;
  /** The primary selected run's trace per loss (for gradient flow's prediction on one-point data). */
  @property({ attribute: false }) primary: Record<'se' | 'ce', RunTrace | null> = { se: null, ce: null };
  /** The y range both charts share. */
  @property({ attribute: false }) yRange: [number, number] = [1e-6, 1];

  override render() {
    const plan = this.plan;
    const onePoint = plan !== null && plan.data.d === 1 && plan.data.n === 1;
    const message = untraceableMessage(plan);
    return html`<section aria-labelledby="h-curves">
      <div class="section-head">
        <h2 id="h-curves">Loss curves of the selected runs</h2><ll-png-button view="curves" what="loss curves" svg .legend=${CURVES_LEGEND}></ll-png-button>
        <label class="controls"><input type="checkbox" id="log-scale" .checked=${this.logScale} @change=${this._onLogScale} />log scale</label>
      </div>
      <p class="explain">Solid: max |ŷ − y|, the same yardstick for both losses, on the same left axis in both panels: compare these. Dashed, on each panel's own right axis: that loss minus its minimum (excess squared error; excess cross-entropy, i.e. cross-entropy − H(y), the KL divergence), in different units. Vertical lines: where each run fits within ε.</p>
      <ll-formula name="excess"></ll-formula>
      <div class="pair">
        ${PANELS.map(
          (panel) => html`<ll-curves
            data-loss=${panel.loss}
            heading=${panel.title}
            .traces=${this.traces[panel.loss]}
            .epochs=${plan?.epochs ?? 1}
            ?logScale=${this.logScale}
            .yRange=${this.yRange}
            .tolerance=${plan?.tolerance ?? 0.01}
            message=${message}
          ></ll-curves>`,
        )}
      </div>
      ${onePoint ? html`<ll-flow-prediction .plan=${plan} .primary=${this.primary}></ll-flow-prediction>` : ''}
    </section>`;
  }

  private _onLogScale(event: Event): void {
    dispatchAction(this, { type: 'set-log-scale', logScale: (event.target as HTMLInputElement).checked });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'll-curves-section': LlCurvesSection;
  }
}
