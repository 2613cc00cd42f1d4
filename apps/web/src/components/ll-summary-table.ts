// The summary table, and the text alternative to the charts: per η, how many starts each loss
// brought to convergence, the median epochs it took, and how many times faster cross-entropy was
// where both converged. Each η is a button that shows that η in the heatmaps.

import { LitElement, css, html, nothing } from 'lit';
import { styleProps } from './style-props.js';
import { customElement, property } from 'lit/decorators.js';
import { formatCount, formatNumber } from '../lib/format.js';
import type { SweepSummary } from '../lib/summary.js';
import type { OutcomeCounts } from '../lib/outcome-counts.js';
import { LEGEND_OUTCOMES, OUTCOME_STYLES } from '../lib/outcomes.js';
import { etaStarMarks } from '../lib/eta-star.js';
import { FIRST_AXES, type AxesPosition } from '../lib/view-axes.js';
import type { SweepStability } from '@losslab/worker';
import { dispatchAction } from './events.js';
import { sharedStyles } from './shared-styles.js';

const LOSS_TITLES: Record<string, string> = { se: 'Squared error', ce: 'Cross-entropy' };

@customElement('ll-summary-table')
export class LlSummaryTable extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
        min-width: 0;
      }
      .scroll {
        overflow-x: auto;
        outline-offset: 2px;
        border: 1px solid var(--ll-line);
        border-radius: var(--ll-radius);
        background: var(--ll-panel);
      }
      /* The scrolling region takes focus (arrow keys scroll it): show where focus is. */
      .scroll:focus-visible {
        outline: 3px solid var(--ll-accent);
      }
      table {
        border-collapse: collapse;
        width: 100%;
        font-size: 0.85rem;
        font-variant-numeric: tabular-nums;
      }
      caption {
        text-align: left;
        padding: 0.5rem 0.6rem;
        font-size: 0.85rem;
        color: var(--ll-muted);
        caption-side: bottom;
      }
      th,
      td {
        padding: 0.3rem 0.6rem;
        text-align: right;
        border-bottom: 1px solid #eeede8;
        white-space: nowrap;
      }
      thead th {
        background: #f3f2ed;
        font-weight: 600;
        vertical-align: bottom;
      }
      th[scope='row'] {
        text-align: left;
        font-weight: normal;
      }
      th[scope='row'] button {
        min-height: 1.9rem;
        padding: 0.1rem 0.5rem;
        font-variant-numeric: tabular-nums;
      }
      tr.current {
        background: #e8f1fb;
      }
      tr.current th[scope='row'] button {
        border-color: var(--ll-accent);
        font-weight: 600;
      }
      .above-eta-star {
        font-size: 0.72rem;
        color: #8a3b12;
        white-space: nowrap;
      }
      td.outcomes,
      th.outcomes {
        text-align: left;
        font-size: 0.8rem;
      }
      .bar {
        display: inline-block;
        height: 0.55rem;
        background: #7a9cc6;
        vertical-align: middle;
        margin-left: 0.35rem;
        border-radius: 1px;
      }
    `,
  ];

  /** The numbers (null before any sweep). */
  @property({ attribute: false }) summary: SweepSummary | null = null;
  /** The η shown in the heatmaps. */
  @property({ type: Number }) etaIndex = 0;
  /** The fit tolerance, for the caption. */
  @property({ type: Number }) tolerance = 0.01;
  /** Runs per outcome of each (loss, η) (null: no outcome column). */
  @property({ attribute: false }) outcomes: OutcomeCounts | null = null;
  /** The optimizer, batch size and weight decay the rows describe (for the outcome counts). */
  @property({ attribute: false }) axes: AxesPosition = FIRST_AXES;
  /** The sweep's stability limits η*: each η above a loss's η* is marked in its row. */
  @property({ attribute: false }) stability: SweepStability | null = null;

  override render() {
    const summary = this.summary;
    if (!summary) return html`<p class="muted">The table fills in as the sweep runs.</p>`;
    const both = summary.losses.includes('se') && summary.losses.includes('ce');
    const outcomes = this.outcomes;
    const marks = this.stability ? etaStarMarks({ eta: Float64Array.from(summary.rows, (row) => row.eta), losses: summary.losses }, this.stability) : [];
    return html`
      <div class="scroll" tabindex="0" role="region" aria-label="Summary by learning rate (scrolls sideways on a narrow screen)">
        <table>
          <caption>
            Converged: every |ŷ − y| ≤ ${formatNumber(this.tolerance)} from some epoch to the end. Out of ${formatCount(summary.initCount)} starts per η and loss.
            ${both ? 'Speed-up: the median over starts where both converged of squared error’s epochs ÷ cross-entropy’s.' : nothing}
            ${marks.length > 0
              ? html`&gt; η*: the η is above that loss's stability limit η* = 2/λ<sub>max</sub> (${marks.map((m, k) => `${k > 0 ? ', ' : ''}${LOSS_TITLES[m.loss]!.toLowerCase()} ${formatNumber(m.etaStar, 4)}`)}): runs that reach the optimum cannot settle there and oscillate.`
              : nothing}
            ${outcomes ? 'Outcomes: how each run ended (the heatmaps’ legend gives the rules).' : nothing} Choose an η to show it in the heatmaps (in the η column, arrow keys, Home and End move between them).
          </caption>
          <thead>
            <tr>
              <th scope="col">η</th>
              ${summary.losses.map((loss) => html`<th scope="col">${LOSS_TITLES[loss]}<br />converged</th><th scope="col">${LOSS_TITLES[loss]}<br />median epochs</th>${outcomes ? html`<th scope="col" class="outcomes">${LOSS_TITLES[loss]}<br />outcomes</th>` : nothing}`)}
              ${both ? html`<th scope="col">Both<br />converged</th><th scope="col">Cross-entropy<br />speed-up</th>` : nothing}
            </tr>
          </thead>
          <tbody>
            ${summary.rows.map(
              (row) => html`
                <tr class=${row.etaIndex === this.etaIndex ? 'current' : ''}>
                  <th scope="row">
                    <button
                      type="button"
                      class="eta-choice"
                      data-eta-index=${row.etaIndex}
                      tabindex=${row.etaIndex === this.etaIndex ? '0' : '-1'}
                      aria-pressed=${row.etaIndex === this.etaIndex ? 'true' : 'false'}
                      @click=${() => this._onChooseEta(row.etaIndex)}
                      @keydown=${this._onEtaKey}
                    >${formatNumber(row.eta)}</button>${marks.map((m) =>
                      m.above[row.etaIndex] ? html` <span class="above-eta-star" data-loss=${m.loss} title=${`above ${LOSS_TITLES[m.loss]!.toLowerCase()}'s η* = ${formatNumber(m.etaStar, 4)}`}>&gt; η*<sub>${m.loss.toUpperCase()}</sub></span>` : nothing,
                    )}
                  </th>
                  ${row.perLoss.map(
                    (cell, lossIndex) => html`
                      <td>
                        ${formatCount(cell.converged)}${cell.done < summary.initCount ? html`<span class="muted"> / ${formatCount(cell.done)} done</span>` : nothing}<span
                          class="bar"
                          aria-hidden="true"
                          style=${styleProps({ width: `${((2.5 * cell.converged) / Math.max(1, summary.initCount)).toFixed(2)}rem` })}
                        ></span>
                      </td>
                      <td>${cell.medianEpochs === null ? '—' : formatNumber(cell.medianEpochs)}</td>
                      ${outcomes ? this._outcomeCell(outcomes, lossIndex, row.etaIndex) : nothing}
                    `,
                  )}
                  ${both ? html`<td>${formatCount(row.bothConverged)}</td><td>${row.speedup === null ? '—' : `${formatNumber(row.speedup, 2)}×`}</td>` : nothing}
                </tr>
              `,
            )}
          </tbody>
        </table>
      </div>
    `;
  }

  /** The outcomes of one (loss, η) with their counts, those with none left out ("fit 812 · oscillating 212"). */
  private _outcomeCell(outcomes: OutcomeCounts, lossIndex: number, etaIndex: number) {
    const tally = outcomes.at({ ...this.axes, lossIndex, etaIndex });
    const present = LEGEND_OUTCOMES.filter((o) => tally[o] > 0);
    return html`<td class="outcomes">${present.length === 0 ? '—' : present.map((o, k) => html`${k > 0 ? ' · ' : ''}<span data-outcome=${o}>${OUTCOME_STYLES[o].label} ${formatCount(tally[o])}</span>`)}</td>`;
  }

  /**
   * The η column is one tab stop (roving tabindex: only the shown η's button is in the tab order):
   * ArrowUp/ArrowDown show the previous/next η, Home/End the first/last, and focus follows.
   */
  private _onEtaKey(event: KeyboardEvent): void {
    const rows = this.summary?.rows.length ?? 0;
    const current = Number((event.currentTarget as HTMLElement).dataset.etaIndex);
    const next = event.key === 'ArrowDown' ? current + 1 : event.key === 'ArrowUp' ? current - 1 : event.key === 'Home' ? 0 : event.key === 'End' ? rows - 1 : null;
    if (next === null) return;
    event.preventDefault();
    const target = Math.min(rows - 1, Math.max(0, next));
    if (target !== current) this._onChooseEta(target);
    // The button becomes the tab stop when the new η comes back down as etaIndex; focus it now.
    this.renderRoot.querySelector<HTMLButtonElement>(`button[data-eta-index="${target}"]`)?.focus();
  }

  private _onChooseEta(etaIndex: number): void {
    dispatchAction(this, { type: 'set-eta-index', index: etaIndex });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'll-summary-table': LlSummaryTable;
  }
}
