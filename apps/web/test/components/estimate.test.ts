// The form's run-time estimate in real Chromium with real Web Workers: none before this machine
// has been measured, one once a sweep has run (its cost from the pool's steady rate or, for a
// sweep of one chunk, from its whole time). No test here reads or compares durations.

import { afterEach, describe, expect, it } from 'vitest';
import '../../src/components/ll-app.js';
import type { LlApp } from '../../src/components/ll-app.js';
import { deep, mount, shadow, waitFor } from './helpers.js';

const runCount = (root: LlApp) => shadow(deep(root, 'll-sweep-form'), '#run-count').textContent ?? '';
const status = (root: LlApp) => shadow(deep(root, 'll-progress'), '.box').dataset.status;

describe('the run-time estimate', () => {
  afterEach(() => document.body.replaceChildren());

  it('shows no time before a sweep has been measured here, and one after the saturation sweep ran', async () => {
    const root = mount(document.createElement('ll-app')) as LlApp;
    await root.updateComplete;
    await waitFor(() => /runs/.test(runCount(root)), 'the run count');
    expect(runCount(root)).not.toMatch(/about/);
    shadow(deep(root, 'll-presets'), '#preset-saturation-sweep').click();
    await waitFor(() => status(root) === 'done', 'the sweep to finish');
    await waitFor(() => /about [\d.]+ (s|min|h)\b.* on \d+ workers?/.test(runCount(root)), 'an estimate measured on this machine');
  });
});
