// Watches the size of an element in the host's shadow root (canvases and charts draw at their
// pixel size) and asks the host to update when it changes, at most once per animation frame.

import type { ReactiveController, ReactiveElement } from 'lit';

export class ResizeController implements ReactiveController {
  /** The watched element's content box in CSS pixels (0 × 0 until it is laid out). */
  width = 0;
  height = 0;

  readonly #host: ReactiveElement;
  readonly #selector: string;
  #observer: ResizeObserver | null = null;
  #target: Element | null = null;

  /** Watches the first element in the host's render root matching `selector`, once rendered. */
  constructor(host: ReactiveElement, selector: string) {
    this.#host = host;
    this.#selector = selector;
    host.addController(this);
  }

  hostConnected(): void {
    this.#observer = new ResizeObserver((entries) => {
      const box = entries.at(-1)?.contentRect;
      if (!box) return;
      const width = Math.round(box.width);
      const height = Math.round(box.height);
      if (width === this.width && height === this.height) return;
      this.width = width;
      this.height = height;
      this.#host.requestUpdate();
    });
    this.#target = null;
  }

  hostUpdated(): void {
    // The target may appear (or be replaced) by any render.
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
