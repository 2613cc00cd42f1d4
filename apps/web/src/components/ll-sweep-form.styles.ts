// The sweep form's styles: its fields in one column, the Run row that stays in view at the bottom of
// the sidebar, hints and issues under their fields. Apart from ll-sweep-form.ts (as ll-app's are
// from the shell) so that the element's file is its template and behaviour.

import { css } from 'lit';

export const sweepFormStyles = css`
  :host {
    display: block;
  }
  form {
    display: grid;
    gap: 0.75rem;
  }
  /* The run count and Run stay in view at the bottom of the sidebar while its fields scroll
     (the sidebar scrolls on wide screens; at the narrow breakpoint it does not, and this is inert). */
  .launch {
    position: sticky;
    bottom: 0;
    z-index: 1;
    background: var(--ll-page);
    padding: 0.4rem 0 0.5rem;
    box-shadow: 0 -8px 8px -8px rgb(0 0 0 / 18%);
  }
  fieldset {
    margin: 0;
    padding: 0.6rem 0.75rem 0.75rem;
    border: 1px solid var(--ll-line);
    border-radius: var(--ll-radius);
    background: var(--ll-panel);
    min-width: 0;
  }
  legend {
    font-weight: 600;
    padding: 0 0.25rem;
  }
  .row {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(5.5rem, 1fr));
    gap: 0.5rem;
    align-items: start;
  }
  .field {
    display: grid;
    gap: 0.15rem;
    min-width: 0;
    margin-top: 0.4rem;
  }
  /* The optimizer field takes its row's whole width: its value and its hint are lists of names,
     and in a third of the row its hint either ran into the next column (adam:beta1=0.8) or, with
     overflow-wrap: anywhere, broke words mid-word ("hyperparame|ters" at 1440 px). Hints wrap
     between words only (e2e/form-hints.e2e.test.ts). */
  .row > .field:has(#f-optimizer) {
    grid-column: 1 / -1;
  }
  label,
  .label {
    font-size: 0.85rem;
    color: var(--ll-muted);
  }
  input[type='text'],
  select,
  textarea {
    font: inherit;
    width: 100%;
    min-width: 0;
    min-height: 2.25rem;
    padding: 0.3rem 0.45rem;
    border: 1px solid #b9b8b1;
    border-radius: 5px;
    background: #fff;
    color: inherit;
  }
  textarea {
    font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
    font-size: 0.8rem;
    min-height: 4.5rem;
    resize: vertical;
  }
  [aria-invalid='true'] {
    border-color: var(--ll-error);
    box-shadow: 0 0 0 1px var(--ll-error);
  }
  .choices {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 0.9rem;
    margin-top: 0.3rem;
  }
  .choices label {
    color: var(--ll-ink);
    font-size: 0.92rem;
    display: inline-flex;
    gap: 0.3rem;
    align-items: center;
    min-height: 1.75rem;
  }
  .issue {
    color: var(--ll-error);
    font-size: 0.82rem;
    margin: 0.1rem 0 0;
  }
  .issue::before {
    content: '⚠ ';
  }
  .subhead {
    font-size: 0.85rem;
    font-weight: 600;
    margin: 0.6rem 0 0;
  }
  .launch {
    display: grid;
    gap: 0.4rem;
  }
  .count {
    font-size: 0.9rem;
  }
  .count strong {
    font-variant-numeric: tabular-nums;
  }
  button.primary {
    width: 100%;
    min-height: 2.6rem;
    font-size: 1rem;
  }
  input[type='file'] {
    font: inherit;
    font-size: 0.85rem;
    max-width: 100%;
  }
`;
