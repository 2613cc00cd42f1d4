// The gradient split answers the keyboard and touch as it answers hover: a slider over epochs whose
// readout (aria-live) gives that epoch's mean |ŷ − y|, mean ŷ(1 − ŷ) and ‖∇L‖. The expected numbers
// are computed here with a plain loop over core's path, not read from the trace the chart draws.

import { afterEach, describe, expect, it } from 'vitest';
import { toy, train } from '@losslab/core';
import { planSweep } from '@losslab/worker';
import '../../src/components/ll-gradient-split.js';
import type { LlGradientSplit } from '../../src/components/ll-gradient-split.js';
import { traceRun } from '../../src/lib/trace.js';
import { formatNumber } from '../../src/lib/format.js';
import { collect, mount, shadow, waitFor } from './helpers.js';

const plan = planSweep({ version: 1, dataset: 'toy', losses: ['se', 'ce'], eta: [1], init: { w0: [-2], b0: [-2] }, epochs: 1000, curve: 'none' });
const path = train({ data: toy, loss: 'se', eta: 1, epochs: 1000, w0: [-2], b0: -2, reduction: 'sum' });

/** Mean |ŷ − y|, mean ŷ(1 − ŷ) and ‖∇L‖ of squared error (summed) at epoch t, by hand. */
function measures(t: number): [number, number, number] {
  const w = path.pathW[t]!;
  const b = path.pathB[t]!;
  let error = 0;
  let slope = 0;
  let dw = 0;
  let db = 0;
  for (let i = 0; i < 2; i++) {
    const x = toy.x[i]!;
    const y = toy.y[i]!;
    const p = 1 / (1 + Math.exp(-(w * x + b)));
    error += Math.abs(p - y);
    slope += p * (1 - p);
    dw += (p - y) * p * (1 - p) * x;
    db += (p - y) * p * (1 - p);
  }
  return [error / 2, slope / 2, Math.hypot(dw, db)];
}

/** The readout's epoch and its three numbers (formatNumber's text: '−' for minus, 'e' exponents). */
function readout(split: LlGradientSplit): { epoch: number; values: number[] } {
  const text = shadow(split, '.readout').textContent ?? '';
  const match = /^Epoch (\d+): mean \|ŷ − y\| (\S+), mean ŷ\(1 − ŷ\) (\S+), ‖∇L‖ (\S+)$/.exec(text);
  if (!match) throw new Error(`unexpected readout ${JSON.stringify(text)}`);
  return { epoch: Number(match[1]), values: match.slice(2).map((v) => Number(v.replace('−', '-').replace(/,/g, ''))) };
}

function expectReadout(split: LlGradientSplit, epoch: number): void {
  const read = readout(split);
  expect(read.epoch).toBe(epoch);
  // Three significant digits in the text.
  measures(epoch).forEach((value, k) => expect(Math.abs(read.values[k]! - value)).toBeLessThanOrEqual(Math.abs(value) * 6e-3));
}

async function chart(): Promise<LlGradientSplit> {
  const split = mount(document.createElement('ll-gradient-split'));
  split.heading = 'Squared error';
  split.loss = 'se';
  split.epochs = 1000;
  split.yRange = [1e-12, 10];
  split.trace = traceRun(plan, { etaIndex: 0, initIndex: 0 }, 0);
  await waitFor(() => split.shadowRoot!.querySelector('.uplot .u-over'), 'the chart');
  return split;
}

const key = (target: Element, name: string) => target.dispatchEvent(new KeyboardEvent('keydown', { key: name, bubbles: true, composed: true, cancelable: true }));

