// The gradient split section: for the last selected run, per epoch, the mean error, the mean
// factor ŷ(1 − ŷ) and the gradient's size, one chart per loss, with why cross-entropy's gradient
// has no ŷ(1 − ŷ).

import { LitElement, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { SweepPlan } from '@losslab/worker';
import type { RunTrace } from '../lib/trace.js';
import { untraceableMessage } from '../lib/trace.js';
import { PANELS, sectionStyles } from './section-styles.js';
import { sharedStyles } from './shared-styles.js';
import './ll-formula.js';
import './ll-gradient-split.js';
import './ll-png-button.js';

/** The gradient split figure's legend (lib/figure.ts). */
const SPLIT_LEGEND = ['For the last selected run, per epoch: the mean error |ŷ − y|, the mean factor ŷ(1 − ŷ) and the size of the gradient.'];

@customElement('ll-split-section')
export class LlSplitSection extends LitElement {
  static override styles = [sharedStyles, sectionStyles];

  /** The plan of the sweep on display (null before the first). */
  @property({ attribute: false }) plan: SweepPlan | null = null;
  /** The primary selected run's trace per loss (null when there is none). */
  @property({ attribute: false }) primary: Record<'se' | 'ce', RunTrace | null> = { se: null, ce: null };
  /** The y range both charts share. */
  @property({ attribute: false }) yRange: [number, number] = [1e-6, 1];

  override render() {
    const plan = this.plan;
    const message = untraceableMessage(plan);
    return html`<section aria-labelledby="h-split">
      <div class="section-head"><h2 id="h-split">Gradient split</h2><ll-png-button view="gradient-split" what="gradient split" .legend=${SPLIT_LEGEND}></ll-png-button></div>
      <p class="explain">For the last selected run: the error and the factor ŷ(1 − ŷ), averaged over the points, and the size of the gradient. Where ŷ(1 − ŷ) collapses while the error is still large, squared error's gradient vanishes.</p>
      <ll-formula name="gradients"></ll-formula>
      <details class="why">
        <summary>Why cross-entropy's gradient has no ŷ(1 − ŷ)</summary>
        <p class="explain">The lecture's reason: the sigmoid's derivative is σ′(z) = ŷ(1 − ŷ), and the derivative of cross-entropy's logarithms divides by exactly ŷ and 1 − ŷ, so the factor cancels and what is left is the error itself. Squared error has no such denominator: its gradient keeps ŷ(1 − ŷ), which is near 0 whenever the neuron saturates, right or wrong.</p>
        <ll-formula name="whyCe"></ll-formula>
      </details>
      <div class="pair">
        ${PANELS.map(
          (panel) => html`<ll-gradient-split
            data-loss=${panel.loss}
            heading=${panel.title}
            loss=${panel.loss}
            .trace=${this.primary[panel.loss]}
            .epochs=${plan?.epochs ?? 1}
            .yRange=${this.yRange}
            message=${message}
          ></ll-gradient-split>`,
        )}
      </div>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'll-split-section': LlSplitSection;
  }
}
