// The selected runs' curves for one loss. The primary line (solid, thick, left axis) is the
// yardstick max |ŷ − y|: the same unit for both losses, on the same y range in both panels, so it is
// the line to compare. Each run's excess loss (loss − its infimum: excess squared error or excess
// cross-entropy, different units) is secondary: thin, dashed, on its own labelled right axis.
// The panels' cursors are linked, and the epoch under the cursor marks the paths on the surfaces.
// The cursor also follows the keyboard (the chart is a tab stop: arrow keys ±1 point, PageUp/
// PageDown ±10 %, Home/End) and touch (tap or drag across the chart), with hover's readout text
// announced in a live region.

import { LitElement, css, html, unsafeCSS } from 'lit';
import { styleProps } from './style-props.js';
import { customElement, property, state } from 'lit/decorators.js';
import type uPlot from 'uplot';
import uplotCss from 'uplot/dist/uPlot.min.css?inline';
import { UplotController } from '../controllers/uplot-controller.js';
import { epochLogTicks, excessRange, indexOfEpoch, logTicks, lossCurveColumns, type Columns } from '../lib/curves.js';
import { formatCount, formatNumber } from '../lib/format.js';
import { scrubTarget } from '../lib/scrub.js';
import type { RunTrace } from '../lib/trace.js';
import { reportEpoch } from './events.js';
import { SELECTION_COLORS, panelStyles, sharedStyles } from './shared-styles.js';

/** The uPlot sync key linking every epoch-based chart's cursor. */
export const EPOCH_SYNC_KEY = 'll-epochs';

/** The secondary line's name per loss: its excess over the loss's infimum, in that loss's unit. */
export const EXCESS_LABEL = Object.freeze({ se: 'excess squared error', ce: 'excess cross-entropy' } as const);

/** The primary line's name: the yardstick both losses share. */
export const YARDSTICK_LABEL = 'max |ŷ − y|';

@customElement('ll-curves')
export class LlCurves extends LitElement {
  static override styles = [
    unsafeCSS(uplotCss),
    sharedStyles,
    panelStyles,
    css`
      .chart {
        min-height: 220px;
        width: 100%;
        /* Horizontal finger drags move the epoch cursor; vertical ones still scroll the page. */
        touch-action: pan-y;
      }
      ul {
        list-style: none;
        margin: 0.3rem 0 0;
        padding: 0;
        font-size: 0.8rem;
        display: grid;
        gap: 0.15rem;
      }
      li {
        display: flex;
        flex-wrap: wrap;
        min-width: 0;
        overflow-wrap: anywhere;
        gap: 0.4rem;
        align-items: baseline;
        font-variant-numeric: tabular-nums;
      }
      .key {
        flex: none;
        display: inline-block;
        width: 1.6rem;
        height: 0;
        border-top: 3px solid;
        transform: translateY(-0.2rem);
      }
      .key.plain {
        border-color: #777;
      }
      .key.plain + .key.plain,
      .key.dashed,
      .key.dotted {
        margin-left: 0.6rem;
      }
      .key.dashed {
        border-top-style: dashed;
        border-top-width: 1.5px;
      }
      .key.dotted {
        border-top-style: dotted;
      }
      .readout {
        font-size: 0.78rem;
        color: var(--ll-muted);
        min-height: 1.1rem;
        margin: 0.2rem 0 0;
        font-variant-numeric: tabular-nums;
      }
      :host([compact]) ul,
      :host([compact]) .readout {
        font-size: 0.68rem;
      }
      :host([compact]) .chart {
        min-height: 170px;
      }
      .verdict.fast {
        font-weight: 600;
      }
    `,
  ];

  /** The panel's title, e.g. "Squared error". */
  @property() heading = '';
  /** Shown instead of the chart when there is a reason there is none (e.g. runs too long to recompute). */
  @property() message = '';
  /** This loss's traces of the selected runs, in selection order. */
  @property({ attribute: false }) traces: RunTrace[] = [];
  /** Epochs of the sweep (the x range). */
  @property({ type: Number }) epochs = 1;
  /** The x axis's last epoch (null: the sweep's last; step mode zooms to the epochs played so far). */
  @property({ attribute: false }) xMax: number | null = null;
  /** A log-like epoch axis (arcsinh: linear near 0, so epoch 0 stays on it). */
  @property({ type: Boolean }) logEpochs = false;
  /** Compact axes and text (a phone's half-width panel). */
  @property({ type: Boolean, reflect: true }) compact = false;
  /** Log-scale y axis. */
  @property({ type: Boolean }) logScale = true;
  /** The y range, shared with the other panel. */
  @property({ attribute: false }) yRange: [number, number] = [1e-6, 1];
  /** The fit tolerance ε (drawn as a dotted line on the yardstick's scale). */
  @property({ type: Number }) tolerance = 0.01;

