// The paired map: per start, how squared error and cross-entropy compare at the η shown (and the
// optimizer shown): the ratio of their epochs to fit on a colour-blind-safe diverging scale (PuOr:
// purple where cross-entropy fit first, orange where squared error did, near-white where equal),
// and, where only one loss fit or neither, that case's colour under the pattern of the outcome of
// the run that did not fit. Selecting a start selects it in every view, as the heatmaps do; arrow
// keys, Home/End (first/last column) and PageUp/PageDown (top/bottom row) move the cell
// (controllers/grid-navigation-controller.ts, shared with the heatmaps).

import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { interpolatePuOr } from 'd3-scale-chromatic';
import { NEVER, outcomeOf, type SweepPlan, type SweepResult } from '@losslab/worker';
import { packColor, STATE_COLORS } from '../lib/color.js';
import { formatCount, formatNumber } from '../lib/format.js';
import { addPatternCell, gridCellAt, gridCellRect, gridPixel, nearestPoint, pointBounds } from '../lib/heatmap.js';
import { OUTCOME_STYLES, type OutcomePattern } from '../lib/outcomes.js';
import { PAIR, pairedComparison, RATIO_LIMIT, ratioPosition, type PairedComparison } from '../lib/paired-map.js';
import type { ConfigRef } from '../lib/state.js';
import { FIRST_AXES, type AxesPosition } from '../lib/view-axes.js';
import { GridNavigationController } from '../controllers/grid-navigation-controller.js';
import { ResizeController } from '../controllers/resize-controller.js';
import { pairedMapStyles } from './ll-paired-map.styles.js';
import { outlineCell } from './heatmap-painter.js';
import { drawGridPatternCells, drawPatternCells, gridPatternMetrics } from './outcome-pattern.js';
import { SELECTION_COLORS, sharedStyles } from './shared-styles.js';
import { styleProps } from './style-props.js';

type Points = { w0: Float64Array; b0: Float64Array };

/** The colour of a ratio's position on the scale (0: squared error 100× faster, 1: cross-entropy 100× faster). */
export function pairColor(position: number): string {
  // d3's interpolatePuOr runs purple (0) → orange (1): reversed, so that cross-entropy first is purple.
  return interpolatePuOr(1 - position);
}

/** The base colour of each kind of start without a ratio: the scale's ends for a one-sided fit. */
const ONLY_CE = pairColor(1);
const ONLY_SE = pairColor(0);

/** A grid cell's packed colour by PAIR kind, but for PAIR.both (coloured by its ratio). */
const KIND_PACKED: Record<number, number> = {
  [PAIR.pending]: packColor(STATE_COLORS.pending),
  [PAIR.onlyCrossEntropy]: packColor(ONLY_CE),
  [PAIR.onlySquaredError]: packColor(ONLY_SE),
  [PAIR.neither]: packColor(STATE_COLORS.never),
};

@customElement('ll-paired-map')
export class LlPairedMap extends LitElement {
  static override styles = [sharedStyles, ...pairedMapStyles];

  /** The sweep on display. */
  @property({ attribute: false }) plan: SweepPlan | null = null;
  /** Its results so far (read, never copied). */
  @property({ attribute: false }) result: SweepResult | null = null;
  /** Changes whenever runs landed in `result`. */
  @property({ type: Number }) revision = 0;
  /** The η shown (index on the plan's η axis). */
  @property({ type: Number }) etaIndex = 0;
  /** The optimizer, batch size and weight decay shown (the first of each by default). */
  @property({ attribute: false }) axes: AxesPosition = FIRST_AXES;
  /** The starts as points (grid axes, or each random start's w0[0] and b0). */
  @property({ attribute: false }) points: Points | null = null;
  /** Selected configs, outlined in selection order. */
  @property({ attribute: false }) selected: ConfigRef[] = [];
  /** The start under the pointer in any panel, -1 for none. */
  @property({ type: Number }) hoverInit = -1;

  /** The per-start comparison on display (null when the sweep lacks a loss). */
  comparison: PairedComparison | null = null;

  /** What a screen reader hears after a move (of the pointer or the keyboard's start). */
  @state() private _readout = '';

