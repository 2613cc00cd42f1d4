// Step mode: the primary selected config trained one epoch at a time under both losses at once,
// drawn as it goes on both loss surfaces (the current point is the path's end) and as partial loss
// curves. Play, pause, step and reset are buttons (keyboard: Tab, then Enter or Space); the speed
// is in epochs per second. Loaded on demand (ll-app imports this file when step mode is opened).

import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { SweepPlan } from '@losslab/worker';
import { StepController } from '../controllers/step-controller.js';
import { formatNumber } from '../lib/format.js';
import { sameConfig, type ConfigRef } from '../lib/state.js';
import { StepSession } from '../lib/step.js';
import type { SurfacePair } from '../lib/surface.js';
import './ll-curves.js';
import './ll-surface.js';
import { narrow } from './breakpoint.js';
import { sharedStyles } from './shared-styles.js';

const PANELS = [
  { loss: 'se', title: 'Squared error' },
  { loss: 'ce', title: 'Cross-entropy' },
] as const;

const SPEEDS = [1, 2, 5, 10, 20, 50, 100, 200, 500];

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
      }
      output {
        font-variant-numeric: tabular-nums;
        font-weight: 600;
      }
      .pair {
        display: grid;
        grid-template-columns: repeat(2, minmax(0, 1fr));
        gap: 1rem 1.5rem;
      }
      .point {
        font-size: 0.85rem;
        font-variant-numeric: tabular-nums;
        margin: 0.2rem 0;
      }
      @media ${narrow} {
        .pair {
          grid-template-columns: minmax(0, 1fr);
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

  readonly clock = new StepController(this);

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('plan') || changed.has('config')) {
      const { plan, config } = this;
      const same = this.clock.session?.plan === plan && sameConfig(this.clock.session?.config, config);
      if (!same) this.clock.load(plan && config && config.etaIndex < plan.eta.length && config.initIndex < plan.initCount ? new StepSession(plan, config) : null);
    }
  }

  override render() {
    const session = this.clock.session;
    if (!session || !this.plan) return html`<p class="muted">Select a run (click a start in a heatmap) to step through its gradient descent under both losses.</p>`;
    const points = session.points();
    const traces = session.traces();
    const epoch = session.epoch;
    return html`
      <div class="controls" role="group" aria-label="Step mode controls">
        <button type="button" id="step-play" class="primary" ?disabled=${session.done} @click=${() => (this.clock.playing ? this.clock.pause() : this.clock.play())}>${this.clock.playing ? 'Pause' : 'Play'}</button>
        <button type="button" id="step-step" ?disabled=${session.done} @click=${() => this.clock.step()}>Step</button>
        <button type="button" id="step-reset" @click=${() => this.clock.reset()}>Reset</button>
        <label>Speed
          <select id="step-speed" @change=${(event: Event) => this.clock.setSpeed(Number((event.target as HTMLSelectElement).value))}>
            ${SPEEDS.map((speed) => html`<option value=${speed} ?selected=${speed === this.clock.speed}>${speed} epochs/s</option>`)}
          </select>
        </label>
        <span>Epoch <output id="step-epoch" aria-live="off">${epoch}</output> of ${this.plan.epochs}</span>
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
              ${panel.title}: w = <span class="w">${formatNumber(point.w, 6)}</span>, b = <span class="b">${formatNumber(point.b, 6)}</span>, L(w, b) =
              <span class="value" data-value=${String(point.value)}>${formatNumber(point.value, 6)}</span>${point.done ? ' (done)' : nothing}
            </p>
            <ll-surface
              heading=${`${panel.title}: surface`}
              .plan=${this.plan}
              .map=${map}
              .thresholds=${this.surfaces?.thresholds ?? []}
              .traces=${[trace]}
              .epoch=${epoch}
              message=${map ? '' : this.plan!.data.d !== 1 ? 'Loss surfaces need data with one input.' : 'Scroll to “Loss surfaces” once to compute the surfaces; the path then shows here.'}
            ></ll-surface>
            <ll-curves heading=${`${panel.title}: loss so far`} .traces=${[trace]} .epochs=${this.plan!.epochs} ?logScale=${this.logScale} .yRange=${this.yRange} .tolerance=${this.plan!.tolerance}></ll-curves>
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
