// Ctrl-C (SIGINT), SIGTERM and SIGHUP (the terminal closed, the ssh session dropped) abort the
// work through an AbortSignal, so workers stop, nothing is written (a temporary --out file is
// removed) and the command exits 128 + the signal: 130, 143, 129. A second signal exits at once
// (output.ts still removes its temporary files at exit).

import { EXIT_INTERRUPTED } from './errors.js';

/** The signals caught, with their exit codes (128 + the signal number). */
const SIGNALS: ReadonlyArray<readonly [NodeJS.Signals, number]> = [
  ['SIGINT', EXIT_INTERRUPTED],
  ['SIGTERM', 143],
  ['SIGHUP', 129],
];

/** An AbortSignal wired to SIGINT/SIGTERM/SIGHUP while the work runs. */
export interface Interrupt {
  readonly signal: AbortSignal;
  /** The exit code for the signal received (130, 143 or 129), or undefined if none came. */
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
    exitCode = SIGNALS.find(([signal]) => signal === name)?.[1] ?? EXIT_INTERRUPTED;
    onFirst();
    controller.abort(new Error(`interrupted by ${name}`));
  };
  for (const [signal] of SIGNALS) process.on(signal, handle);
  return {
    signal: controller.signal,
    get exitCode() {
      return exitCode;
    },
    dispose() {
      for (const [signal] of SIGNALS) process.off(signal, handle);
    },
  };
}