  /** The data index under the cursor, or null. */
  @state() private _cursorIndex: number | null = null;
  /** The readout announced after a keyboard or touch move (hover's text; hover itself is not announced). */
  @state() private _announce = '';
  /** True while the cursor is moved by keys or touch here: that chart reports the epoch, as the hovered one does. */
  private _driving = false;

  private readonly _chart = new UplotController(this, '.chart', 240);

  /** The uPlot chart once built (its series and data are what the panel draws), or null. */
  get chart(): uPlot | null {
    return this._chart.chart;
  }
  private _columns: Columns = [[]];
  private _reportFrame = 0;

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (['traces', 'epochs', 'logScale', 'yRange', 'tolerance', 'xMax', 'logEpochs', 'compact'].some((key) => changed.has(key))) {
      if (this.traces.length === 0) {
        this._chart.clear();
        return;
      }
      this._columns = lossCurveColumns(this.traces, this.epochs, this.logScale);
      this._chart.set(this._options(), this._columns as uPlot.AlignedData, this.compact ? 180 : 240);
      this._cursorIndex = null;
    }
  }

  override render() {
    if (this.traces.length === 0) {
      return html`<h3>${this.heading}</h3>
        <p class="empty">${this.message || 'Select a start in a heatmap (click, or Enter) to see its runs here.'}</p>`;
    }
    return html`
      <h3>${this.heading}</h3>
      <div
        class="chart"
        tabindex="0"
        role="img"
        aria-label=${this._ariaLabel()}
        @keydown=${this._onKeyDown}
        @pointerdown=${this._onTouch}
        @pointermove=${this._onTouch}
      ></div>
      <p class="readout" aria-hidden="true">${this._readout()}</p>
      <p class="visually-hidden" aria-live="polite" data-announce>${this._announce}</p>
      <ul>
        ${this.traces.map((trace, k) => {
          const color = SELECTION_COLORS[k % SELECTION_COLORS.length]!;
          return html`<li>
            <span class="key" style=${styleProps({ borderColor: color })}></span><span class="key dashed" style=${styleProps({ borderColor: color })}></span>
            <span>η ${formatNumber(trace.eta)}, w0 ${formatNumber(trace.w0)}, b0 ${formatNumber(trace.b0)}: <span class="verdict">${this._verdict(trace)}</span></span>
          </li>`;
        })}
        <li class="muted legend-keys"><span class="key plain solid"></span>${YARDSTICK_LABEL} ${this.compact ? '(left)' : '(left axis, shared by both panels)'} <span class="key plain dashed"></span>${this._excessLabel()} ${this.compact ? '(right)' : '(right axis)'} <span class="key plain dotted"></span>ε</li>
      </ul>
    `;
  }

  private _verdict(trace: RunTrace): string {
    if (trace.divergedAt !== null) return `diverged at epoch ${formatCount(trace.divergedAt)}`;
    const plateau = trace.plateauEpochs !== null && trace.plateauEpochs > 2 ? `plateau ${formatCount(trace.plateauEpochs)} epochs, ` : '';
    return trace.epochsToFit === null ? `${plateau}never fit within ε` : `${plateau}fit from epoch ${formatCount(trace.epochsToFit)}`;
  }

  /** The secondary line's name: "excess squared error" or "excess cross-entropy". */
  private _excessLabel(): string {
    const loss = this.traces[0]?.loss;
    return loss ? EXCESS_LABEL[loss] : 'excess loss';
  }

  private _ariaLabel(): string {
    const excess = this._excessLabel();
    const runs = this.traces.map(
      (trace) =>
        `η ${formatNumber(trace.eta)}, w0 ${formatNumber(trace.w0)}, b0 ${formatNumber(trace.b0)}: ${this._verdict(trace)}, final ${YARDSTICK_LABEL} ${formatNumber(trace.maxError[trace.epochsRun - 1] ?? Number.NaN)}, final ${excess} ${formatNumber(trace.excess[trace.epochsRun - 1] ?? Number.NaN)}`,
    );
    return `${this.heading} loss curves: ${YARDSTICK_LABEL} per epoch (solid, the axis both panels share) and ${excess} (dashed, its own axis). ${runs.join('; ')}. Arrow keys move the epoch cursor, PageUp and PageDown by a tenth, Home and End to the ends.`;
  }

  private _readout(): string {
    const index = this._cursorIndex;
    if (index === null || index < 0) return 'Hover, tap or focus the chart (arrow keys): its epoch marks the paths on the surfaces.';
    return this._readoutAt(index);
  }

  /** Hover's readout at data index `index`: the epoch, then per run its yardstick and excess. */
  private _readoutAt(index: number): string {
    const epoch = this._columns[0][index];
    if (epoch === undefined) return '';
    const excessName = this._excessLabel();
    const parts = this.traces.map((_, k) => {
      const excess = this._columns[1 + 2 * k]?.[index] ?? null;
      const error = this._columns[2 + 2 * k]?.[index] ?? null;
      return `${YARDSTICK_LABEL} ${error === null ? '—' : formatNumber(error)}, ${excessName} ${excess === null ? '—' : formatNumber(excess)}`;
    });
    return `epoch ${formatCount(epoch)}: ${parts.join(' │ ')}`;
  }

  /** The last data index on the x axis (the zoom's end, or the sweep's last epoch). */
  private _lastIndex(): number {
    const x = this._columns[0];
    const last = Math.max(0, Math.min(x.length - 1, indexOfEpoch(x, Math.max(1, this.xMax ?? this.epochs - 1))));
    return last;
  }

  /** Puts the cursor on data index `index` (linked charts follow), reports its epoch and announces the readout. */
  private _moveCursor(index: number): void {
    const chart = this._chart.chart;
    const x = this._columns[0][index];
    if (!chart || x === undefined) return;
    this._driving = true;
    // setCursor's third argument publishes to the synced charts (missing from uPlot's types).
    (chart.setCursor as (opts: { left: number; top: number }, fire?: boolean, pub?: boolean) => void)({ left: chart.valToPos(x, 'x'), top: chart.over.clientHeight / 2 }, true, true);
    this._driving = false;
    this._cursorIndex = index;
    reportEpoch(this, x);
    this._announce = `${this.heading}, ${this._readoutAt(index)}`;
  }

  private _onKeyDown(event: KeyboardEvent): void {
    if (!this._chart.chart) return;
    const last = this._lastIndex();
    const current = this._cursorIndex;
    // With no cursor yet, any of the keys puts it at the start (End: at the end).
    const fresh = current === null || current < 0;
    const target = scrubTarget(event.key, fresh ? 0 : current, last);
    if (target === null) return;
    event.preventDefault();
    this._moveCursor(fresh ? (event.key === 'End' ? last : 0) : target);
  }


  /** A tap or a drag with a finger (the mouse is uPlot's own hover). */
  private _onTouch(event: PointerEvent): void {
    const chart = this._chart.chart;
    if (event.pointerType !== 'touch' || !chart) return;
    if (event.type === 'pointermove' && event.buttons === 0 && event.pressure === 0) return;
    const left = event.clientX - chart.over.getBoundingClientRect().left;
    if (left < 0 || left > chart.over.clientWidth) return;
    const index = chart.posToIdx(left);
    if (index < 0) return;
    this._moveCursor(Math.min(index, this._lastIndex()));
  }

  private _options(): Omit<uPlot.Options, 'width' | 'height'> {
    const series: uPlot.Series[] = [{ label: 'epoch' }];
    const excessName = this._excessLabel();
    this.traces.forEach((_, k) => {
      const stroke = SELECTION_COLORS[k % SELECTION_COLORS.length]!;
      // Secondary first so the primary is drawn over it.
      series.push({ label: `${excessName} ${k + 1}`, scale: 'excess', stroke, width: 1.25, dash: [5, 4], alpha: 0.85, points: { show: false } });
      series.push({ label: `${YARDSTICK_LABEL} ${k + 1}`, scale: 'y', stroke, width: 2.75, points: { show: false } });
    });
    const [lo, hi] = this.yRange;
    const xMax = Math.max(1, this.xMax ?? this.epochs - 1);
    const [excessLo, excessHi] = excessRange(this.traces, this.logScale);
    const log = this.logScale ? ' (log)' : '';
    // Compact: smaller type and gutters, so a phone's half-width panel keeps room for the plot.
    const font = this.compact ? { font: '9px system-ui, sans-serif', labelFont: 'bold 9px system-ui, sans-serif', labelSize: 11 } : { labelSize: 16 };
    const ySize = this.compact ? 34 : 50;
    const logAxis = this.logScale ? { splits: (_u: uPlot, _axis: number, min: number, max: number) => logTicks(min, max, 6), filter: (_u: uPlot, splits: number[]) => splits } : {};
    const traces = this.traces;
    const tolerance = this.tolerance;
    return {
      series,
      legend: { show: false },
      cursor: {
        sync: { key: EPOCH_SYNC_KEY, setSeries: false },
        drag: { x: false, y: false, setScale: false },
        points: { size: 6 },
      },
      scales: {
        x: this.logEpochs ? { time: false, distr: 4, asinh: 1, range: [0, xMax] } : { time: false, range: [0, xMax] },
        y: this.logScale ? { distr: 3, log: 10, range: [lo, hi] } : { range: [lo, hi] },
        excess: this.logScale ? { distr: 3, log: 10, range: [excessLo, excessHi] } : { range: [excessLo, excessHi] },
      },
      axes: [
        {
          label: this.logEpochs ? 'epoch (log)' : 'epoch',
          size: this.compact ? 28 : 36,
          ...font,
          labelGap: 0,
          stroke: '#555',
          grid: { stroke: '#ecebe6' },
          ticks: { stroke: '#ccc' },
          ...(this.logEpochs ? { splits: (_u: uPlot, _axis: number, _min: number, max: number) => epochLogTicks(max), filter: (_u: uPlot, splits: number[]) => splits } : {}),
        },
        {
          scale: 'y',
          label: `${YARDSTICK_LABEL}${log}`,
          ...font,
          size: ySize,
          stroke: '#333',
          grid: { stroke: '#ecebe6' },
          ticks: { stroke: '#ccc' },
          values: (_u, splits) => splits.map((v) => (v === null ? '' : formatNumber(v, 2))),
          ...logAxis,
        },
        {
          scale: 'excess',
          side: 1,
          label: `${excessName}${log}`,
          ...font,
          size: ySize,
          stroke: '#777',
          grid: { show: false },
          ticks: { stroke: '#ccc' },
          values: (_u, splits) => splits.map((v) => (v === null ? '' : formatNumber(v, 2))),
          ...logAxis,
        },
      ],
      hooks: {
        draw: [
          (u) => {
            const ctx = u.ctx;
            const { left, top, width, height } = u.bbox;
            ctx.save();
            ctx.beginPath();
            ctx.rect(left, top, width, height);
            ctx.clip();
            // ε on the yardstick's scale (the same axis).
            const y = u.valToPos(tolerance, 'y', true);
            if (Number.isFinite(y) && y >= top && y <= top + height) {
              ctx.setLineDash([2, 3]);
              ctx.strokeStyle = '#777';
              ctx.lineWidth = 1;
              ctx.beginPath();
              ctx.moveTo(left, y);
              ctx.lineTo(left + width, y);
              ctx.stroke();
            }
            // Where each run fits within ε.
            traces.forEach((trace, k) => {
              if (trace.epochsToFit === null) return;
              const x = u.valToPos(trace.epochsToFit, 'x', true);
              ctx.setLineDash([6, 4]);
              ctx.strokeStyle = SELECTION_COLORS[k % SELECTION_COLORS.length]!;
              ctx.globalAlpha = 0.6;
              ctx.lineWidth = 1.5;
              ctx.beginPath();
              ctx.moveTo(x, top);
              ctx.lineTo(x, top + height);
              ctx.stroke();
            });
            ctx.restore();
          },
        ],
        setCursor: [
          (u) => {
            const index = u.cursor.idx ?? null;
            if (index === this._cursorIndex) return;
            this._cursorIndex = index;
            // Only the chart under the pointer (or driven by keys/touch) reports; synced charts move their cursor too.
            if (this._driving || !this.matches(':hover')) return;
            if (this._reportFrame) return;
            this._reportFrame = requestAnimationFrame(() => {
              this._reportFrame = 0;
              const i = this._cursorIndex;
              reportEpoch(this, i === null ? null : (this._columns[0][i] ?? null));
            });
          },
        ],
      },
    };
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'll-curves': LlCurves;
  }
}
