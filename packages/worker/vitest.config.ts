import { defineConfig } from 'vitest/config';

// Node tests. worker_threads cannot load .ts files, so the global setup first compiles src/ into
// .test-build/ and the tests' pools, fixtures and scripts load that: always the current source,
// never a stale dist/ (test/support/build-for-tests.ts).
export default defineConfig({
  test: {
    globalSetup: ['test/support/build-for-tests.ts'],
    include: ['test/**/*.test.ts'],
    exclude: ['test/**/*.browser.test.ts', 'node_modules/**'],
    testTimeout: 120_000,
  },
});
