// Loads the results' elements (results-views.ts, one lazy chunk) for the shell: the import starts
// when the host connects, and the host's updateComplete waits for it, so whoever awaits an update
// finds the sections upgraded. It is its own module, beside the chunk it loads, because loading can
// fail (a network error, or a deploy that removed the chunk this page was built with): the failure
// then reaches the host as a notice instead of rejecting every updateComplete with nobody told,
// updateComplete still resolves (the sweep form and the first look keep working), and the next
// wait imports again, so the views appear if the network comes back: the notice then goes by itself
// (the one this loader raised, by its id: other notices stay), since its advice no longer applies.

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { describeError } from '../lib/describe-error.js';

/** Fetches and runs the results chunk (its elements are defined when it resolves). */
export type ResultsViewsImporter = () => Promise<unknown>;

/** The chunk's dynamic import: the one place that names it. */
export const importResultsViews: ResultsViewsImporter = () => import('./results-views.js');

/** The notice shown when the chunk cannot be loaded. */
export const RESULTS_VIEWS_FAILED = 'The views of the results (heatmaps, curves, surfaces, summary) could not be loaded. Reload the page to try again.';

/** Shows an error to the user; returns what takes that notice (and only it) down again. */
export type ResultsViewsReport = (text: string, details: string[]) => () => void;

export class ResultsViewsLoader implements ReactiveController {
  readonly #importer: ResultsViewsImporter;
  readonly #report: ResultsViewsReport;
  #loading: Promise<void> | undefined;
  /** Takes down the notice of the last failure, while it may be up. */
  #withdraw: (() => void) | undefined;

  /**
   * @param report shows an error to the user: {@link RESULTS_VIEWS_FAILED} with the browser's reason
   * @param importer fetches the chunk ({@link importResultsViews}; tests pass one that fails)
   */
  constructor(host: ReactiveControllerHost, report: ResultsViewsReport, importer: ResultsViewsImporter = importResultsViews) {
    this.#report = report;
    this.#importer = importer;
    host.addController(this);
  }

  hostConnected(): void {
    void this.ready();
  }

  /**
   * Resolves once the results' elements are defined, or once their import has failed and the
   * failure was reported; it never rejects. A success is kept, and takes down the notice of an
   * earlier failure; after a failure the next call imports again (one import at a time: calls
   * while one is pending share it).
   */
  ready(): Promise<void> {
    return (this.#loading ??= this.#importer().then(
      () => {
        this.#withdraw?.();
        this.#withdraw = undefined;
      },
      (error: unknown) => {
        this.#loading = undefined;
        this.#withdraw = this.#report(RESULTS_VIEWS_FAILED, [describeError(error)]);
      },
    ));
  }
}
