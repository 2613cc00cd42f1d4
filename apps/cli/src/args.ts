// A small command-line parser. node:util's parseArgs refuses `--w0 -2` (a value that starts with
// a dash is "ambiguous" in strict mode), and negative numbers are everyday values here.
//
// Rules: `--name value` and `--name=value`; a separate value is taken as is, even when it starts
// with a single dash (`--w0 -6:6:32`), but not when it starts with `--` (then the value is
// missing: write `--out=--odd-name`). Boolean flags take no value. `--` ends the flags. A flag
// given twice, an unknown flag and (unless allowed) a positional argument are errors.

import { quote, UsageError } from './errors.js';

/** One flag a command accepts. */
export interface FlagDefinition {
  /** 'string' takes a value, 'boolean' does not. */
  type: 'string' | 'boolean';
  /** A one-letter alias, e.g. 'h' for -h. */
  short?: string;
}

export type FlagTable = Readonly<Record<string, FlagDefinition>>;

/** Parsed flags: strings for value flags, true for boolean flags; absent when not given. */
export interface ParsedArgs {
  flags: Map<string, string | true>;
  positionals: string[];
}

/**
 * Parses `argv` against `table`. `command` names the command in messages; `positionals` says
 * whether arguments that are not flags are allowed (e.g. merge's files).
 */
export function parseArgs(argv: readonly string[], table: FlagTable, command: string, positionals = false): ParsedArgs {
  const flags = new Map<string, string | true>();
  const rest: string[] = [];
  const shorts = new Map<string, string>();
  for (const [name, def] of Object.entries(table)) if (def.short) shorts.set(def.short, name);
  const known = () => Object.keys(table).map((n) => `--${n}`).join(', ');

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      rest.push(...argv.slice(i + 1));
      break;
    }
    let name: string;
    let inline: string | undefined;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
      inline = eq < 0 ? undefined : arg.slice(eq + 1);
      // Own keys only: `in` would accept Object.prototype's names (--constructor, --toString, --__proto__).
      if (!Object.prototype.hasOwnProperty.call(table, name)) throw new UsageError(`${command}: unknown flag --${name} (known: ${known()})`);
    } else if (/^-[A-Za-z]$/.test(arg)) {
      const long = shorts.get(arg.slice(1));
      if (long === undefined) throw new UsageError(`${command}: unknown flag ${arg} (known: ${known()})`);
      name = long;
    } else {
      if (!positionals) throw new UsageError(`${command}: unexpected argument ${quote(arg)} (flags start with --; see losslab ${command} --help)`);
      rest.push(arg);
      continue;
    }
    const def = table[name]!;
    if (flags.has(name)) throw new UsageError(`${command}: --${name} is given more than once`);
    if (def.type === 'boolean') {
      if (inline !== undefined) throw new UsageError(`${command}: --${name} takes no value, got --${name}=${inline}`);
      flags.set(name, true);
      continue;
    }
    if (inline === undefined) {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) throw new UsageError(`${command}: --${name} needs a value`);
      inline = next;
      i++;
    }
    flags.set(name, inline);
  }
  return { flags, positionals: rest };
}

/** The string value of a value flag, or undefined when absent. */
export function stringFlag(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags.get(name);
  return typeof v === 'string' ? v : undefined;
}

/** True if a boolean flag was given. */
export function booleanFlag(args: ParsedArgs, name: string): boolean {
  return args.flags.get(name) === true;
}
