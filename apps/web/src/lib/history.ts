// Finished sweeps kept in the browser's IndexedDB (through idb): the canonical spec, the result
// arrays (typed arrays are structured-cloneable, so they are stored as they are) and when it was
// saved. Loaded on demand. Every storage error (quota, private mode, a blocked upgrade) is thrown
// as a HistoryError with a message meant for the user; the app shows it, never drops it.
//
// Large results: one IndexedDB value cannot exceed about 127 MiB in Chromium (the transaction
// aborts), so a sweep whose arrays pass INLINE_BYTES is stored as slices of at most CHUNK_BYTES,
// one record each in the `chunks` store, and put together again on load. Records are checked when
// listed: one that is not a well-formed entry is skipped and counted, never shown half-read.

import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { describeError } from './describe-error.js';
import { allocateRuns, planSweep, type RunArrays, type RunFailure, type SweepPlan, type SweepResult, type SweepSpec } from '@losslab/worker';

/** The database's name and schema version (bump the version with an upgrade step when the records change). */
export const HISTORY_DB = 'losslab-history';
export const HISTORY_DB_VERSION = 2;

/** Results whose arrays take more bytes than this are stored in chunks. */
export const INLINE_BYTES = 32 * 2 ** 20;
/** Bytes of one chunk record (a slice of one array), far below the per-value limit. */
export const CHUNK_BYTES = 16 * 2 ** 20;

type ArrayKey = keyof RunArrays;
type TypedArray = RunArrays[ArrayKey];

/** A saved sweep, as listed (without its arrays). */
export interface HistoryEntry {
  id: number;
  savedAt: number;
  spec: SweepPlan['spec'];
  runCount: number;
  completed: number;
  cancelled: boolean;
}

interface StoredSweep extends Omit<HistoryEntry, 'id'> {
  id?: number;
  /** The arrays, for results up to INLINE_BYTES; null when they are in chunks. */
  arrays: Partial<RunArrays> | null;
  /** For chunked results: how many chunk records each array has. */
  chunks?: Partial<Record<ArrayKey, number>>;
  failures: RunFailure[];
}

/** One slice of one array of a chunked sweep. */
interface StoredChunk {
  sweep: number;
  array: ArrayKey;
  part: number;
  data: TypedArray;
}

interface HistorySchema extends DBSchema {
  sweeps: { key: number; value: StoredSweep; indexes: { savedAt: number } };
  entries: { key: number; value: HistoryEntry };
  chunks: { key: [number, string, number]; value: StoredChunk };
}

/** The saved sweeps that could be read, newest first, and how many records were skipped as malformed. */
export interface HistoryList {
  entries: HistoryEntry[];
  skipped: number;
}

/** A storage failure, worded for the user; `cause` holds the DOMException. */
export class HistoryError extends Error {
  constructor(action: string, cause: unknown) {
    const name = cause instanceof DOMException || cause instanceof Error ? cause.name : '';
    const detail = describeError(cause);
    const why =
      name === 'QuotaExceededError'
        ? 'the browser’s storage quota for this site is full (delete older sweeps, or allow more storage)'
        : name === 'InvalidStateError' || name === 'SecurityError' || name === 'UnknownError'
          ? 'the browser does not allow storage here (private mode, or storage disabled)'
          : detail || name || 'unknown error';
    super(`History: could not ${action}: ${why}.`, { cause });
    this.name = 'HistoryError';
  }
}

let db: Promise<IDBPDatabase<HistorySchema>> | null = null;

