// Messages for the user above the results: a link's dropped fields, import, export and storage
// errors, confirmations. Errors and warnings are alerts, the rest status messages; each can be
// dismissed. Every string is rendered as text.

import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { fire, type Notice } from './events.js';
import { sharedStyles } from './shared-styles.js';

/** A notice on display, with its id (for dismissing it). */
export type ShownNotice = Notice & { id: number };

@customElement('ll-notices')
export class LlNotices extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      /* The notices are items of the app's column, like the sections (no box of their own). */
      :host {
        display: contents;
      }
      .notice {
        margin: 0;
        padding: 0.5rem 0.75rem;
        border-radius: var(--ll-radius);
        border: 1px solid #c9a227;
        background: #fff8e1;
        font-size: 0.9rem;
        display: flex;
        gap: 0.75rem;
        align-items: baseline;
        justify-content: space-between;
      }
      .notice[data-kind='error'] {
        border-color: var(--ll-error);
        background: #fff4f2;
      }
      .notice ul {
        margin: 0.2rem 0 0;
        padding-left: 1.2rem;
      }
    `,
  ];

  /** The messages, oldest first. */
  @property({ attribute: false }) notices: ShownNotice[] = [];

  override render() {
    return this.notices.map(
      (notice) => html`<div class="notice" role=${notice.kind === 'info' ? 'status' : 'alert'} data-kind=${notice.kind}>
        <div>
          ${notice.text}
          ${notice.details.length > 0 ? html`<ul>${notice.details.map((d) => html`<li>${d}</li>`)}</ul>` : nothing}
        </div>
        <button type="button" aria-label="Dismiss this message" @click=${() => this._onDismiss(notice.id)}>×</button>
      </div>`,
    );
  }

  private _onDismiss(id: number): void {
    fire(this, 'll-dismiss', id);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'll-notices': LlNotices;
  }
}
