// A windowed sweep (RunSweepOptions.window): the result is a ring of W runs that the consumer reads
// through lap views and releases as it goes. Compared run for run with the kernel run in this
// thread (runChunk), which shares no code with the ring.
import { describe, expect, it } from 'vitest';
import { allocateResult, allocateRuns, ARRAY_FIELDS, fieldWidth, runArray, runChunk, RUN_DONE, RUN_FAILED, RUN_PENDING, SweepWindow, type RunArrays, type SweepPlan, type SweepResult } from '../src/index.js';
import { faultyWorkerUrl, testPool, workerLog } from './support/node-pools.js';
import { expectSameRuns, gridPlan } from './support/sweeps.js';

const plan = gridPlan(40);
const clean = runChunk(plan, 0, plan.runCount);
const W = 7;
const range = { start: 5, end: 700 };
const count = range.end - range.start;

/** Copies run i from `from` (run i at position i − offset) to position i − base of `to`, every array. */
function copyRun(to: RunArrays, base: number, from: RunArrays & { offset?: number }, i: number, p: SweepPlan): void {
  for (const field of ARRAY_FIELDS) {
    const width = fieldWidth(field, p.data.d, p.curveEpochs.length);
    const at = i - (from.offset ?? 0);
    runArray(to, field).set(runArray(from, field).subarray(at * width, (at + 1) * width), (i - base) * width);
  }
}

/**
 * A consumer as a file writer is one: after each chunk (now, or on a later turn of the event loop)
 * it copies the finished prefix from `released` on, through the window's views, and releases it.
 * Checks, at each chunk, that the pool holds at most W runs not yet released and that the chunk
 * lies within one lap of the ring.
 */
function consumer(window: SweepWindow, p: SweepPlan, later: boolean) {
  const copied = allocateRuns(count, p.data.d, p.curveEpochs.length);
  const seen = { chunks: 0, maxHeld: 0, straddled: [] as { start: number; end: number }[], laps: new Set<number>() };
  const consume = () => {
    let i = window.released;
    while (i < range.end && i < window.limit) {
      const view = window.view(i);
      if (view.status[i - view.offset!] === RUN_PENDING) break;
      copyRun(copied, range.start, view, i, p);
      seen.laps.add(view.offset!);
      i++;
    }
    window.release(i);
  };
  const onChunk = (chunk: { start: number; end: number }) => {
    seen.chunks++;
    seen.maxHeld = Math.max(seen.maxHeld, window.dealt - window.released);
    const w = window.runs;
    if (Math.floor((chunk.start - range.start) / w) !== Math.floor((chunk.end - 1 - range.start) / w)) seen.straddled.push(chunk);
    if (later) setImmediate(consume);
    else consume();
  };
  return { copied, seen, onChunk, finish: consume };
}

describe.each([
  { when: 'in onChunk', later: false },
  { when: 'on a later turn of the event loop (the workers wait for it)', later: true },
])('a windowed sweep whose consumer releases $when', ({ later }) => {
  it(`gives, run for run, the kernel's values, with at most W = ${W} runs held, chunks capped at the wrap, and the right counts`, async () => {
    const pool = testPool();
    const window = new SweepWindow(W);
    const c = consumer(window, plan, later);
    const result = await pool.run(plan, { range, chunkSize: 3, window, onChunk: c.onChunk });
    c.finish();
    expect(window.released).toBe(range.end);
    expect(result.cancelled).toBe(false);
    expect(result.completed).toBe(count);
    expect(result.failures).toEqual([]);
    expect(result.status).toHaveLength(W); // the ring, not the range
    expect(c.seen.maxHeld).toBeLessThanOrEqual(W);
    expect(c.seen.straddled).toEqual([]);
    expect(c.seen.laps.size).toBe(Math.ceil(count / W)); // every lap of the ring was read
    expectSameRuns(c.copied, clean, plan, { expectedStart: range.start, count });
  });
});

