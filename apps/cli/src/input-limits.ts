// The largest inputs the CLI reads whole, and a reader that enforces them before it holds more
// than the limit: a regular file's size is checked first (fstat), anything else (a pipe, a device
// such as /dev/zero, which has no size) is read in blocks with a byte counter that stops one byte
// past the limit. Result files are not read whole: `merge` streams them line by line, with a
// limit per line (MAX_LINE_BYTES).

import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { UsageError } from './errors.js';

const MiB = 1024 * 1024;

/** A CSV dataset (`--data FILE.csv`, or a spec's dataset path): 16 MiB, about 500,000 five-feature points. */
export const MAX_CSV_BYTES = 16 * MiB;
/** A spec file (`--spec`), which may inline its data points: 16 MiB. */
export const MAX_SPEC_BYTES = 16 * MiB;
/** One line of a result file read by `merge` (a header line or one run's record): 64 MiB. */
export const MAX_LINE_BYTES = 64 * MiB;

/** "16 MiB" */
export function formatBytes(bytes: number): string {
  return bytes % MiB === 0 ? `${bytes / MiB} MiB` : `${bytes} bytes`;
}

/**
 * Reads a file as UTF-8, refusing (UsageError, exit 2) one larger than `maxBytes` before reading
 * it whole. Messages start with `what` (e.g. '--data'), name the file as `shown` (as the user gave
 * it) and the limit by `limitName`: `--data: /dev/zero is larger than the CSV data limit of 16 MiB
 * (read up to the limit and stopped)`.
 */
export function readTextLimited(path: string, shown: string, maxBytes: number, what: string, limitName: string): string {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw new UsageError(`${what}: cannot read ${shown}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const tooLarge = (detail: string) => new UsageError(`${what}: ${shown} is larger than the ${limitName} limit of ${formatBytes(maxBytes)} (${detail})`);
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw new UsageError(`${what}: cannot read ${shown}: EISDIR`);
    if (stat.isFile() && stat.size > maxBytes) throw tooLarge(`${stat.size} bytes`);
    const blocks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const block = Buffer.allocUnsafe(Math.min(1 << 20, maxBytes + 1 - total));
      let read: number;
      try {
        read = readSync(fd, block, 0, block.length, null);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EAGAIN') continue; // a non-blocking pipe with nothing yet
        throw new UsageError(`${what}: cannot read ${shown}: ${code ?? (error as Error).message}`);
      }
      if (read === 0) break;
      blocks.push(block.subarray(0, read));
      total += read;
      if (total > maxBytes) throw tooLarge('read up to the limit and stopped');
    }
    return Buffer.concat(blocks, total).toString('utf8');
  } finally {
    closeSync(fd);
  }
}
