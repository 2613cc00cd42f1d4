// One of the app's constant formulas (lib/formulas.ts), typeset by KaTeX as MathML (Chromium draws
// MathML natively: no KaTeX CSS or fonts to load, no inline styles for the CSP to refuse). KaTeX is
// loaded on demand, once for every formula; until then the plain-text form shows.

import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { FORMULAS, type FormulaName } from '../lib/formulas.js';

type Katex = typeof import('katex');

let katexModule: Promise<Katex> | null = null;
let katex: Katex | null = null;
const rendered = new Map<FormulaName, string>();

/** KaTeX's MathML for a constant formula of lib/formulas.ts (cached). */
function typeset(name: FormulaName): string | null {
  const formula = FORMULAS[name];
  if (!katex || !formula) return null;
  let markup = rendered.get(name);
  if (markup === undefined) {
    markup = katex.renderToString(formula.tex, { output: 'mathml', displayMode: false, throwOnError: false, trust: false, strict: 'ignore' });
    rendered.set(name, markup);
  }
  return markup;
}

@customElement('ll-formula')
export class LlFormula extends LitElement {
  static override styles = css`
    /* A fixed height, the same before and after KaTeX has loaded: typesetting never moves the
       views below (nor what a pointer is about to click). */
    :host {
      display: flex;
      align-items: center;
      height: 3.2em;
      margin: 0.2rem 0 0.4rem;
      overflow-x: auto;
      overflow-y: hidden;
      font-size: 1rem;
    }
    /* Focusable while it scrolls sideways (phone widths), so the keyboard can scroll it too. */
    :host(:focus-visible) {
      outline: 2px solid var(--ll-accent);
      outline-offset: 2px;
    }
    /* Fractions at full size, as in a displayed equation, while the formula stays inline. */
    math {
      math-style: normal;
      font-size: 1.1em;
    }
  `;

  /** Which formula: a key of FORMULAS, never user text. */
  @property() name: FormulaName = 'model';

  /** A formula wider than its box scrolls; it is then a tab stop, named, so arrow keys can scroll it. */
  readonly #overflow = new ResizeObserver(() => this.#syncScrollable());

  #syncScrollable(): void {
    const scrolls = this.scrollWidth > this.clientWidth + 1;
    if (scrolls === this.hasAttribute('tabindex')) return;
    if (scrolls) {
      this.setAttribute('tabindex', '0');
      this.setAttribute('role', 'group');
      this.setAttribute('aria-label', 'Formula (scrolls sideways)');
    } else {
      this.removeAttribute('tabindex');
      this.removeAttribute('role');
      this.removeAttribute('aria-label');
    }
  }

  protected override updated(): void {
    this.#syncScrollable();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#overflow.disconnect();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#overflow.observe(this);
    if (katex) return;
    katexModule ??= import('katex').then((module) => (katex = (module as unknown as { default?: Katex }).default ?? module));
    // Offline before KaTeX's chunk was cached: the text form stays.
    void katexModule.then(() => this.requestUpdate(), () => undefined);
  }

  override render() {
    const formula = FORMULAS[this.name];
    if (!formula) return html``;
    const markup = typeset(this.name);
    // unsafeHTML only ever receives KaTeX's output for the constant TeX in lib/formulas.ts (chosen
    // by \`name\`, a key of that table), never text from a user, a link or a file.
    return markup === null ? html`<span class="text">${formula.text}</span>` : html`<span class="tex" role="math" aria-label=${formula.text}>${unsafeHTML(markup)}</span>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'll-formula': LlFormula;
  }
}
