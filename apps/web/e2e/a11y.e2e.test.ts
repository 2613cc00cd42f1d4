// End to end, in Chromium against `vite preview`: axe-core finds no accessibility violation, shadow
// roots included (axe walks open shadow roots), at 1280×800 and 390×844, on the first screen and
// on a finished sweep with a run selected, step mode open and every disclosure expanded. axe's
// source is added to the page with the Content-Security-Policy bypassed for this context only
// (the CSP forbids the inline script Playwright adds); the app's own behaviour is unchanged.

import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { fivePointLink, useApp } from './support/app.js';


/** The five points, 3 η × 3 × 2 starts, both losses (36 runs), run 1.3 selected, run at once. */
const LINK = fivePointLink('&sel=1.3&run=1');

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

const app = useApp();

async function open(search: string, width: number, height: number): Promise<Page> {
  const page = await app.open(search, { width, height, bypassCSP: true });
  await page.addScriptTag({ path: AXE });
  return page;
}

/** axe's violations on the whole page (WCAG 2.x A and AA and best practices), one line each with its targets. */
async function violations(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: { id: string; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
  }).then((lines) => {
    if (lines.length) console.log(lines.join('\n'));
    return lines;
  });
}

describe('axe-core', () => {
  for (const [width, height] of [
    [1280, 800],
    [390, 844],
  ] as const) {
    it(`finds no violation on the first screen at ${width}×${height}`, async () => {
      const page = await open('', width, height);
      await page.locator('ll-first-look svg[data-chart=curve]').first().waitFor();
      expect(await violations(page)).toEqual([]);
      await page.context().close();
    });

    it(`finds no violation on a step of the guided tour at ${width}×${height}`, async () => {
      const page = await open('?v=1&guide=2', width, height);
      await page.locator('ll-guide h2').waitFor();
      expect(await violations(page)).toEqual([]);
      await page.context().close();
    });

    it(`finds no violation on a finished sweep with a run selected, step mode open and the disclosures expanded at ${width}×${height}`, async () => {
      const page = await open(LINK, width, height);
      await page.locator('ll-progress .box[data-status="done"]').waitFor();
      // Render every section (they are skipped off screen) and open what is folded.
      await page.addStyleTag({ content: 'll-app { --ll-content-visibility: visible; }' });
      await page.locator('#surfaces').scrollIntoViewIfNeeded();
      await page.locator('ll-surface svg path').first().waitFor();
      await page.locator('#open-step-mode').click();
      await page.locator('ll-step-mode ll-surface').first().waitFor();
      await page.evaluate(() => {
        const openAll = (root: Document | ShadowRoot) => {
          for (const element of root.querySelectorAll('*')) {
            if (element instanceof HTMLDetailsElement) element.open = true;
            if (element.shadowRoot) openAll(element.shadowRoot);
          }
        };
        openAll(document);
      });
      await page.locator('ll-curves canvas').first().waitFor();
      expect(await violations(page)).toEqual([]);
      await page.context().close();
    });
  }

  it('names every field of the form uniquely (η from, w0 from, b0 from, …), the visible label within the name', async () => {
    for (const search of ['?v=1&eta.mode=range&w0.mode=range&b0.mode=range', '?v=1&data=generated&init=random']) {
      const page = await open(search, 1280, 800);
      await page.locator('ll-sweep-form input').first().waitFor();
      const fields = await page.locator('ll-sweep-form input[type=text], ll-sweep-form select').evaluateAll((inputs) =>
        inputs.map((input) => {
          const label = (input as HTMLInputElement).labels?.[0]?.textContent?.trim() ?? '';
          return { label, name: input.getAttribute('aria-label') ?? label };
        }),
      );
      const names = fields.map((f) => f.name);
      expect(new Set(names).size, names.join(' | ')).toBe(names.length);
      for (const { label, name } of fields) expect(name.toLowerCase()).toContain(label.toLowerCase());
      if (search.includes('range')) for (const axis of ['η', 'w0', 'b0']) for (const end of ['from', 'to', 'count']) expect(names).toContain(`${axis} ${end}`);
      else expect(names).toEqual(expect.arrayContaining(['Seed of the generated data', 'Seed of random starts', 'Count of random starts']));
      await page.context().close();
    }
  });
});
