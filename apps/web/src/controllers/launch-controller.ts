// The sweep flow of the app: what a Run click, a preset, a step of the guided tour, a link (or Back
// and Forward) and an opened result file or history entry do. Each decides what runs, what the
// state becomes (one action through the host's dispatch), when the address becomes a new history
// entry, and where focus or scrolling goes once the view is rendered. It lives here rather than in
// ll-app so that the shell only lays out and routes events: the flow is the part of the app with
// an order to get right (state before the run, the run before the URL push, the push after the
// update that shows it), and it reads four other controllers to do it.
//
// It also owns what goes with the sweep on display rather than with the state: where it came from
// (`opened`: a run, an imported file, the history), and the reset of the shell's transient
// pointers (hover, epoch cursor), which point into the sweep being replaced.
//
// It is not a lifecycle controller (nothing to do on connect): the URL controller opens a link's
// sweep on connect through `link`, so the sweep controller, which creates the pool on connect,
// must be added to the host before the URL controller (ll-app constructs them in that order).

import type { ReactiveControllerHost } from 'lit';
import type { SweepPlan, SweepResult, SweepSpec } from '@losslab/worker';
import { GUIDE, isGuideStep } from '../lib/guide.js';
import { openingView, shownEtaIndex, shownSelection, type OpeningSource } from '../lib/opening-view.js';
import { presetById, type PresetId } from '../lib/presets.js';
import { draftFromSpec } from '../lib/spec-draft.js';
import type { Action, AppState } from '../lib/state.js';
import { isNarrow } from '../components/breakpoint.js';
import type { ResultOrigin } from '../components/ll-results-tools.js';
import type { LlSweepForm } from '../components/ll-sweep-form.js';
import type { DerivedController } from './derived-controller.js';
import type { HistoryController } from './history-controller.js';
import type { SweepController } from './sweep-controller.js';
import type { UrlStateController } from './url-state-controller.js';

/** What the flow needs from its host: the state and its one update path, and its rendered tree. */
export interface LaunchHost extends ReactiveControllerHost {
  readonly state: AppState;
  dispatch(action: Action): void;
  readonly updateComplete: Promise<boolean>;
  readonly renderRoot: HTMLElement | DocumentFragment;
}

/** The controllers the flow drives, and the host's reset of its transient pointers. */
export interface LaunchOptions {
  sweep: SweepController;
  derived: DerivedController;
  history: HistoryController;
  url: UrlStateController;
  /** Forgets the hovered start and the epoch cursor: they point into the sweep being replaced. */
  resetPointers: () => void;
}

export class LaunchController {
  /** Where the sweep on display came from (the results tools say so for a file or the history). */
  opened: ResultOrigin = 'run';

  readonly #host: LaunchHost;
  readonly #o: LaunchOptions;

  constructor(host: LaunchHost, options: LaunchOptions) {
    this.#host = host;
    this.#o = options;
  }

  /** Run: the form's sweep runs and becomes a history entry; with a problem in the form, focus goes to it. */
  run(): void {
    const { spec, plan } = this.#o.derived.validate(this.#host.state.draft);
    if (spec && plan) {
      this.#launch(spec, plan, {});
      this.#afterUpdate(() => this.#o.url.push());
    } else this.#afterUpdate(() => this.#form()?.focusFirstIssue());
  }

  /** A preset: it fills in the form and runs at once, as a new history entry (Back returns to the sweep before). */
  preset(id: PresetId): void {
    const preset = presetById(id);
    this.#host.dispatch({ type: 'load-preset', preset: preset.id });
    const { spec, plan } = this.#o.derived.validate(this.#host.state.draft);
    if (!spec || !plan) return;
    this.#launch(spec, plan, { focus: preset.focus });
    this.#afterUpdate(() => this.#o.url.push());
    // On a narrow screen the form stands between the presets and the results: go to the results.
    if (isNarrow()) this.#afterUpdate(() => this.#find('ll-progress')?.scrollIntoView({ block: 'start', behavior: 'smooth' }));
  }

  /** A step of the guided tour (0 closes it): its view (a sweep runs), then a new history entry, so Back returns to the step before. */
  guide(step: number): void {
    const target = isGuideStep(step) ? GUIDE[step - 1]!.view : null;
    if (target?.kind === 'sweep') {
      const state = this.#host.state;
      this.#host.dispatch({ type: 'open', draft: target.draft, run: state.run, view: { ...state.view, guide: step } });
      const { spec, plan } = this.#o.derived.validate(this.#host.state.draft);
      if (spec && plan) this.#launch(spec, plan, { focus: target.focus });
    } else {
      this.#host.dispatch({ type: 'set-guide', step: isGuideStep(step) ? step : 0 });
    }
    this.#afterUpdate(() => {
      this.#o.url.push();
      if (target?.kind === 'form') this.#form()?.shadowRoot?.querySelector<HTMLElement>('input, select')?.focus();
      else if (target) this.#find('ll-guide')?.scrollIntoView({ block: 'start' });
    });
  }

  /** Opens the state a link holds (`?v=1&…`); `run`: the link runs it; not `present`: the bare address (Back to the first load) shows no sweep. */
  link(linked: AppState, run: boolean, present: boolean): void {
    this.#host.dispatch({ type: 'open', draft: linked.draft, run: null, view: linked.view });
    if (!present) this.#o.sweep.clear();
    const { spec, plan } = this.#o.derived.validate(this.#host.state.draft);
    if (run && spec && plan) this.#launch(spec, plan, { view: linked.view });
  }

  /** Shows a finished result (imported or from the history): the form that plans it, its view, its arrays. */
  show(plan: SweepPlan, result: SweepResult, from: 'import' | 'history'): void {
    this.#o.resetPointers();
    const spec = plan.spec as SweepSpec;
    const etaIndex = shownEtaIndex(plan);
    const view = { ...this.#host.state.view, etaIndex, selected: shownSelection(plan, etaIndex) };
    this.#host.dispatch({ type: 'open', draft: draftFromSpec(spec), run: spec, view });
    this.#setOpened(from);
    this.#o.sweep.show(plan, result);
  }

  /** Opens a saved sweep of the history (nothing when it cannot be read: the history controller has said why). */
  async openSaved(id: number): Promise<void> {
    const opened = await this.#o.history.open(id);
    if (opened) this.show(opened.plan, opened.result, 'history');
  }

  /** Starts a sweep: its spec and opening view go into the state, the sweep controller runs it, a finished one is saved. */
  #launch(spec: SweepSpec, plan: SweepPlan, source: Omit<OpeningSource, 'previousEta'>): void {
    const { sweep, derived, history } = this.#o;
    const previousEta = sweep.plan?.eta[derived.etaIndex];
    this.#o.resetPointers();
    this.#host.dispatch({ type: 'launch', spec, view: openingView(plan, { ...source, previousEta }) });
    this.#setOpened('run');
    void sweep.start(plan).then((result) => {
      if (result && sweep.status === 'done' && sweep.result === result) void history.save(plan, result);
    });
  }

  #setOpened(origin: ResultOrigin): void {
    this.opened = origin;
    this.#host.requestUpdate();
  }

  /** Runs `then` once the host has rendered the state just dispatched. */
  #afterUpdate(then: () => void): void {
    void this.#host.updateComplete.then(then);
  }

  #find(selector: string): Element | null {
    return this.#host.renderRoot.querySelector(selector);
  }

  #form(): LlSweepForm | null {
    return this.#host.renderRoot.querySelector('ll-sweep-form');
  }
}
