// End to end, in Chromium against `vite preview`: a sweep with one start shows the two runs from it
// (no 1×1 heatmap, a sentence saying why), and the runs follow the hand: a mouse drag on a loss
// surface and a typed η rerun both losses at once, without a sweep. The expected epochs are core's,
// computed here in Node from the start the page reports.

import { epochsToFit, toy, train, type LossName } from '@losslab/core';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { HANG_GUARD_MS, useApp, waitForStatus } from './support/app.js';


const app = useApp();

const open = (width: number, height: number) => app.open('', { width, height, ready: 'none' });

interface Selected {
  etaIndex: number;
  initIndex: number;
  w0?: number;
  b0?: number;
  eta?: number;
}

const selection = (page: Page) => page.evaluate(() => (document.querySelector('ll-app') as unknown as { state: { view: { selected: Selected[] } } }).state.view.selected);
const runSpec = (page: Page) => page.evaluate(() => JSON.stringify((document.querySelector('ll-app') as unknown as { state: { run: unknown } }).state.run));
const verdict = (page: Page, loss: LossName) => page.locator(`ll-curves[data-loss="${loss}"] li`).first().textContent();

/** The curves' words for core's run of the lecture's points from (w0, b0) at η: "fit from epoch N" or "never fit within ε". */
function expectedFit(loss: LossName, eta: number, w0: number, b0: number): RegExp {
  const fit = epochsToFit(train({ data: toy, loss, eta, epochs: 1000, w0: [w0], b0, reduction: 'sum' }).maxErrors, 0.01);
  return fit === null ? /never fit within ε/ : new RegExp(`fit from epoch ${fit.toLocaleString('en')}\\b`);
}

describe('a sweep with one start', () => {
  it('the lecture’s one-start preset shows no heatmap, says why, and shows both curves', async () => {
    const page = await open(1280, 800);
    await page.locator('#preset-lecture-two-point').click();
    await waitForStatus(page, 'done');
    const note = page.locator('ll-run-controls #one-start-note');
    await note.waitFor({ timeout: HANG_GUARD_MS });
    expect(await note.textContent()).toMatch(/^This sweep has one start, \(w0, b0\) = \(−2, −2\), so there is no map of starts to show/);
    expect(await page.locator('ll-heatmap').count()).toBe(0);
    expect(await page.locator('ll-heatmaps-section').count()).toBe(0);
    expect(await selection(page)).toEqual([{ etaIndex: 0, initIndex: 0 }]);
    for (const loss of ['se', 'ce'] as const) {
      await page.locator(`ll-curves[data-loss="${loss}"] .uplot canvas`).first().waitFor({ timeout: HANG_GUARD_MS });
      await expect.poll(() => verdict(page, loss)).toMatch(expectedFit(loss, 1, -2, -2));
    }
    // The lecture's numbers, independently of core: squared error fits at epoch 291 after a plateau, cross-entropy at 36.
    expect(await verdict(page, 'se')).toMatch(/plateau 69 epochs, fit from epoch 291/);
    expect(await verdict(page, 'ce')).toMatch(/fit from epoch 36/);
    await page.context().close();
  });

  it('a mouse drag on a surface and a typed η rerun both runs without a sweep; the curves show core’s epochs', async () => {
    const page = await open(1280, 800);
    await page.locator('#preset-lecture-two-point').click();
    await waitForStatus(page, 'done');
    const spec = await runSpec(page);
    await page.locator('#surfaces').scrollIntoViewIfNeeded();
    const svg = page.locator('ll-surface[data-loss="se"] svg');
    await page.locator('ll-surface[data-loss="se"] polyline').first().waitFor({ timeout: HANG_GUARD_MS });
    const box = (await svg.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.3);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.4, { steps: 5 });
    await page.mouse.move(box.x + box.width * 0.8, box.y + box.height * 0.45, { steps: 5 });
    await page.mouse.up();
    const moved = (await selection(page))[0]!;
    expect(moved.w0).toBeDefined();
    expect(moved.w0).not.toBe(-2);
    for (const loss of ['se', 'ce'] as const) await expect.poll(() => verdict(page, loss)).toMatch(expectedFit(loss, 1, moved.w0!, moved.b0!));
    expect(await page.locator('ll-surfaces-section #start-readout').textContent()).toMatch(/^Start \(w0, b0\) = .*squared error .*; cross-entropy .*\.$/);

    const field = page.locator('ll-run-controls #run-eta');
    await field.fill('2.5');
    await field.press('Enter');
    await expect.poll(async () => (await selection(page))[0]!.eta).toBe(2.5);
    for (const loss of ['se', 'ce'] as const) await expect.poll(() => verdict(page, loss)).toMatch(expectedFit(loss, 2.5, moved.w0!, moved.b0!));
    // No sweep ran: the spec on display is the same, and the address bar carries the moved run.
    expect(await runSpec(page)).toBe(spec);
    await expect.poll(() => page.evaluate(() => location.search)).toContain('seta=2.5');
    await page.context().close();
  });
});
