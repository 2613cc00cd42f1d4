// Owns one uPlot chart in a host's shadow root: (re)creates it when its options change, feeds it
// data, resizes it with its container and destroys it when the host disconnects. uPlot redraws at
// most once per frame by itself; this controller never animates.
//
// uPlot itself (about a fifth of the app's script) is loaded on the first chart's build, not with the
// page: every chart is already built in an idle task after its data arrives, so the first screen's
// text and controls no longer wait for the chart library (the initial-JavaScript budget in
// test/bundle).

import type { ReactiveController, ReactiveElement } from 'lit';
import type uPlot from 'uplot';
import { whenIdle, type IdleHandle } from './idle.js';
import { ResizeController } from './resize-controller.js';

/** uPlot's constructor, once loaded: one import shared by every chart. */
let uplotModule: Promise<typeof uPlot> | null = null;
const loadUplot = () => (uplotModule ??= import('uplot').then((module) => module.default));

export class UplotController implements ReactiveController {
  /** The chart, once created. */
  chart: uPlot | null = null;

  readonly #host: ReactiveElement;
  readonly #selector: string;
  readonly #size: ResizeController;
  #options: Omit<uPlot.Options, 'width' | 'height'> | null = null;
  #data: uPlot.AlignedData | null = null;
  #stale = false;
  #height: number;
  #pending: IdleHandle | null = null;

  /** Draws into the first element matching `selector` in the host's render root, `height` CSS pixels tall. */
  constructor(host: ReactiveElement, selector: string, height: number) {
    this.#host = host;
    this.#selector = selector;
    this.#height = height;
    this.#size = new ResizeController(host, selector);
    host.addController(this);
  }

  /** Sets the chart's options and data; the chart is rebuilt after the host's next update. */
  set(options: Omit<uPlot.Options, 'width' | 'height'>, data: uPlot.AlignedData, height = this.#height): void {
    this.#options = options;
    this.#data = data;
    this.#height = height;
    this.#stale = true;
  }

  /** Removes the chart (e.g. no runs selected). */
  clear(): void {
    this.#options = null;
    this.#data = null;
    this.#stale = true;
  }

  hostUpdated(): void {
    const container = this.#host.renderRoot.querySelector<HTMLElement>(this.#selector);
    const width = this.#size.width;
    if (!container || width < 50) return;
    if (this.#stale || (this.chart && this.chart.root.parentElement !== container)) {
      // Built when the main thread is idle, in a task of its own: a page that rebuilds several
      // charts at once (a new selection) never blocks for all of them together, nor delays a
      // sweep's first results.
      this.#pending?.cancel();
      let cancelled = false;
      const idle = whenIdle(() => {
        // Rebuilt only if no later update has replaced this pending build while uPlot loaded.
        void loadUplot().then((Uplot) => {
          if (cancelled) return;
          this.#pending = null;
          this.#build(Uplot);
        });
      });
      this.#pending = {
        cancel: () => {
          cancelled = true;
          idle.cancel();
        },
      };
    } else if (this.chart && (this.chart.width !== width || this.chart.height !== this.#height)) {
      this.chart.setSize({ width, height: this.#height });
    }
  }

  hostDisconnected(): void {
    this.#pending?.cancel();
    this.#pending = null;
    this.chart?.destroy();
    this.chart = null;
    this.#stale = this.#options !== null;
  }

  #build(Uplot: typeof uPlot): void {
    const container = this.#host.renderRoot.querySelector<HTMLElement>(this.#selector);
    const width = this.#size.width;
    if (!container || width < 50 || !this.#host.isConnected) return;
    this.#stale = false;
    this.chart?.destroy();
    this.chart = null;
    if (this.#options && this.#data) this.chart = new Uplot({ ...this.#options, width, height: this.#height }, this.#data, container);
  }
}
