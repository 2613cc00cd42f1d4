// One loss's surface over (w, b) as a filled contour map (d3-contour bands at log-spaced levels of
// the excess loss, shared with the other panel), with the selected runs' descent paths, their
// starts and ends, and a cursor linked across both panels: the pointer's (w, b), and the epoch
// under the curves' cursor as a dot on each path. Dragging on it (mouse, pen or touch; pointer
// capture, one state action per animation frame) or the arrow keys move the last selected run's
// start: ll-app recomputes both losses' runs from there and every view follows.

import { LitElement, css, html, nothing, svg } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import { interpolateGreys } from 'd3-scale-chromatic';
import type { SweepPlan } from '@losslab/worker';
import { formatCount, formatNumber } from '../lib/format.js';
import { excessAt, fromGrid, pathPoints, roundStart, toGrid, type SurfaceMap } from '../lib/surface.js';
import type { RunTrace } from '../lib/trace.js';
import { dispatchAction, reportSurfaceCursor, type SurfaceCursor } from './events.js';
import { SELECTION_COLORS, panelStyles, sharedStyles } from './shared-styles.js';

/** A step on the surface (see {@link LlSurface.stepArrow}): its endpoints and what it is, for the readout. */
export interface SurfaceUpdate {
  from: { w: number; b: number };
  to: { w: number; b: number };
  /** What the arrow is, e.g. "this epoch's step (epoch 41 − epoch 40)". */
  label: string;
}

/** The update arrow's colour: the mechanism view's colour of the update, so the two read as one mark. */
const UPDATE_COLOR = '#1d1d1f';

@customElement('ll-surface')
export class LlSurface extends LitElement {
  static override styles = [
    sharedStyles,
    panelStyles,
    css`
      .plot {
        display: grid;
        grid-template-columns: auto 1fr;
        grid-template-rows: 1fr auto;
        gap: 0.15rem 0.3rem;
        max-width: 340px;
      }
      .y-axis,
      .x-axis {
        font-size: 0.72rem;
        color: var(--ll-muted);
        display: flex;
        justify-content: space-between;
        font-variant-numeric: tabular-nums;
      }
      .y-axis {
        flex-direction: column;
        align-items: flex-end;
      }
      .x-axis {
        grid-column: 2;
      }
      .name {
        font-style: italic;
        color: var(--ll-ink);
      }
      .area {
        position: relative;
        aspect-ratio: 1 / 1;
        width: 100%;
      }
      svg {
        display: block;
        width: 100%;
        height: 100%;
        border-radius: 3px;
        cursor: crosshair;
        background: #fff;
        /* A drag moves the start, not the page (touch). */
        touch-action: none;
      }
      svg:focus-visible {
        outline: 3px solid var(--ll-focus, #1a5fb4);
        outline-offset: 2px;
      }
      .readout {
        font-size: 0.78rem;
        color: var(--ll-muted);
        min-height: 2.2rem;
        margin: 0.25rem 0 0;
        font-variant-numeric: tabular-nums;
      }
    `,
  ];

  /** The panel's title, e.g. "Squared error". */
  @property() heading = '';
  /** The plan (for the cursor's readout), or null. */
  @property({ attribute: false }) plan: SweepPlan | null = null;
  /** This loss's contour map, or null (no selection yet, or data with more than one input). */
  @property({ attribute: false }) map: SurfaceMap | null = null;
  /** The thresholds shared by both panels (for the band colours). */
  @property({ attribute: false }) thresholds: number[] = [];
  /** This loss's traces of the selected runs, in selection order. */
  @property({ attribute: false }) traces: RunTrace[] = [];
  /** The pointer's (w, b) on either surface (linked), or null. */
  @property({ attribute: false }) cursor: SurfaceCursor = null;
  /** The epoch under the curves' cursor, or null. */
  @property({ type: Number, attribute: false }) epoch: number | null = null;
  /** Why there is no map, when there is none. */
  @property() message = '';
  /** The arrow keys' step of the start in w and b, or null: then the start cannot be moved here. */
  @property({ attribute: false }) step: { w: number; b: number } | null = null;
  /**
   * A step drawn as an arrow from (w, b) at `from` to `to` (step mode: the optimizer's step from
   * the epoch on display to the next), to the surface's scale, with a head of fixed size at its
   * tip so that a step shorter than a pixel still shows its direction; null: none.
   */
  @property({ attribute: false }) stepArrow: SurfaceUpdate | null = null;

  @query('svg') private _svg!: SVGSVGElement | null;
  /** The pointer that drags the start, while it is down. */
  private _dragPointer: number | null = null;
  /** The latest dragged start not yet sent, and the animation frame that sends it. */
  private _pending: [number, number] | null = null;
  private _frame = 0;