describe('a windowed sweep', () => {
  it('with W larger than the range holds the whole range in one lap', async () => {
    const pool = testPool();
    const window = new SweepWindow(10_000);
    const result = await pool.run(plan, { range, window });
    expect(window.capacity).toBe(count);
    expect(result.status).toHaveLength(count);
    expect(result.completed).toBe(count);
    expectSameRuns(result, clean, plan, { expectedStart: range.start, count });
  });

  it('cancelled while blocked on a release (every slot of the ring finished, none released) resolves as cancelled', async () => {
    const pool = testPool();
    const window = new SweepWindow(W);
    const controller = new AbortController();
    let dealtAtAbort = -1;
    const result = await pool.run(plan, {
      range,
      chunkSize: 3,
      window,
      signal: controller.signal,
      onChunk: (_, r: SweepResult) => {
        // Waits for the state "the ring is full of finished runs": the pool can deal nothing more.
        if (r.completed === W) {
          dealtAtAbort = window.dealt;
          controller.abort();
        }
      },
    });
    expect(result.cancelled).toBe(true);
    expect(result.completed).toBe(W);
    expect(dealtAtAbort).toBe(range.start + W);
    expect(window.dealt).toBe(range.start + W);
    expect(pool.busyWorkers).toBe(0);
  });

  // W = 1: the pool waits on run k alone when it is marked failed, so the consumer must hear of it (onChunk).
  it.each([W, 1])('of W = %i runs with a worker that fails at run k marks run k alone failed and keeps every other run', async (runs) => {
    const k = 301;
    const log = workerLog();
    const pool = testPool({ workerUrl: faultyWorkerUrl, workerData: { throwAt: k, log: log.shared } });
    const window = new SweepWindow(runs);
    const c = consumer(window, plan, false);
    const result = await pool.run(plan, { range, chunkSize: 3, window, onChunk: c.onChunk });
    c.finish();
    expect(window.released).toBe(range.end);
    expect(result.failures).toHaveLength(1);
    expect(result.failures[0]).toMatchObject({ start: k, end: k + 1 });
    expect(result.completed).toBe(count - 1);
    expect(c.copied.status[k - range.start]).toBe(RUN_FAILED);
    const before = k - range.start;
    expectSameRuns(c.copied, clean, plan, { expectedStart: range.start, count: before });
    expectSameRuns(c.copied, clean, plan, { actualStart: before + 1, expectedStart: k + 1, count: range.end - k - 1 });
    expect(Array.from(c.copied.status).filter((s) => s !== RUN_DONE)).toEqual([RUN_FAILED]);
  });
});

describe('window options', () => {
  it.each([0, -3, 2.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses W = %s with a RangeError naming the option and the value', (runs) => {
    expect(() => new SweepWindow(runs)).toThrow(RangeError);
    expect(() => new SweepWindow(runs)).toThrow(`window runs must be an integer ≥ 1, got ${String(runs)}`);
  });

  it("refuses order 'progressive' with a window, naming both options", async () => {
    const pool = testPool();
    const error = (await pool.run(plan, { window: new SweepWindow(W), order: 'progressive' }).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(RangeError);
    expect(error.message).toContain('window');
    expect(error.message).toContain("order 'progressive'");
  });

  it('refuses a window that is not a SweepWindow, and a window used twice', async () => {
    const pool = testPool();
    const error = (await pool.run(plan, { window: { runs: W } as unknown as SweepWindow }).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(TypeError);
    expect(error.message).toContain('window must be a SweepWindow');
    const window = new SweepWindow(10_000);
    await pool.run(plan, { range: { start: 0, end: 10 }, window });
    await expect(pool.run(plan, { range: { start: 0, end: 10 }, window })).rejects.toThrow('already served a sweep');
  });

  it('refuses to release a run that is not finished, or one not dealt', () => {
    const window = new SweepWindow(4);
    const ring = allocateResult(plan, { start: 0, end: 4 });
    window.attach(ring, { start: 0, end: 20 }, () => undefined);
    window.deal(3);
    ring.status[0] = RUN_DONE;
    expect(() => window.release(2)).toThrow('run 1 is still pending');
    expect(() => window.release(4)).toThrow('only runs before 3 were dealt');
    window.release(1);
    expect(window.released).toBe(1);
    expect(window.limit).toBe(5);
  });
});