function open(): Promise<IDBPDatabase<HistorySchema>> {
  if (typeof indexedDB === 'undefined') return Promise.reject(new DOMException('IndexedDB is not available', 'InvalidStateError'));
  db ??= openDB<HistorySchema>(HISTORY_DB, HISTORY_DB_VERSION, {
    upgrade(database, oldVersion) {
      // Version 1: the sweeps with their arrays, and a small record per sweep for the list (so
      // listing never reads the arrays).
      if (oldVersion < 1) {
        database.createObjectStore('sweeps', { keyPath: 'id', autoIncrement: true }).createIndex('savedAt', 'savedAt');
        database.createObjectStore('entries', { keyPath: 'id' });
      }
      // Version 2: chunks of large results (version 1's records stay readable: arrays inline).
      if (oldVersion < 2) database.createObjectStore('chunks', { keyPath: ['sweep', 'array', 'part'] });
    },
    blocked() {
      // Another tab holds an older version open; the open request waits for it.
    },
    blocking() {
      // A newer version wants to open (another tab, or a test): let it.
      void db?.then((database) => database.close());
      db = null;
    },
    terminated() {
      db = null;
    },
  }).catch((error: unknown) => {
    db = null;
    throw error;
  });
  return db;
}

async function guarded<T>(action: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw error instanceof HistoryError ? error : new HistoryError(action, error);
  }
}

/** The array names of a result, from the worker's own allocation (so a new result field is stored too). */
function arrayKeys(): ArrayKey[] {
  return Object.keys(allocateRuns(0, 1, 0)) as ArrayKey[];
}

/** An array cut into slices of at most `chunkBytes` bytes (copies: plain ArrayBuffers, never shared memory). */
export function splitArray(array: TypedArray, chunkBytes: number): TypedArray[] {
  const per = Math.max(1, Math.floor(chunkBytes / array.BYTES_PER_ELEMENT));
  const parts: TypedArray[] = [];
  for (let start = 0; start < array.length; start += per) parts.push(array.slice(start, start + per));
  return parts.length > 0 ? parts : [array.slice()];
}

/** Whether a value read back from storage is a well-formed list entry. */
export function isHistoryEntry(value: unknown): value is HistoryEntry {
  if (typeof value !== 'object' || value === null) return false;
  const e = value as Record<string, unknown>;
  const count = (v: unknown) => Number.isSafeInteger(v) && (v as number) >= 0;
  if (!count(e.id) || !Number.isFinite(e.savedAt) || !count(e.runCount) || !count(e.completed) || typeof e.cancelled !== 'boolean') return false;
  const spec = e.spec as Record<string, unknown> | null;
  if (typeof spec !== 'object' || spec === null) return false;
  const axis = (a: unknown) => Array.isArray(a) || (typeof a === 'object' && a !== null && 'from' in a && 'to' in a && 'count' in a);
  const dataset = spec.dataset as Record<string, unknown> | string | null;
  const datasetOk = typeof dataset === 'string' || (typeof dataset === 'object' && dataset !== null && ('generator' in dataset || Array.isArray(dataset.y)));
  const init = spec.init as Record<string, unknown> | null;
  const initOk = typeof init === 'object' && init !== null && (('scheme' in init && count(init.count)) || (axis(init.w0) && axis(init.b0)));
  return datasetOk && initOk && Array.isArray(spec.losses) && axis(spec.eta) && count(spec.epochs) && typeof spec.reduction === 'string' && typeof spec.tolerance === 'number';
}

/**
 * Saves a finished (or cancelled) sweep; resolves with its entry. Arrays of more than
 * `options.inlineBytes` bytes in all (default INLINE_BYTES) go into chunk records of at most
 * `options.chunkBytes` (default CHUNK_BYTES); everything is written in one transaction.
 */
