// The saved sweeps (IndexedDB, through lib/history.ts, loaded on demand) for a host element: the
// list it shows, and save, open and delete. Every failure reaches the host's `report` as one
// sentence (lib/history.ts words storage errors for the user); none is dropped. Malformed records
// are left out of the list with a notice saying how many, so one bad record never blocks the panel.

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { SweepPlan, SweepResult } from '@losslab/worker';
import { describeError } from '../lib/describe-error.js';
import type { HistoryEntry } from '../lib/history.js';

/** What the controller tells its host: a message to show. */
export type HistoryReport = (kind: 'error' | 'warning', text: string) => void;

export class HistoryController implements ReactiveController {
  /** The saved sweeps, newest first; null until they have been read. */
  entries: HistoryEntry[] | null = null;

  readonly #host: ReactiveControllerHost;
  readonly #report: HistoryReport;

  constructor(host: ReactiveControllerHost, report: HistoryReport) {
    this.#host = host;
    this.#report = report;
    host.addController(this);
  }

  hostConnected(): void {
    void this.refresh();
  }

  /** Reads the list again. */
  async refresh(): Promise<void> {
    await this.#guard(async (history) => {
      const { entries, skipped } = await history.listSweeps();
      this.entries = entries;
      if (skipped > 0) this.#report('warning', `History: ${skipped === 1 ? 'one saved record' : `${skipped} saved records`} could not be read (malformed) and ${skipped === 1 ? 'is' : 'are'} not listed.`);
    });
    // A list that could not be read is shown as empty (the error is in a banner), never as "reading…".
    this.entries ??= [];
    this.#host.requestUpdate();
  }

  /** Saves a finished (or cancelled) sweep and lists it. */
  async save(plan: SweepPlan, result: SweepResult): Promise<void> {
    await this.#guard(async (history) => {
      await history.saveSweep(plan, result);
    });
    await this.refresh();
  }

  /** A saved sweep, planned again from its spec; null (and a message) when it cannot be opened. */
  async open(id: number): Promise<{ plan: SweepPlan; result: SweepResult } | null> {
    return this.#guard((history) => history.loadSweep(id));
  }

  /** Deletes a saved sweep and lists the rest. */
  async delete(id: number): Promise<void> {
    await this.#guard((history) => history.deleteSweep(id));
    await this.refresh();
  }

  /** Runs storage work with the history module; a failure is reported and resolves to null. */
  async #guard<T>(work: (history: typeof import('../lib/history.js')) => Promise<T>): Promise<T | null> {
    try {
      return await work(await import('../lib/history.js'));
    } catch (error) {
      this.#report('error', describeError(error));
      return null;
    }
  }
}
