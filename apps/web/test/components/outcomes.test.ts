// Outcomes on screen, in Chromium: the heatmap's cells carry their outcome's pattern, the legend has
// an entry per outcome drawn with the same pattern, the keyboard readout says the outcome in words,
// and the summary table counts outcomes per η. Runs from issue 13: cross-entropy at η = 10 on the
// lecture's two points oscillates from every start; the saturation sweep's squared-error run from
// w0 ≈ −5.61, b0 ≈ −0.194 at η = 1 never leaves its plateau.

import { train } from '@losslab/core';
import { type SweepSpec } from '@losslab/worker';
import { afterEach, describe, expect, it } from 'vitest';
import '../../src/components/ll-color-legend.js';
import '../../src/components/ll-heatmap.js';
import '../../src/components/ll-summary-table.js';
import type { LlColorLegend } from '../../src/components/ll-color-legend.js';
import type { LlHeatmap } from '../../src/components/ll-heatmap.js';
import type { LlSummaryTable } from '../../src/components/ll-summary-table.js';
import { epochsScale } from '../../src/lib/color.js';
import { initPoints } from '../../src/lib/heatmap.js';
import { OutcomeCounter } from '../../src/lib/outcome-counts.js';
import { summarize } from '../../src/lib/summary.js';
import { mount, shadow, waitFor } from './helpers.js';
import { sweep } from '../support/sweep.js';

afterEach(() => document.body.replaceChildren());

const toy = { x: [0.5, 2.5], y: [0.2, 0.9] };

const run = (spec: Omit<SweepSpec, 'version'>) => sweep(spec);

async function heatmapOf(spec: Omit<SweepSpec, 'version'>, lossIndex: number, etaIndex: number) {
  const { plan, result } = run(spec);
  const heatmap = document.createElement('ll-heatmap') as LlHeatmap;
  Object.assign(heatmap, { plan, result, lossIndex, etaIndex, colorBy: 'epochs', scale: epochsScale(plan.epochs), points: initPoints(plan), heading: 'Cross-entropy' });
  heatmap.style.width = '240px';
  mount(heatmap);
  await heatmap.updateComplete;
  const canvas = shadow<HTMLCanvasElement>(heatmap, 'canvas');
  await waitFor(() => canvas.width > 2 && canvas.getContext('2d')!.getImageData(1, canvas.height - 2, 1, 1).data[3] === 255, 'the heatmap to paint');
  return { plan, result, heatmap, canvas };
}

/** The distinct greys and colours inside the rectangle of grid cell (column, row) of an n × n grid, row 0 at the bottom. */
function cellPixels(canvas: HTMLCanvasElement, n: number, column: number, row: number): { bright: number; dark: number; base: number; total: number } {
  const x0 = Math.ceil((column * canvas.width) / n) + 1;
  const x1 = Math.floor(((column + 1) * canvas.width) / n) - 1;
  const y0 = Math.ceil(((n - 1 - row) * canvas.height) / n) + 1;
  const y1 = Math.floor(((n - row) * canvas.height) / n) - 1;
  const data = canvas.getContext('2d')!.getImageData(x0, y0, x1 - x0, y1 - y0).data;
  const counts = { bright: 0, dark: 0, base: 0, total: data.length / 4 };
  for (let p = 0; p < data.length; p += 4) {
    const [r, g, b] = [data[p]!, data[p + 1]!, data[p + 2]!];
    if (r > 235 && g > 235 && b > 235) counts.bright++;
    else if (r < 110 && g < 110 && b < 110) counts.dark++;
    else if (r === 0xcf && g === 0xcf && b === 0xcf) counts.base++;
  }
  return counts;
}

