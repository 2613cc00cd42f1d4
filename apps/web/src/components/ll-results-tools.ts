// The results-tools section: Copy link, Export JSON/CSV/Parquet, Import a JSON result, the "reproduce this
// run" snippet (text only, with a copy button) and the saved sweeps. It renders what ll-app gives
// it and sends requests up (ll-copy-link, ll-export, ll-import-file, and ll-history's open/delete);
// ll-app routes them to its controllers.

import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { HistoryEntry } from '../lib/history.js';
import './ll-history.js';
import { fire, type LlEventMap } from './events.js';
import { sectionStyles } from './section-styles.js';
import { sharedStyles } from './shared-styles.js';

/** Where the results on display came from. */
export type ResultOrigin = 'run' | 'import' | 'history';

@customElement('ll-results-tools')
export class LlResultsTools extends LitElement {
  static override styles = [
    sharedStyles,
    sectionStyles,
    css`
      section {
        display: grid;
        gap: 0.5rem;
      }
      .section-head {
        margin-bottom: 0;
      }
      .tools {
        display: flex;
        flex-wrap: wrap;
        gap: 0.4rem 0.6rem;
        align-items: center;
        font-size: 0.9rem;
      }
      input[type='file'] {
        font-size: 0.85rem;
      }
      details > summary {
        cursor: pointer;
        font-weight: 600;
      }
      pre.snippet {
        overflow-x: auto;
        background: #f4f3ee;
        padding: 0.6rem;
        border-radius: var(--ll-radius);
        font-size: 0.8rem;
      }
    `,
  ];

  /** Whether there are results to export (a sweep on display that is not running). */
  @property({ type: Boolean }) finished = false;
  /** Where the results on display came from ('' before any). */
  @property() origin: ResultOrigin | '' = '';
  /** The snippet that recomputes the selected run ('' when no run is selected). Shown as text. */
  @property() snippet = '';
  /** The saved sweeps, newest first (null while reading them). */
  @property({ attribute: false }) history: HistoryEntry[] | null = null;

  @state() private _copied = '';

  override render() {
    return html`<section aria-labelledby="h-tools">
      <div class="section-head"><h2 id="h-tools">Share, export, import, history</h2></div>
      <div class="tools">
        <button type="button" id="copy-link" @click=${() => this._request('ll-copy-link', null)}>Copy link</button>
        <button type="button" id="export-json" ?disabled=${!this.finished} @click=${() => this._request('ll-export', 'json')}>Export JSON</button>
        <button type="button" id="export-csv" ?disabled=${!this.finished} @click=${() => this._request('ll-export', 'csv')}>Export CSV</button>
        <button type="button" id="export-parquet" ?disabled=${!this.finished} @click=${() => this._request('ll-export', 'parquet')}>Export Parquet</button>
        <label>Import a JSON result <input type="file" id="import-file" accept=".json,application/json" @change=${this._onFile} /></label>
        ${this.origin === 'import' || this.origin === 'history'
          ? html`<span class="muted" id="opened-from">Showing ${this.origin === 'import' ? 'an imported result' : 'a saved sweep'}.</span>`
          : nothing}
      </div>
      <details id="snippet-box">
        <summary>Reproduce the selected run with @losslab/core</summary>
        ${this.snippet
          ? html`<pre class="snippet"><code>${this.snippet}</code></pre>
              <button type="button" id="copy-snippet" @click=${this._onCopySnippet}>Copy snippet</button>
              <span class="muted" role="status">${this._copied}</span>`
          : html`<p class="muted">Select a run (click a start in a heatmap) to get a script that recomputes it.</p>`}
      </details>
      <details id="history-box">
        <summary>History (${this.history?.length ?? '…'} saved in this browser)</summary>
        <ll-history .entries=${this.history}></ll-history>
      </details>
    </section>`;
  }

  private _request<K extends keyof LlEventMap>(type: K, detail: LlEventMap[K]): void {
    fire(this, type, detail);
  }

  private _onFile(event: Event): void {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (file) this._request('ll-import-file', file);
  }

  private async _onCopySnippet(): Promise<void> {
    try {
      await navigator.clipboard.writeText(this.snippet);
      this._copied = 'Copied.';
    } catch {
      this._copied = 'The clipboard is not available here: select the snippet and copy it.';
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'll-results-tools': LlResultsTools;
  }
}
