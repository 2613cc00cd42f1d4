// One loss's heatmap over the starts (w0 × b0 grid, or scattered random starts) at one η, painted
// straight from the sweep's result arrays into ImageData. Hover shows a run's numbers (and outlines
// the same start in the other panel); a click, or Enter on the focused cell, selects that config in
// both panels (Shift adds it to the selection). Arrow keys, Home/End and PageUp/PageDown move the
// focused cell (controllers/grid-navigation-controller.ts, shared with the paired map).

import { LitElement, css, html, nothing } from 'lit';
import { styleProps } from './style-props.js';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { SweepPlan, SweepResult } from '@losslab/worker';
import type { ColorScale } from '../lib/color.js';
import { formatCount, formatNumber } from '../lib/format.js';
import { describeOutcome } from '../lib/outcomes.js';
import { gridCellAt, nearestPoint, pointBounds, runFacts, type HeatmapSlice, type RunFacts } from '../lib/heatmap.js';
import { HeatmapSliceTracker } from '../lib/heatmap-slice-tracker.js';
import type { ColorBy, ConfigRef } from '../lib/state.js';
import { FIRST_AXES, type AxesPosition } from '../lib/view-axes.js';
import { GridNavigationController } from '../controllers/grid-navigation-controller.js';
import { ResizeController } from '../controllers/resize-controller.js';
import { cellRect, HeatmapPainter } from './heatmap-painter.js';
import { mapStyles } from './map-styles.js';
import { sharedStyles } from './shared-styles.js';

@customElement('ll-heatmap')
export class LlHeatmap extends LitElement {
  static override styles = [
    sharedStyles,
    mapStyles,
    css`
      figcaption {
        display: flex;
        flex-wrap: wrap;
        align-items: baseline;
        justify-content: space-between;
        gap: 0 0.5rem;
        margin-bottom: 0.3rem;
      }
      h3 {
        margin: 0;
        font-size: 1rem;
      }
      .plot {
        display: grid;
        grid-template-columns: auto 1fr;
        grid-template-rows: 1fr auto;
        gap: 0.15rem 0.3rem;
        max-width: 340px;
      }
      /* One start only (the lecture's examples): a swatch, not a big square. */
      :host([single]) .plot {
        max-width: 120px;
      }
      .y-axis {
        display: flex;
        flex-direction: column;
        justify-content: space-between;
        align-items: flex-end;
        font-size: 0.72rem;
        color: var(--ll-muted);
        font-variant-numeric: tabular-nums;
      }
      .y-axis .name,
      .x-axis .name {
        font-style: italic;
        color: var(--ll-ink);
      }
      .x-axis {
        grid-column: 2;
        display: flex;
        justify-content: space-between;
        font-size: 0.72rem;
        color: var(--ll-muted);
        font-variant-numeric: tabular-nums;
      }
      .tip {
        position: absolute;
        z-index: 2;
        pointer-events: none;
        background: rgba(20, 20, 24, 0.92);
        color: #fff;
        font-size: 0.75rem;
        line-height: 1.35;
        padding: 0.35rem 0.5rem;
        border-radius: 5px;
        width: max-content;
        max-width: 15rem;
        font-variant-numeric: tabular-nums;
      }
      .tip b {
        font-weight: 600;
      }
      .missing {
        padding: 2rem 0.5rem;
        text-align: center;
        color: var(--ll-muted);
        border: 1px dashed var(--ll-line);
        border-radius: var(--ll-radius);
      }
    `,
  ];