  override disconnectedCallback(): void {
    super.disconnectedCallback();
    cancelAnimationFrame(this._frame);
    this._frame = 0;
    this._pending = null;
    this._dragPointer = null;
  }

  /** Whether the start can be moved: a map, a selected run's path, a step. */
  private get _movable(): boolean {
    return this.map !== null && this.traces.length > 0 && this.step !== null;
  }

  override render() {
    const map = this.map;
    if (!map) return html`<h3>${this.heading}</h3><p class="empty">${this.message || 'Select a start to see the loss surface and its descent path.'}</p>`;
    const { extent } = map;
    const count = this.thresholds.length;
    const color = (threshold: number) => {
      const k = this.thresholds.indexOf(threshold);
      // Light (small excess, near the minimum) to mid grey (large): the coloured paths stay the
      // most visible thing on the map.
      return interpolateGreys(0.04 + (0.5 * (k + 1)) / Math.max(1, count));
    };
    return html`
      <h3>${this.heading}</h3>
      <div class="plot">
        <div class="y-axis" aria-hidden="true"><span>${formatNumber(extent.b[1])}</span><span class="name">b</span><span>${formatNumber(extent.b[0])}</span></div>
        <div class="area">
          <svg
            viewBox="0 0 ${map.width} ${map.height}"
            preserveAspectRatio="none"
            role="img"
            aria-label=${this._ariaLabel()}
            tabindex=${this._movable ? '0' : '-1'}
            @pointerdown=${this._onPointerDown}
            @pointermove=${this._onPointerMove}
            @pointerup=${this._onPointerUp}
            @pointercancel=${this._onPointerUp}
            @pointerleave=${this._onPointerLeave}
            @keydown=${this._onKeyDown}
          >
            <g transform="matrix(1 0 0 -1 0 ${map.height})">
              <rect x="0" y="0" width=${map.width} height=${map.height} fill=${interpolateGreys(0.02)}></rect>
              ${map.bands.map((band) => svg`<path d=${band.path} fill=${color(band.threshold)} stroke="#3a3a3a" stroke-opacity="0.45" stroke-width="0.7" vector-effect="non-scaling-stroke"></path>`)}
              ${this.traces.map((trace, k) => this._renderPath(map, trace, k))} ${this._renderMinimum(map)} ${this._renderUpdate(map)} ${this._renderCursor(map)}
            </g>
          </svg>
        </div>
        <div class="x-axis" aria-hidden="true"><span>${formatNumber(extent.w[0])}</span><span class="name">w</span><span>${formatNumber(extent.w[1])}</span></div>
      </div>
      <p class="readout">${this._readout()}</p>
    `;
  }

  private _ariaLabel(): string {
    const paths = this.traces.map((trace) => `from (${formatNumber(trace.w0)}, ${formatNumber(trace.b0)}) to (${formatNumber(trace.pathW.at(-1)!)}, ${formatNumber(trace.pathB.at(-1)!)})`);
    const moving = this._movable ? ' Drag, or use the arrow keys, to move the last run’s start.' : '';
    const update = this.stepArrow;
    const arrow = update ? ` An arrow shows ${update.label}, from (${formatNumber(update.from.w)}, ${formatNumber(update.from.b)}) to (${formatNumber(update.to.w)}, ${formatNumber(update.to.b)}).` : '';
    return `${this.heading}: contour map of the excess loss over w from ${formatNumber(this.map!.extent.w[0])} to ${formatNumber(this.map!.extent.w[1])} and b from ${formatNumber(this.map!.extent.b[0])} to ${formatNumber(this.map!.extent.b[1])}, darker is higher, one contour per half decade.${paths.length ? ` Descent path${paths.length === 1 ? '' : 's'} ${paths.join('; ')}.` : ''}${arrow}${moving}`;
  }

  /** Rings the exact fit where a cross-entropy run found one (the data's minimum, shared by both losses). */
  private _renderMinimum(map: SurfaceMap) {
    const final = this.traces.find((trace) => trace.loss === 'ce' && trace.divergedAt === null && trace.epochsToFit !== null);
    if (!final) return nothing;
    const [x, y] = toGrid(map, final.pathW.at(-1)!, final.pathB.at(-1)!);
    const r = map.width / 40;
    return svg`<g aria-hidden="true" class="fit"><circle cx=${x} cy=${y} r=${r} fill="none" stroke="#fff" stroke-width="4" vector-effect="non-scaling-stroke"></circle><circle cx=${x} cy=${y} r=${r} fill="none" stroke="#000" stroke-width="1.5" vector-effect="non-scaling-stroke"></circle></g>`;
  }

