// Beside the curves, for one-point data (Nielsen's neuron): per loss, gradient flow's prediction of
// the epochs the selected run spends on its plateau (lib/flow-prediction.ts, core's
// gradientFlowEpochs) next to the epochs the run took (its plateauEpochs), and one sentence on why
// squared error's time grows like e^{z₀} and cross-entropy's like z₀. Renders nothing for other data.

import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { SweepPlan } from '@losslab/worker';
import { formatCount, formatNumber } from '../lib/format.js';
import { flowPrediction, flowUnsupported, type FlowPrediction } from '../lib/flow-prediction.js';
import type { RunTrace } from '../lib/trace.js';
import { sharedStyles } from './shared-styles.js';

const TITLES = { se: 'Squared error', ce: 'Cross-entropy' } as const;

/** Epochs for people: whole epochs from 10 on, one decimal below (cross-entropy's is under one). */
function epochs(value: number): string {
  return value >= 10 ? formatCount(value) : formatNumber(value, 2);
}

@customElement('ll-flow-prediction')
export class LlFlowPrediction extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
        font-size: 0.85rem;
        margin-top: 0.6rem;
      }
      p {
        margin: 0.2rem 0;
        max-width: 60rem;
      }
      .why {
        color: var(--ll-muted);
      }
      .n {
        font-variant-numeric: tabular-nums;
        font-weight: 600;
      }
    `,
  ];

  /** The plan of the sweep on display. */
  @property({ attribute: false }) plan: SweepPlan | null = null;
  /** The primary selected run's trace per loss (null where there is none yet). */
  @property({ attribute: false }) primary: Record<'se' | 'ce', RunTrace | null> = { se: null, ce: null };

  override render() {
    const plan = this.plan;
    if (!plan || plan.data.d !== 1 || plan.data.n !== 1) return nothing;
    const traces = (['se', 'ce'] as const).map((loss) => this.primary[loss]).filter((t): t is RunTrace => t !== null);
    if (traces.length === 0) return nothing;
    const missing = flowUnsupported(plan, traces[0]!);
    if (missing) return html`<p class="why">Gradient flow’s prediction of the plateau needs ${missing}; this run is not.</p>`;
    const predictions = traces.map((trace) => flowPrediction(plan, trace)).filter((p): p is FlowPrediction => p !== null);
    const x = plan.data.x[0]!;
    return html`<div role="group" aria-label="Gradient flow’s prediction of the plateau">
      ${predictions.map(
        (p) => html`<p class="prediction" data-loss=${p.loss} data-predicted=${String(p.predicted)} data-measured=${String(p.measured)}>
          ${TITLES[p.loss]}: gradient flow predicts <span class="n">${epochs(p.predicted)}</span> epochs on the plateau (z from ${formatNumber(p.z0)} to
          ${formatNumber(p.z1)}, where the excess is 95 % of its start); this run took
          <span class="n">${p.measured === null ? `≥ ${formatCount(p.epochsRun)}` : formatCount(p.measured)}</span>${p.measured === null ? ' (it never left)' : ''}.
        </p>`,
      )}
      <p class="why">
        Why: on one point the logit z = w·x + b falls as dz/dt = −η(1 + x²)·∂loss/∂z (here 1 + x² = ${formatNumber(1 + x * x)}). Squared error’s
        ∂loss/∂z = ŷ²(1 − ŷ) carries the factor 1 − ŷ ≈ e<sup>−z</sup> of a saturated neuron, so its time to leave grows like e<sup>z₀</sup>; cross-entropy’s ∂loss/∂z = ŷ ≈ 1
        there, so its time grows only like z₀.
      </p>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'll-flow-prediction': LlFlowPrediction;
  }
}
