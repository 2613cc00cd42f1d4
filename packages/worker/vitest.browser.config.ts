import { existsSync } from 'node:fs';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { planSweep } from './src/index.js';
import { createNodePool } from './src/node.js';
import { engineDigests, fileSpecs, resultFileText } from './test/support/engine-digests.js';

// Browser tests: test/*.browser.test.ts in Debian's Chromium (never a downloaded browser), with real
// Web Workers that Vite bundles from src/worker-browser.ts.
const executablePath = process.env.CHROMIUM_PATH || ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => existsSync(path));
if (!executablePath) throw new Error('no Chromium found at /usr/bin/chromium or /usr/bin/chromium-browser; install it (apt-get install chromium) or set CHROMIUM_PATH');

const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export default defineConfig({
  // Cross-origin isolation gives the page SharedArrayBuffer, so both ways of stopping a running
  // chunk are tested: the shared flag, and terminating busy workers (what non-isolated pages get).
  server: { headers: { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' } },
  test: {
    include: ['test/**/*.browser.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 300_000,
    browser: {
      // A guard against a browser that never connects, not a speed limit: the default (60 s) was
      // exceeded on a loaded 2-core machine.
      connectTimeout: 600_000,
      enabled: true,
      headless: true,
      instances: [{ browser: 'chromium' }],
      provider: playwright({ launchOptions: { executablePath, args } }),
      // Node's side of the cross-engine tests (test/engine-digests.browser.test.ts): computed here, in
      // vitest's Node process, by the same code the page runs, and handed to the page to compare.
      commands: {
        nodeEngineDigests: () => engineDigests(),
        // As `losslab sweep` writes it: trained by a pool of worker_threads (dist/worker-node.js).
        nodeResultFile: async (_context, name: string) => {
          const plan = planSweep(fileSpecs()[name]!);
          const pool = createNodePool({ size: 2 });
          try {
            return resultFileText(plan, await pool.run(plan));
          } finally {
            await pool.dispose();
          }
        },
      },
    },
  },
});