  @query('canvas') private _canvas!: HTMLCanvasElement | null;
  private readonly _size = new ResizeController(this, '.wrap');
  private readonly _nav = new GridNavigationController(this, {
    shape: () => (!this.plan || !this.points ? null : this.plan.init.kind === 'grid' ? { kind: 'grid', columns: this.points.w0.length, rows: this.points.b0.length } : { kind: 'points', count: this.plan.initCount }),
    initAt: (event) => this._initAt(event),
    show: (initIndex) => (this._readout = this.describe(initIndex)),
    hide: () => {},
  });

  protected override willUpdate(changed: PropertyValues<this>): void {
    const plan = this.plan;
    const relevant = changed.has('plan') || changed.has('result') || changed.has('revision') || changed.has('etaIndex') || changed.has('axes');
    if (!relevant) return;
    const usable = plan && this.result && plan.losses.includes('se') && plan.losses.includes('ce') && this.etaIndex < plan.eta.length;
    this.comparison = usable ? pairedComparison(plan, this.result!, { ...this.axes, etaIndex: this.etaIndex }) : null;
    if (this._nav.focusInit >= 0 && this.comparison) this._readout = this.describe(this._nav.focusInit);
  }

  override render() {
    const plan = this.plan;
    if (!plan || !plan.losses.includes('se') || !plan.losses.includes('ce')) return nothing;
    const c = this.comparison;
    const counts = { both: 0, ce: 0, se: 0, onlyCe: 0, onlySe: 0, neither: 0, pending: 0 };
    if (c) {
      c.kind.forEach((kind, k) => {
        if (kind === PAIR.both) {
          counts.both++;
          if (c.ratio[k]! > 1) counts.ce++;
          else if (c.ratio[k]! < 1) counts.se++;
        } else if (kind === PAIR.onlyCrossEntropy) counts.onlyCe++;
        else if (kind === PAIR.onlySquaredError) counts.onlySe++;
        else if (kind === PAIR.neither) counts.neither++;
        else counts.pending++;
      });
    } else counts.pending = plan.initCount;
    const stops = Array.from({ length: 11 }, (_, k) => `${pairColor(k / 10)} ${k * 10}%`).join(', ');
    return html`<figure>
      <h3>Which loss fit first</h3>
      <p class="counts">
        cross-entropy first from ${formatCount(counts.ce + counts.onlyCe)}, squared error from ${formatCount(counts.se + counts.onlySe)}${counts.neither ? html` · neither fit ${formatCount(counts.neither)}` : nothing}${counts.pending ? html` · ${formatCount(counts.pending)} pending` : nothing}
      </p>
      <div class="wrap">
        <canvas
          tabindex="0"
          role="img"
          aria-label=${`Paired map over w0 × b0 at η = ${formatNumber(plan.eta[this.etaIndex] ?? NaN)}: per start, squared error's epochs to fit over cross-entropy's. Arrow keys, Home, End, Page Up and Page Down move between starts; Enter selects.`}
        ></canvas>
      </div>
      <p class="readout" aria-live="polite">${this._readout}</p>
      <div class="legend" role="group" aria-label="Paired map legend">
        <div class="ramp" aria-hidden="true" style=${styleProps({ background: `linear-gradient(to right, ${stops})` })}></div>
        <div class="ends" aria-hidden="true"><span>≥ ${RATIO_LIMIT}×</span><span>10×</span><span>equal</span><span>10×</span><span>≥ ${RATIO_LIMIT}×</span></div>
        <div class="ends" aria-hidden="true"><span>← squared error faster</span><span>cross-entropy faster →</span></div>
        <p class="visually-hidden">Colour: squared error's epochs to fit over cross-entropy's, on a log scale from 1/${RATIO_LIMIT} (orange: squared error faster) through 1 (white) to ${RATIO_LIMIT} (purple: cross-entropy faster).</p>
        <ul class="cases">
          <li data-case="only-ce"><span class="swatch" style=${styleProps({ background: ONLY_CE })}></span>only cross-entropy fit</li>
          <li data-case="only-se"><span class="swatch" style=${styleProps({ background: ONLY_SE })}></span>only squared error fit</li>
          <li data-case="neither"><span class="swatch" style=${styleProps({ background: STATE_COLORS.never })}></span>neither fit</li>
          <li data-case="pending"><span class="swatch" style=${styleProps({ background: STATE_COLORS.pending })}></span>not run yet</li>
        </ul>
        <p class="muted">Under a one-sided or neither cell, the pattern of how the other run ended (squared error's where neither fit), as in the heatmaps' legend.</p>
      </div>
    </figure>`;
  }

