// Step mode's controls in Chromium: step back, the epoch slider (keys and a drag's input events),
// the epoch axis zooming to the epochs played, and focus moving in when step mode opens. Every
// number shown is checked against core's train run in the test.

import { lossGradient, train, toy } from '@losslab/core';
import { planSweep } from '@losslab/worker';
import { afterEach, describe, expect, it } from 'vitest';
import '../../src/components/ll-step-mode.js';
import '../../src/components/ll-step-section.js';
import type { LlStepMode } from '../../src/components/ll-step-mode.js';
import type { LlStepSection } from '../../src/components/ll-step-section.js';
import type { LlCurves } from '../../src/components/ll-curves.js';
import { MECHANISM_COLORS, type LlMechanism } from '../../src/components/ll-mechanism.js';
import { formatNumber } from '../../src/lib/format.js';
import { mount, shadow, waitFor } from './helpers.js';

afterEach(() => document.body.replaceChildren());

const plan = planSweep({ version: 1, dataset: 'toy', losses: ['se', 'ce'], eta: [1], init: { w0: [-2], b0: [-2] }, epochs: 300 });
const config = { etaIndex: 0, initIndex: 0 };
const reference = {
  se: train({ data: toy, loss: 'se', eta: 1, w0: -2, b0: -2, epochs: 300 }),
  ce: train({ data: toy, loss: 'ce', eta: 1, w0: -2, b0: -2, epochs: 300 }),
};

async function stepMode(): Promise<LlStepMode> {
  const mode = document.createElement('ll-step-mode') as LlStepMode;
  Object.assign(mode, { plan, config, yRange: [0, 1], logScale: false });
  mount(mode);
  await mode.updateComplete;
  return mode;
}

/** The epoch, w and b step mode shows for each loss, read from the page. */
function shown(mode: LlStepMode) {
  const read = (loss: string, cls: string) => Number(shadow(mode, `.point[data-loss="${loss}"] .${cls}`).dataset.value);
  return {
    epoch: Number(shadow(mode, '#step-epoch').textContent),
    slider: Number(shadow<HTMLInputElement>(mode, '#step-scrub').value),
    se: { w: read('se', 'w'), b: read('se', 'b') },
    ce: { w: read('ce', 'w'), b: read('ce', 'b') },
  };
}

function expectEpoch(mode: LlStepMode, k: number): void {
  const view = shown(mode);
  expect(view.epoch).toBe(k);
  expect(view.slider).toBe(k);
  for (const loss of ['se', 'ce'] as const) {
    expect(view[loss].w).toBe(reference[loss].pathW[k]);
    expect(view[loss].b).toBe(reference[loss].pathB[k]);
  }
}

function key(target: Element, name: string): void {
  target.dispatchEvent(new KeyboardEvent('keydown', { key: name, bubbles: true, composed: true, cancelable: true }));
}

describe('<ll-step-mode> mechanism per point', () => {
  it('shows each point’s share of ∂L/∂w and ∂L/∂b at the scrubbed epoch, summing to core’s lossGradient at that epoch’s parameters', async () => {
    const mode = await stepMode();
    const slider = shadow<HTMLInputElement>(mode, '#step-scrub');
    for (const k of [0, 40, 137]) {
      slider.value = String(k);
      slider.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      await mode.updateComplete;
      for (const loss of ['se', 'ce'] as const) {
        const view = mode.shadowRoot!.querySelector(`.pair > div[data-loss=${loss}] ll-mechanism`)!;
        await (view as LlMechanism).updateComplete;
        const rows = [...view.shadowRoot!.querySelectorAll<HTMLTableRowElement>('tbody tr')];
        expect(rows).toHaveLength(toy.n);
        const w = reference[loss].pathW[k]!;
        const b = reference[loss].pathB[k]!;
        const gradient = lossGradient(toy, loss, w, b);
        const shareW = rows.reduce((total, row) => total + Number(row.dataset.shareW), 0);
        const shareB = rows.reduce((total, row) => total + Number(row.dataset.shareB), 0);
        expect(shareW).toBeCloseTo(gradient.dw[0]!, 14);
        expect(shareB).toBeCloseTo(gradient.db, 14);
        // Each point's factor ŷ(1 − ŷ), written out here.
        rows.forEach((row, i) => {
          const yHat = 1 / (1 + Math.exp(-(w * toy.x[i]! + b)));
          expect(Number(row.dataset.slope)).toBeCloseTo(yHat * (1 - yHat), 14);
        });
        // The update shown is −η∇L (η = 1) and the sigmoid view has a ring and a ŷ per point.
        const update = view.shadowRoot!.querySelector<HTMLElement>('.update')!;
        expect(Number(update.dataset.updateW)).toBeCloseTo(-gradient.dw[0]!, 14);
        expect(Number(update.dataset.updateB)).toBeCloseTo(-gradient.db, 14);
        expect(view.shadowRoot!.querySelectorAll('svg[data-chart=sigmoid] circle.prediction')).toHaveLength(toy.n);
      }
    }
  });

  it('colours each equation term like the mark it describes, and only squared error’s carries ŷ(1 − ŷ)', async () => {
    const mode = await stepMode();
    const views = [...mode.shadowRoot!.querySelectorAll<LlMechanism>('ll-mechanism')];
    await Promise.all(views.map((v) => v.updateComplete));
    const [se, ce] = views.map((v) => v.shadowRoot!);
    const color = (element: Element) => getComputedStyle(element).color;
    const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;
    const firstEquation = se!.querySelector('.equations .eq')!;
    expect(color(firstEquation.querySelector('.t-slope')!)).toBe(rgb(MECHANISM_COLORS.slope));
    expect(getComputedStyle(se!.querySelector('td.bar .fill')!).backgroundColor).toBe(rgb(MECHANISM_COLORS.slope));
    expect(color(firstEquation.querySelector('.t-error')!)).toBe(rgb(MECHANISM_COLORS.error));
    expect(se!.querySelector('line.error')!.getAttribute('stroke')).toBe(MECHANISM_COLORS.error);
    expect(color(firstEquation.querySelector('.t-dw')!)).toBe(rgb(MECHANISM_COLORS.dw));
    // Cross-entropy's ∂L/∂w has no factor term; squared error's has one per point written out.
    expect(ce!.querySelector('.equations .eq')!.querySelectorAll('.t-slope')).toHaveLength(0);
    expect(firstEquation.querySelectorAll('.t-slope')).toHaveLength(1 + toy.n);
    // Filled with the values: the sum printed equals ∂L/∂w at epoch 0 to the digits shown.
    const text = firstEquation.textContent!.replace(/\s+/g, ' ');
    const dw = lossGradient(toy, 'se', -2, -2).dw[0]!;
    expect(text.endsWith(`= ${formatNumber(dw, 3)}`)).toBe(true);
  });
});