  private _renderPath(map: SurfaceMap, trace: RunTrace, k: number) {
    const color = SELECTION_COLORS[k % SELECTION_COLORS.length]!;
    const points = pathPoints(map, trace.pathW, trace.pathB);
    const [sx, sy] = toGrid(map, trace.pathW[0]!, trace.pathB[0]!);
    const [ex, ey] = toGrid(map, trace.pathW.at(-1)!, trace.pathB.at(-1)!);
    const r = map.width / 90;
    let marker = svg``;
    if (this.epoch !== null && this.epoch >= 0) {
      const t = Math.min(this.epoch, trace.pathW.length - 1);
      const [mx, my] = toGrid(map, trace.pathW[t]!, trace.pathB[t]!);
      if (Number.isFinite(mx) && Number.isFinite(my)) marker = svg`<circle class="epoch-marker" cx=${mx} cy=${my} r=${r * 1.6} fill=${color} stroke="#fff" stroke-width="2" vector-effect="non-scaling-stroke"></circle>`;
    }
    return svg`
      <g class="path" data-run=${trace.runIndex}>
        <polyline points=${points} fill="none" stroke="#ffffff" stroke-width="4.5" stroke-linejoin="round" vector-effect="non-scaling-stroke"></polyline>
        <polyline points=${points} fill="none" stroke=${color} stroke-width="2.2" stroke-linejoin="round" vector-effect="non-scaling-stroke"></polyline>
        <circle cx=${sx} cy=${sy} r=${r} fill="#fff" stroke=${color} stroke-width="2" vector-effect="non-scaling-stroke"></circle>
        ${Number.isFinite(ex) && Number.isFinite(ey) ? svg`<rect x=${ex - r} y=${ey - r} width=${2 * r} height=${2 * r} fill=${color} stroke="#fff" stroke-width="1.5" vector-effect="non-scaling-stroke"></rect>` : nothing}
        ${marker}
      </g>`;
  }

  /** The update arrow: a line between the mapped endpoints, and a head along its direction at the tip. */
  private _renderUpdate(map: SurfaceMap) {
    const update = this.stepArrow;
    if (!update) return nothing;
    const [x1, y1] = toGrid(map, update.from.w, update.from.b);
    const [x2, y2] = toGrid(map, update.to.w, update.to.b);
    if (![x1, y1, x2, y2].every(Number.isFinite)) return nothing;
    const length = Math.hypot(x2 - x1, y2 - y1);
    let head = svg``;
    if (length > 0) {
      // The head's size is in grid units (a few pixels), not the step's: the direction is what must show.
      const size = map.width / 28;
      const ux = (x2 - x1) / length;
      const uy = (y2 - y1) / length;
      const bx = x2 - ux * size;
      const by = y2 - uy * size;
      const px = -uy * size * 0.45;
      const py = ux * size * 0.45;
      head = svg`<polygon class="update-head" points=${`${x2},${y2} ${bx + px},${by + py} ${bx - px},${by - py}`} fill=${UPDATE_COLOR} stroke="#fff" stroke-width="1" vector-effect="non-scaling-stroke"></polygon>`;
    }
    return svg`<g class="update" aria-hidden="true" pointer-events="none">
      <line x1=${x1} y1=${y1} x2=${x2} y2=${y2} stroke="#fff" stroke-width="5" stroke-linecap="round" vector-effect="non-scaling-stroke"></line>
      <line class="update-line" x1=${x1} y1=${y1} x2=${x2} y2=${y2} stroke=${UPDATE_COLOR} stroke-width="2.5" stroke-linecap="round" vector-effect="non-scaling-stroke"></line>
      ${head}
    </g>`;
  }

  private _renderCursor(map: SurfaceMap) {
    if (!this.cursor) return nothing;
    const [x, y] = toGrid(map, this.cursor.w, this.cursor.b);
    return svg`<g aria-hidden="true" pointer-events="none">
      <line x1=${x} x2=${x} y1="0" y2=${map.height} stroke="#000" stroke-opacity="0.55" stroke-width="1" stroke-dasharray="3 3" vector-effect="non-scaling-stroke"></line>
      <line x1="0" x2=${map.width} y1=${y} y2=${y} stroke="#000" stroke-opacity="0.55" stroke-width="1" stroke-dasharray="3 3" vector-effect="non-scaling-stroke"></line>
    </g>`;
  }

