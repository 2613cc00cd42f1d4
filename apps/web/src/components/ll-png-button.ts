// The export buttons of a view: PNG (every view) and SVG (vector views), each with its own
// accessible name ("Save the loss curves as PNG"). A click finds the view's charts (the `.pair`
// in the section, through shadow roots), gathers what the figure says (the section's heading, the
// losses and η, the legend, the sweep's one-line summary and its share link from ll-app) and
// downloads losslab-<view>.png / .svg. The drawing and download code loads on first use. A failure
// is reported up as a notice (ll-notify).

import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { SweepPlan } from '@losslab/worker';
import type { ColorScale } from '../lib/color.js';
import { describeError } from '../lib/describe-error.js';
import type { FigureText } from '../lib/figure.js';
import { formatNumber } from '../lib/format.js';
import type { AppState } from '../lib/state.js';
import { notify } from './events.js';
import { PANELS } from './section-styles.js';
import { sharedStyles } from './shared-styles.js';

/** What the button reads from ll-app (its public API), found up through the shadow roots. */
interface AppLike extends Element {
  readonly state: AppState;
  shareUrl(): string;
}

/** The nearest ancestor across shadow roots with a local name. */
function hostNamed(from: Element, name: string): Element | null {
  let node: Element | null = from;
  while (node) {
    if (node.localName === name) return node;
    node = node.parentElement ?? ((node.getRootNode() as ShadowRoot).host || null);
  }
  return null;
}

@customElement('ll-png-button')
export class LlPngButton extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: inline-flex;
        gap: 0.3rem;
      }
    `,
  ];

  /** The section's id, in the buttons' data-view and the files' names (e.g. "heatmaps"). */
  @property() view = '';
  /** What the view shows, for the buttons' names: "Save the <what> as PNG" (e.g. "heatmaps"). */
  @property() what = '';
  /** Whether the view is vector (curves, surfaces): offers SVG too. */
  @property({ type: Boolean }) svg = false;
  /** Legend lines printed under the figure's charts. */
  @property({ attribute: false }) legend: readonly string[] = [];
  /** A colour scale to draw as the figure's legend (heatmaps), or null. */
  @property({ attribute: false }) scale: ColorScale | null = null;
  /** Whether the figure's η is the η slider's (heatmaps) rather than the selected runs'. */
  @property({ type: Boolean, attribute: 'slider-eta' }) sliderEta = false;

  override render() {
    const what = this.what || this.view;
    return html`<button type="button" class="png" data-view=${this.view} aria-label=${`Save the ${what} as PNG`} @click=${() => this._save('png')}>PNG</button>${this.svg
        ? html`<button type="button" class="svg" data-view=${this.view} aria-label=${`Save the ${what} as SVG`} @click=${() => this._save('svg')}>SVG</button>`
        : nothing}`;
  }

  /** What the figure says besides its charts (title, losses and η, legend, summary, link). */
  async figureText(): Promise<FigureText> {
    const { specSummary } = await import('../lib/spec-summary.js');
    const root = this.getRootNode() as ShadowRoot | Document;
    const section = root instanceof ShadowRoot ? (root.host as Element & { plan?: SweepPlan | null }) : null;
    const plan = section?.plan ?? null;
    const app = hostNamed(this, 'll-app') as AppLike | null;
    const title = root.querySelector('h2')?.textContent?.trim() || this.what || this.view;
    const losses = plan ? PANELS.filter((p) => plan.losses.includes(p.loss)).map((p, k, all) => `${p.title}${all.length > 1 ? (k === 0 ? ' (left)' : ' (right)') : ''}`) : [];
    let eta = '';
    if (plan) {
      const view = app?.state.view;
      const indexes = this.sliderEta || !view?.selected.length ? [view?.etaIndex ?? 0] : [...new Set(view.selected.map((c) => c.etaIndex))];
      eta = `η = ${indexes.map((i) => formatNumber(plan.eta[Math.min(i, plan.eta.length - 1)]!, 4)).join(', ')}`;
    }
    return {
      title,
      subtitle: [losses.join(' vs '), eta].filter(Boolean).join(' · ') || 'losslab',
      legend: this.legend,
      scale: this.scale,
      summary: plan ? specSummary(plan) : 'No sweep has run yet.',
      url: app?.shareUrl() ?? location.href,
    };
  }

  private async _save(format: 'png' | 'svg'): Promise<void> {
    try {
      const [{ panelRows }, { download }, text] = await Promise.all([import('../lib/figure-panels.js'), import('../lib/export.js'), this.figureText()]);
      const rows = panelRows(this.getRootNode() as ShadowRoot | Document);
      let blob: Blob;
      if (format === 'png') {
        const { figurePng } = await import('../lib/png.js');
        blob = await figurePng(rows, text);
      } else {
        const { figureSvg } = await import('../lib/svg-export.js');
        blob = new Blob([figureSvg(rows, text)], { type: 'image/svg+xml' });
      }
      download(blob, `losslab-${this.view}.${format}`);
    } catch (error) {
      notify(this, 'error', describeError(error, `${format.toUpperCase()} export failed`));
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'll-png-button': LlPngButton;
  }
}
