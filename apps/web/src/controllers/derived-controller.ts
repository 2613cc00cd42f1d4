// Everything the views show that is derived from the state and the sweep result: the form's
// validation and estimate, the starts as points, the heatmaps' colour scale, the selected runs'
// traces and their chart ranges, the loss surfaces, the summary table and the reproduce snippet.
// Values that change with the state go through `memo` (recomputed only when an input changed);
// work too slow for a frame (traces, surfaces) runs in idle time through one `IdleJobs`. Reading
// happens in `hostUpdate` (before the host renders); starting idle work and loading code happen in
// `hostUpdated` (after it), so rendering has no side effects.

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { planSweep, type SweepPlan, type SweepResult, type SweepSpec, type SweepStability } from '@losslab/worker';
import { epochsScale, excessScale, type ColorScale } from '../lib/color.js';
import { gradientSplitRange } from '../lib/curves.js';
import { BROWSER_LIMITS, pointSteps, validateDraft, type DraftValidation } from '../lib/draft.js';
import { estimateSeconds } from '../lib/estimate.js';
import { initPoints } from '../lib/heatmap.js';
import { memo } from '../lib/memo.js';
import { matchingPreset, type PresetId } from '../lib/presets.js';
import { isMoved, primarySelection, type AppState, type ConfigRef } from '../lib/state.js';
import { ExcessRangeAccumulator } from '../lib/excess-range-accumulator.js';
import { SummaryAccumulator } from '../lib/summary-accumulator.js';
import { OutcomeCounter, type OutcomeCounts } from '../lib/outcome-counts.js';
import { summarize, type SweepSummary } from '../lib/summary.js';
import { FIRST_AXES, shownAxes, type AxesPosition } from '../lib/view-axes.js';
import { mappable, surfaceExtent, surfaceSteps, type SurfaceExtent, type SurfacePair } from '../lib/surface.js';
import { curveRange, traceable, TraceCache, type RunTrace } from '../lib/trace.js';
import { IdleJobs } from './idle.js';
import type { SweepController } from './sweep-controller.js';

/** The host: an element with the app's state. */
export type DerivedHost = ReactiveControllerHost & { readonly state: AppState };

/** The selected runs' traces: per selected config, per plan loss; and per panel loss in selection order. */
export interface Traces {
  value: RunTrace[][];
  byLoss: Record<'se' | 'ce', RunTrace[]>;
  /** The primary (last) selected run's trace per loss, null where the sweep lacks that loss. */
  primary: Record<'se' | 'ce', RunTrace | null>;
}

const NO_TRACES: Traces = Object.freeze({ value: [], byLoss: { se: [], ce: [] }, primary: { se: null, ce: null } }) as Traces;
const DEFAULT_RANGE: [number, number] = [1e-6, 1];

/** Whether a spec plans the same sweep as a plan (their canonical specs are equal). */
function sameSweep(spec: SweepSpec | null, plan: SweepPlan | null): boolean {
  if (!spec || !plan) return false;
  try {
    return JSON.stringify(planSweep(spec, BROWSER_LIMITS).spec) === JSON.stringify(plan.spec);
  } catch {
    return false;
  }
}

/**
 * Whether a plan has several optimizers, batch sizes or weight decays. The summary accumulator's
 * groups are (loss, η) only (runs ordered loss, η, init): for such a plan its group index runs past
 * its groups, so the table is computed at the shown position instead (summarize).
 */
function severalAxes(plan: SweepPlan): boolean {
  return plan.optimizers.length > 1 || plan.batchSizes.length > 1 || plan.weightDecays.length > 1;
}

/** Whether a config names a run of the plan on every axis. */
function insidePlan(plan: SweepPlan, c: ConfigRef): boolean {
  return (
    c.etaIndex < plan.eta.length &&
    c.initIndex < plan.initCount &&
    (c.optimizerIndex ?? 0) < plan.optimizers.length &&
    (c.batchIndex ?? 0) < plan.batchSizes.length &&
    (c.weightDecayIndex ?? 0) < plan.weightDecays.length
  );
}

/** The selection as a string key (configs compare by value, not identity), keeping those inside the plan. */
function selectionKey(plan: SweepPlan, selected: readonly ConfigRef[]): string {
  return JSON.stringify(selected.filter((c) => insidePlan(plan, c)));
}

function parseSelection(key: string): ConfigRef[] {
  return JSON.parse(key) as ConfigRef[];
}

