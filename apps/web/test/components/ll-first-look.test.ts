import { afterEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import '../../src/components/ll-app.js';
import type { LlApp } from '../../src/components/ll-app.js';
import type { LlFirstLook } from '../../src/components/ll-first-look.js';
import { deep, deepAll, mount, shadow, waitFor } from './helpers.js';

// The lecture's run written out plainly (summed gradients, η = 1, from w = b = −2), to check what the
// first look shows at an epoch against numbers it did not compute.
function plainAt(loss: 'se' | 'ce', epoch: number): { w: number; b: number; yHat: number[] } {
  const x = [0.5, 2.5];
  const y = [0.2, 0.9];
  let w = -2;
  let b = -2;
  const out = () => x.map((xi) => 1 / (1 + Math.exp(-(w * xi + b))));
  for (let t = 0; t < epoch; t++) {
    const a = out();
    let gw = 0;
    let gb = 0;
    for (let i = 0; i < 2; i++) {
      const dz = loss === 'se' ? (a[i]! - y[i]!) * a[i]! * (1 - a[i]!) : a[i]! - y[i]!;
      gw += dz * x[i]!;
      gb += dz;
    }
    w -= gw;
    b -= gb;
  }
  return { w, b, yHat: out() };
}

/** The two ŷ the readout prints, as numbers. */
function readoutYHat(figure: Element): number[] {
  const text = figure.querySelector('[data-readout]')!.textContent!.replace(/\s+/g, ' ');
  const match = /ŷ = ([\d.e-]+), ([\d.e-]+);/.exec(text);
  if (!match) throw new Error(`no ŷ in the readout "${text}"`);
  return [Number(match[1]), Number(match[2])];
}

describe('the first look', () => {
  afterEach(() => document.body.replaceChildren());

  it('shows both losses’ curves with the plateau annotated and the sigmoid views on first load, without any click', async () => {
    const root = mount(document.createElement('ll-app')) as LlApp;
    const look = await waitFor(() => deepAll<LlFirstLook>(root, 'll-first-look')[0], 'the first look');
    await look.updateComplete;
    const figures = [...look.shadowRoot!.querySelectorAll('figure')];
    expect(figures.map((f) => f.dataset.loss)).toEqual(['se', 'ce']);
    for (const figure of figures) {
      const curve = figure.querySelector('svg[data-chart=curve]')!;
      expect(curve.querySelector('path')!.getAttribute('d')!.split('L').length).toBe(301);
      const dots = figure.querySelectorAll('svg[data-chart=sigmoid] circle.prediction');
      expect(dots.length).toBe(2);
    }
    // The note's lines as a reader reads them.
    const note = (figure: Element) => [...figure.querySelectorAll('text.note tspan')].map((t) => t.textContent!.trim()).join(' ');
    expect(note(figures[0]!)).toMatch(/^squared error: 6\d epochs on the plateau — ŷ\(1−ŷ\) ≈ 0\.0\d+ here$/);
    expect(figures[0]!.querySelector('svg[data-chart=curve]')!.getAttribute('aria-label')).toMatch(/squared error: 6\d epochs on the plateau — ŷ\(1−ŷ\) ≈ 0\.0\d+ here\.$/);
    expect(note(figures[1]!)).toMatch(/^cross-entropy: no plateau, leaves at once — fit by epoch [1-4]\d$/);
    // Nothing ran in the workers: the first look is computed on the page, and the presets show none as chosen.
    expect(root.state.run).toBeNull();
    expect(deepAll(root, 'll-presets button[aria-current=true]')).toEqual([]);
  });

  it('scrubs epochs from the keyboard (arrows, Home, End, PageUp) and shows the neuron of that epoch', async () => {
    const look = mount(document.createElement('ll-first-look'));
    await look.updateComplete;
    const slider = shadow<HTMLInputElement>(look, '#epoch');
    slider.focus();
    await userEvent.keyboard('{Home}');
    await waitFor(() => look.epoch === 0, 'epoch 0');
    await userEvent.keyboard('{ArrowRight}{ArrowRight}{ArrowRight}');
    await waitFor(() => look.epoch === 3, 'epoch 3');
    await look.updateComplete;
    const figures = [...look.shadowRoot!.querySelectorAll('figure')];
    for (const figure of figures) {
      const loss = figure.dataset.loss as 'se' | 'ce';
      const shown = readoutYHat(figure);
      const plain = plainAt(loss, 3).yHat;
      // Shown to two significant digits: the plain values rounded the same way.
      expect(shown).toEqual(plain.map((v) => Number(v.toPrecision(2))));
      expect(figure.querySelector('[data-readout]')!.textContent).toContain('Epoch 3:');
    }
    await userEvent.keyboard('{End}');
    await waitFor(() => look.epoch === 300, 'the last epoch shown');
    await userEvent.keyboard('{PageDown}');
    await waitFor(() => look.epoch < 300, 'PageDown to move back');
    await look.updateComplete;
    const ce = look.shadowRoot!.querySelector('figure.ce')!;
    const [y0, y1] = readoutYHat(ce);
    expect(Math.abs(y0! - 0.2)).toBeLessThan(0.01);
    expect(Math.abs(y1! - 0.9)).toBeLessThan(0.01);
  });

  it('offers a skip link first in the tab order that moves focus to the results', async () => {
    const root = mount(document.createElement('ll-app')) as LlApp;
    await root.updateComplete;
    (document.activeElement as HTMLElement | null)?.blur();
    await userEvent.keyboard('{Tab}');
    await waitFor(() => root.shadowRoot!.activeElement?.classList.contains('skip-link'), 'the skip link to take focus first');
    expect(root.shadowRoot!.activeElement!.textContent).toBe('Skip to the results');
    await userEvent.keyboard('{Enter}');
    await waitFor(() => root.shadowRoot!.activeElement?.id === 'results', 'focus on the results');
    expect(root.shadowRoot!.activeElement!.localName).toBe('main');
  });

  it('gives way to the results once a preset runs', async () => {
    const root = mount(document.createElement('ll-app')) as LlApp;
    await waitFor(() => deepAll(root, 'll-first-look')[0], 'the first look');
    deep(root, '#preset-lecture-two-point').click();
    await waitFor(() => root.state.run !== null && deepAll(root, 'll-first-look').length === 0, 'the first look to give way');
  });
});
