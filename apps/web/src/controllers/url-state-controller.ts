// The app's state in the page's URL (lib/url-state.ts's table): read once when the host connects,
// then written back as the state changes, at most every 300 ms, with history.replaceState (slider
// drags and edits make no new history entries); runs, presets and guided steps push one (push()). A link's fields that fail validation are named in a banner. Also the share
// link and Copy link.

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { MAX_URL_CSV_CHARS, parseUrlState, serializeUrlState, urlCarriesCsv, type UrlState } from '../lib/url-state.js';
import type { AppState } from '../lib/state.js';

/** What the controller needs from its host. */
export interface UrlStateHost extends ReactiveControllerHost {
  /** Whether the host reads and writes the page's URL (off for elements mounted alone in tests). */
  readonly urlState: boolean;
  readonly state: AppState;
}

/** Options of {@link UrlStateController}. */
export interface UrlStateOptions {
  /** Whether the sweep on display is the one the form plans (the link then carries run=1). */
  ranDraft: () => boolean;
  /** Opens the state a link holds (called once, on connect, when the URL holds one); `run`: the link asks to run it. */
  open: (state: UrlState['state'], run: boolean) => void;
  /** Shows a message: fields of the link that were dropped, Copy link's outcome (a warning when the link leaves the CSV out). */
  report: (kind: 'info' | 'warning', text: string, details?: string[]) => void;
}

/** Least milliseconds between two writes of the address bar. */
export const URL_WRITE_INTERVAL_MS = 300;

export class UrlStateController implements ReactiveController {
  readonly #host: UrlStateHost;
  readonly #options: UrlStateOptions;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #written = '';

  constructor(host: UrlStateHost, options: UrlStateOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  /** The query of the state on display (`?v=1&…`). */
  query(): string {
    return serializeUrlState(this.#host.state, this.#options.ranDraft());
  }

  /** The link to the state on display. */
  shareUrl(): string {
    return `${location.origin}${location.pathname}${this.query()}`;
  }

  /** Copies the share link; says so, or shows the link when the clipboard is not available. */
  async copyLink(): Promise<void> {
    const url = this.shareUrl();
    try {
      await navigator.clipboard.writeText(url);
      if (urlCarriesCsv(this.#host.state.draft)) this.#options.report('info', 'Link copied: it opens this sweep with these settings and runs it again (same seeds, same results).');
      else this.#options.report('warning', `Link copied without the CSV dataset (${this.#host.state.draft.dataset.csvText.length.toLocaleString('en-US')} characters; a link carries up to ${MAX_URL_CSV_CHARS.toLocaleString('en-US')}): it opens these settings on the default data, and whoever opens it is asked to choose the file again.`);
    } catch {
      this.#options.report('info', `Link to this state: ${url}`);
    }
  }

  /**
   * Makes the state on display a new history entry (history.pushState): for the user's own steps
   * (a run, a preset, a step of the guided path), so that Back returns to the one before. Slider drags and edits keep
   * replacing the current entry (hostUpdated).
   */
  push(): void {
    if (!this.#host.urlState) return;
    const query = this.query();
    if (query === location.search) return;
    history.pushState(null, '', `${location.pathname}${query}${location.hash}`);
    this.#written = query;
  }

  /** Back and Forward: open the state the entry's URL holds (as a link, without its banners' repeats). */
  readonly #onPopState = (): void => {
    const parsed = parseUrlState(location.search);
    this.#written = location.search;
    this.#options.open(parsed.state, parsed.run);
  };

  hostConnected(): void {
    if (!this.#host.urlState) return;
    window.addEventListener('popstate', this.#onPopState);
    const parsed = parseUrlState(location.search);
    if (parsed.dropped.length > 0) {
      const outdated = parsed.dropped.some((d) => d.key === 'v');
      this.#options.report(
        'warning',
        outdated ? 'This link was made by another version of losslab (or was changed); the defaults are shown instead.' : 'Some settings in this link were not valid and were reset to their defaults:',
        parsed.dropped.map((d) => `${d.key}: ${d.reason}`),
      );
    }
    if (parsed.present) this.#options.open(parsed.state, parsed.run);
  }

  hostUpdated(): void {
    if (!this.#host.urlState || this.#timer !== undefined) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      const query = this.query();
      // The defaults on a bare URL stay a bare URL.
      if (query !== this.#written && query !== location.search && !(query === '?v=1' && location.search === '')) history.replaceState(history.state, '', `${location.pathname}${query}${location.hash}`);
      this.#written = query;
    }, URL_WRITE_INTERVAL_MS);
  }

  hostDisconnected(): void {
    window.removeEventListener('popstate', this.#onPopState);
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
