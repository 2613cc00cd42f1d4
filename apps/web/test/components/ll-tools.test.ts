import { afterEach, describe, expect, it } from 'vitest';
import '../../src/components/ll-formula.js';
import '../../src/components/ll-results-tools.js';
import type { LlFormula } from '../../src/components/ll-formula.js';
import type { LlResultsTools } from '../../src/components/ll-results-tools.js';
import { FORMULAS } from '../../src/lib/formulas.js';
import { collect, mount, shadow, waitFor } from './helpers.js';

afterEach(() => document.body.replaceChildren());

describe('<ll-formula>', () => {
  it('typesets every constant formula as MathML once KaTeX has loaded, with its text as the label', async () => {
    for (const name of Object.keys(FORMULAS) as (keyof typeof FORMULAS)[]) {
      const formula = document.createElement('ll-formula') as LlFormula;
      formula.name = name;
      mount(formula);
    }
    const all = [...document.querySelectorAll('ll-formula')];
    await waitFor(() => all.every((f) => f.shadowRoot?.querySelector('math')), 'every formula typeset');
    for (const f of all) {
      expect(f.shadowRoot!.querySelector('.katex-error')).toBeNull();
      expect(f.shadowRoot!.querySelector('.tex')!.getAttribute('aria-label')).toBe(FORMULAS[(f as LlFormula).name].text);
    }
  });

  it('renders nothing for a name that is not one of its formulas (never markup from elsewhere)', async () => {
    const formula = document.createElement('ll-formula') as LlFormula;
    formula.setAttribute('name', '<img src=x onerror=alert(1)>');
    mount(formula);
    await formula.updateComplete;
    expect(formula.shadowRoot!.querySelector('img')).toBeNull();
    expect(formula.shadowRoot!.textContent?.trim()).toBe('');
  });
});

describe('<ll-results-tools>', () => {
  it('shows the snippet as text, asks for exports and imports, and lists the history', async () => {
    const tools = document.createElement('ll-results-tools') as LlResultsTools;
    tools.snippet = "const x = '<b>not markup</b>';";
    tools.finished = true;
    tools.history = [{ id: 1, savedAt: 0, spec: { version: 1, dataset: 'toy', losses: ['se', 'ce'], eta: [1], init: { w0: [-2], b0: [-2] }, epochs: 1000, reduction: 'sum', tolerance: 0.01, curve: 'none' }, runCount: 2, completed: 2, cancelled: false }];
    mount(tools);
    await tools.updateComplete;
    expect(shadow(tools, 'pre.snippet').textContent).toBe("const x = '<b>not markup</b>';");
    expect(shadow(tools, 'pre.snippet').querySelector('b')).toBeNull();
    const exports = collect<string>('ll-export');
    shadow<HTMLButtonElement>(tools, '#export-csv').click();
    expect(exports.events).toEqual(['csv']);
    exports.stop();
    const history = shadow(tools, 'll-history');
    await (history as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    expect(history.shadowRoot!.querySelector('li')!.textContent).toContain('the lecture’s two points · squared error and cross-entropy · η 1 · 1 start: w0 −2 × b0 −2 · 1,000 epochs, summed loss, fit within ε = 0.01');
    const opened = collect<number>('ll-history-open');
    history.shadowRoot!.querySelector<HTMLButtonElement>('button.open')!.click();
    expect(opened.events).toEqual([1]);
    opened.stop();
    tools.finished = false;
    await tools.updateComplete;
    expect(shadow<HTMLButtonElement>(tools, '#export-json').disabled).toBe(true);
  });
});
