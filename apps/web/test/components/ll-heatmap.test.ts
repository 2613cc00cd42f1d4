import { planSweep } from '@losslab/worker';
import { afterEach, describe, expect, it } from 'vitest';
import '../../src/components/ll-heatmap.js';
import type { LlHeatmap } from '../../src/components/ll-heatmap.js';
import { epochsScale } from '../../src/lib/color.js';
import { initPoints } from '../../src/lib/heatmap.js';
import type { Action } from '../../src/lib/state.js';
import { collect, mount, shadow, waitFor } from './helpers.js';
import { computeResult } from '../support/sweep.js';

async function setup(done: number) {
  const plan = planSweep({ version: 1, dataset: 'toy', losses: ['se', 'ce'], eta: [1], init: { w0: { from: -6, to: 6, count: 4 }, b0: { from: -6, to: 6, count: 4 } }, epochs: 300, curve: 'none' });
  const result = computeResult(plan, done);
  const heatmap = document.createElement('ll-heatmap') as LlHeatmap;
  Object.assign(heatmap, { plan, result, lossIndex: 0, etaIndex: 0, colorBy: 'epochs', scale: epochsScale(300), points: initPoints(plan), heading: 'Squared error' });
  heatmap.style.width = '200px';
  mount(heatmap);
  await heatmap.updateComplete;
  const canvas = shadow<HTMLCanvasElement>(heatmap, 'canvas');
  // Painted once its size is known (a ResizeObserver reports it after layout).
  await waitFor(() => canvas.getContext('2d')!.getImageData(1, canvas.height - 2, 1, 1).data[3] === 255, 'the heatmap to paint');
  return { plan, result, heatmap, canvas };
}

/** The canvas pixel at the centre of grid cell (column, row), row 0 at the bottom. */
function pixelAt(canvas: HTMLCanvasElement, column: number, row: number): number[] {
  const x = Math.floor(((column + 0.5) * canvas.width) / 4);
  const y = Math.floor(((3 - row + 0.5) * canvas.height) / 4);
  return Array.from(canvas.getContext('2d')!.getImageData(x, y, 1, 1).data);
}

describe('<ll-heatmap>', () => {
  afterEach(() => document.body.replaceChildren());

  it('paints finished runs in the scale’s colours and pending ones in the neutral colour', async () => {
    const { heatmap, result, canvas } = await setup(8);
    const scale = epochsScale(300);
    // Run 0 is (w0[0], b0[0]): the bottom-left cell; runs 8.. are pending (columns 2 and 3).
    const fit = result.epochsToFit[0]!;
    const expected = scale.packed(fit);
    const [r, g, b] = pixelAt(canvas, 0, 0);
    if (fit >= 0) expect([r, g, b]).toEqual([expected & 255, (expected >> 8) & 255, (expected >> 16) & 255]);
    expect(pixelAt(canvas, 3, 1).slice(0, 3)).toEqual([0xec, 0xeb, 0xe6]);
    expect(shadow(heatmap, '.counts').textContent).toContain('8 pending');
  });

  it('selects the start under a click, and moves and selects with the keyboard', async () => {
    const { heatmap, canvas } = await setup(32);
    const actions = collect<Action>('ll-action');
    const box = canvas.getBoundingClientRect();
    // Top-right cell: column 3 (w0 = 6), row 3 (b0 = 6), init index 3·4 + 3.
    canvas.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, clientX: box.right - 3, clientY: box.top + 3 }));
    canvas.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, clientX: box.left + 3, clientY: box.bottom - 3, shiftKey: true }));
    canvas.focus();
    const key = (k: string, shiftKey = false) => canvas.dispatchEvent(new KeyboardEvent('keydown', { key: k, shiftKey, bubbles: true, composed: true }));
    key('ArrowRight');
    key('ArrowUp');
    key('Enter');
    actions.stop();
    expect(actions.events[0]).toEqual({ type: 'select', config: { etaIndex: 0, initIndex: 15 }, mode: 'replace' });
    expect(actions.events[1]).toEqual({ type: 'select', config: { etaIndex: 0, initIndex: 0 }, mode: 'toggle' });
    // Focus starts at the last click (init 0); right then up: column 1, row 1.
    expect(actions.events[2]).toEqual({ type: 'select', config: { etaIndex: 0, initIndex: 5 }, mode: 'replace' });
    await heatmap.updateComplete;
    expect(shadow(heatmap, '[aria-live]').textContent).toMatch(/w0 = −2, b0 = −2, η = 1/);
  });

  it('shows a run’s numbers on hover and reports the start for the other panel', async () => {
    const { heatmap, canvas } = await setup(32);
    const hovers = collect<number>('ll-hover-init');
    const box = canvas.getBoundingClientRect();
    canvas.dispatchEvent(new PointerEvent('pointermove', { bubbles: true, composed: true, clientX: box.left + 3, clientY: box.bottom - 3 }));
    await heatmap.updateComplete;
    hovers.stop();
    expect(hovers.events).toEqual([0]);
    expect(shadow(heatmap, '.tip').textContent).toMatch(/w0 = −6, b0 = −6, η = 1.*(fit at epoch|oscillating|stuck|stalled|still descending|diverged)/s);
  });
});
