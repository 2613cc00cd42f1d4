// A MEASUREMENT, not a test (run: pnpm --filter @losslab/worker measure:browser-pool-size).
// Should a browser pool use every logical core (navigator.hardwareConcurrency workers) or leave one
// to the main thread (hardwareConcurrency − 1)? Runs benchmark S1 (at fewer epochs) with each size
// while the main thread does what the app does during a sweep: draw a heatmap of every run's final
// loss on each animation frame, and answer input promptly. Reports throughput and main-thread
// responsiveness: animation frame gaps and the delay of a 10 ms timer probe (input latency proxy).

import { expect, it } from 'vitest';
import { createBrowserPool } from '../../src/browser.js';
import type { SweepResult } from '../../src/index.js';
import { benchmarkPlan } from '../support/sweeps.js';

const plan = benchmarkPlan(300);

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
}

async function measure(size: number) {
  const canvas = document.createElement('canvas');
  canvas.width = 256;
  canvas.height = 128;
  document.body.append(canvas);
  const context = canvas.getContext('2d')!;
  const image = context.createImageData(256, 128);
  let latest: SweepResult | undefined;
  let running = true;
  const frameGaps: number[] = [];
  const timerDelays: number[] = [];
  let lastFrame = performance.now();
  const frame = (now: number) => {
    frameGaps.push(now - lastFrame);
    lastFrame = now;
    if (latest) {
      // The app's heatmap, here for every run at once: colour by log of the final loss.
      const loss = latest.finalLoss;
      for (let i = 0; i < loss.length; i++) {
        const v = Number.isNaN(loss[i]!) ? 0 : Math.max(0, Math.min(255, 128 + 20 * Math.log10(loss[i]!)));
        image.data[4 * i] = v;
        image.data[4 * i + 1] = 255 - v;
        image.data[4 * i + 2] = 64;
        image.data[4 * i + 3] = 255;
      }
      context.putImageData(image, 0, 0);
    }
    if (running) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  let expected = performance.now() + 10;
  const probe = setInterval(() => {
    const now = performance.now();
    timerDelays.push(now - expected);
    expected = now + 10;
  }, 10);

  const pool = createBrowserPool({ size });
  await pool.run(plan, { range: { start: 0, end: 256 } }); // start and warm the workers
  const startedMs = performance.now();
  frameGaps.length = 0;
  timerDelays.length = 0;
  const result = await pool.run(plan, { onChunk: (_, r) => (latest = r) });
  const seconds = (performance.now() - startedMs) / 1000;
  running = false;
  clearInterval(probe);
  await pool.dispose();
  canvas.remove();
  expect(result.completed).toBe(plan.runCount);
  return {
    size,
    seconds: +seconds.toFixed(2),
    runsPerSecond: Math.round(plan.runCount / seconds),
    frameGapMs: { p50: +percentile(frameGaps, 0.5).toFixed(1), p95: +percentile(frameGaps, 0.95).toFixed(1), max: +Math.max(...frameGaps).toFixed(1) },
    slowFrames: +(frameGaps.filter((gap) => gap > 20).length / frameGaps.length).toFixed(3),
    timerDelayMs: { p50: +percentile(timerDelays, 0.5).toFixed(1), p95: +percentile(timerDelays, 0.95).toFixed(1), max: +Math.max(...timerDelays).toFixed(1) },
  };
}

it('hardwareConcurrency vs hardwareConcurrency − 1 workers', { timeout: 600_000 }, async () => {
  const cores = navigator.hardwareConcurrency;
  const sizes = [...new Set([cores, Math.max(1, cores - 1)])];
  const rows: Awaited<ReturnType<typeof measure>>[] = [];
  for (let round = 0; round < 10; round++) for (const size of round % 2 ? [...sizes].reverse() : sizes) rows.push(await measure(size));
  console.log(`navigator.hardwareConcurrency = ${cores}; S1 at ${plan.epochs} epochs (${plan.runCount} runs)`);
  for (const row of rows) console.log(JSON.stringify(row));
  for (const size of sizes) {
    const mine = rows.filter((row) => row.size === size);
    const median = (pick: (row: (typeof rows)[number]) => number) => percentile(mine.map(pick), 0.5);
    console.log(
      JSON.stringify({
        size,
        trials: mine.length,
        medianRunsPerSecond: median((row) => row.runsPerSecond),
        medianSlowFrames: median((row) => row.slowFrames),
        medianFrameGapP95Ms: median((row) => row.frameGapMs.p95),
        medianTimerDelayP95Ms: median((row) => row.timerDelayMs.p95),
        medianTimerDelayMaxMs: median((row) => row.timerDelayMs.max),
      }),
    );
  }
});
