// The one-click sweeps: each button fills in the form and runs it.

import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { presets, type PresetId } from '../lib/presets.js';
import { narrow } from './breakpoint.js';
import { requestPreset } from './events.js';
import { sharedStyles } from './shared-styles.js';

@customElement('ll-presets')
export class LlPresets extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(11rem, 1fr));
        gap: 0.5rem;
      }
      button {
        width: 100%;
        height: 100%;
        text-align: left;
        display: grid;
        gap: 0.15rem;
        align-content: start;
        padding: 0.5rem 0.7rem;
        background: var(--ll-panel);
      }
      button[aria-current='true'] {
        border-color: var(--ll-accent);
        box-shadow: inset 0 0 0 1px var(--ll-accent);
        background: #f1f6fc;
      }
      .title {
        font-weight: 600;
      }
      /* Three lines on the card keep every preset and the first look above the fold; the whole
         text is the button's accessible description and its tooltip. */
      .description {
        font-size: 0.78rem;
        color: var(--ll-muted);
        line-height: 1.3;
        display: -webkit-box;
        -webkit-box-orient: vertical;
        -webkit-line-clamp: 3;
        line-clamp: 3;
        overflow: hidden;
      }
      @media ${narrow} {
        ul {
          grid-template-columns: repeat(2, minmax(0, 1fr));
        }
        .description {
          display: none;
        }
        button {
          padding: 0.35rem 0.55rem;
        }
      }
    `,
  ];

  /** The preset the form matches, if any (shown as current). */
  @property() current: PresetId | '' = '';

  override render() {
    return html`
      <ul aria-label="Presets: each runs at once">
        ${presets.map(
          (preset) => html`
            <li>
              <button type="button" id="preset-${preset.id}" title=${preset.description} aria-current=${preset.id === this.current ? 'true' : 'false'} aria-describedby="preset-${preset.id}-description" @click=${() => this._onChoose(preset.id)}>
                <span class="title">${preset.title}</span>
                <span class="description" id="preset-${preset.id}-description">${preset.description}</span>
              </button>
            </li>
          `,
        )}
      </ul>
    `;
  }

  private _onChoose(id: PresetId): void {
    requestPreset(this, id);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'll-presets': LlPresets;
  }
}
