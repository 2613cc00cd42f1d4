// Ctrl-C (SIGINT) and SIGTERM abort the work through an AbortSignal, so workers stop, nothing is
// written and the command exits 130 (143 for SIGTERM). A second Ctrl-C exits at once.

import { EXIT_INTERRUPTED } from './errors.js';

/** An AbortSignal wired to SIGINT/SIGTERM while the work runs. */
export interface Interrupt {
  readonly signal: AbortSignal;
  /** The exit code for the signal received (130 or 143), or undefined if none came. */
  readonly exitCode: number | undefined;
  /** Removes the handlers. */
  dispose(): void;
}

/** Installs the handlers; `onFirst` runs when the first signal arrives (e.g. to erase a progress bar). */
export function catchInterrupts(onFirst: () => void = () => {}): Interrupt {
  const controller = new AbortController();
  let exitCode: number | undefined;
  const handle = (name: NodeJS.Signals) => {
    if (exitCode !== undefined) process.exit(exitCode);
    exitCode = name === 'SIGTERM' ? 143 : EXIT_INTERRUPTED;
    onFirst();
    controller.abort(new Error(`interrupted by ${name}`));
  };
  process.on('SIGINT', handle);
  process.on('SIGTERM', handle);
  return {
    signal: controller.signal,
    get exitCode() {
      return exitCode;
    },
    dispose() {
      process.off('SIGINT', handle);
      process.off('SIGTERM', handle);
    },
  };
}
