// The app: presets, the sweep form and the side-by-side comparison (squared error left,
// cross-entropy right). It holds the one state object and applies every change through `reduce`;
// it derives what the views need (with lib/ functions, memoized) and hands it down. The sweep
// itself runs in workers through the SweepController.

import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { planSweep, type SweepPlan, type SweepResult, type SweepSpec } from '@losslab/worker';
import { runWhenIdle, whenIdle, type IdleHandle } from '../controllers/idle.js';
import { SweepController } from '../controllers/sweep-controller.js';
import { VisibilityController } from '../controllers/visibility-controller.js';
import { epochsScale, excessScale, type ColorScale } from '../lib/color.js';
import { gradientSplitRange } from '../lib/curves.js';
import { BROWSER_LIMITS, pointSteps, validateDraft, type DraftValidation, type SweepDraft } from '../lib/draft.js';
import { estimateSeconds } from '../lib/estimate.js';
import { formatCount, formatNumber } from '../lib/format.js';
import { excessRange, initPoints } from '../lib/heatmap.js';
import { matchingPreset, presetById, type Preset, type PresetId } from '../lib/presets.js';
import { initialState, primarySelection, reduce, type Action, type AppState, type ConfigRef, type ViewState } from '../lib/state.js';
import { draftFromSpec } from '../lib/spec-draft.js';
import { parseUrlState, serializeUrlState } from '../lib/url-state.js';
import type { HistoryEntry } from '../lib/history.js';
import { etaRowsOf, summarize, updateSummary, type SweepSummary } from '../lib/summary.js';
import { mappable, MAX_SURFACE_POINTS, nearestConfig, nearestIndex, surfaceExtent, surfaceSteps, type SurfacePair } from '../lib/surface.js';
import { curveRange, TRACE_LIMIT, traceable, TraceCache, type RunTrace } from '../lib/trace.js';
import type { SurfaceCursor } from './events.js';
import { sharedStyles } from './shared-styles.js';
import './ll-color-legend.js';
import './ll-curves.js';
import './ll-formula.js';
import './ll-gradient-split.js';
import './ll-results-tools.js';
import './ll-heatmap.js';
import './ll-presets.js';
import './ll-progress.js';
import './ll-summary-table.js';
import './ll-surface.js';
import './ll-sweep-form.js';
import type { LlSweepForm } from './ll-sweep-form.js';

/** The two panels, left to right. */
const PANELS = [
  { loss: 'se', title: 'Squared error' },
  { loss: 'ce', title: 'Cross-entropy' },
] as const;

