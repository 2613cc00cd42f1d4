// End to end, in Chromium against `vite preview`: the comparison's trust views on a real sweep run
// by a link (the lecture's two points, η = 1 and 10, an 8 × 8 grid of starts): the outcome legend,
// the outcome counts per η in the summary, cross-entropy's oscillating runs at η = 10 named in the
// heatmap's readout, each loss's η* on the slider (as core computes it), and the paired map, whose
// keyboard selection selects the start in every view; and a link with two optimizers opened on the
// second (`oi=1`), whose views show that optimizer's runs. A screenshot goes to out/ (git-ignored).

import { join } from 'node:path';
import { crossEntropyOptimum, epochsToFit, stabilityLimit, train } from '@losslab/core';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { outDir, useApp } from './support/app.js';

const LINK = '?v=1&eta.mode=list&eta.list=1%2C+10&w0.count=8&b0.count=8&epochs=1000&run=1';

const app = useApp();
let page: Page;

beforeAll(async () => {
  page = await app.open(LINK, { ready: 'done' });
});

const toy = { x: [0.5, 2.5], y: [0.2, 0.9] };

describe('trust views on a swept link', () => {
  it('lists every outcome in the legend and counts outcomes per η: cross-entropy oscillates from all 64 starts at η = 10', async () => {
    const legend = await page.locator('ll-color-legend li[data-outcome]').evaluateAll((items) => items.map((li) => (li as HTMLElement).dataset.outcome));
    expect(legend).toEqual(['fit', 'oscillating', 'stuck', 'stalled', 'descending', 'diverged', 'pending']);
    const ceAt10 = page.locator('ll-summary-table tbody tr').nth(1).locator('td.outcomes').nth(1);
    await expect.poll(() => ceAt10.textContent()).toBe('oscillating 64');
  });

  it('marks η* of both losses on the η slider with core’s values at cross-entropy’s optimum', async () => {
    const optimum = crossEntropyOptimum(toy);
    if (!optimum.found) throw new Error(optimum.reason);
    const ce = stabilityLimit(toy, 'ce', optimum.w, optimum.b).eta;
    const se = stabilityLimit(toy, 'se', optimum.w, optimum.b).eta;
    // Cross-entropy's η* falls between the axis' η = 1 and 10: a marker; squared error's is above 10: the note says so.
    expect(Number(await page.locator('.eta-star-mark[data-loss="ce"]').getAttribute('data-eta-star'))).toBe(ce);
    expect(await page.locator('.eta-star-mark[data-loss="se"]').count()).toBe(0);
    expect(Number(await page.locator('#eta-star-note span[data-loss="se"]').getAttribute('data-eta-star'))).toBe(se);
    expect(await page.locator('#eta-star-note').textContent()).toMatch(/squared error 24\.87 \(above every η here\); cross-entropy 2\.569 \(1 of the 2 η is above it\)/);
    expect(await page.locator('ll-summary-table tbody tr').nth(1).locator('.above-eta-star[data-loss="ce"]').count()).toBe(1);
    expect(await page.locator('ll-summary-table tbody tr').nth(0).locator('.above-eta-star').count()).toBe(0);
  });

  it('names the outcome in the heatmap’s readout at η = 10, and selects from the paired map’s keyboard in every view', async () => {
    const slider = page.locator('#eta-slider');
    await slider.focus();
    await page.keyboard.press('End');
    await expect.poll(() => page.evaluate(() => (document.querySelector('ll-app') as unknown as { state: { view: { etaIndex: number } } }).state.view.etaIndex)).toBe(1);
    await page.locator('ll-heatmap[data-loss="ce"] canvas').focus();
    await expect.poll(() => page.locator('ll-heatmap[data-loss="ce"] [aria-live]').textContent()).toMatch(/η = 10: oscillating: the loss keeps rising and falling/);
    await page.locator('ll-paired-map canvas').focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('PageDown');
    await page.keyboard.press('Enter');
    // Column 0, bottom row: init 0. Selected in the state (so in every view), at η index 1.
    await expect.poll(() => page.evaluate(() => (document.querySelector('ll-app') as unknown as { state: { view: { selected: unknown[] } } }).state.view.selected)).toEqual([{ etaIndex: 1, initIndex: 0 }]);
    expect(await page.locator('ll-paired-map .readout').textContent()).toMatch(/^w0 = −6, b0 = −6: (neither fit|only squared error fit)/);
    await page.locator('ll-heatmaps-section').screenshot({ path: join(outDir(), 'trust-heatmaps-1280.png') });
  });
});

describe('the optimizer selector on a link', () => {
  it('opens on the optimizer the link names and shows its runs; the selector switches and the link follows', async () => {
    // Two optimizers, one η, a 3 × 3 grid: the keyboard starts at the middle start (w0 = b0 = 0).
    const tab = await app.open('?v=1&opt=gd%2C+adam&eta.mode=list&eta.list=0.3&w0.mode=list&w0.list=-3%2C+0%2C+3&b0.mode=list&b0.list=-3%2C+0%2C+3&epochs=400&tol=0.05&oi=1&run=1', { ready: 'done' });
    const readout = async () => {
      await tab.locator('ll-heatmap[data-loss="se"] canvas').focus();
      return (await tab.locator('ll-heatmap[data-loss="se"] [aria-live]').textContent()) ?? '';
    };
    const fit = (optimizer: 'gd' | 'adam') => epochsToFit(train({ data: toy, loss: 'se', optimizer, eta: 0.3, w0: 0, b0: 0, epochs: 400 }).maxErrors, 0.05);
    // Both fit, at different epochs (51 and 312 here), so the readout tells the optimizers apart.
    expect(fit('adam')).not.toBeNull();
    expect(fit('gd')).not.toBeNull();
    expect(fit('adam')).not.toBe(fit('gd'));
    expect(await tab.locator('#axis-optimizer + output').textContent()).toMatch(/adam .*\(2 of 2\)/);
    await expect.poll(readout).toContain(`w0 = 0, b0 = 0, η = 0.3: fit at epoch ${fit('adam')} `);
    await tab.locator('#axis-optimizer').focus();
    await tab.keyboard.press('Home');
    await expect.poll(() => tab.evaluate(() => location.search)).not.toContain('oi=');
    await expect.poll(readout).toContain(`w0 = 0, b0 = 0, η = 0.3: fit at epoch ${fit('gd')} `);
    await tab.context().close();
  });
});
