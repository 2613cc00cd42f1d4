#!/usr/bin/env node
// The losslab command: `sweep`, `merge`, `status`, `bench`. Errors become one line on stderr and an exit
// code (see errors.ts): usage errors 2, failures 1, Ctrl-C 130.

import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, quote, UsageError } from './errors.js';
import { mainHelp } from './help.js';
import { VERSION } from './version.js';

type Command = (argv: readonly string[]) => Promise<number>;

// Loaded on demand, so `--version` or a usage error does not load the worker pool.
const COMMANDS: Readonly<Record<string, () => Promise<Command>>> = {
  sweep: async () => (await import('./sweep.js')).sweepCommand,
  merge: async () => (await import('./merge.js')).mergeCommand,
  status: async () => (await import('./status.js')).statusCommand,
  bench: async () => (await import('./bench.js')).benchCommand,
};

/** Runs the command line `argv` (without node and the script) and returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--help' || command === '-h' || command === 'help') {
    const topic = command === 'help' ? rest[0] : undefined;
    if (topic !== undefined && topic in COMMANDS) return (await COMMANDS[topic]!())(['--help']);
    process.stdout.write(mainHelp());
    return EXIT_OK;
  }
  if (command === '--version' || command === '-V') {
    process.stdout.write(`${VERSION}\n`);
    return EXIT_OK;
  }
  if (command === undefined) {
    process.stderr.write(mainHelp());
    return EXIT_USAGE;
  }
  const load = COMMANDS[command];
  if (!load) throw new UsageError(`unknown command ${quote(command)} (commands: ${Object.keys(COMMANDS).join(', ')}; see losslab --help)`);
  return (await load())(rest);
}

function report(error: unknown): number {
  if (error instanceof UsageError) {
    process.stderr.write(`losslab: ${error.message}\n`);
    return error.exitCode;
  }
  const e = error as NodeJS.ErrnoException;
  if (e?.code === 'EPIPE') return EXIT_OK; // the reader went away (e.g. `| head`): stop quietly
  process.stderr.write(`losslab: ${e?.stack ?? String(error)}\n`);
  return EXIT_FAILED;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.exitCode = report(error);
  },
);