  private _readout() {
    const plan = this.plan;
    const parts: unknown[] = [];
    if (this.cursor && plan && this.map) {
      const value = excessAt(plan, this.map.loss, this.cursor.w, this.cursor.b);
      parts.push(html`w ${formatNumber(this.cursor.w)}, b ${formatNumber(this.cursor.b)}: excess ${formatNumber(value)}`);
    } else {
      parts.push(html`○ start · ■ end of each path${this.traces.some((t) => t.loss === 'ce') ? ' · ◯ the fit' : ''}`);
    }
    if (this.epoch !== null && this.traces.length > 0) {
      const trace = this.traces.at(-1)!;
      const t = Math.min(this.epoch, trace.pathW.length - 1);
      parts.push(html`<br />epoch ${formatCount(t)}: (w, b) = (${formatNumber(trace.pathW[t]!)}, ${formatNumber(trace.pathB[t]!)})`);
    }
    if (this.stepArrow) {
      const { from, to, label } = this.stepArrow;
      parts.push(html`<br /><span class="update-readout">${label}: (Δw, Δb) = (${formatNumber(to.w - from.w)}, ${formatNumber(to.b - from.b)})</span>`);
    }
    return parts;
  }

  /** The (w, b) under a pointer event, from its client position and the plot's box. */
  private _pointerAt(event: PointerEvent): [number, number] | null {
    const map = this.map;
    const box = this._svg?.getBoundingClientRect();
    if (!map || !box || box.width <= 0 || box.height <= 0) return null;
    const gx = ((event.clientX - box.left) / box.width) * map.width;
    const gy = (1 - (event.clientY - box.top) / box.height) * map.height;
    return fromGrid(map, gx, gy);
  }

  private _onPointerDown(event: PointerEvent): void {
    if (!this._movable || (event.pointerType === 'mouse' && event.button !== 0)) return;
    const at = this._pointerAt(event);
    if (!at) return;
    event.preventDefault();
    this._svg?.focus({ preventScroll: true });
    try {
      this._svg?.setPointerCapture(event.pointerId);
    } catch {
      // A synthetic or already released pointer cannot be captured; the drag still follows it over the plot.
    }
    this._dragPointer = event.pointerId;
    this._queueStart(at);
  }

  private _onPointerMove(event: PointerEvent): void {
    const at = this._pointerAt(event);
    if (!at) return;
    reportSurfaceCursor(this, { w: at[0], b: at[1] });
    if (this._dragPointer === event.pointerId) this._queueStart(at);
  }

  private _onPointerUp(event: PointerEvent): void {
    if (this._dragPointer !== event.pointerId) return;
    this._dragPointer = null;
    // The drop is sent at once (not on the next frame): where the pointer let go is where the run starts.
    if (event.type === 'pointerup') {
      const at = this._pointerAt(event);
      if (at) this._pending = at;
    }
    cancelAnimationFrame(this._frame);
    this._frame = 0;
    this._sendStart();
  }

  private _onPointerLeave(): void {
    reportSurfaceCursor(this, null);
  }

  /** Keeps the latest dragged start and sends it on the next animation frame (one recompute per frame, however fast the pointer). */
  private _queueStart(at: [number, number]): void {
    this._pending = at;
    if (this._frame === 0) {
      this._frame = requestAnimationFrame(() => {
        this._frame = 0;
        this._sendStart();
      });
    }
  }

  private _sendStart(): void {
    const at = this._pending;
    const step = this.step;
    this._pending = null;
    if (!at || !step) return;
    dispatchAction(this, { type: 'move-start', w0: roundStart(at[0], step.w), b0: roundStart(at[1], step.b) });
  }

  /** Arrow keys move the start by one step of the sweep's grid (w left/right, b down/up); PageUp/PageDown by ten in b, Home/End by ten in w. */
  private _onKeyDown(event: KeyboardEvent): void {
    const step = this.step;
    const trace = this.traces.at(-1);
    if (!this._movable || !step || !trace) return;
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [-step.w, 0],
      ArrowRight: [step.w, 0],
      ArrowDown: [0, -step.b],
      ArrowUp: [0, step.b],
      PageDown: [0, -10 * step.b],
      PageUp: [0, 10 * step.b],
      Home: [-10 * step.w, 0],
      End: [10 * step.w, 0],
    };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    const w0 = trace.w0 + move[0];
    const b0 = trace.b0 + move[1];
    dispatchAction(this, { type: 'move-start', w0, b0 });
    // The linked crosshair and its readout (w, b and the excess there) follow the keys as they follow hover.
    reportSurfaceCursor(this, { w: w0, b: b0 });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'll-surface': LlSurface;
  }
}