  override updated(): void {
    this._paint();
  }

  /** The start's comparison in words, e.g. "w0 = 1, b0 = 2: squared error 340 epochs, cross-entropy 12: cross-entropy 28.3× faster". */
  describe(initIndex: number): string {
    const plan = this.plan;
    const c = this.comparison;
    const points = this.points;
    if (!plan || !points || initIndex < 0 || initIndex >= plan.initCount) return '';
    const grid = plan.init.kind === 'grid';
    const nb = points.b0.length;
    const w0 = grid ? points.w0[Math.floor(initIndex / nb)]! : points.w0[initIndex]!;
    const b0 = grid ? points.b0[initIndex % nb]! : points.b0[initIndex]!;
    const head = `w0 = ${formatNumber(w0)}, b0 = ${formatNumber(b0)}`;
    if (!c || c.kind[initIndex] === PAIR.pending) return `${head}: not run yet`;
    const how = (code: number, epochs: number) => {
      const outcome = outcomeOf(code);
      if (epochs !== NEVER) return `fit at epoch ${epochs}`;
      return outcome ? OUTCOME_STYLES[outcome].label : 'did not fit';
    };
    const se = `squared error ${how(c.seOutcome[initIndex]!, c.seEpochs[initIndex]!)}`;
    const ce = `cross-entropy ${how(c.ceOutcome[initIndex]!, c.ceEpochs[initIndex]!)}`;
    const kind = c.kind[initIndex];
    if (kind === PAIR.both) {
      const ratio = c.ratio[initIndex]!;
      const verdict = ratio === 1 ? 'equal' : ratio > 1 ? `cross-entropy ${formatNumber(ratio)}× faster` : `squared error ${formatNumber(1 / ratio)}× faster`;
      return `${head}: ${se}, ${ce}: ${verdict} (ratio ${formatNumber(ratio)})`;
    }
    const verdict = kind === PAIR.onlyCrossEntropy ? 'only cross-entropy fit' : kind === PAIR.onlySquaredError ? 'only squared error fit' : 'neither fit';
    return `${head}: ${verdict}: ${se}, ${ce}`;
  }

