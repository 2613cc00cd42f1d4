// The gradient split of the primary selected run, per epoch: the error |ŷ − y|, the factor
// ŷ(1 − ŷ) that squared error's gradient (ŷ − y)·ŷ(1 − ŷ)·x carries and cross-entropy's (ŷ − y)·x
// does not, and the gradient's size. Where the factor collapses while the error is still large,
// squared error stalls: that is the plateau.

import { LitElement, css, html, unsafeCSS } from 'lit';
import { styleProps } from './style-props.js';
import { customElement, property } from 'lit/decorators.js';
import type uPlot from 'uplot';
import uplotCss from 'uplot/dist/uPlot.min.css?inline';
import { UplotController } from '../controllers/uplot-controller.js';
import { gradientSplitColumns, logTicks } from '../lib/curves.js';
import { formatNumber } from '../lib/format.js';
import type { RunTrace } from '../lib/trace.js';
import { reportEpoch } from './events.js';
import { EPOCH_SYNC_KEY } from './ll-curves.js';
import { panelStyles, sharedStyles } from './shared-styles.js';

const ERROR_COLOR = '#0072b2';
const FACTOR_COLOR = '#d55e00';
const GRADIENT_COLOR = '#1d1d1f';

@customElement('ll-gradient-split')
export class LlGradientSplit extends LitElement {
  static override styles = [
    unsafeCSS(uplotCss),
    sharedStyles,
    panelStyles,
    css`
      .formula {
        margin: 0 0 0.3rem;
        font-size: 0.85rem;
      }
      .chart {
        min-height: 200px;
        width: 100%;
      }
      ul {
        list-style: none;
        padding: 0;
        margin: 0.3rem 0 0;
        display: flex;
        flex-wrap: wrap;
        gap: 0.2rem 1rem;
        font-size: 0.8rem;
      }
      .key {
        display: inline-block;
        width: 1.5rem;
        border-top: 3px solid;
        margin-right: 0.3rem;
        transform: translateY(-0.2rem);
      }
    `,
  ];

  /** The panel's title, e.g. "Squared error". */
  @property() heading = '';
  /** Shown instead of the chart when there is a reason there is none (e.g. runs too long to recompute). */
  @property() message = '';
  /** 'se' or 'ce': which gradient this panel's loss has. */
  @property() loss: 'se' | 'ce' = 'se';
  /** The primary selected run of this loss, or null. */
  @property({ attribute: false }) trace: RunTrace | null = null;
  /** Epochs of the sweep (the x range). */
  @property({ type: Number }) epochs = 1;
  /** The log y range, shared with the other panel. */
  @property({ attribute: false }) yRange: [number, number] = [1e-6, 1];

  private readonly _chart = new UplotController(this, '.chart', 200);
  private _reportFrame = 0;

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('trace') || changed.has('epochs') || changed.has('yRange') || changed.has('loss')) {
      if (!this.trace) this._chart.clear();
      else this._chart.set(this._options(), gradientSplitColumns(this.trace, this.epochs) as uPlot.AlignedData);
    }
  }

  override render() {
    const se = this.loss === 'se';
    const formula = se ? html`∂L/∂w = Σ (ŷ − y) · <b>ŷ(1 − ŷ)</b> · x` : html`∂L/∂w = Σ (ŷ − y) · x <span class="muted">(no ŷ(1 − ŷ) factor)</span>`;
    if (!this.trace) {
      return html`<h3>${this.heading}</h3>
        <p class="formula">${formula}</p>
        <p class="empty">${this.message || 'Select a start to see its gradient split.'}</p>`;
    }
    return html`
      <h3>${this.heading}</h3>
      <p class="formula">${formula}</p>
      <div class="chart" role="img" aria-label=${this._ariaLabel()}></div>
      <ul>
        <li><span class="key" style=${styleProps({ borderColor: ERROR_COLOR })}></span>mean |ŷ − y|</li>
        <li><span class="key" style=${styleProps({ borderColor: FACTOR_COLOR, borderTopStyle: se ? 'solid' : 'dashed' })}></span>mean ŷ(1 − ŷ)${se ? '' : ' (not in this gradient)'}</li>
        <li><span class="key" style=${styleProps({ borderColor: GRADIENT_COLOR, borderTopStyle: 'dotted' })}></span>‖∇L‖</li>
      </ul>
    `;
  }

  private _ariaLabel(): string {
    const trace = this.trace!;
    const minSlope = trace.meanSlope.reduce((a, b) => Math.min(a, b), Infinity);
    return `${this.heading} gradient split for η ${formatNumber(trace.eta)}, w0 ${formatNumber(trace.w0)}, b0 ${formatNumber(trace.b0)}: mean ŷ(1 − ŷ) starts at ${formatNumber(trace.meanSlope[0] ?? Number.NaN)} and falls as low as ${formatNumber(minSlope)}; mean |ŷ − y| starts at ${formatNumber(trace.meanError[0] ?? Number.NaN)}.`;
  }

  private _options(): Omit<uPlot.Options, 'width' | 'height'> {
    const se = this.loss === 'se';
    return {
      series: [
        { label: 'epoch' },
        { label: 'mean |ŷ − y|', stroke: ERROR_COLOR, width: 2, points: { show: false } },
        { label: 'mean ŷ(1 − ŷ)', stroke: FACTOR_COLOR, width: se ? 2 : 1.25, dash: se ? [] : [5, 4], alpha: se ? 1 : 0.7, points: { show: false } },
        { label: '‖∇L‖', stroke: GRADIENT_COLOR, width: 1.5, dash: [2, 3], points: { show: false } },
      ],
      legend: { show: false },
      cursor: { sync: { key: EPOCH_SYNC_KEY, setSeries: false }, drag: { x: false, y: false, setScale: false }, points: { size: 6 } },
      hooks: {
        setCursor: [
          (u) => {
            // Only the chart under the pointer reports (synced charts move their cursor too).
            if (!this.matches(':hover') || this._reportFrame) return;
            const index = u.cursor.idx;
            this._reportFrame = requestAnimationFrame(() => {
              this._reportFrame = 0;
              reportEpoch(this, index === null || index === undefined ? null : (u.data[0][index] ?? null));
            });
          },
        ],
      },
      scales: {
        x: { time: false, range: [0, Math.max(1, this.epochs - 1)] },
        y: { distr: 3, log: 10, range: this.yRange },
      },
      axes: [
        { label: 'epoch', size: 36, labelSize: 16, labelGap: 0, stroke: '#555', grid: { stroke: '#ecebe6' }, ticks: { stroke: '#ccc' } },
        { label: 'log scale', labelSize: 16, size: 58, stroke: '#555', grid: { stroke: '#ecebe6' }, ticks: { stroke: '#ccc' }, values: (_u, splits) => splits.map((v) => (v === null ? '' : formatNumber(v, 2))), splits: (_u, _axis, min, max) => logTicks(min, max, 6), filter: (_u, splits) => splits },
      ],
    };
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'll-gradient-split': LlGradientSplit;
  }
}
