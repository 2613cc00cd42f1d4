// The sweep form: dataset, losses, η axis, init axis, epochs, reduction, ε. Every keystroke is an
// action on the app state; issues come back from validation and show at their field. It shows the
// run count and an estimated time, and asks for a run on submit.

import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { AxisDraft, DraftField, FieldIssue, IssueField, SweepDraft } from '../lib/draft.js';
import { formatCount, formatDuration, formatNumber } from '../lib/format.js';
import { MAX_URL_CSV_CHARS, urlCarriesCsv } from '../lib/url-state.js';
import { describeError } from '../lib/describe-error.js';
import { dispatchAction, notify, requestRun } from './events.js';
import { sweepFormStyles } from './ll-sweep-form.styles.js';
import { fieldId, issueFor, issueText, radioField, selectField, textField, type FieldContext } from './form-fields.js';
import { sharedStyles } from './shared-styles.js';

@customElement('ll-sweep-form')
export class LlSweepForm extends LitElement {
  static override styles = [sharedStyles, sweepFormStyles];

  /** The form's contents (the app state's draft). */
  @property({ attribute: false }) draft!: SweepDraft;
  /** Problems found in the draft, shown at their fields. */
  @property({ attribute: false }) issues: FieldIssue[] = [];
  /** Runs of the sweep as it stands, or null while the form has issues. */
  @property({ type: Number, attribute: false }) runCount: number | null = null;
  /** Runs × points × epochs, or null. */
  @property({ type: Number, attribute: false }) pointSteps: number | null = null;
  /** Estimated seconds for the sweep, or null. */
  @property({ type: Number, attribute: false }) estimateSeconds: number | null = null;
  /** Workers the sweep will use. */
  @property({ type: Number }) workers = 1;
  /** True while a sweep runs (Run then restarts it). */
  @property({ type: Boolean }) running = false;

