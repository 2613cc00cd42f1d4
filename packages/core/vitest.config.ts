import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Hang guards, not speed limits: far above what a test takes on a loaded machine.
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
