// The shared lifecycle of controllers that watch one element of the host's shadow root with a
// ResizeObserver or an IntersectionObserver: a new observer while connected, the target looked up
// again after every render (it may appear or be replaced by any render), everything dropped on
// disconnect.

import type { ReactiveController, ReactiveElement } from 'lit';

/** What this needs of ResizeObserver and IntersectionObserver. */
export interface ElementObserver {
  observe(target: Element): void;
  unobserve(target: Element): void;
  disconnect(): void;
}

export abstract class SelectorObserverController implements ReactiveController {
  protected readonly host: ReactiveElement;
  readonly #selector: string;
  #observer: ElementObserver | null = null;
  #target: Element | null = null;

  /**
   * Watches the first element in the host's render root matching `selector`, once rendered.
   * Subclasses call `host.addController(this)` at the end of their constructor (so that their own
   * fields are set before `hostConnected` can run).
   */
  constructor(host: ReactiveElement, selector: string) {
    this.host = host;
    this.#selector = selector;
  }

  /** A new observer, made on every connect. */
  protected abstract createObserver(): ElementObserver;

  hostConnected(): void {
    this.#observer = this.createObserver();
    this.#target = null;
  }

  hostUpdated(): void {
    const target = this.host.renderRoot.querySelector(this.#selector);
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
