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

/** `--debug` anywhere before `--`: errors show their stack trace. */
const DEBUG_FLAG = '--debug';

/** The command line without `--debug`, and whether it was there. */
export function takeDebugFlag(argv: readonly string[]): { argv: string[]; debug: boolean } {
  const end = argv.indexOf('--');
  const flags = end < 0 ? argv : argv.slice(0, end);
  if (!flags.includes(DEBUG_FLAG)) return { argv: [...argv], debug: false };
  return { argv: [...flags.filter((a) => a !== DEBUG_FLAG), ...(end < 0 ? [] : argv.slice(end))], debug: true };
}

/**
 * One line on stderr for an error, and its exit code. Only `--debug` shows a stack: an error the
 * CLI did not foresee (a bug, or an engine limit such as a string too long) is still one line,
 * `losslab: RangeError: …`, with exit 1.
 */
function report(error: unknown, debug: boolean): number {
  const e = error as NodeJS.ErrnoException;
  if (e?.code === 'EPIPE') return EXIT_OK; // the reader went away (e.g. `| head`): stop quietly
  if (debug && e instanceof Error && e.stack) process.stderr.write(`losslab: ${e.stack}\n`);
  else if (error instanceof UsageError) process.stderr.write(`losslab: ${oneLine(error.message)}\n`);
  else {
    const text = e instanceof Error ? `${e.name}: ${e.message}` : String(error);
    process.stderr.write(`losslab: ${oneLine(text)} (losslab --debug … shows where)\n`);
  }
  return error instanceof UsageError ? error.exitCode : EXIT_FAILED;
}

/** A message as one line: line breaks become "; ", and a huge message is cut. */
function oneLine(message: string): string {
  const line = message.replace(/\s*(\r?\n)+\s*/g, '; ');
  return line.length > 2000 ? `${line.slice(0, 2000)}…` : line;
}

const { argv, debug } = takeDebugFlag(process.argv.slice(2));
// Errors thrown outside the command's promise (a stream's callback, an event listener) end the
// process the same way: one line and exit 1, not Node's trace.
process.on('uncaughtException', (error) => {
  process.exitCode = report(error, debug);
  process.exit();
});
main(argv).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.exitCode = report(error, debug);
  },
);
