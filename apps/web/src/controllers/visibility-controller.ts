// Whether an element of the host's shadow root is on (or near) the screen, so that views below
// the fold compute nothing until someone scrolls to them.

import type { ReactiveElement } from 'lit';
import { SelectorObserverController } from './selector-observer-controller.js';

export class VisibilityController extends SelectorObserverController {
  /** True once the element has come within `margin` of the viewport (and while it stays there). */
  visible = false;

  readonly #margin: string;

  /** Watches the first element matching `selector` in the host's render root. */
  constructor(host: ReactiveElement, selector: string, margin = '300px') {
    super(host, selector);
    this.#margin = margin;
    host.addController(this);
  }

  protected createObserver(): IntersectionObserver {
    return new IntersectionObserver(
      (entries) => {
        const visible = entries.at(-1)?.isIntersecting ?? false;
        if (visible === this.visible) return;
        this.visible = visible;
        this.host.requestUpdate();
      },
      { rootMargin: this.#margin },
    );
  }
}
