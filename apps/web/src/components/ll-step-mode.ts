// Step mode: the primary selected config trained one epoch at a time under both losses at once,
// drawn as it goes on both loss surfaces (the current point is the path's end) and as partial
// curves whose epoch axis zooms to the epochs played so far (linear or log). Play, pause, step
// back, step and reset are buttons (keyboard: Tab, then Enter or Space); a slider scrubs over the
// epochs (arrow keys ±1, PageUp/PageDown ±10 % of the run, Home/End, touch or drag); the speed is
// in epochs per second. At phone width the two losses stay side by side and the controls stick to
// the top of the screen. Per loss, ll-mechanism shows the step from the current epoch point by point
// (σ with the points and ŷᵢ, ŷᵢ(1 − ŷᵢ) and each point's share of ∇L, the update, the equations
// filled in), and its surface draws the step to the next epoch as an arrow at the current point.
// Loaded on demand (ll-step-section imports this file when opened).

import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { SweepPlan } from '@losslab/worker';
import { StepController } from '../controllers/step-controller.js';
import { formatCount, formatNumber } from '../lib/format.js';
import { sameConfig, type ConfigRef } from '../lib/state.js';
import { scrubTarget } from '../lib/scrub.js';
import { StepSession } from '../lib/step.js';
import { configRun } from '../lib/config-run.js';
import { isPlainDescent, mechanism } from '../lib/mechanism.js';
import { planDataset } from '../lib/trace.js';
import './ll-mechanism.js';
import { MAX_SURFACE_POINTS, mappable, type SurfacePair } from '../lib/surface.js';
import './ll-curves.js';
import './ll-surface.js';
import type { SurfaceUpdate } from './ll-surface.js';
import { NARROW_QUERY, narrow } from './breakpoint.js';
import { sharedStyles } from './shared-styles.js';

const PANELS = [
  { loss: 'se', title: 'Squared error' },
  { loss: 'ce', title: 'Cross-entropy' },
] as const;

const SPEEDS = [1, 2, 5, 10, 20, 50, 100, 200, 500];

/** The epoch axis never zooms in closer than this many epochs (the first steps still have room). */
const MIN_EPOCH_SPAN = 10;