describe('the gradient split by keyboard and touch', () => {
  afterEach(() => document.body.replaceChildren());

  it('is a slider over epochs: arrows by one, PageUp/PageDown by a tenth of the run, Home/End; the readout and the linked epoch follow', async () => {
    const split = await chart();
    const epochs = collect<number | null>('ll-epoch');
    const scrub = shadow(split, '.scrub');
    expect(scrub.getAttribute('role')).toBe('slider');
    expect(scrub.getAttribute('tabindex')).toBe('0');
    expect(shadow(split, '.readout').getAttribute('aria-live')).toBe('polite');
    scrub.focus();
    // Epochs 0 … 999: a page is a tenth of that, 99.9 rounded to 100 epochs (as on the curves and step mode's slider).
    for (const [name, epoch] of [
      ['End', 999],
      ['ArrowLeft', 998],
      ['PageUp', 999],
      ['PageDown', 899],
      ['Home', 0],
      ['ArrowRight', 1],
      ['PageUp', 101],
      ['PageUp', 201],
      ['PageDown', 101],
      ['ArrowUp', 102],
      ['ArrowDown', 101],
      ['PageDown', 1],
      ['PageDown', 0],
      ['Home', 0],
      ['ArrowLeft', 0],
    ] as const) {
      key(scrub, name);
      await split.updateComplete;
      expectReadout(split, epoch);
      expect(scrub.getAttribute('aria-valuenow')).toBe(String(epoch));
      expect(scrub.getAttribute('aria-valuetext')).toBe(shadow(split, '.readout').textContent);
    }
    // Four pages up from 0: epoch 400, and the surfaces' paths were told (ll-epoch).
    for (let k = 0; k < 4; k++) key(scrub, 'PageUp');
    await split.updateComplete;
    expectReadout(split, 400);
    expect(epochs.events.at(-1)).toBe(400);
    epochs.stop();
  });

  it('a touch drag along the chart scrubs to the epoch under the finger', async () => {
    const split = await chart();
    const scrub = shadow(split, '.scrub');
    const over = shadow(split, '.u-over').getBoundingClientRect();
    const touch = (type: string, fraction: number) =>
      scrub.dispatchEvent(new PointerEvent(type, { bubbles: true, composed: true, cancelable: true, pointerId: 3, pointerType: 'touch', isPrimary: true, clientX: over.left + fraction * over.width, clientY: over.top + over.height / 2 }));
    // The x axis runs from epoch 0 at the plot's left edge to 999 at its right edge.
    const epochAt = (fraction: number) => Math.round(fraction * 999);
    touch('pointerdown', 0.25);
    await split.updateComplete;
    expect(Math.abs(readout(split).epoch - epochAt(0.25))).toBeLessThanOrEqual(1);
    expectReadout(split, readout(split).epoch);
    touch('pointermove', 0.6);
    await split.updateComplete;
    expect(Math.abs(readout(split).epoch - epochAt(0.6))).toBeLessThanOrEqual(1);
    touch('pointerup', 0.6);
    touch('pointermove', 0.9);
    await split.updateComplete;
    // Lifted: moving no longer scrubs.
    expect(Math.abs(readout(split).epoch - epochAt(0.6))).toBeLessThanOrEqual(1);
  });
});

describe('the gradient split’s text alternative', () => {
  afterEach(() => document.body.replaceChildren());

  it('reads as a sentence with the factor’s and the error’s first and last values and the factor’s lowest epoch', async () => {
    const split = await chart();
    const label = [...split.shadowRoot!.querySelectorAll('[aria-label]')].map((e) => e.getAttribute('aria-label')!).find((l) => l.includes('gradient split of the run'));
    let low = 0;
    for (let t = 1; t < 1000; t++) if (measures(t)[1] < measures(low)[1]) low = t;
    const f = (v: number) => formatNumber(v);
    const lowest = low === 0 ? 'lowest at the start' : `lowest at epoch ${low}, ${f(measures(low)[1])}`;
    expect(label).toBe(
      `Squared error gradient split of the run with η 1 from w0 = −2, b0 = −2, over 1,000 epochs: the mean factor ŷ(1 − ŷ) goes from ${f(measures(0)[1])} to ${f(measures(999)[1])} (${lowest}), and the mean error |ŷ − y| from ${f(measures(0)[0])} to ${f(measures(999)[0])}.`,
    );
  });
});
