// End to end: the built app under `vite preview` (started by its binary, stopped by its PID), in
// headless Chromium driven by playwright-core. Behaviour only: every step waits for a state (a
// status, an element, a count), never for a time, and nothing here measures speed; the app's
// timings (first results, sweep time, longest main-thread task) are `pnpm bench:web`'s job.
// Saves screenshots of the comparison to out/ (git-ignored).

import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { HANG_GUARD_MS, outDir, useApp, waitForStatus } from './support/app.js';


const app = useApp();
let page: Page;
let OUT: string;

/** Opens the app in a new page (its page errors recorded in app.pageErrors). */
const openApp = (width: number, height: number) => app.open('', { width, height });

/** Resolves once the page has rendered two more frames (styles and layout applied). */
async function renderedFrames(p: Page): Promise<void> {
  await p.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
}

/** The number of finished runs that the progress box shows. */
async function runsDone(p: Page): Promise<number> {
  return Number((await p.locator('ll-progress strong').textContent())?.replace(/,/g, '') ?? 0);
}

const status = (p: Page) => p.locator('ll-progress .box').getAttribute('data-status');

/** Evaluates in the page with the app element (its shadow root holds everything). */
function inApp<T>(p: Page, fn: (app: HTMLElement & { state: { view: { selected: unknown[]; etaIndex: number }; run: unknown } }) => T): Promise<T> {
  return p.evaluate(`(${fn.toString()})(document.querySelector('ll-app'))`) as Promise<T>;
}

/** Fraction of a heatmap canvas that is painted (not transparent). */
function heatmapPainted(p: Page, loss: 'se' | 'ce'): Promise<number> {
  return p.locator(`ll-heatmap[data-loss="${loss}"] canvas`).evaluate((canvas: HTMLCanvasElement) => {
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let opaque = 0;
    for (let k = 3; k < data.length; k += 4) if (data[k] === 255) opaque++;
    return opaque / (data.length / 4);
  });
}

beforeAll(async () => {
  OUT = outDir();
  page = await openApp(1280, 800);
});

