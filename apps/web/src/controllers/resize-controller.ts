// Watches the size of an element in the host's shadow root (canvases and charts draw at their
// pixel size) and asks the host to update when it changes, at most once per animation frame.

import type { ReactiveElement } from 'lit';
import { SelectorObserverController } from './selector-observer-controller.js';

export class ResizeController extends SelectorObserverController {
  /** The watched element's content box in CSS pixels (0 × 0 until it is laid out). */
  width = 0;
  height = 0;

  /** Watches the first element in the host's render root matching `selector`, once rendered. */
  constructor(host: ReactiveElement, selector: string) {
    super(host, selector);
    host.addController(this);
  }

  protected createObserver(): ResizeObserver {
    return new ResizeObserver((entries) => {
      const box = entries.at(-1)?.contentRect;
      if (!box) return;
      const width = Math.round(box.width);
      const height = Math.round(box.height);
      if (width === this.width && height === this.height) return;
      this.width = width;
      this.height = height;
      this.host.requestUpdate();
    });
  }
}
