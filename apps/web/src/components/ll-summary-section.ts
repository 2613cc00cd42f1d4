// The summary section: the table by learning rate (the text alternative to the charts).

import { LitElement, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { SweepSummary } from '../lib/summary.js';
import type { OutcomeCounts } from '../lib/outcome-counts.js';
import type { SweepStability } from '@losslab/worker';
import { FIRST_AXES, type AxesPosition } from '../lib/view-axes.js';
import { sectionStyles } from './section-styles.js';
import { sharedStyles } from './shared-styles.js';
import './ll-formula.js';
import './ll-summary-table.js';

@customElement('ll-summary-section')
export class LlSummarySection extends LitElement {
  static override styles = [sharedStyles, sectionStyles];

  /** The table's numbers (null before a sweep). */
  @property({ attribute: false }) summary: SweepSummary | null = null;
  /** The η shown in the heatmaps (its row is marked). */
  @property({ type: Number }) etaIndex = 0;
  /** The sweep's fit tolerance ε. */
  @property({ type: Number }) tolerance = 0.01;
  /** Runs per outcome of each (loss, η). */
  @property({ attribute: false }) outcomes: OutcomeCounts | null = null;
  /** The optimizer, batch size and weight decay the table describes. */
  @property({ attribute: false }) axes: AxesPosition = FIRST_AXES;
  /** The sweep's stability limits η* (rows above them are marked). */
  @property({ attribute: false }) stability: SweepStability | null = null;

  override render() {
    return html`<section aria-labelledby="h-summary">
      <div class="section-head"><h2 id="h-summary">Summary by learning rate</h2></div>
      <ll-formula name="ratio"></ll-formula>
      <ll-summary-table .summary=${this.summary} .etaIndex=${this.etaIndex} .tolerance=${this.tolerance} .outcomes=${this.outcomes} .stability=${this.stability} .axes=${this.axes}></ll-summary-table>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'll-summary-section': LlSummarySection;
  }
}
