// The mechanism of one step for one loss, point by point (step mode shows one per loss, side by
// side, at the current epoch): the sigmoid σ(w·x + b) with the data points and each ŷᵢ; each
// point's ŷᵢ(1 − ŷᵢ) and its share of ∂L/∂w and ∂L/∂b as bars; the update vector; and the update
// equations filled with the current values, each term coloured like the mark it describes (the
// error like the dashed error lines, ŷ(1 − ŷ) like its bars, ∂L/∂w and ∂L/∂b like theirs). Plain
// HTML and SVG: no math library on this path.

import { LitElement, css, html, nothing, svg, unsafeCSS } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { formatCount, formatNumber } from '../lib/format.js';
import type { Mechanism, PointTerm } from '../lib/mechanism.js';
import { narrow } from './breakpoint.js';
import { sharedStyles } from './shared-styles.js';
import { styleProps } from './style-props.js';

/** Colours of the terms and their marks (Okabe–Ito; error and factor as in the gradient split). */
// Okabe–Ito's hues, darkened where needed so the coloured terms (small text) keep a contrast of at
// least 5:1 on white (WCAG AA asks 4.5:1; the e2e suite's axe-core checks it): vermilion, bluish
// green and reddish purple at their original lightness were 3.1–3.9:1.
export const MECHANISM_COLORS = Object.freeze({ error: '#0072b2', slope: '#b34700', dw: '#00785a', db: '#a8457f', update: '#1d1d1f' });

/** Rows drawn at most (the sums are over every point). */
export const MAX_ROWS = 8;
/** Points spelled out term by term in the equations at most. */
const MAX_TERMS = 4;

const f = (v: number) => formatNumber(v, 3);
/** A value in a product, parenthesized when negative: 0.5 · (−0.3). */
const factor = (v: number) => (v < 0 ? `(${f(v)})` : f(v));

