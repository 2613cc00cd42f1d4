// The selected run's own controls: its η, changed with a log slider (the sweep's η values marked on
// it) or typed, reruns both losses' runs at once with core on the main thread, without a sweep and
// without Run; a sentence says where the run starts and how each loss's run ends. For a sweep with
// one start it stands where the heatmaps would be and says why there is no map.

import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { SweepPlan } from '@losslab/worker';
import { formatNumber } from '../lib/format.js';
import { startReadout } from '../lib/live-run.js';
import { isMoved, type ConfigRef } from '../lib/state.js';
import { mappable } from '../lib/surface.js';
import { untraceableMessage, type RunTrace } from '../lib/trace.js';
import { dispatchAction } from './events.js';
import { sectionStyles } from './section-styles.js';
import { sharedStyles } from './shared-styles.js';

/** The η slider's span: 0.001 to 30 (past cross-entropy's and squared error's stability limits on the lecture's data), widened to the sweep's η. */
export function etaSliderRange(plan: Pick<SweepPlan, 'eta'>): [number, number] {
  let lo = 1e-3;
  let hi = 30;
  for (let k = 0; k < plan.eta.length; k++) {
    lo = Math.min(lo, plan.eta[k]!);
    hi = Math.max(hi, plan.eta[k]!);
  }
  return [Math.log10(lo), Math.log10(hi)];
}

/** A slider position (log10 η) as an η with three significant digits: readable, and the same number in every browser. */
export function etaFromSlider(position: number): number {
  return Number((10 ** position).toPrecision(3));
}

@customElement('ll-run-controls')
export class LlRunControls extends LitElement {
  static override styles = [
    sharedStyles,
    sectionStyles,
    css`
      :host {
        contain-intrinsic-size: auto 140px;
      }
      .eta-control {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.4rem 0.8rem;
      }
      #run-eta-slider {
        flex: 1 1 14rem;
        max-width: 28rem;
      }
      #run-eta {
        width: 6.5rem;
      }
      .issue {
        color: var(--ll-error, #a4161a);
        font-size: 0.85rem;
        margin: 0.3rem 0 0;
      }
      .readout {
        margin: 0.5rem 0 0;
        font-size: 0.9rem;
        font-variant-numeric: tabular-nums;
      }
      .one-start {
        margin: 0 0 0.6rem;
      }
    `,
  ];

  /** The sweep on display. */
  @property({ attribute: false }) plan: SweepPlan | null = null;
  /** The primary selected config (with its moved start and η), or null. */
  @property({ attribute: false }) config: ConfigRef | null = null;
  /** Its runs under each loss, recomputed (null where not yet, or where the sweep lacks the loss). */
  @property({ attribute: false }) primary: Record<'se' | 'ce', RunTrace | null> = { se: null, ce: null };
  /** The η shown in the heatmaps (the one a one-start sweep's run is shown at when nothing is selected). */
  @property({ type: Number }) etaIndex = 0;

  /** Why the typed η was refused ('' when it was not). */
  @state() private _issue = '';

  override render() {
    const plan = this.plan;
    if (!plan) return nothing;
    const oneStart = plan.initCount === 1;
    return html`<section aria-labelledby="h-run">
      <div class="section-head"><h2 id="h-run">${oneStart ? 'One start: both runs from it' : 'The selected run'}</h2></div>
      ${oneStart ? html`<p class="one-start" id="one-start-note">${this._oneStartNote(plan)}</p>` : nothing}
      ${this._body(plan)}
    </section>`;
  }

  private _oneStartNote(plan: SweepPlan) {
    const start = plan.init.kind === 'grid' ? `(w0, b0) = (${formatNumber(plan.init.w0[0]!)}, ${formatNumber(plan.init.b0[0]!)})` : 'one random start';
    return `This sweep has one start, ${start}, so there is no map of starts to show: the curves, the loss surfaces and the gradient split below compare the two runs from it. Change η here, or drag the start on a loss surface, and both rerun at once.`;
  }

  private _body(plan: SweepPlan) {
    const untraceable = untraceableMessage(plan);
    if (untraceable) return html`<p class="explain">${untraceable}</p>`;
    const config = this.config;
    if (!config || config.etaIndex >= plan.eta.length || config.initIndex >= plan.initCount) {
      if (plan.initCount === 1) return html`<button type="button" id="show-run" @click=${this._onShow}>Show both runs from this start</button>`;
      return html`<p class="explain">Select a start in the heatmaps to rerun it here with another η, or drag its start on a loss surface.</p>`;
    }
    const eta = config.eta ?? plan.eta[config.etaIndex]!;
    const [lo, hi] = etaSliderRange(plan);
    return html`
      <p class="explain">Both losses’ runs from this start, recomputed as you change η (no sweep, no Run). The marks on the slider are the sweep’s η values.</p>
      <div class="eta-control">
        <label for="run-eta-slider">η of this run</label>
        <input
          id="run-eta-slider"
          type="range"
          min=${lo}
          max=${hi}
          step="0.01"
          list="run-eta-marks"
          .value=${String(Math.log10(eta))}
          aria-valuetext=${`η = ${formatNumber(eta, 4)}`}
          @input=${this._onSlider}
        />
        <datalist id="run-eta-marks">${Array.from(plan.eta, (value) => html`<option value=${Math.log10(value)}></option>`)}</datalist>
        <label for="run-eta">η</label>
        <input id="run-eta" type="text" inputmode="decimal" autocomplete="off" .value=${String(eta)} aria-invalid=${this._issue ? 'true' : 'false'} aria-describedby="run-eta-issue" @change=${this._onTyped} />
        ${isMoved(config) ? html`<button type="button" id="restore-run" @click=${this._onRestore}>Back to the sweep’s start and η</button>` : nothing}
      </div>
      <p class="issue" id="run-eta-issue" role="status">${this._issue}</p>
      <!-- With loss surfaces, the sentence under them is the one read out (once, not twice). -->
      <p class="readout" id="run-readout" aria-live=${mappable(plan) ? 'off' : 'polite'}>${startReadout(this.primary)}</p>
    `;
  }

  private _onSlider(event: Event): void {
    const position = Number((event.target as HTMLInputElement).value);
    this._issue = '';
    dispatchAction(this, { type: 'set-run-eta', eta: etaFromSlider(position) });
  }

  private _onTyped(event: Event): void {
    const text = (event.target as HTMLInputElement).value.trim();
    const eta = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(text) ? Number(text) : Number.NaN;
    if (!Number.isFinite(eta) || eta <= 0) {
      this._issue = `η must be a number > 0, got ${JSON.stringify(text)}`;
      return;
    }
    this._issue = '';
    dispatchAction(this, { type: 'set-run-eta', eta });
  }

  private _onShow(): void {
    dispatchAction(this, { type: 'select', config: { etaIndex: Math.min(this.etaIndex, (this.plan?.eta.length ?? 1) - 1), initIndex: 0 }, mode: 'replace' });
  }

  private _onRestore(): void {
    this._issue = '';
    dispatchAction(this, { type: 'restore-run' });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'll-run-controls': LlRunControls;
  }
}
