// End to end, in Chromium against `vite preview`: what a new user sees. The first screen shows both
// losses and the neuron's output without a click, above the fold on a laptop and on a phone; every
// step of the guided path is a URL that restores it in a fresh page; Back returns to the step before;
// the first look's slider scrubs by touch. The first screen is saved in out/ (git-ignored; copy
// out/first-screen-1280.png to docs/screenshot.png to refresh the README's picture).

import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { outDir, useApp } from './support/app.js';

const app = useApp();

const open = (search: string, width: number, height: number, hasTouch = false) => app.open(search, { width, height, hasTouch, ready: 'none' });

const guideHeading = async (page: Page) => ((await page.locator('ll-guide h2').textContent()) ?? '').replace(/\s+/g, ' ').trim();

describe('the first screen', () => {
  for (const [width, height] of [
    [1280, 800],
    [390, 844],
  ] as const) {
    it(`shows both losses’ curves and the neuron’s output above the fold at ${width}×${height}, without a click`, async () => {
      const page = await open('', width, height);
      for (const loss of ['se', 'ce']) {
        for (const chart of ['curve', 'sigmoid']) {
          const box = await page.locator(`ll-first-look figure[data-loss=${loss}] svg[data-chart=${chart}]`).boundingBox();
          expect(box, `${loss} ${chart}`).not.toBeNull();
          expect(box!.y + box!.height, `${loss} ${chart} bottom`).toBeLessThanOrEqual(height);
          expect(box!.width).toBeGreaterThan(width < 500 ? 120 : 200);
        }
      }
      const note = await page.locator('ll-first-look figure[data-loss=se] text.note tspan').allTextContents();
      expect(note.join(' ')).toMatch(/^squared error: 6\d epochs on the plateau — ŷ\(1−ŷ\) ≈ 0\.0\d+ here$/);
      await page.screenshot({ path: join(outDir(), `first-screen-${width}.png`) });
      await page.context().close();
    });
  }

  it('scrubs the epoch by touch: a tap on the slider moves both panels to that epoch', async () => {
    const page = await open('', 390, 844, true);
    const slider = page.locator('ll-first-look #epoch');
    const box = (await slider.boundingBox())!;
    await page.touchscreen.tap(box.x + box.width * 0.75, box.y + box.height / 2);
    const readout = page.locator('ll-first-look figure[data-loss=se] [data-readout]');
    await expect.poll(async () => Number(/Epoch (\d+):/.exec((await readout.textContent()) ?? '')?.[1])).toBeGreaterThan(150);
    await page.context().close();
  });
});

describe('the guided path', () => {
  it('makes every step a URL that restores it, and Back returns to the step before', async () => {
    const page = await open('', 1280, 800);
    await page.locator('ll-first-look button.tour').click();
    const urls: string[] = [];
    const headings: string[] = [];
    for (let step = 1; step <= 5; step++) {
      await expect.poll(() => guideHeading(page)).toMatch(new RegExp(`^Guided tour, step ${step} of 5:`));
      await expect.poll(() => page.url()).toContain(`guide=${step}`);
      urls.push(page.url());
      headings.push(await guideHeading(page));
      if (step < 5) await page.locator('ll-guide button.next').click();
    }
    expect(urls[2]).toContain('run=1');
    expect(urls[3]).toContain('run=1');
    await page.goBack();
    await expect.poll(() => guideHeading(page)).toBe(headings[3]);
    await page.goBack();
    await expect.poll(() => guideHeading(page)).toBe(headings[2]);
    await page.context().close();

    for (const [i, url] of urls.entries()) {
      const fresh = await open(new URL(url).search, 1280, 800);
      await expect.poll(() => guideHeading(fresh)).toBe(headings[i]);
      if (i < 2) await fresh.locator('ll-first-look figure[data-loss=ce] svg[data-chart=sigmoid]').waitFor();
      else if (i < 4) await fresh.locator('ll-progress .box[data-status="done"]').waitFor({ timeout: 60_000 });
      if (i === 3) {
        const eta = await fresh.evaluate(() => (document.querySelector('ll-app') as unknown as { state: { run: { eta: unknown } } }).state.run.eta);
        expect(eta).toEqual([1, 2, 3, 5]);
      }
      await fresh.context().close();
    }
  });
});
