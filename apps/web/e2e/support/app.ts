// What every end-to-end file needs, once: the built app served by `vite preview` (started by its
// binary, stopped by its PID) and one Chromium (Debian's, never downloaded) for the file, pages
// opened in fresh contexts with the hang guard as their default timeout, page errors recorded, and
// the waits on the app's states the files share. Nothing here measures time.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs';
import { startPreview, webRoot } from '../../scripts/preview-server.mjs';

/**
 * How long a wait for a state may take before it counts as a hang: a guard on a loaded 2-core
 * machine, not a speed limit (below the e2e project's 900 s test timeout).
 */
export const HANG_GUARD_MS = 600_000;

/** The five points, η 0.1, 1, 10, starts w0 −2, 0, 2 × b0 −2, 2, 300 epochs, both losses (36 runs), η index 1 shown; then `extra` (e.g. `&sel=1.3&run=1`). */
export function fivePointLink(extra: string): string {
  return `?v=1&builtin=five-point&eta.mode=list&eta.list=0.1%2C+1%2C+10&w0.mode=list&w0.list=-2%2C+0%2C+2&b0.mode=list&b0.list=-2%2C+2&epochs=300&ei=1${extra}`;
}

/** The git-ignored `out/` directory for screenshots and downloaded files, created if missing. */
export function outDir(): string {
  const out = join(webRoot, 'out');
  mkdirSync(out, { recursive: true });
  return out;
}

/** How to open a page: its viewport (1280 × 900 by default) and context options, or an existing context. */
export interface PageOptions extends Omit<BrowserContextOptions, 'viewport'> {
  width?: number;
  height?: number;
  /** A context to open the page in (sharing its storage) instead of a fresh one. */
  context?: BrowserContext;
}

/** What {@link open} waits for after loading: the progress box (the app rendered), a finished sweep, or nothing. */
export type Ready = 'progress' | 'done' | 'none';

/** The server and browser of one test file, with its pages. */
export interface AppHarness {
  /** The preview server's base URL (set once the file's beforeAll ran). */
  readonly url: string;
  readonly browser: Browser;
  /** Every page error of every page opened through this harness, in order. */
  readonly pageErrors: string[];
  /** A page in a fresh context (or `options.context`), not loaded yet. */
  newPage(options?: PageOptions): Promise<Page>;
  /** A page loaded at `search` (`?v=1&…`, or '' for the first screen), once `ready` (default: the progress box) holds. */
  open(search?: string, options?: PageOptions & { ready?: Ready }): Promise<Page>;
}

/**
 * Starts `vite preview` and Chromium in the calling file's beforeAll and stops both (by PID, and
 * closing the browser with its contexts) in its afterAll. Call it at the top of a test file.
 */
export function useApp(): AppHarness {
  let server: Awaited<ReturnType<typeof startPreview>> | undefined;
  let browser: Browser | undefined;
  const pageErrors: string[] = [];
  beforeAll(async () => {
    server = await startPreview();
    browser = await chromium.launch({ executablePath: chromiumPath(), args: [...chromiumArgs], timeout: HANG_GUARD_MS });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  const started = () => {
    if (!server || !browser) throw new Error('useApp(): the server and browser start in beforeAll; use them inside tests and hooks');
    return { server, browser };
  };
  const harness: AppHarness = {
    get url() {
      return started().server.url;
    },
    get browser() {
      return started().browser;
    },
    pageErrors,
    async newPage({ width = 1280, height = 900, context, ...options } = {}) {
      const ctx = context ?? (await started().browser.newContext({ viewport: { width, height }, ...options }));
      ctx.setDefaultTimeout(HANG_GUARD_MS);
      const page = await ctx.newPage();
      page.on('pageerror', (error) => pageErrors.push(error.message));
      return page;
    },
    async open(search = '', { ready = 'progress', ...options } = {}) {
      const page = await harness.newPage(options);
      await page.goto(`${harness.url}${search}`);
      if (ready === 'progress') await page.locator('ll-progress').waitFor();
      else if (ready === 'done') await waitForStatus(page, 'done');
      return page;
    },
  };
  return harness;
}

/** Resolves once the progress box shows `status` ('running', 'done', 'cancelled', …). */
export function waitForStatus(page: Page, status: string, timeout = HANG_GUARD_MS): Promise<void> {
  return page.locator(`ll-progress .box[data-status="${status}"]`).waitFor({ timeout });
}

/** The app's state (ll-app's `state`), as plain data; `T` names the parts a test reads. */
export function appState<T>(page: Page): Promise<T> {
  return page.evaluate(() => (document.querySelector('ll-app') as unknown as { state: never }).state) as Promise<T>;
}
