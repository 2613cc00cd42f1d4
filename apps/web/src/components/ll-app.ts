// The app's shell: the header with the presets, the sweep form beside the results, and one element
// per section of the comparison (squared error left, cross-entropy right in each). It holds the one
// state object, applies every change through `reduce`, and routes events to its controllers: the
// sweep (workers), what is derived from the state and the results, the URL, the history and result
// files, the sweep flow (what a run, a preset, a guided step, a link or an opened result does:
// launch-controller.ts) and the lazy results views (results-views-loader.ts). It computes nothing.

import { LitElement, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { DerivedController } from '../controllers/derived-controller.js';
import { HistoryController } from '../controllers/history-controller.js';
import { LaunchController } from '../controllers/launch-controller.js';
import { ResultFilesController, type ResultFormat } from '../controllers/result-files-controller.js';
import { SweepController } from '../controllers/sweep-controller.js';
import { UrlStateController } from '../controllers/url-state-controller.js';
import { VisibilityController } from '../controllers/visibility-controller.js';
import { GUIDE, isGuideStep } from '../lib/guide.js';
import type { PresetId } from '../lib/presets.js';
import { initialState, primarySelection, reduce, type Action, type AppState } from '../lib/state.js';
import { appStyles } from './ll-app.styles.js';
import type { Notice, SurfaceCursor } from './events.js';
import type { ShownNotice } from './ll-notices.js';
import { importResultsViews, ResultsViewsLoader } from './results-views-loader.js';
import { sharedStyles } from './shared-styles.js';
import './ll-first-look.js';
import './ll-guide.js';
import './ll-notices.js';
import './ll-presets.js';
import './ll-progress.js';
import './ll-results-tools.js';
import './ll-sweep-form.js';

@customElement('ll-app')
export class LlApp extends LitElement {
  static override styles = [sharedStyles, appStyles];

  /** Whether the app reads its state from the page's URL and keeps the URL in step (index.html sets it; tests that mount the element alone do not). */
  @property({ type: Boolean, attribute: 'url-state' }) urlState = false;

  /** The app's state: one serializable object, changed only through `dispatch` (lib/state.ts's reduce). */
  @state() private _state: AppState = initialState();
  /** The start under the pointer in either heatmap (linked hover), -1 for none. Transient, not state. */
  @state() private _hoverInit = -1;
  /** The pointer's (w, b) on either surface. Transient. */
  @state() private _surfaceCursor: SurfaceCursor = null;
  /** The epoch under the curves' cursor. Transient. */
  @state() private _epoch: number | null = null;
  /** Messages for the user: a link's dropped fields, import and storage errors. Transient. */
  @state() private _notices: ShownNotice[] = [];

  private _noticeId = 0;

  // Order matters: the sweep's pool exists before the URL controller may launch a link's sweep.
  private readonly _sweep = new SweepController(this);
  private readonly _surfacesSeen = new VisibilityController(this, '#surfaces');
  // Step mode draws its steps on the surfaces too: seeing it computes them as seeing theirs does.
  private readonly _stepSeen = new VisibilityController(this, '#step-mode');
  private readonly _derived = new DerivedController(this, this._sweep, () => this._surfacesSeen.visible || this._stepSeen.visible);
  private readonly _history = new HistoryController(this, (kind, text) => this.notify(kind, text));
  private readonly _files = new ResultFilesController(this, { current: () => this._sweep, show: (plan, result) => this._flow.show(plan, result, 'import'), report: (kind, text) => this.notify(kind, text) });
  private readonly _url = new UrlStateController(this, { ranDraft: () => this._derived.ranDraft, open: (linked, run, present) => this._flow.link(linked, run, present), report: (kind, text, details) => this.notify(kind, text, details) });
  // What a run, a preset, a guided step, a link or an opened result does (the controllers above in order).
  private readonly _flow = new LaunchController(this, { sweep: this._sweep, derived: this._derived, history: this._history, url: this._url, resetPointers: () => this._resetPointers() });
  private readonly _views = new ResultsViewsLoader(this, (text, details) => {
    const id = this.notify('error', text, details);
    return () => this.withdraw(id);
  }, () => this.importResultsViews());

  /** The app's state (read-only; for tests, the URL and the history). */
  get state(): AppState {
    return this._state;
  }

  /** Applies an action to the state: the single update path. */
  dispatch(action: Action): void {
    this._state = reduce(this._state, action);
  }

  /** Shows a message above the results (text only); the same text again replaces the older one. Returns its id, for {@link withdraw}. */
  notify(kind: Notice['kind'], text: string, details: string[] = []): number {
    const id = ++this._noticeId;
    this._notices = [...this._notices.filter((n) => n.text !== text), { id, kind, text, details }];
    return id;
  }

  /** Takes a message down (dismissed, or its cause gone); an id no longer shown changes nothing. */
  withdraw(id: number): void {
    this._notices = this._notices.filter((n) => n.id !== id);
  }

  /** The link to the state on display (`?v=1&…`). */
  shareUrl(): string {
    return this._url.shareUrl();
  }

  /** An update is complete once the results' elements are defined too (or their chunk failed to load, with a notice), so whoever awaits it finds them upgraded. */
  protected override async getUpdateComplete(): Promise<boolean> {
    const done = await super.getUpdateComplete();
    await this._views.ready();
    return done;
  }

  /** Fetches the results' elements (a subclass may fetch them otherwise: the tests make it fail). */
  protected importResultsViews(): Promise<unknown> {
    return importResultsViews();
  }

  override render() {
    const d = this._derived;
    const v = d.validation;
    const sweep = this._sweep;
    const plan = sweep.plan;
    const view = this._state.view;
    const guide = view.guide ?? 0;
    const guideView = isGuideStep(guide) ? GUIDE[guide - 1]!.view : null;
    return html`
      <header>
        <button type="button" class="skip-link" @click=${this._onSkip}>Skip to the results</button>
        <div>
          <h1>losslab <span>squared error vs cross-entropy on one sigmoid neuron</span></h1>
          <p class="lede">
            With squared error the gradient is (ŷ − y)·<strong>ŷ(1 − ŷ)</strong>·x; with cross-entropy it is (ŷ − y)·x. When the neuron saturates (ŷ near 0 or 1 while wrong),
            ŷ(1 − ŷ) ≈ 0 and squared error barely learns. Pick a preset, or set up a sweep over η and the initial weights.
          </p>
        </div>
        <ll-presets .current=${plan ? d.preset : ''} @ll-preset=${this._onPreset}></ll-presets>
      </header>
      ${guideView ? html`<ll-guide id="guide" step=${guide} @ll-guide=${this._onGuide}></ll-guide>` : ''}
      ${!plan || guideView?.kind === 'first-look'
        ? html`<ll-first-look id="first-look" role="region" aria-label="First look: the lecture’s two points under both losses" .focusEpoch=${guideView?.kind === 'first-look' ? guideView.epoch : ''} ?guided=${guideView !== null} @ll-guide=${this._onGuide}></ll-first-look>`
        : ''}
      <div class="layout" @ll-action=${this._onAction} @ll-hover-init=${this._onHoverInit} @ll-surface-cursor=${this._onSurfaceCursor} @ll-epoch=${this._onEpoch} @ll-notify=${this._onNotify}>
        <aside aria-label="Sweep settings">
          <ll-sweep-form .draft=${this._state.draft} .issues=${v.issues} .runCount=${v.plan?.runCount ?? null} .pointSteps=${d.pointSteps} .estimateSeconds=${d.estimateSeconds}
            .workers=${Math.max(1, sweep.workers)} ?running=${sweep.status === 'running'} @ll-run=${this._onRun}></ll-sweep-form>
        </aside>
        <main id="results" tabindex="-1">
          <ll-progress status=${sweep.status} .progress=${sweep.progress} .firstResultsMs=${sweep.firstResultsMs} .elapsedSeconds=${sweep.elapsedSeconds} .error=${sweep.error} workers=${sweep.workers} @ll-cancel=${this._onCancel}></ll-progress>
          <ll-notices .notices=${this._notices} @ll-dismiss=${this._onDismiss}></ll-notices>
          ${plan ? html`<ll-run-controls id="run-controls" .plan=${plan} .config=${primarySelection(view)} .primary=${d.traces.primary} .etaIndex=${d.etaIndex}></ll-run-controls>` : ''}
          ${plan?.initCount === 1
            ? '' /* One start: no 1×1 map; ll-run-controls says so and the single-run views follow. */
            : html`<ll-heatmaps-section id="heatmaps" .plan=${plan} .result=${sweep.result} .revision=${sweep.revision} .etaIndex=${d.etaIndex} colorBy=${view.colorBy}
                .scale=${d.scale} .points=${d.points} .selected=${view.selected} .hoverInit=${this._hoverInit} .stability=${d.stability} .axes=${d.axes}></ll-heatmaps-section>`}
          <ll-curves-section id="curves" .plan=${plan} .traces=${d.traces.byLoss} .primary=${d.traces.primary} ?logScale=${view.logScale} .yRange=${d.curveRange}></ll-curves-section>
          <ll-surfaces-section id="surfaces" .plan=${plan} .surfaces=${d.surfaces} .traces=${d.traces.byLoss} .cursor=${this._surfaceCursor} .epoch=${this._epoch}></ll-surfaces-section>
          <ll-split-section id="gradient-split" .plan=${plan} .primary=${d.traces.primary} .yRange=${d.splitRange}></ll-split-section>
          <ll-step-section id="step-mode" .plan=${plan} .config=${primarySelection(view)} .surfaces=${d.surfaces} .yRange=${d.curveRange} ?logScale=${view.logScale}></ll-step-section>
          <ll-summary-section id="summary" .summary=${plan ? d.summary : null} .etaIndex=${d.etaIndex} .tolerance=${plan?.tolerance ?? 0.01} .outcomes=${plan ? d.outcomes : null} .stability=${plan ? d.stability : null} .axes=${d.axes}></ll-summary-section>
          <ll-who-wins id="who-wins" .plan=${plan} .result=${sweep.result} .revision=${sweep.revision} .etaIndex=${d.etaIndex} .axes=${d.axes}></ll-who-wins>
          <ll-results-tools
            id="tools"
            ?finished=${plan !== null && sweep.result !== null && sweep.status !== 'running'}
            origin=${plan ? this._flow.opened : ''}
            snippet=${d.snippet}
            .history=${this._history.entries}
            @ll-copy-link=${this._onCopyLink}
            @ll-export=${this._onExport}
            @ll-import-file=${this._onImportFile}
            @ll-history-open=${this._onHistoryOpen}
            @ll-history-delete=${this._onHistoryDelete}
          ></ll-results-tools>
        </main>
      </div>
    `;
  }

  private _onRun(): void {
    this._flow.run();
  }

  private _onPreset(event: CustomEvent<PresetId>): void {
    this._flow.preset(event.detail);
  }

  private _onGuide(event: CustomEvent<number>): void {
    event.stopPropagation();
    this._flow.guide(event.detail);
  }

  /** The skip link (a button: its target is in this shadow root, where a fragment link cannot reach): focuses the results. */
  private _onSkip(event: Event): void {
    event.preventDefault();
    const results = this.renderRoot.querySelector<HTMLElement>('#results');
    results?.focus({ preventScroll: true });
    results?.scrollIntoView({ block: 'start' });
  }

  private _onAction(event: CustomEvent<Action>): void {
    event.stopPropagation();
    this.dispatch(event.detail);
  }

  private _onNotify(event: CustomEvent<Notice>): void {
    event.stopPropagation();
    this.notify(event.detail.kind, event.detail.text, event.detail.details);
  }

  private _onDismiss(event: CustomEvent<number>): void {
    this.withdraw(event.detail);
  }

  private _onCancel(): void {
    this._sweep.cancel();
  }

  private _onCopyLink(): void {
    void this._url.copyLink();
  }

  private _onExport(event: CustomEvent<ResultFormat>): void {
    void this._files.export(event.detail);
  }

  private _onImportFile(event: CustomEvent<File>): void {
    void this._files.importFile(event.detail);
  }

  private _onHistoryOpen(event: CustomEvent<number>): void {
    void this._flow.openSaved(event.detail);
  }

  private _onHistoryDelete(event: CustomEvent<number>): void {
    void this._history.delete(event.detail);
  }

  /** Forgets the hovered start and the epoch cursor (a new sweep replaces the one they point into). */
  private _resetPointers(): void {
    this._hoverInit = -1;
    this._epoch = null;
  }

  private _onHoverInit(event: CustomEvent<number>): void {
    this._hoverInit = event.detail;
  }

  private _onSurfaceCursor(event: CustomEvent<SurfaceCursor>): void {
    this._surfaceCursor = event.detail;
  }

  private _onEpoch(event: CustomEvent<number | null>): void {
    this._epoch = event.detail;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'll-app': LlApp;
  }
}
