// The sweep's progress: a bar, runs done of total, runs per second and time left while it runs;
// how long it took (and how long until the first results showed) once it ends; Cancel.

import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { SweepProgress } from '@losslab/worker';
import type { SweepStatus } from '../controllers/sweep-controller.js';
import { formatCount, formatDuration, formatRate } from '../lib/format.js';
import { requestCancel } from './events.js';
import { sharedStyles } from './shared-styles.js';

@customElement('ll-progress')
export class LlProgress extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      .box {
        display: grid;
        grid-template-columns: 1fr auto;
        gap: 0.35rem 0.75rem;
        align-items: center;
        padding: 0.6rem 0.75rem;
        border: 1px solid var(--ll-line);
        border-radius: var(--ll-radius);
        background: var(--ll-panel);
      }
      progress {
        width: 100%;
        height: 0.9rem;
        accent-color: var(--ll-accent);
      }
      .numbers {
        grid-column: 1 / -1;
        font-size: 0.88rem;
        font-variant-numeric: tabular-nums;
        margin: 0;
      }
      .error {
        grid-column: 1 / -1;
        color: var(--ll-error);
        margin: 0;
        font-size: 0.88rem;
      }
    `,
  ];

  /** Where the sweep is. */
  @property() status: SweepStatus = 'idle';
  /** The latest progress report, or null before any sweep. */
  @property({ attribute: false }) progress: SweepProgress | null = null;
  /** Milliseconds from Run to the first results on screen, once known. */
  @property({ type: Number, attribute: false }) firstResultsMs: number | null = null;
  /** Wall time of the ended sweep in seconds. */
  @property({ type: Number, attribute: false }) elapsedSeconds: number | null = null;
  /** Why the sweep failed. */
  @property() error: string | null = null;
  /** Workers in the pool. */
  @property({ type: Number }) workers = 0;

  override render() {
    const p = this.progress;
    const running = this.status === 'running';
    const done = p?.done ?? 0;
    const total = p?.total ?? 0;
    return html`
      <div class="box" data-status=${this.status} data-workers=${this.workers}>
        <progress id="bar" max=${Math.max(total, 1)} .value=${done} aria-label="Sweep progress" aria-valuetext=${`${formatCount(done)} of ${formatCount(total)} runs`}></progress>
        <button type="button" id="cancel" ?disabled=${!running} @click=${this._onCancel}>Cancel</button>
        <p class="numbers" id="numbers">${this._text()}</p>
        <p class="visually-hidden" aria-live="polite">${this._announcement()}</p>
        ${this.error ? html`<p class="error" role="alert">The sweep failed: ${this.error}</p>` : nothing}
      </div>
    `;
  }

  private _text() {
    const p = this.progress;
    if (!p || this.status === 'idle') return html`<span class="muted">No sweep yet: pick a preset or press Run.</span>`;
    const runs = html`<strong>${formatCount(p.done)}</strong> / ${formatCount(p.total)} runs`;
    if (this.status === 'running') {
      // No time left is shown until the pool knows the rate (etaSeconds is NaN until then).
      const eta = Number.isFinite(p.etaSeconds) ? `about ${formatDuration(p.etaSeconds)} left` : p.done > 0 ? 'estimating time left…' : 'starting…';
      return html`${runs} · ${formatRate(p.runsPerSecond)} · ${eta}`;
    }
    const on = this.workers > 0 ? ` on ${this.workers} worker${this.workers === 1 ? '' : 's'}` : '';
    const took = this.elapsedSeconds === null ? '' : ` in ${formatDuration(this.elapsedSeconds)}${on}`;
    const first = this.firstResultsMs === null ? '' : ` · first results after ${Math.round(this.firstResultsMs)} ms`;
    const verb = this.status === 'cancelled' ? 'Cancelled: kept' : this.status === 'failed' ? 'Stopped: kept' : 'Done:';
    return html`${verb} ${runs}${took}${first}`;
  }

  private _announcement(): string {
    if (this.status === 'running') return 'Sweep running.';
    if (this.status === 'done') return `Sweep finished: ${formatCount(this.progress?.done ?? 0)} runs.`;
    if (this.status === 'cancelled') return `Sweep cancelled; ${formatCount(this.progress?.done ?? 0)} finished runs kept.`;
    return '';
  }

  private _onCancel(): void {
    requestCancel(this);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'll-progress': LlProgress;
  }
}