  /** The plan of the sweep on display. */
  @property({ attribute: false }) plan: SweepPlan | null = null;
  /** Its results so far (null before the first chunk): read, never copied. */
  @property({ attribute: false }) result: SweepResult | null = null;
  /** Changes whenever new runs landed in `result` (the same object), so the canvas repaints. */
  @property({ type: Number }) revision = 0;
  /** Which of the plan's losses this panel shows, or -1 if the sweep does not have this loss. */
  @property({ type: Number }) lossIndex = -1;
  /** The η shown (an index on the plan's η axis). */
  @property({ type: Number }) etaIndex = 0;
  /** The optimizer, batch size and weight decay shown (the first of each by default). */
  @property({ attribute: false }) axes: AxesPosition = FIRST_AXES;
  /** What colours a cell. */
  @property() colorBy: ColorBy = 'epochs';
  /** The colour scale, shared by both panels. */
  @property({ attribute: false }) scale: ColorScale | null = null;
  /** The starts as points (grid axes, or each random start's w0[0] and b0). */
  @property({ attribute: false }) points: { w0: Float64Array; b0: Float64Array } | null = null;
  /** Selected configs, coloured in selection order. */
  @property({ attribute: false }) selected: ConfigRef[] = [];
  /** The start under the pointer in either panel (linked hover), -1 for none. */
  @property({ type: Number }) hoverInit = -1;
  /** The panel's title, e.g. "Squared error". */
  @property() heading = '';
  /** Set when the sweep has a single start: the map shrinks to a swatch. */
  @property({ type: Boolean, reflect: true }) single = false;

  /** The start under the pointer or keyboard focus in this panel, with where to show its numbers. */
  @state() private _tip: { initIndex: number; x: number; y: number } | null = null;
  /** What a screen reader hears after a keyboard move. */
  @state() private _announce = '';

  @query('canvas') private _canvas!: HTMLCanvasElement | null;

  private readonly _size = new ResizeController(this, '.wrap');
  private readonly _painter = new HeatmapPainter();
  /** The slice, updated from the runs that landed since the last render (the painter is told which cells). */
  private readonly _tracker = new HeatmapSliceTracker();
  private _slice: HeatmapSlice | undefined;
  private readonly _nav = new GridNavigationController(this, {
    shape: () => (!this._slice ? null : this._slice.kind === 'grid' ? { kind: 'grid', columns: this._slice.columns, rows: this._slice.rows } : { kind: 'points', count: this._slice.values.length }),
    initAt: (event) => this._initAt(event),
    show: (initIndex, at) => {
      this._tip = { initIndex, ...(at ?? this._cellCentre(initIndex)) };
      if (at) return;
      const facts = this._facts(initIndex);
      this._announce = facts ? (this._describe(facts, false) as string) : '';
    },
    hide: () => (this._tip = null),
  });

  protected override willUpdate(): void {
    this.single = this.plan?.initCount === 1;
  }

  override render() {
    if (!this.plan || this.lossIndex < 0 || !this.points) {
      return html`<figure>
        <figcaption><h3>${this.heading}</h3></figcaption>
        <p class="missing">${this.plan ? `This sweep has no ${this.heading.toLowerCase()} runs.` : 'Run a sweep to see where it converges.'}</p>
      </figure>`;
    }
    const plan = this.plan;
    const tracked = this._tracker.update(plan, this.result, this.lossIndex, this.etaIndex, this.colorBy, this.points, this.axes);
    this._slice = tracked.slice;
    this._painter.invalidate(tracked.dirty);
    const counts = tracked.counts;
    const grid = plan.init.kind === 'grid';
    const bounds = grid ? null : pointBounds(this.points);
    const wRange = grid ? [this.points.w0[0]!, this.points.w0.at(-1)!] : bounds!.w;
    const bRange = grid ? [this.points.b0[0]!, this.points.b0.at(-1)!] : bounds!.b;
    const converged = this.colorBy === 'epochs' ? counts.value : counts.value + counts.never;
    const eta = formatNumber(plan.eta[this.etaIndex]!);
    return html`
      <figure>
        <figcaption>
          <h3>${this.heading}</h3>
          <span class="counts"
            >${this.colorBy === 'epochs' ? html`${formatCount(converged)} of ${formatCount(plan.initCount)} converged` : html`${formatCount(converged)} of ${formatCount(plan.initCount)} done`}${counts.pending ? html` · ${formatCount(counts.pending)} pending` : nothing}${counts.diverged ? html` · ${formatCount(counts.diverged)} diverged` : nothing}</span
          >
        </figcaption>
        <div class="plot">
          <div class="y-axis" aria-hidden="true"><span>${formatNumber(bRange[1]!)}</span><span class="name">b0</span><span>${formatNumber(bRange[0]!)}</span></div>
          <div class="wrap">
            <canvas
              tabindex="0"
              role="img"
              aria-label=${`${this.heading}: ${this.colorBy === 'epochs' ? 'epochs to converge' : 'final excess loss'} over w0 × b0 at η = ${eta}. Arrow keys, Home, End, Page Up and Page Down move between starts, Enter selects, Shift+Enter adds to the selection. The summary table has these numbers as text.`}
            ></canvas>
            ${this._tip ? this._renderTip(this._tip) : nothing}
          </div>
          <div class="x-axis" aria-hidden="true"><span>${formatNumber(wRange[0]!)}</span><span class="name">w0</span><span>${formatNumber(wRange[1]!)}</span></div>
        </div>
        <p class="visually-hidden" aria-live="polite">${this._announce}</p>
      </figure>
    `;
  }