describe('losslab in Chromium', () => {
  it("runs the lecture's two-point example: both panels fill, squared error stalls where cross-entropy learns", async () => {
    await page.locator('#preset-lecture-two-point').click();
    await waitForStatus(page, 'done');
    // One start: no 1×1 heatmap (e2e/direct-manip.e2e.test.ts checks what shows instead).
    expect(await page.locator('ll-heatmap').count()).toBe(0);
    await expect.poll(() => page.locator('ll-curves[data-loss="se"] li').first().textContent()).toMatch(/plateau 69 epochs, fit from epoch 291/);
    await expect.poll(() => page.locator('ll-curves[data-loss="ce"] li').first().textContent()).toMatch(/fit from epoch 36/);
    await page.locator('ll-curves[data-loss="ce"] .uplot canvas').first().waitFor();
    // The surfaces are computed once scrolled to.
    await page.locator('#surfaces').scrollIntoViewIfNeeded();
    await page.locator('ll-surface[data-loss="se"] polyline').first().waitFor();
    await page.locator('ll-surface[data-loss="ce"] polyline').first().waitFor();
    expect(await page.locator('ll-summary-table tbody tr').count()).toBe(1);
    expect(await page.locator('ll-summary-table tbody tr').textContent()).toContain('8.1×');
  });

  it('runs the default 32,768-run sweep, then selects a run by clicking a heatmap: its curves and paths show', async () => {
    await page.locator('#preset-saturation-sweep').click();
    await waitForStatus(page, 'done');
    expect(await page.locator('ll-heatmap[data-loss="ce"] .counts').textContent()).toContain('1,024 of 1,024 converged');
    expect(await page.locator('ll-summary-table tbody tr').count()).toBe(16);
    // Click the top-left start of the squared-error heatmap (w0 = −6, b0 = 6).
    const canvas = page.locator('ll-heatmap[data-loss="se"] canvas');
    const box = (await canvas.boundingBox())!;
    await page.mouse.click(box.x + 3, box.y + 3);
    const selected = await inApp(page, (app) => app.state.view.selected);
    expect(selected).toEqual([{ etaIndex: 10, initIndex: 31 }]);
    await expect.poll(() => page.locator('ll-curves[data-loss="se"] li').first().textContent()).toMatch(/w0 −6, b0 6/);
    await expect.poll(() => page.locator('ll-curves[data-loss="ce"] li').first().textContent()).toMatch(/w0 −6, b0 6/);
    // Shift-click adds a second run in both panels.
    // The form's optimizer, batch and weight-decay fields make the page taller: bring the whole canvas into view again.
    await canvas.scrollIntoViewIfNeeded();
    const bottom = (await canvas.boundingBox())!;
    await page.keyboard.down('Shift');
    await page.mouse.click(bottom.x + bottom.width - 3, bottom.y + bottom.height - 3);
    await page.keyboard.up('Shift');
    await expect.poll(() => page.locator('ll-curves[data-loss="ce"] li').count()).toBe(3);
    await page.locator('#surfaces').scrollIntoViewIfNeeded();
    await expect.poll(() => page.locator('ll-surface[data-loss="se"] g.path').count()).toBe(2);
    await page.locator('ll-surface[data-loss="ce"] g.path polyline').first().waitFor();
    // Hovering the curves marks that epoch on the paths.
    // The chart may still be moving while the page scrolls and lays out the views below the fold:
    // each poll hovers where the chart is now, until the markers show.
    await page.locator('#curves').scrollIntoViewIfNeeded();
    const over = page.locator('ll-curves[data-loss="se"] .uplot .u-over');
    await over.waitFor();
    await expect
      .poll(async () => {
        const chart = (await over.boundingBox())!;
        await page.mouse.move(chart.x + chart.width * 0.3, chart.y + chart.height / 2);
        return page.locator('ll-surface[data-loss="se"] .epoch-marker').count();
      })
      .toBe(2);

    await page.evaluate(() => document.documentElement.style.setProperty('--ll-content-visibility', 'visible'));
    await page.mouse.move(0, 0);
    await page.evaluate(() => window.scrollTo(0, 0));
    await renderedFrames(page);
    await page.screenshot({ path: join(OUT, 'comparison-1280x800.png'), fullPage: true });
    await page.screenshot({ path: join(OUT, 'first-screen-1280x800.png') });
    await page.evaluate(() => document.documentElement.style.removeProperty('--ll-content-visibility'));
  });

  it('cancels a larger sweep midway and keeps what finished', async () => {
    // 32,768 runs × 30,000 epochs: minutes of work on any machine, so it is still running when
    // Cancel is clicked, which happens once the state says "running, some runs done".
    await page.locator('#f-epochs').fill('30000');
    await page.locator('#run').click();
    await waitForStatus(page, 'running');
    await expect.poll(() => runsDone(page), { timeout: HANG_GUARD_MS }).toBeGreaterThan(0);
    expect(await status(page)).toBe('running');
    await page.locator('#cancel').click();
    await waitForStatus(page, 'cancelled');
    const text = (await page.locator('#numbers').textContent())!;
    const kept = Number(/kept (\S+) \//.exec(text)![1]!.replace(/,/g, ''));
    console.log(`cancelled sweep: ${text}`);
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(32_768);
    const summaryText = await page.locator('ll-summary-table table').textContent();
    expect(summaryText).toMatch(/done/);
  });

  it('shows bad inputs at their field and starts nothing', async () => {
    const sweeps = () => page.evaluate(() => performance.getEntriesByName('losslab:sweep-start', 'mark').length);
    const before = await sweeps();
    const statusBefore = await status(page);

    await page.locator('#f-epochs').fill('1000');
    await page.locator('#f-eta-from').fill('0');
    await page.locator('#run').click();
    await expect(page.locator('#f-eta-from-issue').textContent()).resolves.toMatch(/must be > 0, got 0/);
    expect(await page.locator('#f-eta-from').getAttribute('aria-invalid')).toBe('true');
    await page.locator('#f-eta-from').fill('0.01');

    await page.locator('#f-init-b0-count').fill('0');
    await page.locator('#run').click();
    await expect(page.locator('#f-init-b0-count-issue').textContent()).resolves.toMatch(/integer ≥ 1, got 0/);
    await page.locator('#f-init-b0-count').fill('32');

    await page.locator('input[name="f-dataset-source"][value="csv"]').check();
    await page.locator('#f-csv-file').setInputFiles({ name: 'broken.csv', mimeType: 'text/csv', buffer: Buffer.from('x,y\n0.5,0.2\n2.5,n/a\n') });
    await expect.poll(() => page.locator('#f-dataset-csvText-issue').textContent()).toBe('line 3, column 2: "n/a" is not a number');
    await page.locator('#run').click();
    expect(await page.locator('#f-dataset-csvText').getAttribute('aria-invalid')).toBe('true');
    // Focus went to the field at fault.
    expect(await page.evaluate(() => document.querySelector('ll-app')!.shadowRoot!.querySelector('ll-sweep-form')!.shadowRoot!.activeElement?.id)).toBe('f-dataset-csvText');

    expect(await sweeps()).toBe(before);
    expect(await status(page)).toBe(statusBefore);
  });

  it('works at phone width: the lecture example, every control reachable', async () => {
    const phone = await openApp(390, 844);
    await phone.locator('#preset-lecture-two-point').click();
    await waitForStatus(phone, 'done');
    // Views below the fold are laid out when scrolled to (content-visibility: auto).
    await phone.locator('#curves').scrollIntoViewIfNeeded();
    await phone.locator('ll-curves[data-loss="se"] .uplot canvas').first().waitFor();
    await phone.locator('#surfaces').scrollIntoViewIfNeeded();
    await phone.locator('ll-surface[data-loss="ce"] polyline').first().waitFor();
    await phone.evaluate(() => window.scrollTo(0, 0));
    // Nothing is wider than the screen.
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    // Tab reaches the presets, the form, Run, the run's η controls, the log-scale switch, the
    // surfaces and the table (Cancel is disabled here: nothing runs; one start: no heatmaps).
    const reached = new Set<string>();
    for (let k = 0; k < 80; k++) {
      await phone.keyboard.press('Tab');
      const id = await phone.evaluate(() => {
        let el: Element | null = document.activeElement;
        while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
        return el ? el.id || el.localName : '';
      });
      reached.add(id);
    }
    console.log(`phone: Tab reaches ${[...reached].join(', ')}`);
    for (const id of ['preset-lecture-two-point', 'f-epochs', 'run', 'run-eta-slider', 'run-eta', 'log-scale', 'svg', 'button']) expect(reached, `Tab reaches ${id}`).toContain(id);
    await phone.evaluate(() => document.documentElement.style.setProperty('--ll-content-visibility', 'visible'));
    await renderedFrames(phone);
    await phone.screenshot({ path: join(OUT, 'comparison-390x844.png'), fullPage: true });
    await phone.close();
    expect(app.pageErrors).toEqual([]);
  });
});
