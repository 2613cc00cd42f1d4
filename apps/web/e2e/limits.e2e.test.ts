// End to end, in Chromium against `vite preview` (started by its binary, stopped by its PID): what
// the app does with inputs too large for where they go. A CSV dataset longer than a link carries
// stays out of the address bar, which says so (csvOmitted=…); the form says so, and a page opened
// on that link says so and does not run another dataset in its place.

import { describe, expect, it } from 'vitest';
import { useApp } from './support/app.js';

/** MAX_URL_CSV_CHARS in src/lib/url-state.ts: the longest CSV text a link carries. */
const MAX_URL_CSV_CHARS = 20_000;

const app = useApp();
const open = (search = '') => app.open(search);

describe('inputs too large for where they go', () => {
  it('keeps a CSV longer than a link carries out of the URL, says so in the form, and a page opened on that link says so too', async () => {
    const page = await open();
    await page.locator('input[name="f-dataset-source"][value="csv"]').check();
    // 1,500 rows of 16 characters: 24,000 characters, a valid dataset over the link's limit.
    const rows = Array.from({ length: 1500 }, (_, k) => `${(k / 1500).toFixed(6)},${k % 2}.0000\n`);
    const csv = `x,y\n${rows.join('')}`;
    expect(csv.length).toBeGreaterThan(MAX_URL_CSV_CHARS);
    await page.locator('#f-csv-file').setInputFiles({ name: 'big.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await expect.poll(() => page.locator('#csv-link-note').textContent()).toContain(`${csv.length.toLocaleString('en-US')} characters`);
    expect(await page.locator('#csv-link-note').isVisible()).toBe(true);
    expect(await page.locator('#f-dataset-csvText').getAttribute('aria-invalid')).toBe('false');

    // The address bar follows the state, without the CSV, and says it left it out.
    await expect.poll(() => page.evaluate(() => location.search)).toContain(`csvOmitted=${csv.length}`);
    const search = await page.evaluate(() => location.search);
    const params = new URLSearchParams(search);
    expect(params.get('csv')).toBeNull();
    expect(params.get('data')).toBe('csv');
    expect(search.length).toBeLessThan(500);

    // A page opened on that link is told, opens the rest, and runs nothing on other data.
    const other = await open(search);
    const banner = other.locator('ll-app .notice').first();
    await banner.waitFor();
    expect(await banner.innerText()).toContain(`csv: the link does not carry its CSV dataset (${csv.length.toLocaleString('en-US')} characters; links carry up to 20,000): choose or paste the file again`);
    expect(await other.locator('ll-progress .box').getAttribute('data-status')).toBe('idle');
    expect(await other.evaluate(() => performance.getEntriesByName('losslab:sweep-start', 'mark').length)).toBe(0);
    await page.close();
    await other.close();
    expect(app.pageErrors).toEqual([]);
  });
});