describe('<ll-step-mode> controls', () => {
  it('scrubs with the slider’s keys to core’s parameters at each epoch, and steps back to k − 1', async () => {
    const mode = await stepMode();
    const slider = shadow<HTMLInputElement>(mode, '#step-scrub');
    expect(slider.max).toBe('300');
    expectEpoch(mode, 0);
    expect(shadow<HTMLButtonElement>(mode, '#step-back').disabled).toBe(true);
    key(slider, 'PageUp');
    await mode.updateComplete;
    expectEpoch(mode, 30);
    key(slider, 'PageUp');
    key(slider, 'ArrowRight');
    key(slider, 'ArrowUp');
    await mode.updateComplete;
    expectEpoch(mode, 62);
    key(slider, 'PageDown');
    key(slider, 'ArrowLeft');
    await mode.updateComplete;
    expectEpoch(mode, 31);
    key(slider, 'End');
    await mode.updateComplete;
    expectEpoch(mode, 300);
    expect(shadow<HTMLButtonElement>(mode, '#step-step').disabled).toBe(true);
    key(slider, 'Home');
    await mode.updateComplete;
    expectEpoch(mode, 0);
    // A drag (mouse or touch) sets the value and fires input events.
    slider.value = '137';
    slider.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await mode.updateComplete;
    expectEpoch(mode, 137);
    shadow<HTMLButtonElement>(mode, '#step-back').click();
    await mode.updateComplete;
    expectEpoch(mode, 136);
    shadow<HTMLButtonElement>(mode, '#step-step').click();
    shadow<HTMLButtonElement>(mode, '#step-step').click();
    await mode.updateComplete;
    expectEpoch(mode, 138);
  });

  it('zooms the curves’ epoch axis to the epochs played so far, with a log-epoch option', async () => {
    const mode = await stepMode();
    const slider = shadow<HTMLInputElement>(mode, '#step-scrub');
    slider.value = '137';
    slider.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await mode.updateComplete;
    const curves = [...mode.shadowRoot!.querySelectorAll<LlCurves>('ll-curves')];
    expect(curves).toHaveLength(2);
    for (const chart of curves) {
      const u = await waitFor(() => (chart.chart && chart.chart.scales.x!.max === 137 ? chart.chart : null), 'the curves zoomed to epoch 137');
      expect(u.scales.x!.min).toBe(0);
      // The yardstick drawn so far is max |ŷ − y| over the first 137 epochs, nothing after.
      const primary = u.series.findIndex((s) => s.scale === 'y');
      expect(Array.from(u.data[primary]!).filter((v) => v !== null)).toHaveLength(137);
    }
    // Early on the axis keeps a minimum span so the first epochs have room.
    key(slider, 'Home');
    key(slider, 'ArrowRight');
    await mode.updateComplete;
    await waitFor(() => curves.every((chart) => chart.chart?.scales.x!.max === 10), 'the minimum span of 10 epochs');
    shadow<HTMLInputElement>(mode, '#step-log-epochs').click();
    await mode.updateComplete;
    await waitFor(() => curves.every((chart) => chart.chart?.scales.x!.distr === 4), 'a log-like (arcsinh) epoch axis');
    expect(curves[0]!.chart!.axes[0]!.label).toBe('epoch (log)');
  });

  it('moves focus into step mode when it opens', async () => {
    const section = document.createElement('ll-step-section') as LlStepSection;
    Object.assign(section, { plan, config });
    mount(section);
    await section.updateComplete;
    shadow<HTMLButtonElement>(section, '#open-step-mode').click();
    const mode = await waitFor(() => section.shadowRoot!.querySelector('ll-step-mode'), 'step mode');
    await waitFor(() => mode.shadowRoot?.activeElement?.id === 'step-play', 'focus on Play inside step mode');
    expect(document.activeElement).toBe(section);
  });
});
