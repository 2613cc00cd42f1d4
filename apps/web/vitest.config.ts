// Four projects: `unit` (lib/ in Node), `components` (elements and controllers in real headless
// Chromium, with real Web Workers), `bundle` (the built assets' size) and `e2e` (the built app
// under `vite preview`, driven by playwright-core). `bundle` and `e2e` need `vite build` first
// (`pnpm test` runs it). Chromium comes from $CHROMIUM_PATH or the usual install paths.

import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { chromiumArgs, chromiumPath } from './scripts/chromium.mjs';

/** Chromium for the `components` project; a missing one fails those tests with this message, not the others. */
function chromiumExecutable(): string | undefined {
  try {
    return chromiumPath();
  } catch (error) {
    console.warn(`[vitest] ${(error as Error).message}`);
    return undefined;
  }
}

export default defineConfig({
  worker: { format: 'es' },
  test: {
    // How long vitest waits for Chromium to connect (read from the root config, not the project's):
    // a guard against a browser that never comes, not a speed limit. Its 30–60 s default was
    // exceeded on a loaded 2-core machine (Vite's dependency scan alone took 38 s there).
    browser: { connectTimeout: 600_000 },
    // Every timeout below guards against a hang only: none is a speed limit, and each is far above
    // what a test takes on a loaded 2-core machine (a load average of 38 made 1-second unit tests
    // take 6 s, past vitest's 5 s default). expect.poll waits for a state, up to 2 minutes.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    expect: { poll: { timeout: 120_000 } },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/lib/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'components',
          include: ['test/components/**/*.test.ts'],
          testTimeout: 300_000,
          browser: {
            enabled: true,
            headless: true,
            screenshotFailures: false,
            provider: playwright({ launchOptions: { executablePath: chromiumExecutable(), args: [...chromiumArgs] } }),
            instances: [{ browser: 'chromium', viewport: { width: 1280, height: 800 } }],
          },
        },
      },
      {
        extends: true,
        test: {
          name: 'bundle',
          include: ['test/bundle/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 900_000,
          hookTimeout: 300_000,
          // One browser and one server at a time, after the other projects (groupOrder): each
          // file starts its own Chromium and `vite preview`, which the 2-core CI machine runs best
          // one at a time. Nothing here measures speed (that is `pnpm bench:web`).
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
