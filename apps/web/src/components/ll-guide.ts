// The guided path's bar: which step of five, its title and one sentence, and Back / Next / Skip.
// It only asks for a step (an `ll-guide` event with the step number, 0 to close); ll-app shows the
// step's view and makes it a history entry, so every step is a URL.

import { LitElement, css, html, type PropertyValues } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import { GUIDE } from '../lib/guide.js';
import { narrow } from './breakpoint.js';
import { fire } from './events.js';
import { sharedStyles } from './shared-styles.js';

/** Asks the app for a step of the guided path: 1..5, or 0 to close it. */
export function requestGuide(from: HTMLElement, step: number): void {
  fire(from, 'll-guide', step);
}

@customElement('ll-guide')
export class LlGuide extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
        border: 2px solid var(--ll-accent);
        border-radius: var(--ll-radius);
        background: #f1f6fc;
        padding: 0.55rem 0.9rem;
      }
      h2 {
        margin: 0;
        font-size: 1rem;
      }
      h2:focus {
        outline: none;
      }
      .count {
        font-weight: 400;
        color: var(--ll-muted);
        margin-right: 0.4rem;
      }
      p {
        margin: 0.2rem 0 0.45rem;
        font-size: 0.9rem;
        max-width: 62rem;
      }
      .buttons {
        display: flex;
        flex-wrap: wrap;
        gap: 0.4rem;
      }
      .next {
        background: var(--ll-accent);
        color: var(--ll-accent-ink);
        border-color: var(--ll-accent);
      }
      @media ${narrow} {
        :host {
          padding: 0.45rem 0.55rem;
        }
        p {
          font-size: 0.82rem;
        }
      }
    `,
  ];

  /** The step on display, 1..GUIDE.length. */
  @property({ type: Number }) step = 1;

  @query('h2') private _heading!: HTMLElement | null;

  protected override updated(changed: PropertyValues<this>): void {
    // A new step is announced and its sentence read next: focus goes to its heading (the first step's too, which the user asked for).
    if (changed.has('step')) this._heading?.focus({ preventScroll: true });
  }

  override render() {
    const step = Math.min(Math.max(1, this.step), GUIDE.length);
    const current = GUIDE[step - 1]!;
    const last = step === GUIDE.length;
    return html`
      <section aria-labelledby="guide-title">
        <h2 id="guide-title" tabindex="-1"><span class="count">Guided tour, step ${step} of ${GUIDE.length}:</span> ${current.title}</h2>
        <p data-guide-text>${current.text}</p>
        <div class="buttons">
          <button type="button" class="back" ?disabled=${step === 1} @click=${() => requestGuide(this, step - 1)}>Back<span class="visually-hidden"> to step ${step - 1}</span></button>
          <button type="button" class="next" @click=${() => requestGuide(this, last ? 0 : step + 1)}>${last ? 'Finish the tour' : html`Next<span class="visually-hidden">: step ${step + 1}, ${GUIDE[step]!.title}</span>`}</button>
          ${last ? '' : html`<button type="button" class="skip" @click=${() => requestGuide(this, 0)}>Skip the tour</button>`}
        </div>
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'll-guide': LlGuide;
  }
}
