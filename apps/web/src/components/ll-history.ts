// The saved sweeps (IndexedDB history): one row per sweep with its spec in words, when it was
// saved, and buttons to open or delete it. It renders what ll-app gives it and sends requests up;
// ll-app does the storage work. Every string is rendered as text.

import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { HistoryEntry } from '../lib/history.js';
import { formatCount } from '../lib/format.js';
import { specInWords } from '../lib/spec-words.js';
import { fire } from './events.js';
import { sharedStyles } from './shared-styles.js';

/** specInWords, or a plain sentence when a stored spec lacks what it reads (the list still renders). */
function describeSafely(spec: HistoryEntry['spec']): string {
  try {
    return specInWords(spec);
  } catch {
    return 'A sweep whose settings could not be read';
  }
}

@customElement('ll-history')
export class LlHistory extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      ol {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 0.4rem;
      }
      li {
        display: flex;
        flex-wrap: wrap;
        gap: 0.3rem 0.8rem;
        align-items: center;
        font-size: 0.85rem;
        border-bottom: 1px solid var(--ll-line);
        padding-bottom: 0.35rem;
      }
      .spec {
        flex: 1 1 20rem;
      }
    `,
  ];

  /** The saved sweeps, newest first; null while loading. */
  @property({ attribute: false }) entries: HistoryEntry[] | null = null;

  override render() {
    if (this.entries === null) return html`<p class="muted">Reading the saved sweeps…</p>`;
    if (this.entries.length === 0) return html`<p class="muted">No saved sweeps yet: every sweep that finishes is kept here.</p>`;
    return html`<ol>
      ${this.entries.map(
        (entry) => html`<li data-id=${entry.id}>
          <span class="spec">${describeSafely(entry.spec)} <span class="muted">· ${formatCount(entry.completed)} of ${formatCount(entry.runCount)} runs${entry.cancelled ? ' (cancelled)' : ''} · ${new Date(entry.savedAt).toLocaleString()}</span></span>
          <button type="button" class="open" @click=${() => this._request('ll-history-open', entry.id)}>Open</button>
          <button type="button" class="delete" aria-label=${`Delete the sweep saved ${new Date(entry.savedAt).toLocaleString()}`} @click=${() => this._request('ll-history-delete', entry.id)}>Delete</button>
        </li>`,
      )}
    </ol>`;
  }

  private _request(type: 'll-history-open' | 'll-history-delete', id: number): void {
    fire(this, type, id);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'll-history': LlHistory;
  }
}