export class DerivedController implements ReactiveController {
  /** The form's validation (spec, plan, issues per field). */
  validation: DraftValidation = { spec: null, plan: null, issues: [] };
  /** The preset the form matches, '' for none. */
  preset: PresetId | '' = '';
  /** Whether the sweep on display is the one the form plans (a link then carries run=1). */
  ranDraft = false;
  /** The form's point-steps and estimated seconds on this machine, null while it has issues. */
  pointSteps: number | null = null;
  estimateSeconds: number | null = null;
  /** The η shown, clamped to the plan's axis. */
  etaIndex = 0;
  /** The starts as points (grid axes or random starts), null before a sweep. */
  points: { w0: Float64Array; b0: Float64Array } | null = null;
  /** The heatmaps' shared colour scale. */
  scale: ColorScale | null = null;
  /** The selected runs recomputed with core (filled in idle time after a selection changes). */
  traces: Traces = NO_TRACES;
  /** The curves' shared y range, and the gradient split's. */
  curveRange: [number, number] = DEFAULT_RANGE;
  splitRange: [number, number] = DEFAULT_RANGE;
  /** The loss surfaces of one-input data (null until computed, or when the data has none). */
  surfaces: SurfacePair | null = null;
  /** The summary table's numbers. */
  summary: SweepSummary | null = null;
  /** Runs per outcome of each configuration group (the summary table's outcome column). */
  outcomes: OutcomeCounts | null = null;
  /** The optimizer, batch size and weight decay the comparison views show (the view's, clamped to the plan). */
  axes: AxesPosition = FIRST_AXES;
  /** Each loss's stability limit η* at cross-entropy's optimum (as the result file's header), null before a sweep. */
  stability: SweepStability | null = null;
  /** The script that recomputes the primary selected run ('' when none, or while its code loads). */
  snippet = '';

  readonly #host: DerivedHost;
  readonly #sweep: SweepController;
  readonly #surfacesVisible: () => boolean;
  readonly #idle = new IdleJobs();
  readonly #traceCache = new TraceCache();
  /** Bumped when an idle job added traces to the cache, so the traces memo reads them. */
  #traceGeneration = 0;
  #missingTraces: { plan: SweepPlan; key: string; missing: { config: ConfigRef; lossIndex: number }[] } | null = null;
  #surface: { plan: SweepPlan | null; key: string; extent: SurfaceExtent | null; value: SurfacePair | null; stale: boolean } = { plan: null, key: '', extent: null, value: null, stale: false };
  #landed: { plan: SweepPlan; result: SweepResult | null; summary: SummaryAccumulator | null; excess: ExcessRangeAccumulator; outcomes: OutcomeCounter; ended: boolean } | null = null;
  /** The plan `traces` belong to. */
  #tracesPlan: SweepPlan | null = null;
  #exportModule: typeof import('../lib/export.js') | null = null;
  #loadingExport = false;

