// The sweep form's controls as templates: a text field, a select and a radio group bound to one
// draft field, each with its label, its issue (shown under it, tied with aria-describedby and
// aria-invalid) and an action on change. ll-sweep-form composes them; they render into its shadow
// root, so every control's id is unique there (`fieldId`).

import { html, nothing, type TemplateResult } from 'lit';
import { draftValue, type DraftField, type FieldIssue, type IssueField, type SweepDraft } from '../lib/draft.js';

/** What the templates read and call: the draft, its issues, and how to change a field. */
export interface FieldContext {
  draft: SweepDraft;
  issues: readonly FieldIssue[];
  set: (field: DraftField, value: string | boolean) => void;
}

/** The DOM id of a field's control: `f-` and the field's path with dots as dashes (`f-eta-from`). */
export function fieldId(field: IssueField): string {
  return `f-${field.replace(/\./g, '-')}`;
}

/** The first issue of a field, if any. */
export function issueFor(ctx: FieldContext, field: IssueField): FieldIssue | undefined {
  return ctx.issues.find((issue) => issue.field === field);
}

/** A field's issue as a paragraph with id `<fieldId>-issue`, or nothing. */
export function issueText(ctx: FieldContext, field: IssueField): TemplateResult | typeof nothing {
  const issue = issueFor(ctx, field);
  return issue ? html`<p class="issue" id="${fieldId(field)}-issue">${issue.message}</p>` : nothing;
}

/**
 * A labelled text input (decimal keyboard on phones), with an optional hint and extra description.
 * `name`: its accessible name when the visible label is short and repeats in the form ("From" →
 * "η from"); it contains the label's words, so speech input that says the label still finds it.
 */
export function textField(ctx: FieldContext, field: DraftField, label: string, hint?: string, describedBy?: string, name?: string): TemplateResult {
  const id = fieldId(field);
  const issue = issueFor(ctx, field);
  const described = [issue ? `${id}-issue` : '', hint ? `${id}-hint` : '', describedBy ?? ''].filter(Boolean).join(' ');
  return html`
    <div class="field">
      <label for=${id}>${label}</label>
      <input
        id=${id}
        type="text"
        inputmode="decimal"
        autocomplete="off"
        spellcheck="false"
        .value=${String(draftValue(ctx.draft, field))}
        aria-label=${name ?? nothing}
        aria-invalid=${issue ? 'true' : 'false'}
        aria-describedby=${described || nothing}
        @input=${(e: Event) => ctx.set(field, (e.target as HTMLInputElement).value)}
      />
      ${hint ? html`<p class="hint" id="${id}-hint">${hint}</p>` : nothing} ${issueText(ctx, field)}
    </div>
  `;
}

/** A labelled select of `[value, text]` options. */
export function selectField(ctx: FieldContext, field: DraftField, label: string, options: [string, string][]): TemplateResult {
  const id = fieldId(field);
  const value = String(draftValue(ctx.draft, field));
  const issue = issueFor(ctx, field);
  return html`
    <div class="field">
      <label for=${id}>${label}</label>
      <select id=${id} aria-invalid=${issue ? 'true' : 'false'} aria-describedby=${issue ? `${id}-issue` : nothing} @change=${(e: Event) => ctx.set(field, (e.target as HTMLSelectElement).value)}>
        ${options.map(([v, text]) => html`<option value=${v} ?selected=${v === value}>${text}</option>`)}
      </select>
      ${issueText(ctx, field)}
    </div>
  `;
}

/** A radio group of `[value, text]` options, named by `label`. */
export function radioField(ctx: FieldContext, field: DraftField, label: string, options: [string, string][]): TemplateResult {
  const id = fieldId(field);
  const value = String(draftValue(ctx.draft, field));
  return html`
    <div class="choices" role="radiogroup" aria-label=${label} id=${id}>
      ${options.map(([v, text]) => html`<label><input type="radio" name=${id} value=${v} .checked=${v === value} @change=${() => ctx.set(field, v)} />${text}</label>`)}
    </div>
  `;
}
