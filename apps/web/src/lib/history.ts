// Finished sweeps kept in the browser's IndexedDB (through idb): the canonical spec, the result
// arrays (typed arrays are structured-cloneable, so they are stored as they are) and when it was
// saved. Loaded on demand. Every storage error (quota, private mode, a blocked upgrade) is thrown
// as a HistoryError with a message meant for the user; the app shows it, never drops it.

import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { planSweep, type RunFailure, type SweepPlan, type SweepResult, type SweepSpec } from '@losslab/worker';

/** The database's name and schema version (bump the version with an upgrade step when the records change). */
export const HISTORY_DB = 'losslab-history';
export const HISTORY_DB_VERSION = 1;

type Arrays = Pick<SweepResult, 'status' | 'finalLoss' | 'minLoss' | 'finalExcess' | 'finalMaxError' | 'finalW' | 'finalB' | 'epochsToFit' | 'epochsTo1PercentExcess' | 'plateauEpochs' | 'outcome' | 'divergedAt' | 'curves'>;

const ARRAY_KEYS = ['status', 'finalLoss', 'minLoss', 'finalExcess', 'finalMaxError', 'finalW', 'finalB', 'epochsToFit', 'epochsTo1PercentExcess', 'plateauEpochs', 'outcome', 'divergedAt', 'curves'] as const satisfies readonly (keyof Arrays)[];

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
  arrays: Arrays;
  failures: RunFailure[];
}

interface HistorySchema extends DBSchema {
  sweeps: { key: number; value: StoredSweep; indexes: { savedAt: number } };
  entries: { key: number; value: HistoryEntry };
}

/** A storage failure, worded for the user; `cause` holds the DOMException. */
export class HistoryError extends Error {
  constructor(action: string, cause: unknown) {
    const name = cause instanceof DOMException || cause instanceof Error ? cause.name : '';
    const detail = cause instanceof Error ? cause.message : String(cause);
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
    },
    blocked() {
      // Another tab holds an older version open; the open request waits for it.
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

/** Saves a finished (or cancelled) sweep; resolves with its entry. */
export function saveSweep(plan: SweepPlan, result: SweepResult, savedAt = Date.now()): Promise<HistoryEntry> {
  return guarded('save this sweep', async () => {
    const database = await open();
    // slice(): copies into plain ArrayBuffers (a cross-origin isolated page's results sit in
    // SharedArrayBuffers, which IndexedDB cannot store).
    const arrays = Object.fromEntries(ARRAY_KEYS.map((key) => [key, result[key].slice()])) as unknown as Arrays;
    const summary = { savedAt, spec: plan.spec, runCount: plan.runCount, completed: result.completed, cancelled: result.cancelled };
    const tx = database.transaction(['sweeps', 'entries'], 'readwrite');
    const id = await tx.objectStore('sweeps').add({ ...summary, arrays, failures: result.failures.map((f) => ({ ...f })) });
    const entry: HistoryEntry = { id, ...summary };
    await tx.objectStore('entries').put(entry);
    await tx.done;
    return entry;
  });
}

/** The saved sweeps, newest first. */
export function listSweeps(): Promise<HistoryEntry[]> {
  return guarded('read the saved sweeps', async () => {
    const entries = await (await open()).getAll('entries');
    return entries.sort((a, b) => b.savedAt - a.savedAt || b.id - a.id);
  });
}

/** A saved sweep, planned again from its spec, with its arrays as a SweepResult. */
export function loadSweep(id: number): Promise<{ plan: SweepPlan; result: SweepResult }> {
  return guarded('open the saved sweep', async () => {
    const stored = await (await open()).get('sweeps', id);
    if (!stored) throw new Error(`sweep ${id} is no longer saved`);
    const plan = planSweep(stored.spec as SweepSpec, { maxRuns: Number.MAX_SAFE_INTEGER, maxResultBytes: Number.MAX_SAFE_INTEGER });
    for (const key of ARRAY_KEYS) {
      const expected = key === 'finalW' ? plan.runCount * plan.data.d : key === 'curves' ? plan.runCount * plan.curveEpochs.length : plan.runCount;
      if (stored.arrays[key]?.length !== expected) throw new Error(`the saved ${key} holds ${stored.arrays[key]?.length} values, its spec plans ${expected}`);
    }
    const result: SweepResult = { ...stored.arrays, plan, runCount: plan.runCount, completed: stored.completed, failures: stored.failures, cancelled: stored.cancelled };
    return { plan, result };
  });
}

/** Deletes a saved sweep. */
export function deleteSweep(id: number): Promise<void> {
  return guarded('delete the saved sweep', async () => {
    const tx = (await open()).transaction(['sweeps', 'entries'], 'readwrite');
    await Promise.all([tx.objectStore('sweeps').delete(id), tx.objectStore('entries').delete(id), tx.done]);
  });
}
