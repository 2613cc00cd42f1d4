// The curves charts respond to the keyboard and to touch as they do to hover: the epoch cursor
// moves (arrow keys ±1, PageUp/PageDown ±10 %, Home/End; a finger tap), the epoch is reported for
// the surfaces' paths, and hover's readout is announced in a live region. Values are checked against
// max |ŷ − y| written out here from core's train path.

import { train, toy } from '@losslab/core';
import { planSweep } from '@losslab/worker';
import { afterEach, describe, expect, it } from 'vitest';
import '../../src/components/ll-curves.js';
import type { LlCurves } from '../../src/components/ll-curves.js';
import { formatNumber } from '../../src/lib/format.js';
import { curveRange, traceRun } from '../../src/lib/trace.js';
import { collect, mount, shadow, waitFor } from './helpers.js';

afterEach(() => document.body.replaceChildren());

const plan = planSweep({ version: 1, dataset: 'toy', losses: ['se', 'ce'], eta: [1], init: { w0: [-2], b0: [-2] }, epochs: 300 });
const se = train({ data: toy, loss: 'se', eta: 1, w0: -2, b0: -2, epochs: 300 });

function maxErrorAt(t: number): number {
  let worst = 0;
  for (let i = 0; i < toy.n; i++) worst = Math.max(worst, Math.abs(1 / (1 + Math.exp(-(se.pathW[t]! * toy.x[i]! + se.pathB[t]!))) - toy.y[i]!));
  return worst;
}

async function curvesPanel(): Promise<LlCurves> {
  const traces = [traceRun(plan, { etaIndex: 0, initIndex: 0 }, 0), traceRun(plan, { etaIndex: 0, initIndex: 0 }, 1)];
  const curves = document.createElement('ll-curves') as LlCurves;
  Object.assign(curves, { heading: 'Squared error', traces: [traces[0]], epochs: 300, logScale: false, yRange: curveRange(traces, false, 0.01) });
  mount(curves);
  await waitFor(() => curves.chart, 'the curves chart');
  return curves;
}

const announced = (curves: LlCurves) => shadow(curves, '[data-announce]').textContent!.trim();
const epochOf = (text: string) => Number(/epoch ([\d,]+):/.exec(text)?.[1]?.replace(/,/g, '') ?? Number.NaN);

describe('<ll-curves> keyboard and touch', () => {
  it('moves the epoch cursor with arrow keys, PageUp/PageDown and Home/End, reporting the epoch and announcing hover’s readout', async () => {
    const curves = await curvesPanel();
    const chart = shadow(curves, '.chart');
    expect(chart.tabIndex).toBe(0);
    expect(shadow(curves, '[data-announce]').getAttribute('aria-live')).toBe('polite');
    const epochs = collect<number | null>('ll-epoch');
    const press = async (key: string) => {
      chart.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true }));
      await curves.updateComplete;
    };
    await press('ArrowRight');
    expect(epochOf(announced(curves))).toBe(0);
    await press('ArrowRight');
    await press('ArrowRight');
    expect(epochOf(announced(curves))).toBe(2);
    await press('PageUp');
    expect(epochOf(announced(curves))).toBe(32);
    await press('ArrowLeft');
    expect(epochOf(announced(curves))).toBe(31);
    expect(announced(curves)).toBe(`Squared error, epoch 31: max |ŷ − y| ${formatNumber(maxErrorAt(31))}, excess squared error ${formatNumber(0.5 * sumSquares(31))}`);
    // The visible readout says the same as hover does.
    expect(shadow(curves, '.readout').textContent!.trim()).toBe(announced(curves).replace('Squared error, ', ''));
    await press('End');
    expect(epochOf(announced(curves))).toBe(299);
    await press('PageDown');
    expect(epochOf(announced(curves))).toBe(269);
    await press('Home');
    expect(epochOf(announced(curves))).toBe(0);
    epochs.stop();
    expect(epochs.events).toEqual([0, 1, 2, 32, 31, 299, 269, 0]);
    // uPlot's own cursor is on that epoch.
    expect(curves.chart!.cursor.idx).toBe(0);
  });

  it('moves the cursor to the epoch under a finger', async () => {
    const curves = await curvesPanel();
    const u = curves.chart!;
    const over = u.over.getBoundingClientRect();
    const left = over.width * 0.4;
    const expected = u.posToIdx(left);
    shadow(curves, '.chart').querySelector('.u-over')!.dispatchEvent(
      new PointerEvent('pointerdown', { pointerType: 'touch', clientX: over.left + left, clientY: over.top + over.height / 2, bubbles: true, composed: true, isPrimary: true }),
    );
    await curves.updateComplete;
    expect(expected).toBeGreaterThan(100);
    expect(epochOf(announced(curves))).toBe(expected);
    expect(announced(curves)).toContain(`max |ŷ − y| ${formatNumber(maxErrorAt(expected))}`);
  });
});

/** Σ (ŷ − y)² at epoch t, written out. */
function sumSquares(t: number): number {
  let total = 0;
  for (let i = 0; i < toy.n; i++) total += (1 / (1 + Math.exp(-(se.pathW[t]! * toy.x[i]! + se.pathB[t]!))) - toy.y[i]!) ** 2;
  return total;
}
