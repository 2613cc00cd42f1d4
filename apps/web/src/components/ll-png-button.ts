// The PNG button of a section: draws the section's panels (the children of its `.pair`, with their
// canvases and SVGs) into one PNG and downloads it as losslab-<view>.png. The drawing and download
// code loads on first use. A failure is reported up as a notice (ll-notify).

import { LitElement, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { describeError } from '../lib/describe-error.js';
import { notify } from './events.js';
import { sharedStyles } from './shared-styles.js';

@customElement('ll-png-button')
export class LlPngButton extends LitElement {
  static override styles = [sharedStyles];

  /** The section's id, in the button's data-view and the file's name (e.g. "heatmaps"). */
  @property() view = '';

  override render() {
    return html`<button type="button" class="png" data-view=${this.view} aria-label="Save this view as PNG" @click=${this._onClick}>PNG</button>`;
  }

  private async _onClick(): Promise<void> {
    try {
      const { panelsPng } = await import('../lib/png.js');
      const { download } = await import('../lib/export.js');
      const root = this.getRootNode() as ShadowRoot | Document;
      const blob = await panelsPng([...root.querySelectorAll('.pair > *')]);
      download(blob, `losslab-${this.view}.png`);
    } catch (error) {
      notify(this, 'error', describeError(error, 'PNG export failed'));
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'll-png-button': LlPngButton;
  }
}
