// The errors the CLI reports. Each carries its exit code, so the entry point maps errors to exit
// codes in one place.

/** Exit codes (see the README's table). */
export const EXIT_OK = 0;
/** The work ran but something failed: failed runs, a bench exactness mismatch, an I/O error. */
export const EXIT_FAILED = 1;
/** Bad command line or bad input file: nothing was run or written. */
export const EXIT_USAGE = 2;
/** Interrupted by Ctrl-C (128 + SIGINT). */
export const EXIT_INTERRUPTED = 130;

/**
 * A bad command line or input file: unknown flag or command, a value that does not parse, a CSV or
 * spec file with an error. The message names the flag (or file and line) and the value.
 */
export class UsageError extends Error {
  readonly exitCode = EXIT_USAGE;
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Formats a user-given value for a message: quoted, so empty strings and spaces show. */
export function quote(value: string): string {
  return JSON.stringify(value);
}
