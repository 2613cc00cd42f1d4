// Where results go: stdout, or a file written atomically (a temporary file beside it, renamed
// over it on success), so a failed or interrupted command never leaves half a file and never
// truncates an existing one.

import { createWriteStream, statSync, accessSync, constants as fs, type WriteStream } from 'node:fs';
import { rename, unlink } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
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
}

const FLUSH_AT = 1 << 20;

/** '-' or no --out means stdout. */
export function isStdout(path: string | undefined): boolean {
  return path === undefined || path === '-';
}

/**
 * Checks before any work that `path` can be written: its directory exists and is writable and the
 * path is not a directory. Throws a UsageError naming --out.
 */
export function checkOutputPath(path: string | undefined): void {
  if (isStdout(path)) return;
  const file = resolve(path!);
  const dir = dirname(file);
  let isDirectory: boolean;
  try {
    isDirectory = statSync(dir).isDirectory();
  } catch {
    isDirectory = false;
  }
  if (!isDirectory) throw new UsageError(`--out ${path}: the directory ${dirname(path!)} does not exist`);
  try {
    accessSync(dir, fs.W_OK);
  } catch {
    throw new UsageError(`--out ${path}: the directory ${dirname(path!)} is not writable`);
  }
  try {
    if (statSync(file).isDirectory()) throw new UsageError(`--out ${path}: is a directory`);
  } catch (error) {
    if (error instanceof UsageError) throw error;
  }
}

/** Opens stdout (for '-' or undefined) or an atomic file. */
export function openOutput(path: string | undefined): Output {
  if (isStdout(path)) return streamOutput(process.stdout, async () => {}, async () => {});
  const target = resolve(path!);
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const stream: WriteStream = createWriteStream(temp, { flags: 'wx' });
  const closed = new Promise<void>((done) => stream.once('close', done));
  return streamOutput(
    stream,
    async () => {
      stream.end();
      await closed;
      await rename(temp, target);
    },
    async () => {
      stream.destroy();
      await closed;
      await unlink(temp).catch(() => {});
    },
  );
}

function streamOutput(stream: Writable, finish: () => Promise<void>, drop: () => Promise<void>): Output {
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
