// A MEASUREMENT, not a test: milliseconds from abort() to run() resolving, for each stop mode.

import { expect, it } from 'vitest';
import { createBrowserPool, type StopMode } from '../../src/browser.js';
import { benchmarkPlan } from '../support/sweeps.js';

it('abort → run() resolved', { timeout: 600_000 }, async () => {
  const plan = benchmarkPlan();
  for (const stopMode of ['flag', 'terminate'] as StopMode[]) {
    const pool = createBrowserPool({ size: 2, stopMode });
    const latencies: number[] = [];
    for (let trial = 0; trial < 10; trial++) {
      const controller = new AbortController();
      let abortedAt = 0;
      let chunks = 0;
      const result = await pool.run(plan, {
        signal: controller.signal,
        onChunk: () => {
          if (++chunks === 8) {
            abortedAt = performance.now();
            controller.abort();
          }
        },
      });
      latencies.push(performance.now() - abortedAt);
      expect(result.cancelled).toBe(true);
    }
    await pool.dispose();
    latencies.sort((a, b) => a - b);
    console.log(JSON.stringify({ stopMode, medianMs: +latencies[5]!.toFixed(1), maxMs: +latencies[9]!.toFixed(1) }));
  }
});