  override updated(): void {
    this._paint();
  }

  private _renderTip(tip: { initIndex: number; x: number; y: number }) {
    const facts = this._facts(tip.initIndex);
    if (!facts) return nothing;
    const width = this._size.width;
    const left = tip.x > width / 2 ? `auto` : `${tip.x + 12}px`;
    const right = tip.x > width / 2 ? `${width - tip.x + 12}px` : 'auto';
    const top = `${Math.min(tip.y + 12, this._size.height - 70)}px`;
    return html`<div class="tip" role="presentation" style=${styleProps({ left, right, top })}>${this._describe(facts, true)}</div>`;
  }

  private _describe(facts: RunFacts, rich: boolean) {
    const head = `w0 = ${formatNumber(facts.w0)}, b0 = ${formatNumber(facts.b0)}, η = ${formatNumber(facts.eta)}`;
    let body: string;
    switch (facts.state) {
      case 'pending':
        body = 'not run yet';
        break;
      case 'failed':
        body = 'its worker failed';
        break;
      default: {
        // The outcome in words with the measures that decided it (lib/outcomes.ts), then the numbers.
        const outcome = facts.outcome ? describeOutcome({ outcome: facts.outcome, epochs: facts.epochs, epochsToFit: facts.epochsToFit, plateauEpochs: facts.plateauEpochs, divergedAt: facts.divergedAt }) : facts.state === 'diverged' ? `diverged at epoch ${facts.divergedAt}` : facts.state === 'converged' ? `converged at epoch ${formatCount(facts.epochsToFit!)}` : 'never converged';
        body = facts.state === 'diverged' ? outcome : `${outcome} · final excess ${formatNumber(facts.finalExcess)} · max |ŷ − y| ${formatNumber(facts.finalMaxError)}`;
      }
    }
    return rich ? html`<b>${head}</b><br />${body}` : `${head}: ${body}`;
  }

  private _facts(initIndex: number): RunFacts | null {
    if (!this.plan || !this.points || this.lossIndex < 0 || initIndex < 0 || initIndex >= this.plan.initCount) return null;
    return runFacts(this.plan, this.result, this.points, this.lossIndex, this.etaIndex, initIndex, this.axes);
  }

  /** Paints the slice and the outlines (selection, linked hover, keyboard focus), unless the canvas already shows them. */
  private _paint(): void {
    const canvas = this._canvas;
    const slice = this._slice;
    if (!canvas || !slice || !this.scale || !this.points) return;
    const focus = this._nav.focusInit >= 0 && this.matches(':focus-within') ? this._nav.focusInit : -1;
    this._painter.paint(canvas, { slice, scale: this.scale, points: this.points, selected: this.selected, hoverInit: this.hoverInit, focus, etaIndex: this.etaIndex, lossIndex: this.lossIndex }, this._size.width, this._size.height);
  }

  /** The start under a pointer event, or -1. */
  private _initAt(event: MouseEvent): number {
    const slice = this._slice;
    if (!slice) return -1;
    const { width, height } = this._size;
    if (slice.kind === 'grid') return gridCellAt(slice, event.offsetX, event.offsetY, width, height);
    return nearestPoint(this.points!, pointBounds(this.points!), event.offsetX, event.offsetY, width, height, 12);
  }

  private _cellCentre(initIndex: number): { x: number; y: number } {
    const rect = this._slice && this.points ? cellRect(this._slice, this.points, initIndex, this._size.width, this._size.height, 1) : null;
    return rect ? { x: rect.x + rect.w / 2, y: rect.y + rect.h / 2 } : { x: 0, y: 0 };
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'll-heatmap': LlHeatmap;
  }
}