describe('outcomes on screen', () => {
  it('hatches every oscillating cross-entropy cell at η = 10 and says “oscillating” in the keyboard readout', async () => {
    const spec = { dataset: 'toy' as const, losses: ['se' as const, 'ce' as const], eta: [10], init: { w0: { from: -3, to: 3, count: 3 }, b0: { from: -3, to: 3, count: 3 } }, epochs: 1000, curve: 'none' as const };
    // Independently of the kernel: core's train from the centre start rises and falls in its last quarter.
    const losses = train({ data: toy, loss: 'ce', eta: 10, w0: 0, b0: 0, epochs: 1000 }).losses;
    expect(losses.slice(750).filter((v, t, all) => t > 0 && v > all[t - 1]! + 1e-9).length).toBeGreaterThan(10);
    const { heatmap, canvas } = await heatmapOf(spec, 1, 0);
    for (const [column, row] of [[0, 0], [1, 1], [2, 2]] as const) {
      const cell = cellPixels(canvas, 3, column, row);
      // Grey base with light lines in dark halos: all three kinds of pixel, none a ramp colour.
      expect(cell.bright, `light stripe pixels in cell ${column},${row}`).toBeGreaterThan(cell.total / 50);
      expect(cell.dark, `dark halo pixels in cell ${column},${row}`).toBeGreaterThan(cell.total / 50);
      expect(cell.base, `grey base pixels in cell ${column},${row}`).toBeGreaterThan(cell.total / 10);
    }
    canvas.focus();
    await heatmap.updateComplete;
    await waitFor(() => shadow(heatmap, '[aria-live]').textContent!.includes('oscillating'), 'the readout to name the outcome');
    expect(shadow(heatmap, '[aria-live]').textContent).toMatch(/w0 = 0, b0 = 0, η = 10: oscillating: the loss keeps rising and falling/);
  });

  it('says “stuck: never left the plateau (≥ 1000 epochs)” for the stuck squared-error run, on a dotted cell', async () => {
    const w0 = -6 + 12 / 31;
    const b0 = -6 + (12 * 15) / 31;
    const { heatmap, canvas } = await heatmapOf({ dataset: 'toy', losses: ['se'], eta: [1], init: { w0: [w0, 6], b0: [b0, 6] }, epochs: 1000, curve: 'none' }, 0, 0);
    // The stuck start is (column 0, row 0); dots are white discs in dark rings on the grey base.
    const cell = cellPixels(canvas, 2, 0, 0);
    expect(cell.bright).toBeGreaterThan(0);
    expect(cell.base).toBeGreaterThan(cell.bright);
    canvas.focus();
    canvas.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true, composed: true }));
    canvas.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true, composed: true }));
    await waitFor(() => shadow(heatmap, '[aria-live]').textContent!.includes('stuck'), 'the readout of the stuck run');
    expect(shadow(heatmap, '[aria-live]').textContent).toContain('stuck: never left the plateau (≥ 1000 epochs)');
  });

  it('lists every outcome in the legend with a swatch drawn in its pattern', async () => {
    const legend = document.createElement('ll-color-legend') as LlColorLegend;
    legend.scale = epochsScale(1000);
    mount(legend);
    await legend.updateComplete;
    const items = Array.from(legend.shadowRoot!.querySelectorAll<HTMLElement>('li[data-outcome]'));
    expect(items.map((li) => li.dataset.outcome)).toEqual(['fit', 'oscillating', 'stuck', 'stalled', 'descending', 'diverged', 'pending']);
    const distinct = (li: HTMLElement) => {
      const canvas = li.querySelector('canvas')!;
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      const colours = new Set<number>();
      for (let p = 0; p < data.length; p += 4) colours.add((data[p]! << 16) | (data[p + 1]! << 8) | data[p + 2]!);
      return colours.size;
    };
    // Fit is one plain colour; each other outcome's swatch has its pattern's light and dark strokes.
    expect(distinct(items[0]!)).toBe(1);
    for (const li of items.slice(1, 6)) expect(distinct(li), li.dataset.outcome).toBeGreaterThan(2);
    expect(items[1]!.textContent).toContain('oscillating');
    expect(items[1]!.dataset.pattern).toBe('diagonal');
  });

  it('counts outcomes per η in the summary table: cross-entropy oscillates from all 9 starts at η = 10', async () => {
    const { plan, result } = run({ dataset: 'toy', losses: ['se', 'ce'], eta: [1, 10], init: { w0: { from: -3, to: 3, count: 3 }, b0: { from: -3, to: 3, count: 3 } }, epochs: 1000, curve: 'none' });
    const counter = new OutcomeCounter(plan);
    counter.add(result, [{ start: 0, end: plan.runCount }]);
    const table = document.createElement('ll-summary-table') as LlSummaryTable;
    Object.assign(table, { summary: summarize(plan, result), etaIndex: 1, outcomes: counter.counts() });
    mount(table);
    await table.updateComplete;
    const rows = table.shadowRoot!.querySelectorAll('tbody tr');
    const ceOutcomes = rows[1]!.querySelectorAll('td.outcomes')[1]!;
    expect(ceOutcomes.textContent!.trim()).toBe('oscillating 9');
    // At η = 1 cross-entropy fits from every one of these starts (core's train: max error ≤ ε at the end).
    let fits = 0;
    for (const w0 of [-3, 0, 3]) for (const b0 of [-3, 0, 3]) if (train({ data: toy, loss: 'ce', eta: 1, w0, b0, epochs: 1000 }).maxErrors.at(-1)! <= plan.tolerance) fits++;
    expect(rows[0]!.querySelectorAll('td.outcomes')[1]!.textContent).toContain(`fit ${fits}`);
  });
});
