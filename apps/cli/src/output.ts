// Where results go: stdout, or a file written atomically (a temporary file beside it, renamed
// over it on success), so a failed or interrupted command never leaves half a file and never
// truncates an existing one. A path that is not a regular file (/dev/null, /dev/stdout, a FIFO, a
// socket) is written through as it is: renaming a file over it would replace the device node. A
// symlink is followed to its final target, which is replaced atomically (the link stays a link).
// Temporary files are removed when the process exits by any path JavaScript still runs on
// (discard, a second Ctrl-C's process.exit, an uncaught error); one left by a process that died
// without running JavaScript (a V8 out-of-memory abort, SIGKILL) is removed by the next write to
// the same path on the same host.

import { accessSync, constants as fs, createWriteStream, lstatSync, readdirSync, readlinkSync, statSync, unlinkSync, type WriteStream } from 'node:fs';
import { rename, unlink } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { UsageError } from './errors.js';

/** A destination for text or bytes. */
export interface Output {
  /** Queues text or bytes; resolves when it may be called again (buffers are flushed with backpressure). */
  write(chunk: string | Uint8Array): Promise<void>;
  /** Flushes and, for a file, moves it into place. */
  commit(): Promise<void>;
  /** Drops everything written (removes the temporary file); nothing appears at the path. */
  discard(): Promise<void>;
  /**
   * True for a temporary file renamed into place by commit: nothing written shows before then, so
   * it may be written while the sweep still computes. False for stdout, devices and FIFOs, whose
   * reader sees every byte at once.
   */
  readonly atomic: boolean;
}

const FLUSH_AT = 1 << 20;

/** '-' or no --out means stdout. */
export function isStdout(path: string | undefined): boolean {
  return path === undefined || path === '-';
}

/** How an --out path is written: through it as it is, or atomically onto its final target. */
export type OutputTarget = { kind: 'through'; path: string } | { kind: 'atomic'; target: string };

/**
 * How `path` is written: `through` when it exists and is not a regular file (a character or block
 * device, a FIFO, a socket: /dev/null, /dev/stdout), else `atomic` onto the end of its chain of
 * symlinks (the path itself when it is not a link; a dangling link's target is created).
 */
export function outputTarget(path: string): OutputTarget {
  const file = resolve(path);
  let info;
  try {
    info = statSync(file); // follows links: /dev/stdout → a pipe or a terminal
  } catch {
    info = undefined;
  }
  if (info && !info.isFile() && !info.isDirectory()) return { kind: 'through', path: file };
  let current = file;
  for (let hops = 0; hops < 40; hops++) {
    let link;
    try {
      link = lstatSync(current);
    } catch {
      return { kind: 'atomic', target: current };
    }
    if (!link.isSymbolicLink()) return { kind: 'atomic', target: current };
    current = resolve(dirname(current), readlinkSync(current));
  }
  throw new UsageError(`--out ${path}: too many levels of symbolic links`);
}

/**
 * Checks before any work that `path` can be written: a device or FIFO is writable; otherwise the
 * directory of its final target exists and is writable and the target is not a directory. Throws a
 * UsageError naming --out.
 */
export function checkOutputPath(path: string | undefined): void {
  if (isStdout(path)) return;
  const target = outputTarget(path!);
  if (target.kind === 'through') {
    try {
      accessSync(target.path, fs.W_OK);
    } catch {
      throw new UsageError(`--out ${path}: is not writable`);
    }
    return;
  }
  const file = target.target;
  const dir = dirname(file);
  const shown = file === resolve(path!) ? dirname(path!) : dir;
  let isDirectory: boolean;
  try {
    isDirectory = statSync(dir).isDirectory();
  } catch {
    isDirectory = false;
  }
  if (!isDirectory) throw new UsageError(`--out ${path}: the directory ${shown} does not exist`);
  try {
    accessSync(dir, fs.W_OK);
  } catch {
    throw new UsageError(`--out ${path}: the directory ${shown} is not writable`);
  }
  try {
    if (statSync(file).isDirectory()) throw new UsageError(`--out ${path}: is a directory`);
  } catch (error) {
    if (error instanceof UsageError) throw error;
  }
}

// Temporary files not yet renamed or removed, unlinked synchronously at exit.
const liveTemps = new Set<string>();
let exitHookInstalled = false;

