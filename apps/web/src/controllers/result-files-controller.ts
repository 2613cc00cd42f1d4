// Result files for a host element: Export JSON/CSV/Parquet of the sweep on display (in `losslab
// sweep`'s formats, through lib/export.ts and lib/parquet-export.ts, each loaded on demand) and Import of a JSON result file, opened like a
// finished sweep. Every failure reaches the host's `report` as one sentence naming the file. A file
// still being read when the host disconnects is not opened.

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { SweepPlan, SweepResult } from '@losslab/worker';
import { describeError } from '../lib/describe-error.js';
import { formatCount } from '../lib/format.js';

/** The formats a sweep exports to, as `losslab sweep --format`. */
export type ResultFormat = 'json' | 'csv' | 'parquet';

/** Options of {@link ResultFilesController}. */
export interface ResultFilesOptions {
  /** The sweep on display, or null. */
  current: () => { plan: SweepPlan | null; result: SweepResult | null };
  /** Opens an imported result like a finished sweep. */
  show: (plan: SweepPlan, result: SweepResult) => void;
  /** Shows a message. */
  report: (kind: 'info' | 'error', text: string) => void;
}

export class ResultFilesController implements ReactiveController {
  readonly #options: ResultFilesOptions;
  #connected = false;

  constructor(host: ReactiveControllerHost, options: ResultFilesOptions) {
    this.#options = options;
    host.addController(this);
  }

  hostConnected(): void {
    this.#connected = true;
  }

  hostDisconnected(): void {
    this.#connected = false;
  }

  /** Downloads the sweep on display as a JSON, CSV or Parquet result file (nothing when there is none). */
  async export(format: ResultFormat): Promise<void> {
    const { plan, result } = this.#options.current();
    if (!plan || !result) return;
    try {
      const exporter = await import('../lib/export.js');
      // The Parquet writer loads only when asked for.
      const blob = format === 'parquet' ? (await import('../lib/parquet-export.js')).resultParquet(plan, result) : exporter.resultFile(plan, result, format);
      exporter.download(blob, exporter.exportName(plan, format));
    } catch (error) {
      this.#options.report('error', describeError(error, 'Export failed'));
    }
  }

  /** Reads a file the user picked and opens it (see {@link importText}). */
  async importFile(file: File): Promise<boolean> {
    let text: string;
    try {
      text = await file.text();
    } catch (error) {
      this.#options.report('error', describeError(error, `Could not read ${file.name}`));
      return false;
    }
    return this.importText(text, file.name);
  }

  /** Opens a JSON result file's text (the app's export, `losslab sweep`'s or `losslab merge`'s); says what it opened or why not. */
  async importText(text: string, name = 'the file'): Promise<boolean> {
    try {
      const { readResultFile } = await import('../lib/export.js');
      const parsed = readResultFile(text);
      if (!this.#connected) return false;
      this.#options.show(parsed.plan, parsed.result);
      const shard = parsed.header.shard ? ` (shard ${parsed.header.shard.index} of ${parsed.header.shard.count})` : '';
      this.#options.report('info', `Opened ${name}: ${formatCount(parsed.result.completed)} of ${formatCount(parsed.plan.runCount)} runs${shard}, written by losslab ${parsed.header.losslab}.`);
      return true;
    } catch (error) {
      this.#options.report('error', describeError(error, `Could not import ${name}`));
      return false;
    }
  }
}
