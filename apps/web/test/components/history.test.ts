// The history in real IndexedDB (Chromium): large results stored in chunks and read back whole,
// and malformed records skipped with a notice instead of blocking the panel.

import { allocateRuns, planSweep, type RunArrays, type SweepResult } from '@losslab/worker';
import { openDB } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import '../../src/components/ll-app.js';
import { deleteSweep, HISTORY_DB, HISTORY_DB_VERSION, listSweeps, loadSweep, saveSweep } from '../../src/lib/history.js';
import { deepAll, mount, waitFor } from './helpers.js';
import { sweep } from '../support/sweep.js';

/** The lecture's two points, both losses, 3 η × 4 × 5 starts, 200 epochs, curves kept: 120 runs, computed here with the kernel. */
function smallSweep(): { plan: ReturnType<typeof planSweep>; result: SweepResult } {
  return sweep({ dataset: 'toy', losses: ['se', 'ce'], eta: [0.3, 1, 3], init: { w0: { from: -4, to: 4, count: 4 }, b0: { from: -4, to: 4, count: 5 } }, epochs: 200 });
}

const arrayKeys = () => Object.keys(allocateRuns(0, 1, 0)) as (keyof RunArrays)[];

/** The raw database, as the app's module opened it (same name and version: no upgrade here). */
const raw = () => openDB(HISTORY_DB, HISTORY_DB_VERSION);

afterEach(() => document.body.replaceChildren());

describe('history in IndexedDB', () => {
  it('stores a result larger than its inline limit in chunk records and reads it back bit for bit', async () => {
    const { plan, result } = smallSweep();
    const chunkBytes = 1000;
    const entry = await saveSweep(plan, result, Date.now(), { inlineBytes: 0, chunkBytes });
    try {
      // Stored as chunks: no inline arrays, each array in slices of at most chunkBytes.
      const database = await raw();
      const stored = await database.get('sweeps', entry.id);
      expect(stored.arrays).toBeNull();
      const chunks = await database.getAll('chunks', IDBKeyRange.bound([entry.id], [entry.id, []]));
      database.close();
      for (const key of arrayKeys()) {
        const expectedParts = Math.max(1, Math.ceil(result[key].byteLength / (Math.floor(chunkBytes / result[key].BYTES_PER_ELEMENT) * result[key].BYTES_PER_ELEMENT)));
        expect(stored.chunks[key], key).toBe(expectedParts);
      }
      expect(chunks.length).toBe(arrayKeys().reduce((sum, key) => sum + (stored.chunks[key] as number), 0));
      expect(chunks.length).toBeGreaterThan(2 * arrayKeys().length);
      for (const chunk of chunks) expect(chunk.data.byteLength).toBeLessThanOrEqual(chunkBytes);

      // Read back: every array equal to the original, value for value (NaN where NaN), same type.
      const loaded = await loadSweep(entry.id);
      expect(loaded.plan.spec).toEqual(plan.spec);
      for (const key of arrayKeys()) {
        expect(loaded.result[key].constructor, key).toBe(result[key].constructor);
        expect(Array.from(loaded.result[key]), key).toEqual(Array.from(result[key]));
      }
      expect(loaded.result.completed).toBe(plan.runCount);
      expect(loaded.result.cancelled).toBe(false);
    } finally {
      await deleteSweep(entry.id);
    }
    // Deleting removes the chunks too.
    const database = await raw();
    expect(await database.count('chunks', IDBKeyRange.bound([entry.id], [entry.id, []]))).toBe(0);
    database.close();
  });

  it('keeps a small result inline and reads it back', async () => {
    const { plan, result } = smallSweep();
    const entry = await saveSweep(plan, result);
    try {
      const database = await raw();
      const stored = await database.get('sweeps', entry.id);
      database.close();
      expect(stored.chunks).toBeUndefined();
      const loaded = await loadSweep(entry.id);
      for (const key of arrayKeys()) expect(Array.from(loaded.result[key]), key).toEqual(Array.from(result[key]));
    } finally {
      await deleteSweep(entry.id);
    }
  });

  it('lists the other sweeps and says how many records it skipped when some are malformed; the panel never stays on "Reading…"', async () => {
    const { plan, result } = smallSweep();
    const good = await saveSweep(plan, result);
    const badIds = [900_001, 900_002, 900_003];
    const database = await raw();
    // A stub, a record whose spec is not an object, and one whose spec lacks its axes.
    await database.put('entries', { id: badIds[0], savedAt: 'yesterday' });
    await database.put('entries', { id: badIds[1], savedAt: 1, spec: null, runCount: 1, completed: 1, cancelled: false });
    await database.put('entries', { id: badIds[2], savedAt: 2, spec: { version: 1, dataset: 'toy', losses: ['se'] }, runCount: 1, completed: 1, cancelled: false });
    try {
      const listed = await listSweeps();
      expect(listed.skipped).toBe(3);
      expect(listed.entries.map((e) => e.id)).toContain(good.id);

      const app = mount(document.createElement('ll-app'));
      const history = await waitFor(() => deepAll(app, 'll-history').find((h) => h.shadowRoot?.querySelector(`li[data-id="${good.id}"]`)), 'the good sweep in the history panel');
      expect(history.shadowRoot!.textContent).not.toContain('Reading the saved sweeps');
      for (const id of badIds) expect(history.shadowRoot!.querySelector(`li[data-id="${id}"]`)).toBeNull();
      const notice = await waitFor(() => deepAll(app, '.notice').find((n) => n.textContent?.includes('could not be read')), 'the notice about skipped records');
      expect(notice.textContent).toContain('3 saved records could not be read (malformed) and are not listed.');
      expect(notice.getAttribute('role')).toBe('alert');
      // The good sweep still opens from the list.
      history.shadowRoot!.querySelector<HTMLButtonElement>(`li[data-id="${good.id}"] button.open`)!.click();
      await waitFor(() => deepAll(app, '#opened-from')[0]?.textContent?.includes('a saved sweep'), 'the saved sweep to open');
    } finally {
      for (const id of badIds) await database.delete('entries', id);
      database.close();
      await deleteSweep(good.id);
    }
  });
});
