// Whether an element of the host's shadow root is on (or near) the screen, so that views below
// the fold compute nothing until someone scrolls to them.

import type { ReactiveController, ReactiveElement } from 'lit';

export class VisibilityController implements ReactiveController {
  /** True once the element has come within `margin` of the viewport (and while it stays there). */
  visible = false;

  readonly #host: ReactiveElement;
  readonly #selector: string;
  readonly #margin: string;
  #observer: IntersectionObserver | null = null;
  #target: Element | null = null;

  /** Watches the first element matching `selector` in the host's render root. */
  constructor(host: ReactiveElement, selector: string, margin = '300px') {
    this.#host = host;
    this.#selector = selector;
    this.#margin = margin;
    host.addController(this);
  }

  hostConnected(): void {
    this.#observer = new IntersectionObserver(
      (entries) => {
        const visible = entries.at(-1)?.isIntersecting ?? false;
        if (visible === this.visible) return;
        this.visible = visible;
        this.#host.requestUpdate();
      },
      { rootMargin: this.#margin },
    );
    this.#target = null;
  }

  hostUpdated(): void {
    const target = this.#host.renderRoot.querySelector(this.#selector);
    if (target === this.#target || !this.#observer) return;
    if (this.#target) this.#observer.unobserve(this.#target);
    this.#target = target;
    if (target) this.#observer.observe(target);
  }

  hostDisconnected(): void {
    this.#observer?.disconnect();
    this.#observer = null;
    this.#target = null;
  }
}
