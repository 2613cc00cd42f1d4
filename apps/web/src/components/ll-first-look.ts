// The first screen: the lecture's two-point example, already run under both losses (lib/first-look.ts,
// core's train on the main thread), side by side: each loss's max |ŷ − y| over the epochs on the same
// axes with its plateau annotated on the chart in numbers, and the neuron's output σ(w·x + b) against
// the data points at the epoch of the slider. The slider is a native range input, so arrows,
// Home/End, PageUp/PageDown and touch all scrub it, and the readout under each chart is the same text.

import { LitElement, css, html, svg, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { firstLook, neuronAt, plateauNote, FIRST_LOOK_TOLERANCE, type FirstLook, type FirstLookRun } from '../lib/first-look.js';
import { formatCount, formatNumber } from '../lib/format.js';
import { narrow } from './breakpoint.js';
import { requestGuide } from './ll-guide.js';
import { sharedStyles } from './shared-styles.js';

const LOSS_NAMES = { se: 'Squared error', ce: 'Cross-entropy' } as const;
// The losses' colours as plain values: SVG presentation attributes do not read custom properties everywhere.
const LOSS_COLORS = { se: '#8a4b00', ce: '#00587a' } as const;

// The charts' own coordinate systems (viewBox units); the SVGs scale to their panel's width.
const W = 320;
const H = 150;
const M = { left: 34, right: 8, top: 10, bottom: 26 };
const PW = W - M.left - M.right;
const PH = H - M.top - M.bottom;
// The sigmoid view's input range: the data (0.5, 2.5) with room on both sides.
const X_MIN = -1;
const X_MAX = 4;

/** A value in [0, 1] for people: two significant digits in plain decimals down to 1e-6 (0.00097, not 9.7e-4). */
function share(value: number): string {
  return value >= 1e-6 || value === 0 ? String(Number(value.toPrecision(2))) : formatNumber(value, 2);
}

/** The epochs the curves show: both fits and a margin, rounded up to 50 (300 for the lecture's run). */
export function shownEpochs(look: FirstLook): number {
  const last = Math.max(...look.runs.map((r) => r.epochsToFit ?? look.epochs), 1);
  return Math.min(look.epochs, Math.ceil((last * 1.03) / 50) * 50);
}

@customElement('ll-first-look')
export class LlFirstLook extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
        background: var(--ll-panel);
        border: 1px solid var(--ll-line);
        border-radius: var(--ll-radius);
        padding: 0.6rem 0.9rem 0.7rem;
      }
      h2 {
        margin: 0;
        font-size: 1.05rem;
      }
      .explain {
        margin: 0.15rem 0 0.4rem;
        font-size: 0.85rem;
        color: var(--ll-muted);
        max-width: 62rem;
      }
      .offer {
        margin: 0 0 0.4rem;
        font-size: 0.85rem;
      }
      .tour {
        background: var(--ll-accent);
        color: var(--ll-accent-ink);
        border-color: var(--ll-accent);
        margin-right: 0.3rem;
      }
      .scrub {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.3rem 0.8rem;
        font-size: 0.88rem;
      }
      .scrub input {
        flex: 1 1 12rem;
        accent-color: var(--ll-accent);
      }
      .pair {
        display: grid;
        grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
        gap: 0.9rem;
        margin-top: 0.35rem;
      }
      figure {
        margin: 0;
        min-width: 0;
      }
      h3 {
        margin: 0 0 0.15rem;
        font-size: 0.95rem;
      }
      .se h3 {
        color: var(--ll-se);
      }
      .ce h3 {
        color: var(--ll-ce);
      }
      .charts {
        display: grid;
        grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
        gap: 0.4rem;
      }
      svg {
        display: block;
        width: 100%;
        height: auto;
        max-height: 12.5rem;
        overflow: visible;
      }
      .readout {
        margin: 0.1rem 0 0;
        font-size: 0.8rem;
        color: var(--ll-muted);
        font-variant-numeric: tabular-nums;
      }
      text {
        font-family: inherit;
      }
      @media ${narrow} {
        :host {
          padding: 0.5rem 0.55rem 0.55rem;
        }
        .explain {
          font-size: 0.8rem;
        }
        .pair {
          gap: 0.45rem;
        }
        h3 {
          font-size: 0.85rem;
        }
        .readout {
          font-size: 0.72rem;
        }
        svg {
          max-height: 9rem;
        }
        .charts {
          grid-template-columns: minmax(0, 1fr);
        }
        .or {
          display: none;
        }
      }
    `,
  ];

  /** Both runs of the lecture's example, computed once when the element is created (well under a millisecond). */
  readonly look: FirstLook = firstLook();

  /** The epoch on display; starts in the middle of squared error's plateau, where the contrast is plainest. */
  @state() epoch = Math.floor(this.look.runs[0].plateau / 2);

  /** The epoch a guided step puts the slider on ('start': 0, 'plateau': the middle of squared error's plateau); '' leaves it. */
  @property() focusEpoch: 'start' | 'plateau' | '' = '';

  /** Whether the guided path is on (the offer to take it is then not shown). */
  @property({ type: Boolean }) guided = false;

  private readonly _shown = shownEpochs(this.look);

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('focusEpoch') && this.focusEpoch) this.epoch = this.focusEpoch === 'start' ? 0 : Math.floor(this.look.runs[0].plateau / 2);
    if (changed.has('epoch') || changed.has('focusEpoch')) this.epoch = Math.min(Math.max(0, Math.round(this.epoch)), this._shown);
  }

  override render() {
    const look = this.look;
    return html`
      <h2 id="first-look-title">Why cross-entropy learns faster: the lecture’s two points</h2>
      <p class="explain">
        Two points (x = 0.5, 2.5; labels 0.2, 0.9), both runs from w = b = −2 with η = 1. The neuron starts saturated and wrong: squared error’s gradient carries the factor
        ŷ(1 − ŷ), which is nearly 0 there, so it stalls; cross-entropy’s gradient does not, so it moves at once. Move the epoch to watch both.
      </p>
      ${this.guided ? '' : html`<p class="offer"><button type="button" class="tour" @click=${() => requestGuide(this, 1)}>Take the guided tour (5 steps)</button><span class="or"> or pick a preset, or set up your own sweep below.</span></p>`}
      <div class="scrub">
        <label for="epoch">Epoch <strong>${formatCount(this.epoch)}</strong> of ${formatCount(this._shown)}</label>
        <input id="epoch" type="range" min="0" max=${this._shown} step="1" .value=${String(this.epoch)} @input=${this._onInput} aria-describedby="first-look-title" />
      </div>
      <div class="pair">${look.runs.map((run) => this._panel(run))}</div>
    `;
  }

  private _panel(run: FirstLookRun) {
    const name = LOSS_NAMES[run.loss];
    const at = neuronAt(this.look, run, this.epoch);
    const error = run.maxErrors[Math.min(at.epoch, run.maxErrors.length - 1)]!;
    const yHat = at.yHat.map(share).join(', ');
    const slope = at.slope.map(share).join(', ');
    return html`
      <figure class=${run.loss} data-loss=${run.loss}>
        <h3>${name}</h3>
        <div class="charts">${this._curve(run)} ${this._sigmoid(run, at.w, at.b, at.yHat)}</div>
        <p class="readout" data-readout>
          Epoch ${formatCount(at.epoch)}: max |ŷ − y| = ${share(error)}; ŷ = ${yHat}; ŷ(1 − ŷ) = ${slope}.
        </p>
      </figure>
    `;
  }

  /** max |ŷ − y| over epochs 0..shown on a linear axis 0..1, the plateau shaded and annotated, ε dotted, the epoch marked. */
  private _curve(run: FirstLookRun) {
    const n = this._shown;
    const sx = (t: number) => M.left + (t / n) * PW;
    const sy = (v: number) => M.top + (1 - Math.min(1, Math.max(0, v))) * PH;
    let d = '';
    for (let t = 0; t <= Math.min(n, run.maxErrors.length - 1); t++) d += `${t === 0 ? 'M' : 'L'}${sx(t).toFixed(1)},${sy(run.maxErrors[t]!).toFixed(1)}`;
    const note = plateauNote(run);
    // On the chart the note takes up to three lines (the loss, the plateau, the factor), right of the
    // plateau and clear of cross-entropy's first steep epochs.
    const lines = note.replace(': ', ':\n').replace(' — ', '\n— ').split('\n');
    const noteX = sx(Math.max(run.plateau, Math.round(n * 0.07))) + 6;
    const color = LOSS_COLORS[run.loss];
    const fit = run.epochsToFit;
    const label = `${LOSS_NAMES[run.loss]}: the largest prediction error max |ŷ − y| over the first ${formatCount(n)} epochs. ${note}.`;
    return svg`
      <svg viewBox="0 0 ${W} ${H}" role="img" aria-label=${label} data-chart="curve">
        ${run.plateau >= 2 ? svg`<rect class="plateau" x=${sx(0)} y=${M.top} width=${sx(run.plateau) - sx(0)} height=${PH} fill="#f3e3c9"></rect>` : ''}
        <line x1=${M.left} x2=${M.left + PW} y1=${sy(FIRST_LOOK_TOLERANCE)} y2=${sy(FIRST_LOOK_TOLERANCE)} stroke="#888" stroke-dasharray="2 3"></line>
        ${[0, 0.5, 1].map((v) => svg`<text x=${M.left - 4} y=${sy(v) + 3} text-anchor="end" font-size="9" fill="#5b5b60">${v}</text>`)}
        ${[0, n / 2, n].map((t) => svg`<text x=${sx(t)} y=${H - 13} text-anchor="middle" font-size="9" fill="#5b5b60">${formatCount(t)}</text>`)}
        <text x=${M.left + PW / 2} y=${H - 2} text-anchor="middle" font-size="9" fill="#5b5b60">epoch</text>
        <text x="9" y=${M.top + PH / 2} text-anchor="middle" font-size="9" fill="#5b5b60" transform="rotate(-90 9 ${M.top + PH / 2})">max |ŷ − y|</text>
        <path d=${d} fill="none" stroke=${color} stroke-width="2"></path>
        ${fit !== null && fit <= n ? svg`<line x1=${sx(fit)} x2=${sx(fit)} y1=${M.top} y2=${M.top + PH} stroke=${color} stroke-dasharray="4 3"></line>` : ''}
        <line class="now" x1=${sx(this.epoch)} x2=${sx(this.epoch)} y1=${M.top} y2=${M.top + PH} stroke="#1d1d1f"></line>
        <text class="note" x=${noteX} y=${sy(0.8)} font-size="9.5" font-weight="600" fill=${color}>
          ${lines.map((line, i) => svg`<tspan x=${noteX} dy=${i === 0 ? 0 : 11}>${line}</tspan>`)}
        </text>
        <rect x=${M.left} y=${M.top} width=${PW} height=${PH} fill="none" stroke="#d9d8d2"></rect>
      </svg>
    `;
  }

  /** σ(w·x + b) over x ∈ [−1, 4] at the epoch, the data points (xᵢ, yᵢ) as rings, each ŷᵢ as a dot joined to its label. */
  private _sigmoid(run: FirstLookRun, w: number, b: number, yHat: number[]) {
    const sx = (x: number) => M.left + ((x - X_MIN) / (X_MAX - X_MIN)) * PW;
    const sy = (v: number) => M.top + (1 - v) * PH;
    let d = '';
    for (let k = 0; k <= 60; k++) {
      const x = X_MIN + ((X_MAX - X_MIN) * k) / 60;
      const z = w * x + b;
      // σ in the stable form: exp of a non-positive number only.
      const e = Math.exp(-Math.abs(z));
      const s = z >= 0 ? 1 / (1 + e) : e / (1 + e);
      d += `${k === 0 ? 'M' : 'L'}${sx(x).toFixed(1)},${sy(s).toFixed(1)}`;
    }
    const { x, y } = this.look.data;
    const color = LOSS_COLORS[run.loss];
    const label = `${LOSS_NAMES[run.loss]} at epoch ${formatCount(this.epoch)}: the neuron's output σ(w·x + b) with w = ${formatNumber(w, 3)} and b = ${formatNumber(b, 3)}, predicting ${yHat
      .map((v, i) => `${share(v)} for the label ${share(y[i]!)}`)
      .join(' and ')}.`;
    return svg`
      <svg viewBox="0 0 ${W} ${H}" role="img" aria-label=${label} data-chart="sigmoid">
        <rect x=${M.left} y=${M.top} width=${PW} height=${PH} fill="none" stroke="#d9d8d2"></rect>
        ${[0, 0.5, 1].map((v) => svg`<text x=${M.left - 4} y=${sy(v) + 3} text-anchor="end" font-size="9" fill="#5b5b60">${v}</text>`)}
        ${[-1, 0, 1, 2, 3, 4].map((t) => svg`<text x=${sx(t)} y=${H - 13} text-anchor="middle" font-size="9" fill="#5b5b60">${t}</text>`)}
        <text x=${M.left + PW / 2} y=${H - 2} text-anchor="middle" font-size="9" fill="#5b5b60">x</text>
        <text x="9" y=${M.top + PH / 2} text-anchor="middle" font-size="9" fill="#5b5b60" transform="rotate(-90 9 ${M.top + PH / 2})">ŷ = σ(w·x + b)</text>
        <path d=${d} fill="none" stroke=${color} stroke-width="2"></path>
        ${yHat.map((v, i) => svg`
          <line x1=${sx(x[i]!)} x2=${sx(x[i]!)} y1=${sy(v)} y2=${sy(y[i]!)} stroke="#b3261e" stroke-dasharray="3 2"></line>
          <circle class="label" cx=${sx(x[i]!)} cy=${sy(y[i]!)} r="4.5" fill="#fff" stroke="#1d1d1f" stroke-width="1.5"></circle>
          <circle class="prediction" cx=${sx(x[i]!)} cy=${sy(v)} r="3.5" fill=${color}></circle>`)}
      </svg>
    `;
  }

  private _onInput(event: Event): void {
    this.epoch = Number((event.target as HTMLInputElement).value);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'll-first-look': LlFirstLook;
  }
}
