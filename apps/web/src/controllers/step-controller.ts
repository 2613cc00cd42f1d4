// Step mode's clock: plays a StepSession at a speed in epochs per second, paced by
// requestAnimationFrame (the epochs due since the last frame, at most one host update per frame),
// and pauses, steps (forward and back), scrubs and resets it. Owns its frame loop: stopped when the host disconnects.

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { StepSession } from '../lib/step.js';

/** Most epochs run in one frame (a fast speed on a slow frame does not freeze the page). */
const MAX_EPOCHS_PER_FRAME = 200;

export class StepController implements ReactiveController {
  /** The session played (null: nothing to play). */
  session: StepSession | null = null;
  /** Epochs per second while playing. */
  speed = 20;
  /** Whether the clock runs. */
  playing = false;

  readonly #host: ReactiveControllerHost;
  #frame = 0;
  #last = 0;
  #owed = 0;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    if (this.playing) this.#loop();
  }

  hostDisconnected(): void {
    this.#stop();
  }

  /** Replaces the session (paused, at epoch 0). */
  load(session: StepSession | null): void {
    this.pause();
    this.session = session;
    this.#host.requestUpdate();
  }

  play(): void {
    if (!this.session || this.session.done || this.playing) return;
    this.playing = true;
    this.#owed = 0;
    this.#last = performance.now();
    this.#loop();
    this.#host.requestUpdate();
  }

  pause(): void {
    this.playing = false;
    this.#stop();
    this.#host.requestUpdate();
  }

  /** Exactly one epoch (pauses first). */
  step(): void {
    this.pause();
    this.session?.step();
    this.#host.requestUpdate();
  }

  /** Exactly one epoch back (pauses first). */
  back(): void {
    this.pause();
    this.session?.back();
    this.#host.requestUpdate();
  }

  /** To epoch k (pauses first; clamped to the run, trained forward if not yet computed). */
  seek(epoch: number): void {
    this.pause();
    this.session?.seek(epoch);
    this.#host.requestUpdate();
  }

  reset(): void {
    this.pause();
    this.session?.reset();
    this.#host.requestUpdate();
  }

  setSpeed(epochsPerSecond: number): void {
    if (!(epochsPerSecond > 0)) throw new RangeError(`speed must be > 0 epochs per second, got ${epochsPerSecond}`);
    this.speed = epochsPerSecond;
    this.#host.requestUpdate();
  }

  #stop(): void {
    if (this.#frame) cancelAnimationFrame(this.#frame);
    this.#frame = 0;
  }

  #loop(): void {
    this.#stop();
    this.#frame = requestAnimationFrame((now) => {
      this.#frame = 0;
      const session = this.session;
      if (!this.playing || !session) return;
      this.#owed += ((now - this.#last) / 1000) * this.speed;
      this.#last = now;
      const due = Math.min(MAX_EPOCHS_PER_FRAME, Math.floor(this.#owed));
      this.#owed -= due;
      if (this.#owed > MAX_EPOCHS_PER_FRAME) this.#owed = 0;
      for (let k = 0; k < due; k++) if (!session.step()) break;
      if (session.done) this.playing = false;
      if (due > 0 || !this.playing) this.#host.requestUpdate();
      if (this.playing) this.#loop();
    });
  }
}