@customElement('ll-app')
export class LlApp extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
        min-height: 100vh;
        background: var(--ll-page);
      }
      header {
        padding: 0.8rem 1.25rem 0.6rem;
        display: grid;
        gap: 0.6rem;
      }
      h1 {
        margin: 0;
        font-size: 1.35rem;
        letter-spacing: -0.01em;
      }
      h1 span {
        font-weight: 400;
        color: var(--ll-muted);
        font-size: 1rem;
        margin-left: 0.5rem;
      }
      .lede {
        margin: 0.15rem 0 0;
        max-width: 62rem;
        font-size: 0.92rem;
      }
      .layout {
        display: grid;
        grid-template-columns: minmax(17rem, 21rem) minmax(0, 1fr);
        gap: 1rem;
        padding: 0 1.25rem 2rem;
        align-items: start;
      }
      aside {
        position: sticky;
        top: 0;
        max-height: 100vh;
        overflow-y: auto;
        padding: 0.25rem 0.25rem 1rem 0;
        scrollbar-width: thin;
      }
      main {
        display: grid;
        gap: 1.1rem;
        min-width: 0;
      }
      section {
        background: var(--ll-panel);
        border: 1px solid var(--ll-line);
        border-radius: var(--ll-radius);
        padding: 0.75rem 0.9rem 0.9rem;
        min-width: 0;
        /* Each view is laid out and painted on its own, and not at all while off screen: a
           sweep's frames then only cost what is visible. (Full-page screenshots set
           --ll-content-visibility: visible to render them all.) */
        contain: layout paint style;
        content-visibility: var(--ll-content-visibility, auto);
        contain-intrinsic-size: auto 520px;
      }
      ll-progress {
        contain: layout paint style;
      }
      .section-head {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: space-between;
        gap: 0.4rem 1rem;
        margin-bottom: 0.5rem;
      }
      h2 {
        margin: 0;
        font-size: 1.05rem;
      }
      .explain {
        margin: -0.2rem 0 0.6rem;
        font-size: 0.85rem;
        color: var(--ll-muted);
        max-width: 60rem;
      }
      .pair {
        display: grid;
        grid-template-columns: repeat(2, minmax(0, 1fr));
        gap: 1rem 1.5rem;
      }
      .pair.heatmaps {
        grid-template-columns: repeat(2, minmax(0, 340px));
      }
      .controls {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.4rem 1.2rem;
        font-size: 0.9rem;
      }
      .controls label {
        display: inline-flex;
        align-items: center;
        gap: 0.35rem;
      }
      .eta {
        display: flex;
        align-items: center;
        gap: 0.5rem;
        flex-wrap: wrap;
      }
      .eta output {
        font-variant-numeric: tabular-nums;
        font-weight: 600;
        min-width: 7.5rem;
      }
      input[type='range'] {
        width: 12rem;
        accent-color: var(--ll-accent);
      }
      .legend-row {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 1.5rem;
        align-items: flex-end;
        justify-content: space-between;
        margin-top: 0.6rem;
      }
      .legend-row ll-color-legend {
        flex: 1 1 18rem;
      }
      .selection {
        font-size: 0.85rem;
      }
      .notice {
        margin: 0;
        padding: 0.5rem 0.75rem;
        border-radius: var(--ll-radius);
        border: 1px solid #c9a227;
        background: #fff8e1;
        font-size: 0.9rem;
        display: flex;
        gap: 0.75rem;
        align-items: baseline;
        justify-content: space-between;
      }
      .notice[data-kind='error'] {
        border-color: var(--ll-error);
        background: #fff4f2;
      }
      .notice ul {
        margin: 0.2rem 0 0;
        padding-left: 1.2rem;
      }
      details.why > summary {
        cursor: pointer;
        font-weight: 600;
        font-size: 0.9rem;
      }
      @media (max-width: 860px) {
        .layout {
          grid-template-columns: minmax(0, 1fr);
          padding: 0 0.75rem 2rem;
        }
        header {
          padding: 0.75rem 0.75rem 0.5rem;
        }
        aside {
          position: static;
          max-height: none;
          overflow: visible;
          padding: 0;
        }
        .pair {
          grid-template-columns: minmax(0, 1fr);
        }
        .pair.heatmaps {
          grid-template-columns: repeat(2, minmax(0, 1fr));
          gap: 0.75rem;
        }
        section {
          padding: 0.6rem 0.6rem 0.75rem;
        }
        input[type='range'] {
          width: 100%;
        }
        .eta {
          width: 100%;
        }
      }
    `,
  ];

  /** The app's state: one serializable object, changed only through `_dispatch` (lib/state.ts's reduce). */
  @state() private _state: AppState = initialState();
  /** The start under the pointer in either heatmap (linked hover), -1 for none. Transient, not state. */
  @state() private _hoverInit = -1;
  /** The pointer's (w, b) on either surface. Transient. */
  @state() private _surfaceCursor: SurfaceCursor = null;
  /** The epoch under the curves' cursor. Transient. */
  @state() private _epoch: number | null = null;

  /** Messages for the user: a link's dropped fields, import and storage errors. Transient, not state. */
  @state() private _notices: { id: number; kind: 'warning' | 'error' | 'info'; text: string; details: string[] }[] = [];
  /** The saved sweeps (null until read). */
  @state() private _history: HistoryEntry[] | null = null;
  /** Whether step mode's element was loaded (on demand: its code is a separate chunk). */
  @state() private _stepLoaded = false;
  /** Whether the results on display came from a file or the history (not run here). */
  @state() private _opened: 'run' | 'import' | 'history' = 'run';

  /** Whether the app reads its state from the page's URL and keeps the URL in step (index.html sets it; tests that mount the element alone do not). */
  @property({ type: Boolean, attribute: 'url-state' }) urlState = false;

  @query('ll-sweep-form') private _form!: LlSweepForm | null;
  private _noticeId = 0;
  private _urlTimer: ReturnType<typeof setTimeout> | undefined;
  private _urlWritten = '';
  private _ranKey: { run: unknown; spec: unknown; value: boolean } = { run: null, spec: null, value: false };

  private readonly _sweep = new SweepController(this);
  private readonly _surfacesSeen = new VisibilityController(this, '#surfaces');
  private readonly _traceCache = new TraceCache();
  private _validation: DraftValidation = { spec: null, plan: null, issues: [] };
  private _validatedDraft: SweepDraft | null = null;
  private _points: { plan: SweepPlan; w0: Float64Array; b0: Float64Array } | null = null;
  /** Per selected config, per plan loss; and per panel loss ('se', 'ce') in selection order. */
  private _traces: { key: unknown[]; value: RunTrace[][]; byLoss: Record<'se' | 'ce', RunTrace[]> } = { key: [], value: [], byLoss: { se: [], ce: [] } };
  private _traceKey: unknown[] = [];
  private _traceJob: IdleHandle | null = null;
  private _curveRange: { key: unknown[]; value: [number, number] } = { key: [], value: [1e-6, 1] };
  private _splitRange: { key: unknown[]; value: [number, number] } = { key: [], value: [1e-6, 1] };
  private _surfaces: { plan: SweepPlan | null; key: string; value: SurfacePair | null } = { plan: null, key: '', value: null };
  private _summary: { plan: SweepPlan | null; value: SweepSummary | null } = { plan: null, value: null };
  private _scale: ColorScale | null = null;
  private _surfaceJob: IdleHandle | null = null;

  /** The app's state (read-only; for tests and, later, URL and history). */
  get state(): AppState {
    return this._state;
  }

  /** Applies an action to the state: the single update path. */
  dispatch(action: Action): void {
    this._state = reduce(this._state, action);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.urlState) this._openFromUrl(location.search);
    void this._refreshHistory();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this._urlTimer);
  }

  /** Shows a message above the results (text only). */
  notify(kind: 'warning' | 'error' | 'info', text: string, details: string[] = []): void {
    this._notices = [...this._notices.filter((n) => n.text !== text), { id: ++this._noticeId, kind, text, details }];
  }

  /** Opens the state a link holds (`?v=1&…`): dropped fields are named in a banner; `run=1` runs it. */
  private _openFromUrl(search: string): void {
    const parsed = parseUrlState(search);
    if (parsed.dropped.length > 0) {
      this.notify(
        'warning',
        parsed.dropped.some((d) => d.key === 'v') ? 'This link was made by another version of losslab (or was changed); the defaults are shown instead.' : 'Some settings in this link were not valid and were reset to their defaults:',
        parsed.dropped.map((d) => `${d.key}: ${d.reason}`),
      );
    }
    if (!parsed.present) return;
    const view = parsed.state.view;
    this.dispatch({ type: 'open', draft: parsed.state.draft, run: null, view });
    if (parsed.run) {
      const validation = validateDraft(this._state.draft);
      if (validation.spec && validation.plan) this._launch(validation.spec, validation.plan, null, view);
    }
  }

  /** Whether the sweep on display is the one the form plans (then a link carries run=1). */
  private _ranDraft(): boolean {
    const run = this._state.run;
    const spec = this._validation.spec;
    if (this._ranKey.run !== run || this._ranKey.spec !== spec) this._ranKey = { run, spec, value: run !== null && spec !== null && sameSweep(run, this._validation.plan) };
    return this._ranKey.value;
  }

  /** The link to the state on display (`?v=1&…`). */
  shareUrl(): string {
    return `${location.origin}${location.pathname}${serializeUrlState(this._state, this._ranDraft())}`;
  }

  protected override updated(): void {
    // The URL follows the state, at most every 300 ms (history.replaceState: no new history entries).
    if (!this.urlState || this._urlTimer !== undefined) return;
    this._urlTimer = setTimeout(() => {
      this._urlTimer = undefined;
      const query = serializeUrlState(this._state, this._ranDraft());
      if (query !== this._urlWritten && query !== location.search && !(query === '?v=1' && location.search === '')) history.replaceState(history.state, '', `${location.pathname}${query}${location.hash}`);
      this._urlWritten = query;
    }, 300);
  }

  protected override willUpdate(): void {
    const s = this._state;
    if (s.draft !== this._validatedDraft) {
      this._validation = validateDraft(s.draft);
      this._validatedDraft = s.draft;
    }
    const plan = this._sweep.plan;
    if (!plan) return;
    if (this._points?.plan !== plan) this._points = { plan, ...initPoints(plan) };
    const view = s.view;
    const etaIndex = Math.min(view.etaIndex, plan.eta.length - 1);
    // Colour scale, shared by both heatmaps.
    if (view.colorBy === 'epochs') {
      if (this._scale?.title !== 'epochs to converge' || this._scale.domain[1] !== plan.epochs) this._scale = epochsScale(plan.epochs);
    } else {
      const range = this._sweep.result ? excessRange(this._sweep.result, etaIndex) : null;
      this._scale = excessScale(range?.[0] ?? 1e-12, range?.[1] ?? 1);
    }
    // Traces of the selected configs (recomputed with core's train, cached).
    const selected = view.selected.filter((c) => c.etaIndex < plan.eta.length && c.initIndex < plan.initCount);
    const traceKey = [plan, ...selected];
    if (!sameKey(this._traceKey, traceKey)) {
      this._traceKey = traceKey;
      this._traceJob?.cancel();
      this._traceJob = null;
      const wanted = traceable(plan) ? selected.flatMap((config) => plan.losses.map((_, lossIndex) => ({ config, lossIndex }))) : [];
      const finish = () => {
        const value = traceable(plan) ? selected.map((config) => plan.losses.map((_, lossIndex) => this._traceCache.get(plan, config, lossIndex))) : [];
        const byLoss = (loss: 'se' | 'ce') => value.map((perLoss) => perLoss[plan.losses.indexOf(loss)]).filter((t): t is RunTrace => t !== undefined);
        this._traces = { key: traceKey, value, byLoss: { se: byLoss('se'), ce: byLoss('ce') } };
      };
      const missing = wanted.filter(({ config, lossIndex }) => !this._traceCache.has(plan, config, lossIndex));
      if (missing.length === 0) finish();
      else {
        // Recomputing a run with core's train takes a few milliseconds: not in the frame that
        // launches a sweep or answers a click, but right after it, one run per idle task.
        if (this._traces.key[0] !== plan) this._traces = { key: traceKey, value: [], byLoss: { se: [], ce: [] } };
        const step = () => {
          this._traceJob = whenIdle(() => {
            this._traceJob = null;
            if (this._traceKey !== traceKey) return;
            const next = missing.shift();
            if (next) this._traceCache.get(plan, next.config, next.lossIndex);
            if (missing.length > 0) step();
            else {
              finish();
              this.requestUpdate();
            }
          }, 60);
        };
        step();
      }
    }
    const all = this._traces.value.flat();
    if (!sameKey(this._curveRange.key, [this._traces.value, view.logScale])) this._curveRange = { key: [this._traces.value, view.logScale], value: curveRange(all, view.logScale, plan.tolerance) };
    const primary = this._traces.value.at(-1) ?? [];
    if (!sameKey(this._splitRange.key, [primary])) this._splitRange = { key: [primary], value: gradientSplitRange(primary) };
    // Surfaces: one-input data only; the window follows the selected paths. Computed in idle time
    // once their section is (nearly) on screen, so that a launch paints its first views without
    // waiting for them and a sweep's workers keep the CPU.
    if (mappable(plan) && (this._surfacesSeen.visible || this._surfaces.plan === plan)) {
      const extent = surfaceExtent(plan, this._points, all);
      const key = JSON.stringify(extent);
      if (this._surfaces.plan !== plan || this._surfaces.key !== key) {
        const keep = this._surfaces.plan === plan ? this._surfaces.value : null;
        this._surfaces = { plan, key, value: keep };
        // In idle periods, a few milliseconds at a time (a grid, or one contour band, per step).
        this._surfaceJob?.cancel();
        this._surfaceJob = runWhenIdle(surfaceSteps(plan, extent), (value) => {
          if (this._surfaces.plan !== plan || this._surfaces.key !== key) return;
          this._surfaces = { plan, key, value };
          this.requestUpdate();
        });
      }
    } else if (!mappable(plan)) this._surfaces = { plan, key: '', value: null };
    // Summary: only the η rows that new chunks touched, at most once per frame.
    if (this._summary.plan !== plan) {
      this._sweep.drainLanded();
      this._summary = { plan, value: summarize(plan, this._sweep.result) };
    } else {
      const landed = this._sweep.drainLanded();
      if (landed.length > 0 && this._summary.value) this._summary = { plan, value: updateSummary(this._summary.value, plan, this._sweep.result, etaRowsOf(plan, landed)) };
    }
  }

  override render() {
    const v = this._validation;
    const plan = this._sweep.plan;
    const current = matchingPreset(this._state.draft);
    return html`
      <header>
        <div>
          <h1>losslab <span>squared error vs cross-entropy on one sigmoid neuron</span></h1>
          <p class="lede">
            With squared error the gradient is (ŷ − y)·<strong>ŷ(1 − ŷ)</strong>·x; with cross-entropy it is (ŷ − y)·x. When the neuron saturates (ŷ near 0 or 1 while wrong),
            ŷ(1 − ŷ) ≈ 0 and squared error barely learns. Pick a preset, or set up a sweep over η and the initial weights.
          </p>
        </div>
        <ll-presets .current=${current ?? ''} @ll-preset=${this._onPreset}></ll-presets>
      </header>
      <div class="layout" @ll-action=${this._onAction} @ll-hover-init=${this._onHoverInit} @ll-surface-cursor=${this._onSurfaceCursor} @ll-epoch=${this._onEpoch}>
        <aside aria-label="Sweep settings">
          <ll-sweep-form
            .draft=${this._state.draft}
            .issues=${v.issues}
            .runCount=${v.plan?.runCount ?? null}
            .pointSteps=${v.plan ? pointSteps(v.plan) : null}
            .estimateSeconds=${v.plan ? estimateSeconds(v.plan, Math.max(1, this._sweep.workers), this._sweep.nsPerPointStep) : null}
            .workers=${Math.max(1, this._sweep.workers)}
            ?running=${this._sweep.status === 'running'}
            @ll-run=${this._onRun}
          ></ll-sweep-form>
        </aside>
        <main>
          <ll-progress
            status=${this._sweep.status}
            .progress=${this._sweep.progress}
            .firstResultsMs=${this._sweep.firstResultsMs}
            .elapsedSeconds=${this._sweep.elapsedSeconds}
            .error=${this._sweep.error}
            workers=${this._sweep.workers}
            @ll-cancel=${this._onCancel}
          ></ll-progress>
          ${this._renderNotices()}
          ${this._renderViews(plan)}
          ${this._renderTools(plan)}
        </main>
      </div>
    `;
  }

  /** The comparison. Before the first sweep (plan null) every view shows what it will hold. */
  private _renderViews(plan: SweepPlan | null) {
    const view = this._state.view;
    const etaCount = plan?.eta.length ?? 1;
    const etaIndex = Math.min(view.etaIndex, etaCount - 1);
    const eta = plan ? formatNumber(plan.eta[etaIndex]!) : '—';
    const result = this._sweep.result;
    const points = plan ? this._points : null;
    const lossIndex = (loss: 'se' | 'ce') => plan?.losses.indexOf(loss) ?? -1;
    const tracesOf = (loss: 'se' | 'ce') => this._traces.byLoss[loss];
    const primaryOf = (loss: 'se' | 'ce') => this._traces.value.at(-1)?.[lossIndex(loss)] ?? null;
    const surfaces = this._surfaces.plan === plan ? this._surfaces.value : null;
    const selectedCount = view.selected.length;
    const untraceable = plan && !traceable(plan) ? `Runs of this sweep are too long to recompute on this page (points × inputs × epochs = ${formatCount(plan.data.n * plan.data.d * plan.epochs)}, more than ${formatCount(TRACE_LIMIT)}); the heatmaps and the table have their numbers.` : '';
    return html`
      <section aria-labelledby="h-heatmaps" id="heatmaps">
        <div class="section-head">
          <h2 id="h-heatmaps">Where each start converges</h2><button type="button" class="png" data-view="heatmaps" aria-label="Save this view as PNG" @click=${() => this._onPng('heatmaps')}>PNG</button>
          <div class="controls">
            <div class="eta">
              <label for="eta-slider">η</label>
              <input id="eta-slider" type="range" min="0" max=${etaCount - 1} step="1" .value=${String(etaIndex)} ?disabled=${etaCount < 2} aria-valuetext=${`η = ${eta}`} @input=${this._onEtaInput} />
              <output for="eta-slider">${eta} <span class="muted">(${etaIndex + 1} of ${etaCount})</span></output>
            </div>
            <div role="radiogroup" aria-label="Colour by" class="controls">
              <label><input type="radio" name="color-by" value="epochs" .checked=${view.colorBy === 'epochs'} @change=${() => this.dispatch({ type: 'set-color-by', colorBy: 'epochs' })} />epochs to converge</label>
              <label><input type="radio" name="color-by" value="excess" .checked=${view.colorBy === 'excess'} @change=${() => this.dispatch({ type: 'set-color-by', colorBy: 'excess' })} />final excess loss</label>
            </div>
          </div>
        </div>
        <div class="pair heatmaps">
          ${PANELS.map(
            (panel) => html`<ll-heatmap
              data-loss=${panel.loss}
              heading=${panel.title}
              .plan=${plan}
              .result=${result}
              .revision=${this._sweep.revision}
              .lossIndex=${lossIndex(panel.loss)}
              .etaIndex=${etaIndex}
              colorBy=${view.colorBy}
              .scale=${this._scale}
              .points=${points}
              .selected=${view.selected}
              .hoverInit=${this._hoverInit}
            ></ll-heatmap>`,
          )}
        </div>
        <div class="legend-row">
          <ll-color-legend .scale=${this._scale} ?showNever=${view.colorBy === 'epochs'}></ll-color-legend>
          <p class="selection" aria-live="polite">
            ${selectedCount === 0
              ? html`<span class="muted">Click a start to select it in both panels; Shift-click adds more.</span>`
              : html`${formatCount(selectedCount)} selected ·
                  <button type="button" id="clear-selection" @click=${() => this.dispatch({ type: 'clear-selection' })}>Clear</button>`}
          </p>
        </div>
        <p class="explain">Epochs to fit: from that epoch on, every prediction stays within ε of its label.</p>
        <ll-formula name="fit"></ll-formula>
      </section>

      <section aria-labelledby="h-curves" id="curves">
        <div class="section-head">
          <h2 id="h-curves">Loss curves of the selected runs</h2><button type="button" class="png" data-view="curves" aria-label="Save this view as PNG" @click=${() => this._onPng('curves')}>PNG</button>
          <label class="controls"><input type="checkbox" id="log-scale" .checked=${view.logScale} @change=${this._onLogScale} />log scale</label>
        </div>
        <p class="explain">Each loss minus its minimum (cross-entropy − H(y) is the KL divergence), so both go to 0; dashed: max |ŷ − y|, the same yardstick for both. Vertical lines: where each run fits within ε.</p>
        <ll-formula name="excess"></ll-formula>
        <div class="pair">
          ${PANELS.map(
            (panel) => html`<ll-curves
              data-loss=${panel.loss}
              heading=${panel.title}
              .traces=${tracesOf(panel.loss)}
              .epochs=${plan?.epochs ?? 1}
              ?logScale=${view.logScale}
              .yRange=${this._curveRange.value}
              .tolerance=${plan?.tolerance ?? 0.01}
              message=${untraceable}
            ></ll-curves>`,
          )}
        </div>
      </section>

      <section aria-labelledby="h-surfaces" id="surfaces">
        <div class="section-head"><h2 id="h-surfaces">Loss surfaces and descent paths</h2><button type="button" class="png" data-view="surfaces" aria-label="Save this view as PNG" @click=${() => this._onPng('surfaces')}>PNG</button></div>
        <p class="explain">Contours of the excess loss over (w, b), two per decade and the same for both; lighter is lower. Hover one surface to see the same point on the other; hover the curves to follow the paths epoch by epoch.</p>
        <ll-formula name="surface"></ll-formula>
        <div class="pair">
          ${PANELS.map((panel) => {
            const map = surfaces?.maps.find((m) => m.loss === panel.loss) ?? null;
            return html`<ll-surface
              data-loss=${panel.loss}
              heading=${panel.title}
              .plan=${plan}
              .map=${map}
              .thresholds=${surfaces?.thresholds ?? []}
              .traces=${tracesOf(panel.loss)}
              .cursor=${this._surfaceCursor}
              .epoch=${this._epoch}
              message=${!plan
                ? 'Run a sweep to see the loss surfaces and the selected runs’ descent paths.'
                : plan.data.d !== 1
                  ? `Loss surfaces over (w, b) need one input; this data has ${plan.data.d}.`
                  : !mappable(plan)
                    ? `Loss surfaces are drawn for up to ${formatCount(MAX_SURFACE_POINTS)} points; this data has ${formatCount(plan.data.n)}.`
                    : lossIndex(panel.loss) < 0
                      ? `This sweep has no ${panel.title.toLowerCase()} runs.`
                      : ''}
            ></ll-surface>`;
          })}
        </div>
      </section>

      <section aria-labelledby="h-split" id="gradient-split">
        <div class="section-head"><h2 id="h-split">Gradient split</h2><button type="button" class="png" data-view="gradient-split" aria-label="Save this view as PNG" @click=${() => this._onPng('gradient-split')}>PNG</button></div>
        <p class="explain">For the last selected run: the error and the factor ŷ(1 − ŷ), averaged over the points, and the size of the gradient. Where ŷ(1 − ŷ) collapses while the error is still large, squared error's gradient vanishes.</p>
        <ll-formula name="gradients"></ll-formula>
        <details class="why">
          <summary>Why cross-entropy's gradient has no ŷ(1 − ŷ)</summary>
          <p class="explain">The lecture's reason: the sigmoid's derivative is σ′(z) = ŷ(1 − ŷ), and the derivative of cross-entropy's logarithms divides by exactly ŷ and 1 − ŷ, so the factor cancels and what is left is the error itself. Squared error has no such denominator: its gradient keeps ŷ(1 − ŷ), which is near 0 whenever the neuron saturates, right or wrong.</p>
          <ll-formula name="whyCe"></ll-formula>
        </details>
        <div class="pair">
          ${PANELS.map(
            (panel) => html`<ll-gradient-split
              data-loss=${panel.loss}
              heading=${panel.title}
              loss=${panel.loss}
              .trace=${primaryOf(panel.loss)}
              .epochs=${plan?.epochs ?? 1}
              .yRange=${this._splitRange.value}
              message=${untraceable}
            ></ll-gradient-split>`,
          )}
        </div>
      </section>

      <section aria-labelledby="h-step" id="step-mode">
        <div class="section-head"><h2 id="h-step">Step through descent</h2></div>
        <p class="explain">The last selected run, one epoch at a time under both losses at once (core's createTrainer): its point moves on both loss surfaces and its loss curves grow.</p>
        <ll-formula name="step"></ll-formula>
        ${this._stepLoaded
          ? html`<ll-step-mode
              .plan=${plan}
              .config=${primarySelection(view)}
              .surfaces=${surfaces}
              .yRange=${this._curveRange.value}
              ?logScale=${view.logScale}
            ></ll-step-mode>`
          : html`<button type="button" id="open-step-mode" ?disabled=${!plan} @click=${this._onOpenStepMode}>Open step mode</button>`}
      </section>

      <section aria-labelledby="h-summary" id="summary">
        <div class="section-head"><h2 id="h-summary">Summary by learning rate</h2></div>
        <ll-formula name="ratio"></ll-formula>
        <ll-summary-table .summary=${plan ? this._summary.value : null} .etaIndex=${etaIndex} .tolerance=${plan?.tolerance ?? 0.01}></ll-summary-table>
      </section>
    `;
  }

  private _onAction(event: CustomEvent<Action>): void {
    event.stopPropagation();
    this.dispatch(event.detail);
  }

  private _onRun(): void {
    const validation = validateDraft(this._state.draft);
    if (!validation.plan || !validation.spec) {
      void this.updateComplete.then(() => this._form?.focusFirstIssue());
      return;
    }
    this._launch(validation.spec, validation.plan, null);
  }

  private _onPreset(event: CustomEvent<PresetId>): void {
    const preset = presetById(event.detail);
    this.dispatch({ type: 'load-preset', preset: preset.id });
    const validation = validateDraft(this._state.draft);
    if (!validation.plan || !validation.spec) return;
    this._launch(validation.spec, validation.plan, preset.focus);
    // On a narrow screen the form stands between the presets and the results: go to the results.
    if (window.matchMedia('(max-width: 860px)').matches) {
      void this.updateComplete.then(() => this.renderRoot.querySelector('ll-progress')?.scrollIntoView({ block: 'start', behavior: 'smooth' }));
    }
  }

  /** Starts a sweep: its spec and opening view go into the state, the controller runs it. */
  private _launch(spec: SweepSpec, plan: SweepPlan, focus: Preset['focus'] | null, opening?: ViewState): void {
    const points = initPoints(plan);
    let etaIndex: number;
    let selected: ConfigRef[] = [];
    if (opening) {
      etaIndex = opening.etaIndex;
      selected = opening.selected;
    } else if (focus) {
      const config = nearestConfig(plan, points, focus);
      etaIndex = config.etaIndex;
      selected = [config];
    } else {
      const previous = this._sweep.plan;
      const shown = previous ? previous.eta[Math.min(this._state.view.etaIndex, previous.eta.length - 1)] : undefined;
      etaIndex = nearestIndex(plan.eta, shown ?? 1, true);
    }
    this._hoverInit = -1;
    this._epoch = null;
    this.dispatch({ type: 'launch', spec, view: { etaIndex, selected } });
    this._opened = 'run';
    void this._sweep.start(plan).then((result) => {
      if (result && this._sweep.status === 'done' && this._sweep.result === result) void this._saveToHistory(plan, result);
    });
  }

  /** Shows a finished result (imported or from the history): the form that plans it, its view, its arrays. */
  private _show(plan: SweepPlan, result: SweepResult, from: 'import' | 'history'): void {
    this._hoverInit = -1;
    this._epoch = null;
    const spec = plan.spec as SweepSpec;
    this.dispatch({ type: 'open', draft: draftFromSpec(spec), run: spec, view: { ...this._state.view, etaIndex: nearestIndex(plan.eta, 1, true), selected: [] } });
    this._opened = from;
    this._sweep.show(plan, result);
  }

  private async _saveToHistory(plan: SweepPlan, result: SweepResult): Promise<void> {
    try {
      const history = await import('../lib/history.js');
      await history.saveSweep(plan, result);
      await this._refreshHistory();
    } catch (error) {
      this.notify('error', error instanceof Error ? error.message : String(error));
    }
  }

  private async _refreshHistory(): Promise<void> {
    try {
      const history = await import('../lib/history.js');
      this._history = await history.listSweeps();
    } catch (error) {
      this._history = [];
      this.notify('error', error instanceof Error ? error.message : String(error));
    }
  }

  private async _onHistoryOpen(event: CustomEvent<number>): Promise<void> {
    try {
      const history = await import('../lib/history.js');
      const { plan, result } = await history.loadSweep(event.detail);
      this._show(plan, result, 'history');
    } catch (error) {
      this.notify('error', error instanceof Error ? error.message : String(error));
    }
  }

  private async _onHistoryDelete(event: CustomEvent<number>): Promise<void> {
    try {
      const history = await import('../lib/history.js');
      await history.deleteSweep(event.detail);
      await this._refreshHistory();
    } catch (error) {
      this.notify('error', error instanceof Error ? error.message : String(error));
    }
  }

  private async _onExport(event: CustomEvent<'json' | 'csv'>): Promise<void> {
    const format = event.detail;
    const plan = this._sweep.plan;
    const result = this._sweep.result;
    if (!plan || !result) return;
    try {
      const exporter = await import('../lib/export.js');
      exporter.download(exporter.resultFile(plan, result, format), exporter.exportName(plan, format));
    } catch (error) {
      this.notify('error', `Export failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private async _onImportFile(event: CustomEvent<File>): Promise<void> {
    const file = event.detail;
    let text: string;
    try {
      text = await file.text();
    } catch (error) {
      this.notify('error', `Could not read ${file.name}: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    await this.importResultText(text, file.name);
  }

  /** Opens a JSON result file's text (the app's export, `losslab sweep`'s or `losslab merge`'s) like a finished sweep. */
  async importResultText(text: string, name = 'the file'): Promise<boolean> {
    try {
      const { readResultFile } = await import('../lib/export.js');
      const parsed = readResultFile(text);
      this._show(parsed.plan, parsed.result, 'import');
      this.notify('info', `Opened ${name}: ${formatCount(parsed.result.completed)} of ${formatCount(parsed.plan.runCount)} runs${parsed.header.shard ? ` (shard ${parsed.header.shard.index} of ${parsed.header.shard.count})` : ''}, written by losslab ${parsed.header.losslab}.`);
      return true;
    } catch (error) {
      this.notify('error', `Could not import ${name}: ${error instanceof Error ? error.message : String(error)}`);
      return false;
    }
  }

  private async _onPng(id: string): Promise<void> {
    try {
      const { panelsPng } = await import('../lib/png.js');
      const exporter = await import('../lib/export.js');
      const section = this.renderRoot.querySelector(`#${id}`);
      const panels = [...(section?.querySelectorAll('.pair > *') ?? [])];
      const blob = await panelsPng(panels);
      exporter.download(blob, `losslab-${id}.png`);
    } catch (error) {
      this.notify('error', `PNG export failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private async _onCopyLink(): Promise<void> {
    const url = this.shareUrl();
    try {
      await navigator.clipboard.writeText(url);
      this.notify('info', 'Link copied: it opens this sweep with these settings and runs it again (same seeds, same results).');
    } catch {
      this.notify('info', `Link to this state: ${url}`);
    }
  }

  private _snippetCache: { key: unknown[]; text: string } = { key: [], text: '' };
  private _snippetModule: typeof import('../lib/export.js') | null = null;

  /** The "reproduce this run" snippet of the primary selected config (its first loss), once the export code is loaded. */
  private _snippet(plan: SweepPlan | null): string {
    const config = primarySelection(this._state.view);
    if (!plan || !config || config.etaIndex >= plan.eta.length || config.initIndex >= plan.initCount) return '';
    if (!this._snippetModule) {
      void import('../lib/export.js').then((module) => {
        this._snippetModule = module;
        this.requestUpdate();
      });
      return '';
    }
    const key = [plan, config.etaIndex, config.initIndex];
    if (!sameKey(this._snippetCache.key, key)) this._snippetCache = { key, text: this._snippetModule.reproduceSnippet(plan, config) };
    return this._snippetCache.text;
  }

  private _renderNotices() {
    return this._notices.map(
      (notice) => html`<div class="notice" role=${notice.kind === 'info' ? 'status' : 'alert'} data-kind=${notice.kind}>
        <div>
          ${notice.text}
          ${notice.details.length > 0 ? html`<ul>${notice.details.map((d) => html`<li>${d}</li>`)}</ul>` : nothing}
        </div>
        <button type="button" aria-label="Dismiss this message" @click=${() => (this._notices = this._notices.filter((n) => n.id !== notice.id))}>×</button>
      </div>`,
    );
  }

  private _renderTools(plan: SweepPlan | null) {
    return html`<section aria-labelledby="h-tools" id="tools">
      <div class="section-head"><h2 id="h-tools">Share, export, import, history</h2></div>
      <ll-results-tools
        ?finished=${plan !== null && this._sweep.result !== null && this._sweep.status !== 'running'}
        origin=${plan ? this._opened : ''}
        snippet=${this._snippet(plan)}
        .history=${this._history}
        @ll-copy-link=${this._onCopyLink}
        @ll-export=${this._onExport}
        @ll-import-file=${this._onImportFile}
        @ll-history-open=${this._onHistoryOpen}
        @ll-history-delete=${this._onHistoryDelete}
      ></ll-results-tools>
    </section>`;
  }

  private async _onOpenStepMode(): Promise<void> {
    try {
      await import('./ll-step-mode.js');
      this._stepLoaded = true;
    } catch (error) {
      this.notify('error', `Step mode did not load: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private _onCancel(): void {
    this._sweep.cancel();
  }

  private _onEtaInput(event: Event): void {
    this.dispatch({ type: 'set-eta-index', index: Number((event.target as HTMLInputElement).value) });
  }

  private _onLogScale(event: Event): void {
    this.dispatch({ type: 'set-log-scale', logScale: (event.target as HTMLInputElement).checked });
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

/** Whether a spec plans the same sweep as a plan (canonical specs equal): an imported result's spec and the form's. */
function sameSweep(spec: SweepSpec, plan: SweepPlan | null): boolean {
  if (!plan) return false;
  try {
    return JSON.stringify(planSweep(spec, BROWSER_LIMITS).spec) === JSON.stringify(plan.spec);
  } catch {
    return false;
  }
}

/** Whether two memo keys hold the same values (by identity, or equal configs). */
function sameKey(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((value, k) => {
    const other = b[k];
    if (value === other) return true;
    if (isConfig(value) && isConfig(other)) return value.etaIndex === other.etaIndex && value.initIndex === other.initIndex;
    return false;
  });
}

function isConfig(value: unknown): value is ConfigRef {
  return typeof value === 'object' && value !== null && 'etaIndex' in value && 'initIndex' in value;
}

declare global {
  interface HTMLElementTagNameMap {
    'll-app': LlApp;
  }
}
