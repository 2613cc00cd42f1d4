// End to end, in Chromium against `vite preview`: Back and Forward move through the user's own
// steps (each run and preset is a history entry; the η slider only replaces the current one), and
// the layout: the Run button is in view without scrolling the sidebar at 1440×900, and the charts
// use the width of a 1920 px screen (bounding boxes, no timing).

import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { fivePointLink, useApp, waitForStatus } from './support/app.js';


/** The five points, 3 η × 3 × 2 starts, both losses (36 runs), run at once. */
const LINK = fivePointLink('&run=1');

const app = useApp();

const open = (search: string, width: number, height: number) => app.open(search, { width, height });

type Run = { dataset: unknown; eta: unknown } | null;
const shownRun = (page: Page) => page.evaluate(() => (document.querySelector('ll-app') as unknown as { state: { run: Run } }).state.run);
const done = (page: Page) => waitForStatus(page, 'done');

describe('Back and Forward', () => {
  it('go through the runs the user started (presets, Run), not through slider moves', async () => {
    const page = await open(LINK, 1280, 900);
    await done(page);
    const first = await shownRun(page);
    expect(first).toMatchObject({ dataset: 'five-point', eta: [0.1, 1, 10] });
    const entries = await page.evaluate(() => history.length);
    // A preset is a step: a new entry.
    await page.locator('ll-presets #preset-lecture-two-point').click();
    await expect.poll(() => shownRun(page)).toMatchObject({ dataset: 'toy' });
    await done(page);
    await expect.poll(() => page.evaluate(() => history.length)).toBe(entries + 1);
    const lecture = page.url();
    const lectureRun = JSON.stringify(await shownRun(page));
    // Another: the saturation sweep, then a slider move, which only replaces its entry.
    await page.locator('ll-presets #preset-saturation-sweep').click();
    await expect.poll(() => page.evaluate(() => history.length)).toBe(entries + 2);
    await expect.poll(async () => JSON.stringify(await shownRun(page))).not.toBe(lectureRun);
    await done(page);
    const saturation = await shownRun(page);
    const etaIndex = () => page.evaluate(() => (document.querySelector('ll-app') as unknown as { state: { view: { etaIndex: number } } }).state.view.etaIndex);
    // η index 0 too: it is the default, which a link leaves out, and the entry must still come back on it.
    const opened = await etaIndex();
    expect(opened).not.toBe(0);
    const moved = 0;
    await page.locator('#eta-slider').fill(String(moved));
    await expect.poll(etaIndex).toBe(moved);
    await expect.poll(() => page.evaluate(() => new URL(location.href).searchParams.get('ei'))).toBeNull();
    expect(await page.evaluate(() => history.length)).toBe(entries + 2);
    // Back: the lecture's run again (re-run from its link), then the first sweep.
    await page.goBack();
    await expect.poll(() => page.url()).toBe(lecture);
    await expect.poll(() => shownRun(page)).toMatchObject({ dataset: 'toy' });
    await done(page);
    await page.goBack();
    await expect.poll(() => shownRun(page)).toEqual(first);
    await done(page);
    // Forward twice: the lecture, then the saturation sweep.
    await page.goForward();
    await expect.poll(() => shownRun(page)).toMatchObject({ dataset: 'toy' });
    await page.goForward();
    await expect.poll(() => shownRun(page)).toEqual(saturation);
    // The entry's view comes back with it: the η the slider had moved to, not the preset's own.
    await done(page);
    await expect.poll(etaIndex).toBe(moved);
    await page.context().close();
  });
});

describe('Back to the first load', () => {
  it('shows the first look and no sweep again; Forward runs the preset again', async () => {
    const page = await open('', 1280, 800);
    await page.locator('ll-first-look').waitFor();
    await page.locator('ll-presets #preset-lecture-two-point').click();
    await done(page);
    await expect.poll(() => shownRun(page)).toMatchObject({ dataset: 'toy' });
    await expect.poll(() => page.locator('ll-first-look').count()).toBe(0);
    await page.goBack();
    await expect.poll(() => page.evaluate(() => location.search)).toBe('');
    await expect.poll(() => shownRun(page)).toBeNull();
    await page.locator('ll-first-look').waitFor();
    expect(await page.locator('ll-progress .box[data-status="done"]').count()).toBe(0);
    await page.goForward();
    await expect.poll(() => shownRun(page)).toMatchObject({ dataset: 'toy' });
    await done(page);
    await page.context().close();
  });
});

describe('layout', () => {
  it('shows the Run button without scrolling the sidebar at 1440×900', async () => {
    const page = await open('', 1440, 900);
    // The page scrolled to the sidebar (below the first look), the sidebar itself not scrolled.
    await page.locator('aside').evaluate((aside) => aside.scrollIntoView({ block: 'start' }));
    const run = await page.locator('ll-sweep-form #run').boundingBox();
    expect(run).not.toBeNull();
    expect(run!.y).toBeGreaterThanOrEqual(0);
    expect(run!.y + run!.height).toBeLessThanOrEqual(900);
    expect(await page.locator('aside').evaluate((aside) => aside.scrollTop)).toBe(0);
    await page.context().close();
  });

  it('lets the charts use the width of a 1920 px screen', async () => {
    const page = await open(`${LINK}&sel=1.3`, 1920, 1080);
    await done(page);
    const main = (await page.locator('main#results').boundingBox())!;
    expect(main.width).toBeGreaterThan(1920 * 0.6);
    // The heatmaps and the curves sit side by side and together span most of the results column.
    const box = (selector: string) => page.locator(selector).evaluate((e) => ({ left: e.getBoundingClientRect().left, right: e.getBoundingClientRect().right, top: e.getBoundingClientRect().top }));
    const heatmaps = await box('#heatmaps');
    const curves = await box('#curves');
    expect(curves.left).toBeGreaterThanOrEqual(heatmaps.right);
    expect(Math.abs(curves.top - heatmaps.top)).toBeLessThan(2);
    const charts = await page.locator('ll-heatmap canvas, ll-curves .chart').evaluateAll((list) => list.map((e) => e.getBoundingClientRect()).map((r) => ({ left: r.left, right: r.right })));
    expect(charts.length).toBe(4);
    expect(Math.max(...charts.map((c) => c.right)) - Math.min(...charts.map((c) => c.left))).toBeGreaterThan(main.width * 0.75);
    await page.context().close();
  });
});
