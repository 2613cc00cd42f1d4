// The "who wins" view: at the η shown, for each optimizer of the sweep, from how many starts each
// loss reached the fit first and the median ratio of their epochs. A table (its own text
// alternative); the per-start map (whoWins' winner/ratio arrays) is what a paired map would draw.

import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { RunArrays, SweepPlan } from '@losslab/worker';
import { formatNumber } from '../lib/format.js';
import type { OptimizerOutcome } from '../lib/who-wins.js';
import { WhoWinsTracker } from '../lib/who-wins-tracker.js';
import { FIRST_AXES, optimizerLabel, type AxesPosition } from '../lib/view-axes.js';
import { sectionStyles } from './section-styles.js';
import { sharedStyles } from './shared-styles.js';


@customElement('ll-who-wins')
export class LlWhoWins extends LitElement {
  static override styles = [
    sharedStyles,
    sectionStyles,
    css`
      table { border-collapse: collapse; }
      th, td { padding: 0.2rem 0.6rem; text-align: right; }
      th:first-child, td:first-child { text-align: left; }
    `,
  ];

  /** The sweep (null before one); the view shows only with both losses. */
  @property({ attribute: false }) plan: SweepPlan | null = null;
  /** Its result arrays (null before the first chunk). */
  @property({ attribute: false }) result: Pick<RunArrays, 'status' | 'epochsToFit' | 'divergedAt'> | null = null;
  /** Bumped when chunks land (the arrays change in place). */
  @property({ type: Number }) revision = 0;
  /** The η shown (an index on the plan's η axis). */
  @property({ type: Number }) etaIndex = 0;
  /** The batch size and weight decay shown (its optimizer index is ignored: every optimizer is a row). */
  @property({ attribute: false }) axes: AxesPosition = FIRST_AXES;

  @state() private _outcomes: OptimizerOutcome[] = [];
  /** The table, updated from the runs that landed since the last update while a sweep runs. */
  private readonly _tracker = new WhoWinsTracker();

  override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('plan') && !changed.has('result') && !changed.has('revision') && !changed.has('etaIndex') && !changed.has('axes')) return;
    const plan = this.plan;
    const ready = plan && this.result && plan.losses.includes('se') && plan.losses.includes('ce') && this.etaIndex < plan.eta.length;
    this._outcomes = ready ? this._tracker.update(plan, this.result!, this.etaIndex, { batchIndex: this.axes.batchIndex, weightDecayIndex: this.axes.weightDecayIndex }) : [];
  }

  override render() {
    const plan = this.plan;
    if (!plan || !plan.losses.includes('se') || !plan.losses.includes('ce')) return nothing;
    return html`<section aria-labelledby="h-who-wins">
      <div class="section-head"><h2 id="h-who-wins">Who wins, per optimizer</h2></div>
      <p class="hint">At η = ${formatNumber(plan.eta[this.etaIndex] ?? NaN)}: from how many of the ${plan.initCount} starts each loss reached the fit first (ε = ${formatNumber(plan.tolerance)}); the ratio is squared error's epochs over cross-entropy's where both did (above 1: cross-entropy faster).</p>
      <table>
        <thead>
          <tr><th scope="col">optimizer</th><th scope="col">cross-entropy first</th><th scope="col">squared error first</th><th scope="col">tie</th><th scope="col">neither</th><th scope="col">pending</th><th scope="col">median ratio</th></tr>
        </thead>
        <tbody>
          ${this._outcomes.map(
            (o) => html`<tr data-optimizer=${o.optimizer.name}>
              <th scope="row">${optimizerLabel(o.optimizer)}</th>
              <td>${o.crossEntropy}</td>
              <td>${o.squaredError}</td>
              <td>${o.tie}</td>
              <td>${o.neither}</td>
              <td>${o.pending}</td>
              <td>${o.medianRatio === null ? '–' : `${formatNumber(o.medianRatio)}×`}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'll-who-wins': LlWhoWins;
  }
}
