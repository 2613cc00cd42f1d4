import { defineConfig } from 'vitest/config';

// The tests spawn the built CLI (dist/cli.js): turbo builds it (and its dependencies) first.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Hang guards, not speed limits: far above what a test takes on a loaded machine.
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
