// Datasets from the command line: a built-in name, or a CSV file inlined as {name, x, y} points
// (the sweep spec format has no file paths, so outputs and shards do not depend on where a file
// was or whether it still exists).

import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { parseCsv } from '@losslab/core';
import type { DatasetSpec, InlineDatasetSpec } from '@losslab/worker';
import { quote, UsageError } from './errors.js';
import { MAX_CSV_BYTES, readTextLimited } from './input-limits.js';

/** The built-in dataset names. */
export const BUILTIN_DATASETS = ['toy', 'five-point'] as const;

/** True for 'toy' and 'five-point'. */
export function isBuiltinDataset(name: string): name is (typeof BUILTIN_DATASETS)[number] {
  return (BUILTIN_DATASETS as readonly string[]).includes(name);
}

/**
 * Reads a CSV file with core's parseCsv and returns its points inline, named after the file's
 * base name. `shownPath` is the path as the user gave it and `context` a prefix such as '--data';
 * errors read `--data: points.csv:4:2: "abc" is not a number`.
 */
export function loadCsvDataset(path: string, shownPath: string, context: string): InlineDatasetSpec {
  const text = readTextLimited(path, shownPath, MAX_CSV_BYTES, context, 'CSV data');
  const name = basename(shownPath);
  try {
    const set = parseCsv(text, { name });
    const n = set.n;
    const d = set.d;
    const x: number[] | number[][] = d === 1 ? Array.from(set.x) : Array.from({ length: n }, (_, i) => Array.from(set.x.subarray(i * d, (i + 1) * d)));
    return { name, x, y: Array.from(set.y) };
  } catch (error) {
    const message = (error as Error).message;
    // parseCsv says "line 4, column 2: …" or "line 4: …": show it as file:line:column.
    const at = /^line (\d+)(?:, column (\d+))?: ([\s\S]*)$/.exec(message);
    if (at) throw new UsageError(`${context}: ${shownPath}:${at[1]}${at[2] ? `:${at[2]}` : ''}: ${at[3]}`);
    throw new UsageError(`${context}: ${shownPath}: ${message}`);
  }
}

/** The --data flag: a built-in name or a CSV file. */
export function datasetFromFlag(text: string): DatasetSpec {
  if (isBuiltinDataset(text)) return text;
  if (text === '' || !existsSync(text)) throw new UsageError(`--data: must be ${BUILTIN_DATASETS.join(', ')} or an existing CSV file, got ${quote(text)}`);
  return loadCsvDataset(text, text, '--data');
}
