// `losslab merge` for Parquet shards: the files are opened for random access (the footer is at the
// end), every shard is checked in full before anything is written (so stdout gets the whole merged
// file or nothing), then the merged file is written a row group at a time.

import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { checkParquetShards, mergedParquetChunks, ParquetFormatError, planParquetMerge, type ParquetSource } from '@losslab/worker';
import { EXIT_OK, UsageError } from './errors.js';
import type { Interrupt } from './interrupt.js';
import { openOutput } from './output.js';

/** True if the file starts with Parquet's magic bytes "PAR1". */
export function isParquetFile(path: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const head = Buffer.alloc(4);
    return readSync(fd, head, 0, 4, 0) === 4 && head.toString('latin1') === 'PAR1';
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Opens a file for random access; the caller closes it. */
function openSource(path: string): ParquetSource & { close(): void } {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw new UsageError(`merge: cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const stat = fstatSync(fd);
  if (!stat.isFile()) {
    closeSync(fd);
    throw new UsageError(`merge: ${path}: not a regular file; Parquet shards are read from their end, so they must be files`);
  }
  return {
    name: path,
    size: stat.size,
    readAt(offset, length) {
      const buffer = Buffer.alloc(length);
      let done = 0;
      while (done < length) {
        const n = readSync(fd, buffer, done, length - done, offset + done);
        if (n === 0) break;
        done += n;
      }
      return new Uint8Array(buffer.buffer, buffer.byteOffset, done);
    },
    close: () => closeSync(fd),
  };
}

/** Merges Parquet shard files into `outPath` (stdout when undefined or '-'); returns the exit code. */
export async function mergeParquet(files: readonly string[], outPath: string | undefined, interrupt: Interrupt): Promise<number> {
  const sources = files.map(openSource);
  try {
    let merge;
    try {
      merge = planParquetMerge(sources);
      checkParquetShards(merge);
    } catch (error) {
      if (error instanceof ParquetFormatError) throw new UsageError(`merge: ${error.message}`);
      throw error;
    }
    const output = openOutput(outPath);
    try {
      for (const chunk of mergedParquetChunks(merge)) {
        if (interrupt.signal.aborted) throw new Error('interrupted');
        await output.write(chunk);
      }
      await output.commit();
    } catch (error) {
      await output.discard();
      if (interrupt.exitCode !== undefined) {
        process.stderr.write('losslab merge: interrupted; nothing was written\n');
        return interrupt.exitCode;
      }
      throw error;
    }
    return EXIT_OK;
  } finally {
    for (const s of sources) s.close();
  }
}
