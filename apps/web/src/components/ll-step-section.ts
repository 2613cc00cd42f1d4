// The step-mode section: a button that loads step mode (its code is a separate chunk), then
// ll-step-mode on the primary selected run, with focus moved into it (the button that had it is
// gone). A failure to load is reported up as a notice.

import { LitElement, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { SweepPlan } from '@losslab/worker';
import { describeError } from '../lib/describe-error.js';
import type { ConfigRef } from '../lib/state.js';
import type { SurfacePair } from '../lib/surface.js';
import { notify } from './events.js';
import { sectionStyles } from './section-styles.js';
import { sharedStyles } from './shared-styles.js';
import './ll-formula.js';
import './ll-png-button.js';

/** Step mode's figure legend (lib/figure.ts). */
const STEP_LEGEND = ['Top: the run’s point on each loss surface at this epoch, with its path so far; bottom: its loss curves so far (solid: excess loss; dashed: max |ŷ − y|).'];

@customElement('ll-step-section')
export class LlStepSection extends LitElement {
  static override styles = [sharedStyles, sectionStyles];

  /** The plan of the sweep on display (null before the first: step mode cannot open yet). */
  @property({ attribute: false }) plan: SweepPlan | null = null;
  /** The run to step through (the primary selected config), or null. */
  @property({ attribute: false }) config: ConfigRef | null = null;
  /** The loss surfaces its point moves on. */
  @property({ attribute: false }) surfaces: SurfacePair | null = null;
  /** The curves' shared y range and scale. */
  @property({ attribute: false }) yRange: [number, number] = [1e-6, 1];
  @property({ type: Boolean }) logScale = true;

  /** Whether step mode's element has loaded. */
  @state() private _loaded = false;

  override render() {
    return html`<section aria-labelledby="h-step">
      <div class="section-head"><h2 id="h-step">Step through descent</h2>${this._loaded ? html`<ll-png-button view="step-mode" what="step mode’s charts" svg .legend=${STEP_LEGEND}></ll-png-button>` : ''}</div>
      <p class="explain">The last selected run, one epoch at a time under both losses at once: its point moves on both loss surfaces and its curves grow. Step back, or drag the epoch slider (arrow keys, PageUp/PageDown, Home/End) to any epoch.</p>
      <ll-formula name="step"></ll-formula>
      ${this._loaded
        ? html`<ll-step-mode .plan=${this.plan} .config=${this.config} .surfaces=${this.surfaces} .yRange=${this.yRange} ?logScale=${this.logScale}></ll-step-mode>`
        : html`<button type="button" id="open-step-mode" ?disabled=${!this.plan} @click=${this._onOpen}>Open step mode</button>`}
    </section>`;
  }

  private async _onOpen(): Promise<void> {
    try {
      await import('./ll-step-mode.js');
      this._loaded = true;
      await this.updateComplete;
      await this.renderRoot.querySelector('ll-step-mode')?.focusControls();
    } catch (error) {
      notify(this, 'error', describeError(error, 'Step mode did not load'));
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'll-step-section': LlStepSection;
  }
}
