// The gradient split of the primary selected run, per epoch: the error |ŷ − y|, the factor
// ŷ(1 − ŷ) that squared error's gradient (ŷ − y)·ŷ(1 − ŷ)·x carries and cross-entropy's (ŷ − y)·x
// does not, and the gradient's size. Where the factor collapses while the error is still large,
// squared error stalls: that is the plateau. Hover, touch (drag along the chart) and the keyboard
// (the chart is a slider over epochs: arrows ±1, PageUp/PageDown ±10 % of the run, Home/End:
// lib/scrub.ts's rule, as on the curves and step mode's slider) move the epoch
// cursor, linked to the curves and the surfaces' paths, with the epoch's numbers in words in an
// aria-live region.

import { LitElement, css, html, unsafeCSS } from 'lit';
import { styleProps } from './style-props.js';
import { scrubTarget } from '../lib/scrub.js';
import { customElement, property, state } from 'lit/decorators.js';
import type uPlot from 'uplot';
import uplotCss from 'uplot/dist/uPlot.min.css?inline';
import { UplotController } from '../controllers/uplot-controller.js';
import { gradientSplitColumns, logTicks } from '../lib/curves.js';
import { formatCount, formatNumber } from '../lib/format.js';
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
      .scrub {
        border-radius: 3px;
        /* A horizontal touch drag scrubs the epochs; a vertical one still scrolls the page. */
        touch-action: pan-y;
      }
      .scrub:focus-visible {
        outline: 3px solid var(--ll-focus, #1a5fb4);
        outline-offset: 2px;
      }
      .readout {
        font-size: 0.78rem;
        color: var(--ll-muted);
        min-height: 1.2rem;
        margin: 0.25rem 0 0;
        font-variant-numeric: tabular-nums;
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
  /** The epoch under the cursor (hover, touch, keys, or a linked chart's), or null. */
  @state() private _epoch: number | null = null;
  /** The touch or pen pointer that scrubs, while it is down. */
  private _scrubPointer: number | null = null;

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('trace') || changed.has('epochs') || changed.has('yRange') || changed.has('loss')) {
      if (this._epoch !== null && this.trace && this._epoch >= this.trace.epochsRun) this._epoch = this.trace.epochsRun - 1;
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
      <div
        class="scrub"
        tabindex="0"
        role="slider"
        aria-label=${`${this.heading} gradient split: epoch`}
        aria-valuemin="0"
        aria-valuemax=${this.trace.epochsRun - 1}
        aria-valuenow=${this._epoch ?? 0}
        aria-valuetext=${this._readout()}
        @keydown=${this._onKeyDown}
        @pointerdown=${this._onPointerDown}
        @pointermove=${this._onPointerMove}
        @pointerup=${this._onPointerUp}
        @pointercancel=${this._onPointerUp}
      >
        <div class="chart" role="img" aria-label=${this._ariaLabel()}></div>
      </div>
      <p class="readout" aria-live="polite">${this._readout()}</p>
      <ul>
        <li><span class="key" style=${styleProps({ borderColor: ERROR_COLOR })}></span>mean |ŷ − y|</li>
        <li><span class="key" style=${styleProps({ borderColor: FACTOR_COLOR, borderTopStyle: se ? 'solid' : 'dashed' })}></span>mean ŷ(1 − ŷ)${se ? '' : ' (not in this gradient)'}</li>
        <li><span class="key" style=${styleProps({ borderColor: GRADIENT_COLOR, borderTopStyle: 'dotted' })}></span>‖∇L‖</li>
      </ul>
    `;
  }

  /** The epoch's numbers in words, as hover shows them on the chart. */
  private _readout(): string {
    const trace = this.trace;
    const t = this._epoch;
    if (!trace || t === null) return 'Hover, touch or focus the chart (arrow keys, Home, End, PageUp, PageDown) to read an epoch.';
    return `Epoch ${t}: mean |ŷ − y| ${formatNumber(trace.meanError[t] ?? Number.NaN)}, mean ŷ(1 − ŷ) ${formatNumber(trace.meanSlope[t] ?? Number.NaN)}, ‖∇L‖ ${formatNumber(trace.gradientNorm[t] ?? Number.NaN)}`;
  }

  /** Moves the cursor to an epoch from the keyboard or a touch: this chart's readout, the linked charts' cursors (uPlot's sync), and the surfaces' paths (ll-epoch). */
  private _scrubTo(epoch: number): void {
    const trace = this.trace;
    if (!trace) return;
    const t = Math.max(0, Math.min(trace.epochsRun - 1, Math.round(epoch)));
    this._epoch = t;
    const chart = this._chart.chart;
    if (chart) chart.setCursor({ left: chart.valToPos(t, 'x'), top: chart.valToPos(Math.max(trace.meanError[t]!, this.yRange[0]), 'y') });
    reportEpoch(this, t);
  }

  private _onKeyDown(event: KeyboardEvent): void {
    const trace = this.trace;
    if (!trace) return;
    const last = trace.epochsRun - 1;
    const now = this._epoch ?? 0;
    // The rule every epoch cursor shares (the curves, step mode's slider): PageUp/PageDown ±10 % of the run.
    const target = scrubTarget(event.key, now, last);
    if (target === null) return;
    event.preventDefault();
    this._scrubTo(target);
  }

  /** The epoch under a pointer, from the plot area's box (uPlot's x scale runs over it). */
  private _epochAt(event: PointerEvent): number | null {
    const chart = this._chart.chart;
    if (!chart) return null;
    const box = chart.over.getBoundingClientRect();
    if (box.width <= 0) return null;
    return chart.posToVal(event.clientX - box.left, 'x');
  }

  private _onPointerDown(event: PointerEvent): void {
    // A mouse has hover (uPlot's own cursor); a finger or a pen scrubs while it is down.
    if (event.pointerType === 'mouse') return;
    const epoch = this._epochAt(event);
    if (epoch === null) return;
    this._scrubPointer = event.pointerId;
    try {
      (event.currentTarget as Element).setPointerCapture(event.pointerId);
    } catch {
      // A synthetic pointer cannot be captured; scrubbing still follows it over the chart.
    }
    this._scrubTo(epoch);
  }

  private _onPointerMove(event: PointerEvent): void {
    if (event.pointerId !== this._scrubPointer) return;
    const epoch = this._epochAt(event);
    if (epoch !== null) this._scrubTo(epoch);
  }

  private _onPointerUp(event: PointerEvent): void {
    if (event.pointerId === this._scrubPointer) this._scrubPointer = null;
  }

  private _ariaLabel(): string {
    const trace = this.trace!;
    const slope = trace.meanSlope;
    const error = trace.meanError;
    const last = trace.epochsRun - 1;
    if (last < 0) return `${this.heading} gradient split: the run has no epochs yet.`;
    // The lowest factor and its epoch: where squared error's plateau is deepest (it may be the start).
    let low = 0;
    for (let t = 1; t <= last; t++) if (slope[t]! < slope[low]!) low = t;
    const lowest = low === 0 ? 'lowest at the start' : `lowest at epoch ${formatCount(low)}, ${formatNumber(slope[low]!)}`;
    return `${this.heading} gradient split of the run with η ${formatNumber(trace.eta)} from w0 = ${formatNumber(trace.w0)}, b0 = ${formatNumber(trace.b0)}, over ${formatCount(last + 1)} epochs: the mean factor ŷ(1 − ŷ) goes from ${formatNumber(slope[0]!)} to ${formatNumber(slope[last]!)} (${lowest}), and the mean error |ŷ − y| from ${formatNumber(error[0]!)} to ${formatNumber(error[last]!)}.`;
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
            const index = u.cursor.idx;
            // The readout follows every cursor move, this chart's or a linked one's.
            const epoch = index === null || index === undefined ? null : (u.data[0][index] ?? null);
            if (epoch !== null || this._scrubPointer === null) this._epoch = epoch;
            // Only the chart under the pointer reports (synced charts move their cursor too).
            if (!this.matches(':hover') || this._reportFrame) return;
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
