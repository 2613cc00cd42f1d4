import { defineConfig } from 'vitest/config';

// Node tests. worker_threads cannot load .ts files, so the global setup first compiles src/ into
// .test-build/ and the tests' pools, fixtures and scripts load that: always the current source,
// never a stale dist/ (test/support/build-for-tests.ts).
export default defineConfig({
  test: {
    globalSetup: ['test/support/build-for-tests.ts'],
    include: ['test/**/*.test.ts'],
    exclude: ['test/**/*.browser.test.ts', 'node_modules/**'],
    // Hang guards, not speed limits: far above what a test takes on a loaded machine.
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