@customElement('ll-mechanism')
export class LlMechanism extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
        font-size: 0.8rem;
      }
      h3 {
        margin: 0.2rem 0;
        font-size: 0.85rem;
      }
      svg {
        display: block;
        width: 100%;
        height: auto;
      }
      svg.arrow {
        display: inline-block;
        vertical-align: middle;
        width: 48px;
      }
      .scroll {
        overflow-x: auto;
      }
      table {
        border-collapse: collapse;
        width: 100%;
        font-variant-numeric: tabular-nums;
        font-size: 0.75rem;
      }
      th,
      td {
        padding: 0.1rem 0.25rem;
        text-align: right;
        white-space: nowrap;
      }
      th {
        font-weight: 600;
      }
      td.bar {
        min-width: 3.2rem;
        position: relative;
      }
      .track {
        position: relative;
        height: 0.55rem;
        background: #f1f0ec;
      }
      .fill {
        position: absolute;
        top: 0;
        bottom: 0;
      }
      .axis {
        position: absolute;
        top: -1px;
        bottom: -1px;
        left: 50%;
        border-left: 1px solid #999;
      }
      .num {
        display: block;
        font-size: 0.68rem;
      }
      .eq {
        margin: 0.3rem 0;
        line-height: 1.6;
        overflow-wrap: anywhere;
        font-variant-numeric: tabular-nums;
      }
      .t-error {
        color: ${unsafeCSS(MECHANISM_COLORS.error)};
        font-weight: 600;
      }
      .t-slope {
        color: ${unsafeCSS(MECHANISM_COLORS.slope)};
        font-weight: 600;
      }
      .t-dw {
        color: ${unsafeCSS(MECHANISM_COLORS.dw)};
        font-weight: 600;
      }
      .t-db {
        color: ${unsafeCSS(MECHANISM_COLORS.db)};
        font-weight: 600;
      }
      .t-update {
        color: ${unsafeCSS(MECHANISM_COLORS.update)};
        font-weight: 700;
      }
      /* A phone's half-width panel: ŷᵢ is on the sigmoid already; the three bars fit without scrolling. */
      @media ${narrow} {
        .y-hat,
        .long {
          display: none;
        }
        table {
          table-layout: fixed;
          font-size: 0.66rem;
        }
        thead th:first-child {
          width: 0.9rem;
        }
        td.bar {
          min-width: 0;
        }
        .num {
          font-size: 0.6rem;
        }
        th,
        td {
          padding: 0.1rem 0.1rem;
          overflow: hidden;
        }
      }
      .note {
        color: var(--ll-muted);
        font-size: 0.75rem;
        margin: 0.2rem 0;
      }
    `,
  ];

  /** The heading, e.g. "Squared error: the step at epoch 12". */
  @property() heading = '';
  /** The step's mechanism (lib/mechanism.ts), or null. */
  @property({ attribute: false }) mechanism: Mechanism | null = null;
  /** Whether the run's step is plain full-batch descent (its update is exactly −η∇L). */
  @property({ type: Boolean }) plain = true;

  override render() {
    const m = this.mechanism;
    if (!m) return nothing;
    return html`<h3>${this.heading}</h3>
      ${m.w.length === 1 ? this._sigmoid(m) : html`<p class="note">The sigmoid view needs data with one input.</p>`} ${this._table(m)} ${this._update(m)} ${this._equations(m)}`;
  }

  /** σ(w·x + b) over the data's x range, each point as a ring at (xᵢ, yᵢ), each ŷᵢ as a dot, the error between them dashed. */
  private _sigmoid(m: Mechanism) {
    const W = 200;
    const H = 110;
    const pad = { left: 16, right: 6, top: 6, bottom: 14 };
    let lo = Infinity;
    let hi = -Infinity;
    for (const p of m.points) {
      lo = Math.min(lo, p.x[0]!);
      hi = Math.max(hi, p.x[0]!);
    }
    const margin = Math.max(0.5, (hi - lo) * 0.15);
    lo -= margin;
    hi += margin;
    const sx = (x: number) => pad.left + ((x - lo) / (hi - lo)) * (W - pad.left - pad.right);
    const sy = (y: number) => pad.top + (1 - y) * (H - pad.top - pad.bottom);
    const w = m.w[0]!;
    const steps = 80;
    let d = '';
    for (let k = 0; k <= steps; k++) {
      const x = lo + ((hi - lo) * k) / steps;
      const y = 1 / (1 + Math.exp(-(w * x + m.b)));
      d += `${k === 0 ? 'M' : 'L'}${sx(x).toFixed(1)},${sy(y).toFixed(1)}`;
    }
    const shown = m.points.slice(0, 200);
    return html`<svg
      data-chart="sigmoid"
      viewBox="0 0 ${W} ${H}"
      role="img"
      aria-label=${`σ(w·x + b) with w = ${f(w)}, b = ${f(m.b)}: ${shown
        .slice(0, MAX_ROWS)
        .map((p) => `point ${p.index + 1} at x = ${f(p.x[0]!)}, y = ${f(p.y)}, ŷ = ${f(p.yHat)}`)
        .join('; ')}${m.points.length > MAX_ROWS ? '; …' : ''}.`}
    >
      ${svg`<line x1=${pad.left} x2=${W - pad.right} y1=${sy(0)} y2=${sy(0)} stroke="#ccc" />
        <line x1=${pad.left} x2=${W - pad.right} y1=${sy(1)} y2=${sy(1)} stroke="#eee" />
        <text x="2" y=${sy(1) + 4} font-size="8" fill="#777">1</text>
        <text x="2" y=${sy(0) + 3} font-size="8" fill="#777">0</text>
        <text x=${W - pad.right} y=${H - 2} font-size="8" fill="#777" text-anchor="end">x</text>
        <path d=${d} fill="none" stroke="#1d1d1f" stroke-width="1.5" />
        ${shown.map(
          (p) => svg`<line class="error" x1=${sx(p.x[0]!)} x2=${sx(p.x[0]!)} y1=${sy(p.y)} y2=${sy(p.yHat)} stroke=${MECHANISM_COLORS.error} stroke-width="1.5" stroke-dasharray="3 2" />
            <circle class="label" cx=${sx(p.x[0]!)} cy=${sy(p.y)} r="4" fill="none" stroke="#555" stroke-width="1.2" />
            <circle class="prediction" cx=${sx(p.x[0]!)} cy=${sy(p.yHat)} r="2.6" fill=${MECHANISM_COLORS.error} />`,
        )}`}
    </svg>`;
  }

  /** Per point: ŷᵢ, ŷᵢ(1 − ŷᵢ) (bar on 0 … ¼, its maximum) and the shares of ∂L/∂w, ∂L/∂b (signed bars on one scale per panel). */
  private _table(m: Mechanism) {
    const rows = m.points.slice(0, MAX_ROWS);
    let largest = 0;
    for (const p of m.points) largest = Math.max(largest, Math.abs(p.shareW[0]!), Math.abs(p.shareB));
    const signedBar = (v: number, color: string) => {
      const width = largest > 0 ? (Math.abs(v) / largest) * 50 : 0;
      return html`<div class="track"><div class="fill" style=${styleProps({ background: color, width: `${width}%`, left: v < 0 ? `${50 - width}%` : '50%' })}></div><div class="axis"></div></div>`;
    };
    return html`<div class="scroll">
        <table>
          <caption class="visually-hidden">
            Each point's ŷ, ŷ(1 − ŷ) and share of the gradient
          </caption>
          <thead>
            <tr>
              <th scope="col">i</th>
              <th scope="col" class="y-hat">ŷᵢ</th>
              <th scope="col" class="t-slope">ŷᵢ(1−ŷᵢ)</th>
              <th scope="col" class="t-dw"><span class="long">share of </span>∂L/∂w</th>
              <th scope="col" class="t-db"><span class="long">share of </span>∂L/∂b</th>
            </tr>
          </thead>
          <tbody>
            ${rows.map(
              (p) => html`<tr data-point=${p.index} data-slope=${String(p.slope)} data-share-w=${Array.from(p.shareW, String).join(',')} data-share-b=${String(p.shareB)}>
                <th scope="row">${p.index + 1}</th>
                <td class="y-hat">${f(p.yHat)}</td>
                <td class="bar"><div class="track"><div class="fill" style=${styleProps({ background: MECHANISM_COLORS.slope, width: `${Math.min(1, p.slope / 0.25) * 100}%`, left: '0' })}></div></div><span class="num">${f(p.slope)}</span></td>
                <td class="bar">${signedBar(p.shareW[0]!, MECHANISM_COLORS.dw)}<span class="num">${f(p.shareW[0]!)}</span></td>
                <td class="bar">${signedBar(p.shareB, MECHANISM_COLORS.db)}<span class="num">${f(p.shareB)}</span></td>
              </tr>`,
            )}
          </tbody>
          <tfoot>
            <tr class="sum">
              <th scope="row">Σ</th>
              <td class="y-hat"></td>
              <td></td>
              <td class="t-dw" data-sum-w=${Array.from(m.dw, String).join(',')}>${f(m.dw[0]!)}</td>
              <td class="t-db" data-sum-b=${String(m.db)}>${f(m.db)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
      ${m.points.length > MAX_ROWS ? html`<p class="note">The first ${MAX_ROWS} of ${formatCount(m.points.length)} points; the sums are over all of them.</p>` : nothing}
      ${m.w.length > 1 ? html`<p class="note">∂L/∂w is shown for the first weight.</p>` : nothing}`;
  }

  /** The update vector (Δw, Δb) = −η(∂L/∂w, ∂L/∂b) as an arrow in the (w, b) plane (direction; its length is printed). */
  private _update(m: Mechanism) {
    const dw = m.update.dw[0]!;
    const db = m.update.db;
    const size = Math.hypot(dw, db);
    const R = 22;
    const ux = size > 0 ? (dw / size) * R : 0;
    const uy = size > 0 ? (-db / size) * R : 0;
    return html`<p class="eq update" data-update-w=${String(dw)} data-update-b=${String(db)}>
      <svg class="arrow" viewBox="-30 -30 60 60" width="48" height="48" role="img" aria-label=${`update vector Δw = ${f(dw)}, Δb = ${f(db)}`}>
        ${svg`<line x1="-28" x2="28" y1="0" y2="0" stroke="#ddd" /><line x1="0" x2="0" y1="-28" y2="28" stroke="#ddd" />
          <text x="27" y="-3" font-size="8" fill="#777" text-anchor="end">w</text><text x="3" y="-21" font-size="8" fill="#777">b</text>
          ${size > 0 ? svg`<line x1="0" y1="0" x2=${ux} y2=${uy} stroke=${MECHANISM_COLORS.update} stroke-width="2.2" /><circle cx=${ux} cy=${uy} r="3" fill=${MECHANISM_COLORS.update} />` : nothing}`}
      </svg>
      <span class="t-update">update (Δw, Δb) = (${f(dw)}, ${f(db)})</span>, length ${f(size)}
    </p>`;
  }

  /** The equations, filled: ∂L/∂w = Σ terms = sum; w ← w − η ∂L/∂w = value. */
  private _equations(m: Mechanism) {
    const se = m.loss === 'se';
    const terms = m.points.slice(0, MAX_TERMS);
    const more = m.points.length > MAX_TERMS ? html` + … (${m.points.length - MAX_TERMS} more)` : nothing;
    const s = m.scale === 1 ? nothing : html`<span>1/${m.points.length} · </span>`;
    const x = (p: PointTerm) => factor(p.x[0]!);
    const term = (p: PointTerm, withX: boolean) =>
      html`<span class="t-error">${factor(p.error)}</span>${se ? html` · <span class="t-slope">${f(p.slope)}</span>` : nothing}${withX ? html` · ${x(p)}` : nothing}`;
    const join = (withX: boolean) =>
      terms.map((p, k) => html`${k > 0 ? ' + ' : ''}${term(p, withX)}`);
    const product = html`<span class="t-error">(ŷᵢ − yᵢ)</span>${se ? html` · <span class="t-slope">ŷᵢ(1 − ŷᵢ)</span>` : nothing}`;
    const w = m.w[0]!;
    return html`<div class="equations" aria-label=${`${se ? 'Squared error' : 'Cross-entropy'} update equations`}>
      <p class="eq"><span class="t-dw">∂L/∂w</span> = ${s}Σᵢ ${product} · xᵢ = ${s}${join(true)}${more} = <span class="t-dw">${f(m.dw[0]!)}</span></p>
      <p class="eq"><span class="t-db">∂L/∂b</span> = ${s}Σᵢ ${product} = ${s}${join(false)}${more} = <span class="t-db">${f(m.db)}</span></p>
      <p class="eq">w ← w − <span class="t-update">η</span> <span class="t-dw">∂L/∂w</span> = ${f(w)} − <span class="t-update">${f(m.eta)}</span> · ${factor(m.dw[0]!)} = <span class="t-update">${f(m.next.w[0]!)}</span></p>
      <p class="eq">b ← b − <span class="t-update">η</span> <span class="t-db">∂L/∂b</span> = ${f(m.b)} − <span class="t-update">${f(m.eta)}</span> · ${factor(m.db)} = <span class="t-update">${f(m.next.b)}</span></p>
      <p class="note">
        ${se
          ? html`Each term carries <span class="t-slope">ŷᵢ(1 − ŷᵢ)</span>: near 0 where the neuron saturates, so a wrong point barely moves w and b.`
          : html`No <span class="t-slope">ŷᵢ(1 − ŷᵢ)</span> here: a wrong point pulls with its whole error, saturated or not.`}
        ${this.plain ? nothing : html` This run's optimizer, mini-batch or weight decay changes the actual step; shown is plain gradient descent's −η∇L.`}
      </p>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'll-mechanism': LlMechanism;
  }
}