  /** Moves focus to the first field with an issue (after a refused Run). */
  focusFirstIssue(): void {
    const first = this.issues[0];
    if (!first) return;
    const control = this.renderRoot.querySelector<HTMLElement>(`#${fieldId(first.field)}`) ?? this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]');
    control?.focus();
  }

  override render() {
    const d = this.draft;
    return html`
      <form novalidate @submit=${this._onSubmit} aria-label="Sweep settings">
        ${this._datasetFields(d)} ${this._lossFields(d)}
        <fieldset>
          <legend>Learning rate η</legend>
          ${this._axisFields('eta', d.eta, true)}
        </fieldset>
        ${this._initFields(d)} ${this._trainingFields()}
        <div class="launch">
          <p class="count" id="run-count" aria-live="polite">${this._countText()}</p>
          ${this._issue('runs')} ${this._issue('form')}
          <button class="primary" type="submit" id="run">${this.running ? 'Restart sweep' : 'Run sweep'}</button>
        </div>
      </form>
    `;
  }

  private _countText(): TemplateResult {
    if (this.runCount === null) {
      const n = this.issues.length;
      return html`<span class="muted">Fix ${n === 1 ? 'the field' : `the ${n} fields`} marked ⚠ to see the run count.</span>`;
    }
    const estimate = this.estimateSeconds === null ? '' : ` · about ${formatDuration(this.estimateSeconds)} on ${this.workers} worker${this.workers === 1 ? '' : 's'}`;
    return html`<strong>${formatCount(this.runCount)}</strong> runs${this.pointSteps === null ? '' : ` · ${formatNumber(this.pointSteps, 2)} neuron updates`}${estimate}`;
  }

  private _datasetFields(d: SweepDraft): TemplateResult {
    const source = d.dataset.source;
    return html`
      <fieldset>
        <legend>Dataset</legend>
        ${this._radios('dataset.source', 'Source', [
          ['builtin', 'Lecture'],
          ['generated', 'Generated'],
          ['csv', 'CSV'],
        ])}
        ${source === 'builtin'
          ? this._select('dataset.builtin', 'Data', [
              ['toy', 'Two points, soft labels (x = 0.5, 2.5)'],
              ['five-point', 'Five points, hard labels'],
            ])
          : nothing}
        ${source === 'generated'
          ? html`
              ${this._select('dataset.generator', 'Generator', [
                ['noisy-threshold', 'Noisy threshold (1 input)'],
                ['two-classes', 'Two classes (d inputs)'],
              ])}
              <div class="row">
                ${this._text('dataset.n', 'Points n')} ${this._text('dataset.seed', 'Seed', undefined, undefined, 'Seed of the generated data')} ${this._text('dataset.noise', 'Noise')}
                ${d.dataset.generator === 'two-classes'
                  ? html`${this._text('dataset.d', 'Inputs d')} ${this._text('dataset.separation', 'Separation')}`
                  : html`${this._text('dataset.threshold', 'Threshold')} ${this._text('dataset.range', 'Range ±')}`}
              </div>
            `
          : nothing}
        ${source === 'csv' ? this._csvFields(d) : nothing}
      </fieldset>
    `;
  }

  private _csvFields(d: SweepDraft): TemplateResult {
    const id = fieldId('dataset.csvText');
    const issue = this._issueFor('dataset.csvText');
    return html`
      <div class="field">
        <label for="f-csv-file">CSV file (features, then the label in [0, 1])</label>
        <input id="f-csv-file" type="file" accept=".csv,text/csv,text/plain" @change=${this._onFile} />
      </div>
      <div class="field">
        <label for=${id}>…or paste its rows${d.dataset.csvName ? html` (<span class="muted">${d.dataset.csvName}</span>)` : nothing}</label>
        <textarea
          id=${id}
          spellcheck="false"
          placeholder=${'x,y\n0.5,0.2\n2.5,0.9'}
          aria-invalid=${issue ? 'true' : 'false'}
          aria-describedby=${issue ? `${id}-issue` : nothing}
          .value=${d.dataset.csvText}
          @input=${(e: Event) => this._set('dataset.csvText', (e.target as HTMLTextAreaElement).value)}
        ></textarea>
        ${this._issue('dataset.csvText')}
        ${urlCarriesCsv(d)
          ? nothing
          : html`<p class="hint" id="csv-link-note" role="status">
              This CSV has ${formatCount(d.dataset.csvText.length)} characters; a link carries a CSV of up to ${formatCount(MAX_URL_CSV_CHARS)}, so links to this sweep (the address bar, Copy link) leave it out and say so: whoever opens one chooses the file again.
            </p>`}
      </div>
    `;
  }

  private _lossFields(d: SweepDraft): TemplateResult {
    const issue = this._issueFor('losses');
    return html`
      <fieldset aria-describedby=${issue ? `${fieldId('losses')}-issue` : nothing} aria-invalid=${issue ? 'true' : 'false'}>
        <legend>Losses</legend>
        <div class="choices" id=${fieldId('losses')} tabindex="-1">
          <label><input type="checkbox" id=${fieldId('losses.se')} .checked=${d.losses.se} @change=${(e: Event) => this._set('losses.se', (e.target as HTMLInputElement).checked)} />Squared error</label>
          <label><input type="checkbox" id=${fieldId('losses.ce')} .checked=${d.losses.ce} @change=${(e: Event) => this._set('losses.ce', (e.target as HTMLInputElement).checked)} />Cross-entropy</label>
        </div>
        ${this._issue('losses')}
      </fieldset>
    `;
  }

  private _initFields(d: SweepDraft): TemplateResult {
    const random = d.init.mode === 'random';
    return html`
      <fieldset>
        <legend>Initial weights</legend>
        ${this._radios('init.mode', 'Starts', [
          ['grid', 'w0 × b0 grid'],
          ['random', 'Random'],
        ])}
        ${random
          ? html`
              ${this._select('init.scheme', 'Scheme', [
                ['normal', 'Normal N(0, σ²)'],
                ['uniform', 'Uniform U(−a, a)'],
                ['glorot', 'Glorot (b = 0)'],
                ['constant', 'Constant c'],
                ['zeros', 'Zeros'],
              ])}
              <div class="row">
                ${d.init.scheme === 'zeros' ? nothing : this._text('init.parameter', { normal: 'σ', uniform: 'a', glorot: 'Gain', constant: 'c', zeros: '' }[d.init.scheme])}
                ${this._text('init.count', 'Count', undefined, undefined, 'Count of random starts')} ${this._text('init.seed', 'Seed', undefined, undefined, 'Seed of random starts')}
              </div>
            `
          : html`
              <p class="subhead">w0</p>
              ${this._axisFields('init.w0', d.init.w0, false)}
              <p class="subhead">b0</p>
              ${this._axisFields('init.b0', d.init.b0, false)}
            `}
      </fieldset>
    `;
  }

  private _trainingFields(): TemplateResult {
    return html`
      <fieldset>
        <legend>Training</legend>
        <div class="row">
          ${this._text('optimizer', 'Optimizers', 'gd, momentum, nesterov, rmsprop, adam, adagrad; hyperparameters as adam:beta1=0.8')}
          ${this._text('batchSize', 'Batch sizes', 'empty: the whole dataset')}
          ${this._text('weightDecay', 'Weight decay λ', 'L2 on w, added to the gradient')}
          ${this._text('epochs', 'Epochs')}
          ${this._select('reduction', 'Reduction', [
            // Short enough for a third of the sidebar (a longer option was cut to "Sum (le").
            ['sum', 'Sum'],
            ['mean', 'Mean'],
          ])}
          ${this._text('tolerance', 'Fit ε', undefined, 'tolerance-hint')}
        </div>
        <p class="hint" id="tolerance-hint">Reduction: the loss summed over the points (the lecture’s) or their mean. A run has converged at the epoch from which every |ŷ − y| stays ≤ ε.</p>
      </fieldset>
    `;
  }

  private _axisFields(prefix: 'eta' | 'init.w0' | 'init.b0', axis: AxisDraft, withScale: boolean): TemplateResult {
    const name = prefix === 'eta' ? 'η' : prefix === 'init.w0' ? 'w0' : 'b0';
    return html`
      ${this._radios(`${prefix}.mode`, `${name} values`, [
        ['range', 'Range'],
        ['list', 'List'],
      ])}
      ${axis.mode === 'list'
        ? this._text(`${prefix}.list`, `${name} list`, 'Numbers separated by commas or spaces')
        : html`
            <div class="row">
              ${this._text(`${prefix}.from`, 'From', undefined, undefined, `${name} from`)} ${this._text(`${prefix}.to`, 'To', undefined, undefined, `${name} to`)}
              ${this._text(`${prefix}.count`, 'Count', undefined, undefined, `${name} count`)}
            </div>
            ${withScale
              ? this._radios(`${prefix}.scale`, `${name} spacing`, [
                  ['log', 'Log'],
                  ['linear', 'Linear'],
                ])
              : nothing}
          `}
    `;
  }

  /** The draft, its issues and the change action, for the field templates. */
  private get _ctx(): FieldContext {
    return { draft: this.draft, issues: this.issues, set: (field, value) => this._set(field, value) };
  }

  private _text(field: DraftField, label: string, hint?: string, describedBy?: string, name?: string): TemplateResult {
    return textField(this._ctx, field, label, hint, describedBy, name);
  }

  private _select(field: DraftField, label: string, options: [string, string][]): TemplateResult {
    return selectField(this._ctx, field, label, options);
  }

  private _radios(field: DraftField, label: string, options: [string, string][]): TemplateResult {
    return radioField(this._ctx, field, label, options);
  }

  private _issueFor(field: IssueField): FieldIssue | undefined {
    return issueFor(this._ctx, field);
  }

  private _issue(field: IssueField): TemplateResult | typeof nothing {
    return issueText(this._ctx, field);
  }

  private _set(field: DraftField, value: string | boolean): void {
    dispatchAction(this, { type: 'set-field', field, value });
  }

  private async _onFile(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    let text: string;
    try {
      text = await file.text();
    } catch (error) {
      notify(this, 'error', describeError(error, `Could not read ${file.name}`));
      return;
    }
    this._set('dataset.csvName', file.name);
    this._set('dataset.csvText', text);
  }

  private _onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    requestRun(this);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'll-sweep-form': LlSweepForm;
  }
}
