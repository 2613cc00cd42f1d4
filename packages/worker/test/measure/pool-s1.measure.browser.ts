// A MEASUREMENT, not a test (run: npx vitest run -c vitest.measure.config.ts test/measure/pool-s1.measure.browser.ts).
// Benchmark S1 through createBrowserPool on a blank page (no views): wall time of run() on a warm
// pool, for comparison with `losslab bench` and the app's `pnpm bench:web`. Logs only.

import { expect, it } from 'vitest';
import { createBrowserPool } from '../../src/browser.js';
import { benchmarkPlan } from '../support/sweeps.js';

it('measures S1 through the browser pool on a blank page', async () => {
  const plan = benchmarkPlan(1000);
  for (const size of [1, 2]) {
    const pool = createBrowserPool({ size });
    await pool.run(benchmarkPlan(50)); // warm-up: workers started, code compiled
    const times: number[] = [];
    for (let rep = 0; rep < 3; rep++) {
      const t0 = performance.now();
      const result = await pool.run(plan);
      times.push(performance.now() - t0);
      expect(result.completed).toBe(plan.runCount);
    }
    times.sort((a, b) => a - b);
    console.info(`S1, blank page, ${size} worker(s): median ${(times[1]! / 1000).toFixed(2)} s (${times.map((t) => (t / 1000).toFixed(2)).join(', ')}), ${((times[1]! * 1e6) / 1.6384e8).toFixed(1)} ns/point-step`);
    await pool.dispose();
  }
});
