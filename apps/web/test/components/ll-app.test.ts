import { afterEach, describe, expect, it } from 'vitest';
import '../../src/components/ll-app.js';
import type { LlApp } from '../../src/components/ll-app.js';
import type { LlSweepForm } from '../../src/components/ll-sweep-form.js';
import { deep, deepAll, mount, settled, shadow, typeInto, waitFor } from './helpers.js';

function app(): LlApp {
  return mount(document.createElement('ll-app'));
}

// Elements sit in the sections' shadow roots (ll-app → ll-heatmaps-section → ll-heatmap): look through them all.
const inner = (root: LlApp, host: string, selector: string) => shadow(deep(root, host), selector);
const all = (root: LlApp, selector: string) => deepAll(root, selector);
const status = (root: LlApp) => inner(root, 'll-progress', '.box').dataset.status;

describe('<ll-app>', () => {
  afterEach(() => document.body.replaceChildren());

  it('runs the lecture preset: one start, so no heatmap but its run selected, its curves, paths and split show', async () => {
    const root = app();
    await root.updateComplete;
    inner(root, 'll-presets', '#preset-lecture-two-point').click();
    await waitFor(() => status(root) === 'done', 'the sweep to finish');
    expect(root.state.run).toMatchObject({ dataset: 'toy', eta: [1], init: { w0: [-2], b0: [-2] }, epochs: 1000 });
    expect(root.state.view.selected).toEqual([{ etaIndex: 0, initIndex: 0 }]);
    expect(all(root, 'll-heatmap')).toEqual([]);
    expect(inner(root, 'll-run-controls', '#one-start-note').textContent).toMatch(/one start, \(w0, b0\) = \(−2, −2\), so there is no map/);
    for (const curves of all(root, 'll-curves')) {
      await waitFor(() => curves.shadowRoot!.querySelector('.uplot canvas'), `the ${curves.dataset.loss} chart`);
      expect(shadow(curves, 'ul').textContent).toMatch(/fit from epoch (291|36)/);
    }
    shadow(root, '#surfaces').scrollIntoView();
    for (const surface of all(root, 'll-surface')) {
      await waitFor(() => surface.shadowRoot!.querySelector('polyline'), `the ${surface.dataset.loss} descent path`);
      expect(surface.shadowRoot!.querySelectorAll('path').length).toBeGreaterThan(3);
    }
    for (const split of all(root, 'll-gradient-split')) await waitFor(() => split.shadowRoot!.querySelector('.uplot'), 'the gradient split');
    const rows = inner(root, 'll-summary-table', 'tbody').querySelectorAll('tr');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.textContent).toContain('8.1×');
    // The state is one plain, serializable object.
    expect(JSON.parse(JSON.stringify(root.state))).toEqual(root.state);
  });

  it('selects a start in both panels with a click, and changes η with the slider', async () => {
    const root = app();
    await root.updateComplete;
    inner(root, 'll-presets', '#preset-saturation-sweep').click();
    await waitFor(() => status(root) === 'done', 'the sweep to finish', 60_000);
    const [se, ce] = all(root, 'll-heatmap');
    const canvas = shadow<HTMLCanvasElement>(se!, 'canvas');
    const box = canvas.getBoundingClientRect();
    canvas.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, clientX: box.left + 2, clientY: box.bottom - 2 }));
    await settled(root);
    expect(root.state.view.selected).toEqual([{ etaIndex: root.state.view.etaIndex, initIndex: 0 }]);
    expect((ce as unknown as { selected: unknown[] }).selected).toEqual(root.state.view.selected);
    const slider = deep<HTMLInputElement>(root, '#eta-slider');
    slider.value = '2';
    slider.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await settled(root);
    expect(root.state.view.etaIndex).toBe(2);
    expect(deep(root, 'output').textContent).toContain('0.0251');
  });

  it('shows bad inputs at their field and starts nothing', async () => {
    const root = app();
    await root.updateComplete;
    const form = shadow<LlSweepForm>(root, 'll-sweep-form');
    const field = (id: string) => shadow<HTMLInputElement>(form, `#${id}`);
    const run = async () => {
      shadow<HTMLButtonElement>(form, '#run').click();
      await root.updateComplete;
      await form.updateComplete;
    };

    // η = 0
    typeInto(field('f-eta-from'), '0');
    await root.updateComplete;
    await run();
    expect(field('f-eta-from').getAttribute('aria-invalid')).toBe('true');
    expect(shadow(form, '#f-eta-from-issue').textContent).toMatch(/> 0, got 0/);
    expect(status(root)).toBe('idle');
    typeInto(field('f-eta-from'), '0.01');

    // An empty grid
    typeInto(field('f-init-w0-count'), '0');
    await root.updateComplete;
    await run();
    expect(shadow(form, '#f-init-w0-count-issue').textContent).toMatch(/integer ≥ 1, got 0/);
    expect(status(root)).toBe('idle');
    typeInto(field('f-init-w0-count'), '32');

    // A CSV with a non-numeric cell
    shadow<HTMLInputElement>(form, 'input[name="f-dataset-source"][value="csv"]').click();
    shadow<HTMLInputElement>(form, 'input[name="f-dataset-source"][value="csv"]').dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    await root.updateComplete;
    await form.updateComplete;
    typeInto(shadow<HTMLTextAreaElement>(form, '#f-dataset-csvText'), 'x,y\n0.5,0.2\n2.5,oops\n');
    await root.updateComplete;
    await run();
    expect(shadow(form, '#f-dataset-csvText').getAttribute('aria-invalid')).toBe('true');
    expect(shadow(form, '#f-dataset-csvText-issue').textContent).toBe('line 3, column 2: "oops" is not a number');
    expect(status(root)).toBe('idle');
    expect(root.state.run).toBeNull();
    expect(shadow(form, '#run-count').textContent).toMatch(/Fix the field/);
  });

  it('shows a generator\'s threshold, range and separation as labelled fields, checked as typed', async () => {
    const root = app();
    await root.updateComplete;
    const form = shadow<LlSweepForm>(root, 'll-sweep-form');
    const settle = async () => {
      await root.updateComplete;
      await form.updateComplete;
    };
    const generated = shadow<HTMLInputElement>(form, 'input[name="f-dataset-source"][value="generated"]');
    generated.click();
    generated.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    await settle();
    const label = (id: string) => form.shadowRoot!.querySelector(`label[for="${id}"]`)?.textContent;
    expect(label('f-dataset-threshold')).toBe('Threshold');
    expect(label('f-dataset-range')).toBe('Range ±');
    expect(form.shadowRoot!.querySelector('#f-dataset-separation')).toBeNull();
    const threshold = shadow<HTMLInputElement>(form, '#f-dataset-threshold');
    expect(threshold.value).toBe('0');
    expect(threshold.tabIndex).toBe(0);
    typeInto(threshold, '0.5');
    await settle();
    expect(root.state.draft.dataset.threshold).toBe('0.5');
    expect(threshold.getAttribute('aria-invalid')).toBe('false');
    typeInto(shadow<HTMLInputElement>(form, '#f-dataset-range'), '-1');
    await settle();
    expect(shadow(form, '#f-dataset-range').getAttribute('aria-invalid')).toBe('true');
    expect(shadow(form, '#f-dataset-range-issue').textContent).toMatch(/range must be a finite number ≥ 0, got -1/);
    expect(shadow(form, '#f-dataset-range').getAttribute('aria-describedby')).toBe('f-dataset-range-issue');

    const generator = shadow<HTMLSelectElement>(form, '#f-dataset-generator');
    generator.value = 'two-classes';
    generator.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    await settle();
    expect(form.shadowRoot!.querySelector('#f-dataset-threshold')).toBeNull();
    expect(label('f-dataset-separation')).toBe('Separation');
    typeInto(shadow<HTMLInputElement>(form, '#f-dataset-separation'), 'abc');
    await settle();
    expect(shadow(form, '#f-dataset-separation-issue').textContent).toBe('"abc" is not a number');
  });
});
