// A MEASUREMENT, not a test (run: npx vitest run -c vitest.measure.config.ts test/measure/kernel-speed.measure.browser.ts).
// bench/kernel-bench.mjs in the page's main thread: ns per point-step of the kernel on benchmark
// S1 (one squared-error chunk and one cross-entropy chunk), for the SIMD path, the JavaScript
// path and the reference, median [min, max] over the repetitions (engines take turns). Wall time
// (performance.now()); the machine may be shared, so compare numbers from the same run. Logs only.

import { expect, it } from 'vitest';
import { runChunkWith, type KernelEngine } from '../../src/kernel.js';
import { runChunkReference } from '../../src/kernel-reference.js';
import { simdKernel } from '../../src/kernel-wasm.js';
import { benchmarkPlan } from '../support/sweeps.js';

const plan = benchmarkPlan(1000);
const RUNS = 1024;
const REPS = 7;
const STARTS = [4096, 20480];

const engines: Record<string, (start: number, end: number) => unknown> = {
  wasm: (s, e) => runChunkWith(plan, s, e, {}, 'wasm' satisfies KernelEngine),
  js: (s, e) => runChunkWith(plan, s, e, {}, 'js' satisfies KernelEngine),
  ref: (s, e) => runChunkReference(plan, s, e),
};

const median = (a: number[]) => {
  const s = [...a].sort((p, q) => p - q);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

it('measures the kernel in the page (ns per point-step on S1)', () => {
  expect(simdKernel()).not.toBeNull();
  const pointSteps = RUNS * plan.epochs * plan.data.n;
  for (const run of Object.values(engines)) for (const s of STARTS) run(s, s + 256); // warm-up
  const times = new Map<string, number[]>();
  for (let rep = 0; rep < REPS; rep++) {
    for (const [name, run] of Object.entries(engines)) {
      let total = 0;
      for (const s of STARTS) {
        const t0 = performance.now();
        run(s, s + RUNS);
        const dt = performance.now() - t0;
        total += dt;
        const key = `${name} @${s}`;
        times.set(key, [...(times.get(key) ?? []), (dt * 1e6) / pointSteps]);
      }
      const key = `${name} all`;
      times.set(key, [...(times.get(key) ?? []), (total * 1e6) / (pointSteps * STARTS.length)]);
    }
  }
  const lines = [...times].map(([key, v]) => `${key.padEnd(12)} ${median(v).toFixed(2)} [${Math.min(...v).toFixed(2)}, ${Math.max(...v).toFixed(2)}]`);
  console.info(`${navigator.userAgent}\nS1, ${RUNS} runs per chunk, chunks at ${STARTS.join(', ')}, ${REPS} repetitions; ns per point-step (wall), median [min, max]\n${lines.join('\n')}`);
});
