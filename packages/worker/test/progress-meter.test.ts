// The progress meter on a clock the test holds: the numbers it reports, computed by hand.

import { describe, expect, it } from 'vitest';
import { ProgressMeter } from '../src/progress-meter.js';

/** A clock that only moves when the test says so (milliseconds). */
function manualClock() {
  let ms = 0;
  return { now: () => ms, set: (to: number) => void (ms = to) };
}

describe('ProgressMeter', () => {
  it('gives no ETA until the rate is known, then (runs left) / (the rate since the first runs were done)', () => {
    const clock = manualClock();
    const meter = new ProgressMeter(1000, undefined, () => {}, clock.now);
    expect(meter.snapshot()).toMatchObject({ done: 0, failed: 0, total: 1000, etaSeconds: Number.NaN, elapsedSeconds: 0 });

    // The first 10 runs land after 2 s of start-up (workers spawned, kernel compiled, plan sent):
    // one data point, no rate yet. The overall rate would say 990 / (10 / 2 s) = 198 s left.
    clock.set(2000);
    meter.add(10, 0);
    const first = meter.snapshot();
    expect(first.done).toBe(10);
    expect(first.runsPerSecond).toBe(5);
    expect(first.elapsedSeconds).toBe(2);
    expect(first.etaSeconds).toBeNaN();

    // 0.5 s later 90 more: 90 runs / 0.5 s = 180 runs/s, 900 left → 5 s (the overall rate,
    // 100 / 2.5 s = 40 runs/s, would say 22.5 s).
    clock.set(2500);
    meter.add(85, 5);
    const second = meter.snapshot();
    expect(second).toMatchObject({ done: 100, failed: 5, total: 1000, runsPerSecond: 40, elapsedSeconds: 2.5 });
    expect(second.etaSeconds).toBe(5);

    // Later: 400 done, 1.5 s after the first → (400 − 10) / 1.5 s = 260 runs/s, 600 left.
    clock.set(3500);
    meter.add(300, 0);
    expect(meter.snapshot().etaSeconds).toBeCloseTo(600 / (390 / 1.5), 12);

    // Nothing left: 0, whatever the rate.
    clock.set(4000);
    meter.add(600, 0);
    expect(meter.snapshot()).toMatchObject({ done: 1000, etaSeconds: 0 });
  });

  it('counts failed runs as done and as failed', () => {
    const clock = manualClock();
    const meter = new ProgressMeter(10, undefined, () => {}, clock.now);
    clock.set(100);
    meter.add(3, 2);
    expect(meter.snapshot()).toMatchObject({ done: 5, failed: 2 });
  });

  it('reports through onProgress at once when the interval has passed, with the numbers of that moment, and finish() reports again', () => {
    const clock = manualClock();
    const reports: { done: number; elapsedSeconds: number }[] = [];
    const held = new ProgressMeter(4, (p) => reports.push({ done: p.done, elapsedSeconds: p.elapsedSeconds }), () => {}, clock.now);
    clock.set(1000);
    held.add(1, 0); // the first report: due at once
    expect(reports).toEqual([{ done: 1, elapsedSeconds: 1 }]);
    clock.set(1060);
    held.add(1, 0); // 60 ms later: due at once
    expect(reports).toEqual([{ done: 1, elapsedSeconds: 1 }, { done: 2, elapsedSeconds: 1.06 }]);
    held.finish();
    expect(reports).toHaveLength(3);
    expect(reports.at(-1)).toEqual({ done: 2, elapsedSeconds: 1.06 });
  });
});
