import { defineConfig } from 'vitest/config';

// Node tests. The pool's worker_threads load dist/worker-node.js (and test/fixtures/*.mjs load
// dist/worker-api.js), so build first: `pnpm test` runs through turbo, which does.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/**/*.browser.test.ts', 'node_modules/**'],
    testTimeout: 120_000,
  },
});
