// End to end, in Chromium against `vite preview`: step mode on a phone (390×844). The two losses
// stay side by side inside the viewport, the controls stay in view while the panels scroll, focus
// moves into step mode when it opens, and a touch tap on the epoch slider scrubs both runs (checked
// against core's train). No timing: every wait is for a state. A screenshot goes to out/ (git-ignored).

import { train, fivePoint } from '@losslab/core';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { fivePointLink, outDir, useApp } from './support/app.js';

/** The five-point preset at η = 0.1, 1, 10 from a 3 × 2 grid, 300 epochs; η = 1 and start 3 (w0 = 0, b0 = 2) selected; run on opening. */
const LINK = fivePointLink('&color=excess&sel=1.3&run=1');
const WIDTH = 390;
const HEIGHT = 844;

const app = useApp();

/** The id of the element that has focus, looking through open shadow roots. */
const focusedId = (page: Page) =>
  page.evaluate(() => {
    let active: Element | null = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return active?.id ?? '';
  });

const inViewport = (box: { x: number; y: number; width: number; height: number }) => box.x >= 0 && box.y >= 0 && box.x + box.width <= WIDTH + 0.5 && box.y + box.height <= HEIGHT + 0.5;

describe('step mode on a phone', () => {
  it('keeps both losses side by side in the viewport with the controls in view; a tap on the slider scrubs', async () => {
    const page = await app.open(LINK, { width: WIDTH, height: HEIGHT, hasTouch: true, isMobile: true, ready: 'done' });
    await page.locator('#open-step-mode').scrollIntoViewIfNeeded();
    await page.locator('#open-step-mode').click();
    await page.locator('#step-epoch').waitFor();
    await expect.poll(() => focusedId(page)).toBe('step-play');
    await page.locator('ll-step-mode ll-mechanism').first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(outDir(), 'step-mode-390-mechanism.png') });

    // Side by side: squared error left of cross-entropy, same row, both inside the phone's width.
    const panels = { se: page.locator('ll-step-mode .pair > div[data-loss=se]'), ce: page.locator('ll-step-mode .pair > div[data-loss=ce]') };
    const se = (await panels.se.boundingBox())!;
    const ce = (await panels.ce.boundingBox())!;
    expect(se.x).toBeGreaterThanOrEqual(0);
    expect(se.x + se.width).toBeLessThanOrEqual(ce.x);
    expect(ce.x + ce.width).toBeLessThanOrEqual(WIDTH);
    expect(Math.abs(se.y - ce.y)).toBeLessThan(1);
    expect(se.width).toBeGreaterThan(120);

    // Both curve charts, scrolled to, are in the viewport together with the controls above them.
    const controls = page.locator('ll-step-mode .controls');
    for (const loss of ['se', 'ce'] as const) {
      const chart = page.locator(`ll-step-mode .pair > div[data-loss=${loss}] ll-curves`);
      await chart.scrollIntoViewIfNeeded();
      await expect.poll(async () => inViewport((await controls.boundingBox())!), { message: `controls in view beside the ${loss} curves` }).toBe(true);
      const other = page.locator(`ll-step-mode .pair > div[data-loss=${loss === 'se' ? 'ce' : 'se'}] ll-curves`);
      const a = (await chart.boundingBox())!;
      const b = (await other.boundingBox())!;
      expect(Math.abs(a.y - b.y)).toBeLessThan(1);
      expect(a.y + a.height).toBeGreaterThan(0);
      expect(a.y).toBeLessThan(HEIGHT);
    }
    await page.screenshot({ path: join(outDir(), 'step-mode-390.png') });
    const sliderBox = (await page.locator('#step-scrub').boundingBox())!;
    expect(inViewport(sliderBox)).toBe(true);

    // A touch tap at 3/4 of the slider moves both runs to that epoch: core's parameters there.
    await page.touchscreen.tap(sliderBox.x + sliderBox.width * 0.75, sliderBox.y + sliderBox.height / 2);
    await expect.poll(async () => Number(await page.locator('#step-epoch').textContent())).toBeGreaterThan(150);
    const epoch = Number(await page.locator('#step-epoch').textContent());
    for (const loss of ['se', 'ce'] as const) {
      const reference = train({ data: fivePoint, loss, eta: 1, w0: 0, b0: 2, epochs: 300, reduction: 'sum' });
      expect(Number(await page.locator(`ll-step-mode .point[data-loss="${loss}"] .b`).getAttribute('data-value'))).toBe(reference.pathB[epoch]);
      expect(Number(await page.locator(`ll-step-mode .point[data-loss="${loss}"] .w`).getAttribute('data-value'))).toBe(reference.pathW[epoch]);
    }
    // Step back returns to the epoch before.
    await page.locator('#step-back').tap();
    await expect.poll(async () => Number(await page.locator('#step-epoch').textContent())).toBe(epoch - 1);
    await page.context().close();
  });
});