@customElement('ll-step-mode')
export class LlStepMode extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      .controls {
        display: flex;
        flex-wrap: wrap;
        gap: 0.4rem 0.8rem;
        align-items: center;
        margin-bottom: 0.6rem;
        font-size: 0.9rem;
        /* In view while the panels below scroll past (a phone shows one chart at a time). */
        position: sticky;
        top: 0;
        z-index: 2;
        background: var(--ll-panel);
        padding: 0.3rem 0;
      }
      .scrub {
        display: flex;
        align-items: center;
        gap: 0.4rem;
        flex: 1 1 14rem;
      }
      .scrub input {
        flex: 1;
        min-width: 6rem;
        /* Touch drags scrub the slider instead of scrolling the page sideways. */
        touch-action: pan-y;
      }
      output {
        font-variant-numeric: tabular-nums;
        font-weight: 600;
      }
      .pair {
        display: grid;
        grid-template-columns: repeat(2, minmax(0, 1fr));
        gap: 0.6rem 1.5rem;
      }
      /* Each panel's four parts (point, mechanism, surface, curves) share the rows of the other's,
         so the two losses' matching views sit at the same height however long their text is. */
      .pair > div {
        display: grid;
        grid-template-columns: minmax(0, 1fr);
        grid-row: span 4;
        grid-template-rows: subgrid;
        align-content: start;
        min-width: 0;
      }
      .point {
        font-size: 0.85rem;
        font-variant-numeric: tabular-nums;
        margin: 0.2rem 0;
      }
      @media ${narrow} {
        /* Compact, but still side by side: the comparison is the point. */
        .pair {
          gap: 0.6rem 0.5rem;
        }
        .controls {
          gap: 0.3rem 0.5rem;
          font-size: 0.8rem;
        }
        .controls button {
          padding: 0.3rem 0.5rem;
        }
        .point {
          font-size: 0.72rem;
        }
      }
    `,
  ];

  /** The sweep on display. */
  @property({ attribute: false }) plan: SweepPlan | null = null;
  /** The config to step through (the primary selection). */
  @property({ attribute: false }) config: ConfigRef | null = null;
  /** The loss surfaces of the sweep's selection (ll-app's), or null. */
  @property({ attribute: false }) surfaces: SurfacePair | null = null;
  /** The curves' y range (shared with the loss curves view). */
  @property({ attribute: false }) yRange: [number, number] = [1e-6, 1];
  @property({ type: Boolean }) logScale = true;
  /** The curves' epoch axis on a log-like (arcsinh) scale. */
  @state() private _logEpochs = false;

  readonly clock = new StepController(this);

  /** The narrow layout's media query: compact charts while it matches. */
  private readonly _narrow = typeof window === 'undefined' ? null : window.matchMedia(NARROW_QUERY);
  private readonly _onNarrow = () => this.requestUpdate();

  override connectedCallback(): void {
    super.connectedCallback();
    this._narrow?.addEventListener('change', this._onNarrow);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._narrow?.removeEventListener('change', this._onNarrow);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('plan') || changed.has('config')) {
      const { plan, config } = this;
      const same = this.clock.session?.plan === plan && sameConfig(this.clock.session?.config, config);
      if (!same) this.clock.load(plan && config && config.etaIndex < plan.eta.length && config.initIndex < plan.initCount ? new StepSession(plan, config) : null);
    }
  }

  /** Moves focus into step mode (its first control, or its message when there is no run): called when it opens. */
  async focusControls(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#step-play, p.muted')?.focus();
  }

  /** The step from the epoch on display for loss k: each point's part in ∇L at the current parameters. */
  private _mechanism(session: StepSession, k: number, loss: 'se' | 'ce', eta: number) {
    const { w, b } = session.parameters(k);
    if (!w.every(Number.isFinite) || !Number.isFinite(b)) return null;
    return mechanism(planDataset(session.plan), loss, w, b, { eta, reduction: session.plan.reduction });
  }

  /**
   * The arrow on loss k's surface: the optimizer's actual step from the epoch on display, epoch
   * k + 1's parameters minus epoch k's (for plain descent that is −η∇L; for momentum, Adam or a
   * mini-batch epoch it is what the run really did, which −η∇L is not).
   */
  private _update(session: StepSession, k: number, epoch: number): SurfaceUpdate | null {
    const step = session.nextStep(k);
    return step && { ...step, label: `the step to epoch ${epoch + 1} (its parameters minus epoch ${epoch}’s)` };
  }

  private _onScrubInput(event: Event): void {
    this.clock.seek(Number((event.target as HTMLInputElement).value));
  }

  /** The slider's keys, handled here so PageUp/PageDown move exactly 10 % of the run whatever the browser's default. */
  private _onScrubKey(event: KeyboardEvent): void {
    const session = this.clock.session;
    if (!session) return;
    const target = scrubTarget(event.key, session.epoch, session.lastEpoch);
    if (target === null) return;
    event.preventDefault();
    this.clock.seek(target);
  }

  override render() {
    const session = this.clock.session;
    if (!session || !this.plan) return html`<p class="muted" tabindex="-1">Select a run (click a start in a heatmap) to step through its gradient descent under both losses.</p>`;
    const points = session.points();
    const traces = session.traces();
    const epoch = session.epoch;
    const last = session.lastEpoch;
    // The curves' epoch axis shows the epochs played so far (never fewer than MIN_EPOCH_SPAN).
    const xMax = Math.min(Math.max(1, this.plan.epochs - 1), Math.max(MIN_EPOCH_SPAN, epoch));
    return html`
      <div class="controls" role="group" aria-label="Step mode controls">
        <button type="button" id="step-play" class="primary" ?disabled=${session.done} @click=${() => (this.clock.playing ? this.clock.pause() : this.clock.play())}>${this.clock.playing ? 'Pause' : 'Play'}</button>
        <button type="button" id="step-back" aria-label="Step back one epoch" ?disabled=${epoch === 0} @click=${() => this.clock.back()}>◀ Back</button>
        <button type="button" id="step-step" aria-label="Step forward one epoch" ?disabled=${session.done} @click=${() => this.clock.step()}>Step ▶</button>
        <button type="button" id="step-reset" @click=${() => this.clock.reset()}>Reset</button>
        <label>Speed
          <select id="step-speed" @change=${(event: Event) => this.clock.setSpeed(Number((event.target as HTMLSelectElement).value))}>
            ${SPEEDS.map((speed) => html`<option value=${speed} ?selected=${speed === this.clock.speed}>${speed} epochs/s</option>`)}
          </select>
        </label>
        <label class="scrub"
          >Epoch
          <input
            type="range"
            id="step-scrub"
            min="0"
            max=${last}
            step="1"
            .value=${String(epoch)}
            aria-valuetext=${`epoch ${formatCount(epoch)} of ${formatCount(last)}`}
            @input=${this._onScrubInput}
            @keydown=${this._onScrubKey}
          />
          <span><output id="step-epoch" aria-live="off">${epoch}</output> of ${formatCount(this.plan.epochs)}</span>
        </label>
        <label><input type="checkbox" id="step-log-epochs" .checked=${this._logEpochs} @change=${(event: Event) => (this._logEpochs = (event.target as HTMLInputElement).checked)} />log epochs</label>
      </div>
      <div class="pair">
        ${PANELS.map((panel) => {
          const k = this.plan!.losses.indexOf(panel.loss);
          const point = points[k];
          const trace = traces[k];
          if (!point || !trace) return html`<p class="muted">This sweep has no ${panel.title.toLowerCase()} runs.</p>`;
          const map = this.surfaces?.maps.find((m) => m.loss === panel.loss) ?? null;
          return html`<div data-loss=${panel.loss}>
            <p class="point" data-loss=${panel.loss}>
              ${panel.title}: w = <span class="w" data-value=${String(point.w)}>${formatNumber(point.w, 6)}</span>, b = <span class="b" data-value=${String(point.b)}>${formatNumber(point.b, 6)}</span>, L(w, b) =
              <span class="value" data-value=${String(point.value)}>${formatNumber(point.value, 6)}</span>${point.done ? ' (done)' : nothing}
            </p>
            <ll-mechanism
              heading=${`${panel.title}: the step from epoch ${point.epoch}`}
              .mechanism=${this._mechanism(session, k, panel.loss, trace.eta)}
              ?plain=${isPlainDescent(configRun(this.plan!, session.config, k), this.plan!.data.n)}
            ></ll-mechanism>
            <ll-surface
              heading=${`${panel.title}: surface`}
              .plan=${this.plan}
              .map=${map}
              .thresholds=${this.surfaces?.thresholds ?? []}
              .traces=${[trace]}
              .epoch=${epoch}
              .stepArrow=${this._update(session, k, point.epoch)}
              message=${map ? '' : this.plan!.data.d !== 1 ? 'Loss surfaces need data with one input.' : !mappable(this.plan!) ? `Loss surfaces are drawn for at most ${formatCount(MAX_SURFACE_POINTS)} points.` : 'Computing the loss surfaces…'}
            ></ll-surface>
            <ll-curves
              heading=${`${panel.title}: so far`}
              .traces=${[trace]}
              .epochs=${this.plan!.epochs}
              .xMax=${xMax}
              ?logEpochs=${this._logEpochs}
              ?compact=${this._narrow?.matches ?? false}
              ?logScale=${this.logScale}
              .yRange=${this.yRange}
              .tolerance=${this.plan!.tolerance}
            ></ll-curves>
          </div>`;
        })}
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'll-step-mode': LlStepMode;
  }
}