function trackTemp(temp: string): void {
  liveTemps.add(temp);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const file of liveTemps) {
      try {
        unlinkSync(file);
      } catch {
        // already gone
      }
    }
  });
}

/** The temporary file name of `target` for this process: `.NAME.HOST.PID.RANDOM.tmp`, beside it. */
function tempName(target: string): string {
  return join(dirname(target), `.${basename(target)}.${safeHost()}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

function safeHost(): string {
  return hostname().replace(/[^A-Za-z0-9-]/g, '_');
}

/**
 * Removes temporary files of `target` left by processes of this host that no longer run (a V8
 * out-of-memory abort or SIGKILL runs no cleanup). Files of other hosts (a shared file system)
 * and of live processes are left alone.
 */
export function removeStaleTemps(target: string): void {
  const base = basename(target).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const host = safeHost().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`^\\.${base}\\.${host}\\.(\\d+)\\.[0-9a-f]{8}\\.tmp$`);
  let names: string[];
  try {
    names = readdirSync(dirname(target));
  } catch {
    return;
  }
  for (const name of names) {
    const pid = Number(pattern.exec(name)?.[1]);
    if (!Number.isSafeInteger(pid) || pid === process.pid || isAlive(pid)) continue;
    try {
      unlinkSync(join(dirname(target), name));
    } catch {
      // removed by someone else meanwhile
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Opens stdout (for '-' or undefined), a device or FIFO written through, or an atomic file. */
export function openOutput(path: string | undefined): Output {
  if (isStdout(path)) return streamOutput(process.stdout, async () => {}, async () => {});
  const target = outputTarget(path!);
  // /dev/stdout and friends name this process's own descriptors, which may be sockets that cannot
  // be opened by path (ENXIO): write to the stream that already holds them.
  const own = /^\/(?:dev|proc\/self)\/(?:fd\/)?(stdout|stderr|1|2)$/.exec(resolve(path!))?.[1];
  if (own !== undefined) return streamOutput(own === 'stdout' || own === '1' ? process.stdout : process.stderr, async () => {}, async () => {});
  if (target.kind === 'through') {
    // Opened without O_TRUNC or O_CREAT's effects mattering: a device or FIFO has no contents to replace.
    const stream: WriteStream = createWriteStream(target.path, { flags: 'w' });
    const closed = new Promise<void>((done) => stream.once('close', done));
    return streamOutput(
      stream,
      async () => {
        stream.end();
        await closed;
      },
      async () => {
        stream.destroy();
        await closed;
      },
    );
  }
  removeStaleTemps(target.target);
  const temp = tempName(target.target);
  trackTemp(temp);
  const stream: WriteStream = createWriteStream(temp, { flags: 'wx' });
  const closed = new Promise<void>((done) => stream.once('close', done));
  return streamOutput(
    stream,
    async () => {
      stream.end();
      await closed;
      await rename(temp, target.target);
      liveTemps.delete(temp);
    },
    async () => {
      stream.destroy();
      await closed;
      await unlink(temp).catch(() => {});
      liveTemps.delete(temp);
    },
    true,
  );
}

function streamOutput(stream: Writable, finish: () => Promise<void>, drop: () => Promise<void>, atomic = false): Output {
  let pending: (string | Uint8Array)[] = [];
  let size = 0;
  let failure: Error | undefined;
  stream.on('error', (error) => {
    failure ??= error;
  });
  const flush = async () => {
    if (failure) throw failure;
    if (size === 0) return;
    // Text is joined into one string; bytes (Parquet) are written as they come, already large.
    const data = pending.every((p) => typeof p === 'string') ? pending.join('') : Buffer.concat(pending.map((p) => (typeof p === 'string' ? Buffer.from(p) : p)));
    pending = [];
    size = 0;
    if (!stream.write(data)) {
      await new Promise<void>((done, fail) => {
        const onDrain = () => {
          stream.off('error', onError);
          done();
        };
        const onError = (error: Error) => {
          stream.off('drain', onDrain);
          fail(error);
        };
        stream.once('drain', onDrain);
        stream.once('error', onError);
      });
    }
    if (failure) throw failure;
  };
  return {
    atomic,
    async write(chunk) {
      pending.push(chunk);
      size += chunk.length;
      if (size >= FLUSH_AT) await flush();
    },
    async commit() {
      await flush();
      await finish();
      if (failure) throw failure;
    },
    async discard() {
      pending = [];
      size = 0;
      await drop();
    },
  };
}