  readonly #validate = memo(validateDraft);
  readonly #ranDraft = memo(sameSweep);
  readonly #preset = memo(matchingPreset);
  readonly #estimate = memo((plan: SweepPlan | null, workers: number, ns: number) => (plan ? estimateSeconds(plan, workers, ns) : null));
  readonly #points = memo((plan: SweepPlan) => initPoints(plan));
  #stabilityModule: typeof import('../lib/stability.js') | null = null;
  #loadingStability = false;
  readonly #stability = memo((plan: SweepPlan, module: typeof import('../lib/stability.js')) => module.sweepStability(plan));
  readonly #axes = memo((plan: SweepPlan, optimizerIndex: number | undefined, batchIndex: number | undefined, weightDecayIndex: number | undefined) => shownAxes(plan, { optimizerIndex, batchIndex, weightDecayIndex }));
  // A sweep with several optimizers, batch sizes or decays: the table of the shown ones, from the
  // result arrays (their runs only: |losses|·|η|·initCount reads per update), since the
  // accumulator's groups are (loss, η) over every such axis at once.
  readonly #summaryAt = memo((plan: SweepPlan, result: SweepResult | null, _revision: number, axes: AxesPosition) => summarize(plan, result, axes));
  readonly #epochsScale = memo(epochsScale);
  readonly #excessScale = memo((ranges: ExcessRangeAccumulator, etaIndex: number, _version: number) => {
    const range = ranges.range(etaIndex);
    return excessScale(range?.[0] ?? 1e-12, range?.[1] ?? 1);
  });
  readonly #traces = memo((plan: SweepPlan, key: string, _generation: number): Traces | null => {
    const selected = parseSelection(key);
    this.#missingTraces = null;
    if (!traceable(plan)) return NO_TRACES;
    const wanted = selected.flatMap((config) => plan.losses.map((_, lossIndex) => ({ config, lossIndex })));
    // A start or η moved by hand (a drag, the η control) is recomputed here and now, so the paths
    // and curves follow the pointer frame by frame: two single runs, milliseconds of work.
    for (const { config, lossIndex } of wanted) if (isMoved(config)) this.#traceCache.get(plan, config, lossIndex);
    const missing = wanted.filter(({ config, lossIndex }) => !this.#traceCache.has(plan, config, lossIndex));
    if (missing.length > 0) {
      this.#missingTraces = { plan, key, missing };
      return null;
    }
    const value = selected.map((config) => plan.losses.map((_, lossIndex) => this.#traceCache.get(plan, config, lossIndex)));
    const byLoss = (loss: 'se' | 'ce') => value.map((perLoss) => perLoss[plan.losses.indexOf(loss)]).filter((t): t is RunTrace => t !== undefined);
    const primary = (loss: 'se' | 'ce') => value.at(-1)?.[plan.losses.indexOf(loss)] ?? null;
    return { value, byLoss: { se: byLoss('se'), ce: byLoss('ce') }, primary: { se: primary('se'), ce: primary('ce') } };
  });
  readonly #curveRange = memo((traces: Traces, logScale: boolean, tolerance: number) => curveRange(traces.value.flat(), logScale, tolerance));
  readonly #splitRange = memo((primary: RunTrace[]) => gradientSplitRange(primary));
  readonly #extent = memo((plan: SweepPlan, points: { w0: Float64Array; b0: Float64Array }, traces: Traces) => {
    const extent = surfaceExtent(plan, points, traces.value.flat());
    return { extent, key: JSON.stringify(extent) };
  });
  readonly #snippet = memo((plan: SweepPlan, configKey: string, module: typeof import('../lib/export.js')) => module.reproduceSnippet(plan, JSON.parse(configKey) as ConfigRef));

  /**
   * Derives for `host` from its state and `sweep`; `surfacesVisible` says whether the surfaces'
   * section is (nearly) on screen, so that surfaces are computed only once someone can see them.
   */
  constructor(host: DerivedHost, sweep: SweepController, surfacesVisible: () => boolean) {
    this.#host = host;
    this.#sweep = sweep;
    this.#surfacesVisible = surfacesVisible;
    host.addController(this);
  }

  /** The idle jobs running ('traces', 'surfaces'): work derived here that is not on screen yet. */
  get pendingJobs(): string[] {
    return this.#idle.names();
  }

  /** The validation of a draft (the same memo as {@link validation}: validating the current draft again is free). */
  validate(draft: AppState['draft']): DraftValidation {
    return this.#validate(draft);
  }

  hostUpdate(): void {
    const state = this.#host.state;
    const sweep = this.#sweep;
    const v = (this.validation = this.#validate(state.draft));
    this.ranDraft = this.#ranDraft(state.run, v.plan);
    this.preset = this.#preset(state.draft) ?? '';
    const workers = Math.max(1, sweep.workers);
    this.pointSteps = v.plan ? pointSteps(v.plan) : null;
    this.estimateSeconds = this.#estimate(v.plan, workers, sweep.nsPerPointStep);
    const plan = sweep.plan;
    if (!plan) return;
    const view = state.view;
    const points = (this.points = this.#points(plan));
    this.stability = this.#stabilityModule ? this.#stability(plan, this.#stabilityModule) : null;
    const axes = (this.axes = this.#axes(plan, view.optimizerIndex, view.batchIndex, view.weightDecayIndex));
    this.etaIndex = Math.min(view.etaIndex, plan.eta.length - 1);
    const ranges = this.#accumulators(plan, sweep).excess;
    this.scale = view.colorBy === 'epochs' ? this.#epochsScale(plan.epochs) : this.#excessScale(ranges, this.etaIndex, ranges.version);

    // Traces: until an idle job has recomputed the missing runs, the previous traces of the same
    // plan stay on screen (none for a new plan).
    const traces = this.#traces(plan, selectionKey(plan, view.selected), this.#traceGeneration);
    if (traces) this.traces = traces;
    else if (this.#tracesPlan !== plan) this.traces = NO_TRACES;
    this.#tracesPlan = plan;
    this.curveRange = this.#curveRange(this.traces, view.logScale, plan.tolerance);
    this.splitRange = this.#splitRange(this.traces.value.at(-1) ?? []);

    // Surfaces: one-input data only; the window follows the selected paths. Computed once their
    // section is near the screen (and then kept up to date for this plan).
    if (!mappable(plan)) this.#surface = { plan, key: '', extent: null, value: null, stale: false };
    else if (this.#surface.plan === plan && this.#surface.extent && view.selected.some(isMoved)) {
      // A start or η moved by hand keeps the window it was moved in: a window that followed the
      // dragged path would slide under the pointer.
    } else if (this.#surfacesVisible() || this.#surface.plan === plan) {
      const { extent, key } = this.#extent(plan, points, this.traces);
      if (this.#surface.plan !== plan || this.#surface.key !== key) {
        this.#surface = { plan, key, extent, value: this.#surface.plan === plan ? this.#surface.value : null, stale: true };
      }
    }
    this.surfaces = this.#surface.plan === plan ? this.#surface.value : null;

    const accumulated = this.#accumulators(plan, sweep).summary;
    this.summary = accumulated ? accumulated.summary() : this.#summaryAt(plan, sweep.result, sweep.revision, axes);
    this.outcomes = this.#accumulators(plan, sweep).outcomes.counts();

    const config = primarySelection(view);
    const inside = config !== null && insidePlan(plan, config);
    this.snippet = inside && this.#exportModule ? this.#snippet(plan, JSON.stringify(config), this.#exportModule) : '';
  }

  /**
   * The summary table and the colour ranges, fed with the run ranges that landed since the last
   * update: O(chunk) per update at any sweep size, never a pass over all runs. A new plan or
   * result (a new sweep, an import, a history entry) is read whole once. Failed runs land
   * through no chunk: their ranges are counted when the sweep ends.
   */
  #accumulators(plan: SweepPlan, sweep: SweepController): { summary: SummaryAccumulator | null; excess: ExcessRangeAccumulator; outcomes: OutcomeCounter } {
    let current = this.#landed;
    if (current?.plan !== plan || current.result !== sweep.result) {
      sweep.drainLanded();
      current = { plan, result: sweep.result, summary: severalAxes(plan) ? null : new SummaryAccumulator(plan), excess: new ExcessRangeAccumulator(plan), outcomes: new OutcomeCounter(plan), ended: false };
      this.#landed = current;
      if (sweep.result) {
        const whole = [{ start: 0, end: plan.runCount }];
        current.summary?.add(sweep.result, whole);
        current.excess.add(sweep.result, whole);
        current.outcomes.add(sweep.result, whole);
      }
    } else if (sweep.result) {
      const landed = sweep.drainLanded();
      if (landed.length > 0) {
        current.summary?.add(sweep.result, landed);
        current.excess.add(sweep.result, landed);
        current.outcomes.add(sweep.result, landed);
      }
    }
    if (sweep.result && sweep.status !== 'running' && !current.ended) {
      current.ended = true;
      current.summary?.add(sweep.result, sweep.result.failures);
    }
    return current;
  }

  hostUpdated(): void {
    const missing = this.#missingTraces;
    if (missing) {
      // Recomputing a run with core's train takes up to a few milliseconds: not in the frame that
      // launches a sweep or answers a click, but right after it, in idle time.
      const { plan, key } = missing;
      const cache = this.#traceCache;
      this.#idle.run(
        'traces',
        [plan, key],
        function* () {
          for (const { config, lossIndex } of missing.missing) {
            cache.get(plan, config, lossIndex);
            yield;
          }
        },
        () => {
          this.#traceGeneration++;
          this.#host.requestUpdate();
        },
        60,
      );
    } else this.#idle.cancel('traces');

    const surface = this.#surface;
    if (surface.stale && surface.plan && surface.extent) {
      // In idle periods, a few milliseconds at a time (a grid, or one contour band, per step).
      const { plan, key, extent } = surface;
      this.#idle.run('surfaces', [plan, key], () => surfaceSteps(plan, extent), (value) => {
        if (this.#surface.plan !== plan || this.#surface.key !== key) return;
        this.#surface = { ...this.#surface, value, stale: false };
        this.#host.requestUpdate();
      });
    }

    // η*'s code (Newton's method, Hessians, eigenvalues) loads once there is a sweep.
    if (!this.#stabilityModule && !this.#loadingStability && this.#sweep.plan) {
      this.#loadingStability = true;
      void import('../lib/stability.js').then((module) => {
        this.#stabilityModule = module;
        this.#host.requestUpdate();
      });
    }

    // The snippet's code (with the result-file writers) loads once a run is selected.
    if (!this.#exportModule && !this.#loadingExport && primarySelection(this.#host.state.view) && this.#sweep.plan) {
      this.#loadingExport = true;
      void import('../lib/export.js').then((module) => {
        this.#exportModule = module;
        this.#host.requestUpdate();
      });
    }
  }

  hostDisconnected(): void {
    // Jobs cancelled here start again on the next update after a reconnect: what they were
    // computing is still marked missing (traces) or stale (surfaces).
    this.#idle.cancelAll();
  }
}