export function saveSweep(plan: SweepPlan, result: SweepResult, savedAt = Date.now(), options: { inlineBytes?: number; chunkBytes?: number } = {}): Promise<HistoryEntry> {
  return guarded('save this sweep', async () => {
    const database = await open();
    const keys = arrayKeys();
    const bytes = keys.reduce((sum, key) => sum + result[key].byteLength, 0);
    const chunked = bytes > (options.inlineBytes ?? INLINE_BYTES);
    // slice(): copies into plain ArrayBuffers (a cross-origin isolated page's results sit in
    // SharedArrayBuffers, which IndexedDB cannot store).
    const parts = chunked ? new Map(keys.map((key) => [key, splitArray(result[key], options.chunkBytes ?? CHUNK_BYTES)])) : null;
    const arrays = parts ? null : (Object.fromEntries(keys.map((key) => [key, result[key].slice()])) as Partial<RunArrays>);
    const summary = { savedAt, spec: plan.spec, runCount: plan.runCount, completed: result.completed, cancelled: result.cancelled };
    const tx = database.transaction(['sweeps', 'entries', 'chunks'], 'readwrite');
    // An aborted transaction rejects `done` as well as the request: handle both here, so nothing
    // is left as an unhandled rejection.
    const done = tx.done;
    done.catch(() => undefined);
    const record: StoredSweep = { ...summary, arrays, failures: result.failures.map((f) => ({ ...f })) };
    if (parts) record.chunks = Object.fromEntries([...parts].map(([key, list]) => [key, list.length]));
    const id = await tx.objectStore('sweeps').add(record);
    const writes: Promise<unknown>[] = [];
    for (const [array, list] of parts ?? []) list.forEach((data, part) => writes.push(tx.objectStore('chunks').put({ sweep: id, array, part, data })));
    const entry: HistoryEntry = { id, ...summary };
    writes.push(tx.objectStore('entries').put(entry));
    await Promise.all(writes);
    await done;
    return entry;
  });
}

/** The saved sweeps, newest first; malformed records are skipped and counted. */
export function listSweeps(): Promise<HistoryList> {
  return guarded('read the saved sweeps', async () => {
    const records: unknown[] = await (await open()).getAll('entries');
    const entries = records.filter(isHistoryEntry);
    return { entries: entries.sort((a, b) => b.savedAt - a.savedAt || b.id - a.id), skipped: records.length - entries.length };
  });
}

/** A saved sweep, planned again from its spec, with its arrays (put together from chunks) as a SweepResult. */
export function loadSweep(id: number): Promise<{ plan: SweepPlan; result: SweepResult }> {
  return guarded('open the saved sweep', async () => {
    const database = await open();
    const stored = await database.get('sweeps', id);
    if (!stored) throw new Error(`sweep ${id} is no longer saved`);
    if (typeof stored.spec !== 'object' || stored.spec === null) throw new Error(`the saved sweep ${id} has no spec`);
    const plan = planSweep(stored.spec as SweepSpec, { maxRuns: Number.MAX_SAFE_INTEGER, maxResultBytes: Number.MAX_SAFE_INTEGER });
    const arrays = allocateRuns(plan.runCount, plan.data.d, plan.curveEpochs.length);
    for (const key of Object.keys(arrays) as ArrayKey[]) {
      const target = arrays[key];
      let parts: unknown[];
      if (stored.chunks) {
        const chunks = await database.getAll('chunks', IDBKeyRange.bound([id, key, 0], [id, key, Number.MAX_SAFE_INTEGER]));
        if (chunks.length !== stored.chunks[key]) throw new Error(`the saved ${key} has ${chunks.length} of its ${stored.chunks[key] ?? 0} chunks`);
        parts = chunks.map((chunk) => chunk.data);
      } else parts = [stored.arrays?.[key]];
      let offset = 0;
      for (const part of parts) {
        if (!(part instanceof target.constructor) || offset + (part as TypedArray).length > target.length) throw new Error(`the saved ${key} does not match its spec (${target.length} values of ${target.constructor.name})`);
        target.set(part as never, offset);
        offset += (part as TypedArray).length;
      }
      if (offset !== target.length) throw new Error(`the saved ${key} holds ${offset} values, its spec plans ${target.length}`);
    }
    const completed = Number.isSafeInteger(stored.completed) ? stored.completed : 0;
    const result: SweepResult = { ...arrays, plan, runCount: plan.runCount, completed, failures: Array.isArray(stored.failures) ? stored.failures : [], cancelled: stored.cancelled === true };
    return { plan, result };
  });
}

/** Deletes a saved sweep (and its chunks). */
export function deleteSweep(id: number): Promise<void> {
  return guarded('delete the saved sweep', async () => {
    const tx = (await open()).transaction(['sweeps', 'entries', 'chunks'], 'readwrite');
    await Promise.all([tx.objectStore('sweeps').delete(id), tx.objectStore('entries').delete(id), tx.objectStore('chunks').delete(IDBKeyRange.bound([id], [id, []])), tx.done]);
  });
}
