import { defineConfig } from 'vitest/config';
import browser from './vitest.browser.config.js';

// Measurements in the browser (test/measure/*.measure.browser.ts): numbers for the README, no
// assertions on speed. Same Chromium and server as the browser tests, other files.
export default defineConfig({ ...browser, test: { ...browser.test, include: ['test/measure/*.measure.browser.ts'], testTimeout: 600_000 } });
