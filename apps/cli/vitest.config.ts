import { defineConfig } from 'vitest/config';

// The tests spawn the built CLI (dist/cli.js): turbo builds it (and its dependencies) first.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
