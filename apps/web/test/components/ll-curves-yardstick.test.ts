// The curves' primary line is the shared yardstick max |ŷ − y| (same axis range in both panels);
// each loss's excess is secondary, dashed, on its own labelled axis.

import { planSweep } from '@losslab/worker';
import { train, toy } from '@losslab/core';
import { afterEach, describe, expect, it } from 'vitest';
import '../../src/components/ll-curves.js';
import type { LlCurves } from '../../src/components/ll-curves.js';
import { curveRange, traceRun } from '../../src/lib/trace.js';
import { mount, shadow, waitFor } from './helpers.js';

afterEach(() => document.body.replaceChildren());

/** max over the points of |σ(w·x + b) − y|, written out here (not the app's code). */
function maxErrorByHand(w: number, b: number): number {
  let worst = 0;
  for (let i = 0; i < toy.n; i++) {
    const yhat = 1 / (1 + Math.exp(-(w * toy.x[i]! + b)));
    worst = Math.max(worst, Math.abs(yhat - toy.y[i]!));
  }
  return worst;
}

describe('<ll-curves> yardstick', () => {
  it('draws max |ŷ − y| as the thick solid primary line on one y range for both panels, and each excess dashed on its own labelled axis', async () => {
    const plan = planSweep({ version: 1, dataset: 'toy', losses: ['se', 'ce'], eta: [1], init: { w0: [-2], b0: [-2] }, epochs: 300 });
    const traces = [traceRun(plan, { etaIndex: 0, initIndex: 0 }, 0), traceRun(plan, { etaIndex: 0, initIndex: 0 }, 1)];
    const yRange = curveRange(traces, false, 0.01);
    const panels = traces.map((trace, k) => {
      const curves = document.createElement('ll-curves') as LlCurves;
      Object.assign(curves, { heading: k === 0 ? 'Squared error' : 'Cross-entropy', traces: [trace], epochs: 300, logScale: false, yRange });
      return mount(curves);
    });
    for (const [k, curves] of panels.entries()) {
      const chart = await waitFor(() => curves.chart, 'the curves chart');
      const loss = k === 0 ? 'se' : 'ce';
      const primary = chart.series.findIndex((s) => s.scale === 'y');
      const secondary = chart.series.findIndex((s) => s.scale === 'excess');
      expect(primary).toBeGreaterThan(0);
      expect(secondary).toBeGreaterThan(0);
      expect(chart.series[primary]!.width!).toBeGreaterThan(chart.series[secondary]!.width!);
      expect(chart.series[primary]!.dash ?? []).toEqual([]);
      expect(chart.series[secondary]!.dash!.length).toBeGreaterThan(0);
      // The primary line's data is max |ŷ − y| at each epoch's parameters (core's train path).
      const reference = train({ data: toy, loss, eta: 1, w0: -2, b0: -2, epochs: 300 });
      const data = chart.data[primary]!;
      expect(data).toHaveLength(300);
      for (let t = 0; t < 300; t++) expect(data[t]).toBeCloseTo(maxErrorByHand(reference.pathW[t]!, reference.pathB[t]!), 12);
      // Both panels' yardstick axis spans the same range; the excess axis is the panel's own.
      expect([chart.scales.y!.min, chart.scales.y!.max]).toEqual(yRange);
      const labels = chart.axes.map((axis) => axis.label);
      expect(labels).toContain('max |ŷ − y|');
      expect(labels).toContain(loss === 'se' ? 'excess squared error' : 'excess cross-entropy');
      expect(shadow(curves, '.legend-keys').textContent).toContain(loss === 'se' ? 'excess squared error' : 'excess cross-entropy');
    }
    const excessTops = panels.map((curves) => curves.chart!.scales.excess!.max);
    // Cross-entropy's excess starts above 1 nats, squared error's below 0.5: their own axes differ.
    expect(excessTops[1]).toBeGreaterThan(excessTops[0]!);
  });
});