  private _paint(): void {
    const canvas = this._canvas;
    const plan = this.plan;
    const points = this.points;
    if (!canvas || !plan || !points) return;
    const dpr = Math.min(window.devicePixelRatio || 1, 2);
    const width = Math.round(this._size.width * dpr);
    const height = Math.round(this._size.height * dpr);
    if (width < 2 || height < 2) return;
    if (canvas.width !== width || canvas.height !== height) {
      canvas.width = width;
      canvas.height = height;
    }
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    const c = this.comparison;
    const grid = plan.init.kind === 'grid';
    const slice = { columns: grid ? points.w0.length : plan.initCount, rows: grid ? points.b0.length : 1 };
    const bounds = grid ? null : pointBounds(points);
    const radius = Math.max(2.5, Math.min(6, 90 / Math.sqrt(plan.initCount))) * dpr;
    const rectOf = (k: number) => {
      if (grid) return gridCellRect(slice, k, width, height);
      const x = ((points.w0[k]! - bounds!.w[0]) / (bounds!.w[1] - bounds!.w[0])) * width;
      const y = (1 - (points.b0[k]! - bounds!.b[0]) / (bounds!.b[1] - bounds!.b[0])) * height;
      return { x: x - radius, y: y - radius, w: 2 * radius, h: 2 * radius };
    };
    const { step, lineWidth } = gridPatternMetrics(width);
    const patterns = new Map<Exclude<OutcomePattern, 'none'>, number[]>();
    // A grid is painted as one pixel per start, scaled up without smoothing (as the heatmaps are):
    // a fillRect and a fillStyle per cell took ~0.25 s per paint for a 250 × 500 grid, and the map
    // repaints as results arrive. Scattered starts are dots.
    const pixels = grid ? this._gridPixels(ctx, slice.columns, slice.rows) : null;
    if (!grid) {
      ctx.fillStyle = '#f6f5f1';
      ctx.fillRect(0, 0, width, height);
    }
    for (let k = 0; k < plan.initCount; k++) {
      const kind = c?.kind[k] ?? PAIR.pending;
      if (pixels) {
        pixels[gridPixel(slice.columns, slice.rows, k)] = kind === PAIR.both ? this._pairPacked(ratioPosition(c!.ratio[k]!)) : KIND_PACKED[kind]!;
      } else {
        let fill: string = STATE_COLORS.pending;
        if (kind === PAIR.both) fill = pairColor(ratioPosition(c!.ratio[k]!));
        else if (kind === PAIR.onlyCrossEntropy) fill = ONLY_CE;
        else if (kind === PAIR.onlySquaredError) fill = ONLY_SE;
        else if (kind === PAIR.neither) fill = STATE_COLORS.never;
        const rect = rectOf(k);
        ctx.fillStyle = fill;
        ctx.beginPath();
        ctx.arc(rect.x + radius, rect.y + radius, radius, 0, 2 * Math.PI);
        ctx.fill();
      }
      if (kind === PAIR.pending || kind === PAIR.both) continue;
      // The run that did not fit (squared error's where neither did) shows how it ended.
      const code = kind === PAIR.onlyCrossEntropy || kind === PAIR.neither ? c!.seOutcome[k]! : c!.ceOutcome[k]!;
      const outcome = outcomeOf(code);
      addPatternCell(patterns, outcome ? OUTCOME_STYLES[outcome].pattern : 'none', k);
    }
    if (pixels) {
      const cells = this._cells!;
      cells.getContext('2d')!.putImageData(this._image!, 0, 0);
      ctx.imageSmoothingEnabled = false;
      ctx.clearRect(0, 0, width, height);
      ctx.drawImage(cells, 0, 0, width, height);
    }
    const addCell = (k: number) => {
      const rect = rectOf(k);
      ctx.moveTo(rect.x + 2 * radius, rect.y + radius);
      ctx.arc(rect.x + radius, rect.y + radius, radius, 0, 2 * Math.PI);
    };
    if (grid) drawGridPatternCells(ctx, patterns, slice.columns, slice.rows, width, height, step, lineWidth);
    else drawPatternCells(ctx, patterns, addCell, width, height, Math.max(3 * dpr, radius * 0.9), dpr);
    const outline = (k: number, color: string, lineWidthCss: number, dash: number[] = []) => {
      if (k >= 0 && k < plan.initCount) outlineCell(ctx, rectOf(k), color, lineWidthCss, dpr, dash);
    };
    this.selected.forEach((config, k) => outline(config.initIndex, SELECTION_COLORS[k % SELECTION_COLORS.length]!, 2, config.etaIndex === this.etaIndex ? [] : [3, 2]));
    if (this.hoverInit >= 0) outline(this.hoverInit, '#111111', 1.5);
    if (this._nav.focusInit >= 0 && this.matches(':focus-within')) outline(this._nav.focusInit, '#000000', 2, [2, 2]);
  }

  /** The grid's image (one pixel per start, on an offscreen canvas of columns × rows), as packed pixels to fill. */
  private _cells: HTMLCanvasElement | null = null;
  private _image: ImageData | null = null;

  private _gridPixels(ctx: CanvasRenderingContext2D, columns: number, rows: number): Uint32Array {
    if (!this._cells || this._cells.width !== columns || this._cells.height !== rows) {
      this._cells = document.createElement('canvas');
      this._cells.width = columns;
      this._cells.height = rows;
      this._image = ctx.createImageData(columns, rows);
    }
    return new Uint32Array(this._image!.data.buffer, 0, columns * rows);
  }

  /** pairColor(position) packed, remembered per position: ratios of epoch counts repeat across a grid. */
  private readonly _pairColors = new Map<number, number>();

  private _pairPacked(position: number): number {
    let packed = this._pairColors.get(position);
    if (packed === undefined) {
      packed = packColor(pairColor(position));
      if (this._pairColors.size < 65_536) this._pairColors.set(position, packed);
    }
    return packed;
  }

  private _initAt(event: MouseEvent): number {
    const plan = this.plan;
    const points = this.points;
    if (!plan || !points) return -1;
    const { width, height } = this._size;
    if (plan.init.kind === 'grid') return gridCellAt({ columns: points.w0.length, rows: points.b0.length }, event.offsetX, event.offsetY, width, height);
    return nearestPoint(points, pointBounds(points), event.offsetX, event.offsetY, width, height, 12);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'll-paired-map': LlPairedMap;
  }
}
