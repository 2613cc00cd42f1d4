// Writing while computing: ResultWindows writes exactly the runs finished in index order when woken
// (never a run still pending, never out of order), the rest at finish, and the bytes are those of
// one pass; nodeRunsHash is the same digest as the JavaScript SHA-256 the app uses. A whole `losslab
// sweep` to a file (written in windows) and to stdout (written after the sweep) gives the same bytes.

import { readFileSync } from 'node:fs';
import { describe, expect, it, afterAll } from 'vitest';
import { allocateResult, planSweep, RUN_PENDING, resultCsvChunks, resultHeader, resultJsonChunks, ResultTextWriter, runChunk, Sha256, SweepWindow, writeChunk, type SweepPlan } from '@losslab/worker';
import { createNodePool } from '@losslab/worker/node';
import type { Output } from '../src/output.js';
import { ResultWindows } from '../src/result-windows.js';
import { nodeRunsHash } from '../src/runs-hash.js';
import { runCli, tempDir } from './run-cli.js';

const tmp = tempDir();
afterAll(() => tmp.remove());

/** An Output that keeps what it is given, in order. */
function recorder(): Output & { text: () => string; committed: boolean } {
  const pieces: string[] = [];
  return {
    atomic: true,
    committed: false,
    async write(chunk) {
      pieces.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString());
    },
    async commit() {
      this.committed = true;
    },
    async discard() {
      pieces.length = 0;
    },
    text: () => pieces.join(''),
  };
}

const plan: SweepPlan = planSweep({ version: 1, dataset: 'five-point', losses: ['se', 'ce'], eta: [0.1, 1, 4], init: { w0: { from: -3, to: 3, count: 5 }, b0: [0, 1] }, epochs: 60 });

describe('ResultWindows', () => {
  it('a write that fails stops a windowed sweep (which would wait for releases forever) and finish throws its error', async () => {
    const header = resultHeader(plan, 'test');
    const failing: Output = {
      atomic: true,
      async write() {
        throw new Error('ENOSPC: no space left on device');
      },
      async commit() {},
      async discard() {},
    };
    const window = new SweepWindow(7);
    const stop = new AbortController();
    const failures: unknown[] = [];
    const windows = new ResultWindows(new ResultTextWriter('json', plan, header, nodeRunsHash()), failing, undefined, window, (error) => {
      failures.push(error);
      stop.abort();
    });
    const pool = createNodePool({ size: 2 });
    try {
      const result = await pool.run(plan, { window, chunkSize: 3, signal: stop.signal, onChunk: (_, runs) => windows.wake(runs) });
      await windows.settle();
      expect(result.cancelled).toBe(true);
      expect(window.released).toBe(0);
      expect(failures).toHaveLength(1);
      expect(() => windows.throwIfFailed()).toThrow('ENOSPC');
      await expect(windows.finish(result)).rejects.toThrow('ENOSPC');
    } finally {
      await pool.dispose();
    }
  });

  for (const format of ['json', 'csv'] as const) {
    it(`${format}: through a SweepWindow of 7 runs, a window of finished runs that crosses a lap of the ring is split there, each write is released, and the bytes are one pass's`, async () => {
      const header = resultHeader(plan, 'test');
      const full = allocateResult(plan);
      writeChunk(full, runChunk(plan, 0, plan.runCount));
      const expected = [...(format === 'json' ? resultJsonChunks : resultCsvChunks)(plan, full, header)].join('');

      // The pool's part, done by hand so that the order is fixed: chunks of 3 runs dealt up to the
      // window's limit, never across the wrap; each round computes all but the last chunk dealt,
      // so the writer releases mid-lap and its next window of finished runs crosses a lap's end.
      const W = 7;
      const window = new SweepWindow(W);
      const ring = allocateResult(plan, { start: 0, end: W });
      window.attach(ring, { start: 0, end: plan.runCount }, () => undefined);
      const out = recorder();
      const writer = new ResultTextWriter(format, plan, header, nodeRunsHash());
      const windows = new ResultWindows(writer, out, undefined, window);
      const compute = (c: { start: number; end: number }) => writeChunk(ring, runChunk(plan, c.start, c.end), window.position(c.start));
      let held: { start: number; end: number } | undefined;
      let crossed = 0;
      while (window.dealt < plan.runCount) {
        const dealt: { start: number; end: number }[] = [];
        while (window.dealt < Math.min(window.limit, plan.runCount)) {
          const start = window.dealt;
          const end = Math.min(start + 3, window.limit, window.lapEnd(start), plan.runCount);
          window.deal(end);
          dealt.push({ start, end });
        }
        if (held) compute(held);
        held = dealt.pop();
        dealt.forEach(compute);
        const from = window.released;
        windows.wake(ring);
        await windows.settle();
        expect(writer.next, 'each round writes at least the chunk held back in the round before').toBeGreaterThan(from);
        expect(window.released).toBe(writer.next);
        if (Math.floor(from / W) !== Math.floor((writer.next - 1) / W) && writer.next > from) crossed++;
      }
      if (held) compute(held);
      await windows.finish(ring);
      expect(crossed).toBeGreaterThan(3);
      expect(out.text()).toBe(expected);
      expect(window.released).toBe(plan.runCount);
    });
  }

  for (const format of ['json', 'csv'] as const) {
    it(`${format}: a wake writes the finished prefix only; finish writes the rest; the bytes are one pass's`, async () => {
      const header = resultHeader(plan, 'test');
      const full = allocateResult(plan);
      writeChunk(full, runChunk(plan, 0, plan.runCount));
      const expected = [...(format === 'json' ? resultJsonChunks : resultCsvChunks)(plan, full, header)].join('');

      // The live result as a pool fills it: runs [0, 9) and [20, 30) finished, [9, 20) and the rest pending.
      const live = allocateResult(plan);
      writeChunk(live, runChunk(plan, 0, 9));
      writeChunk(live, runChunk(plan, 20, 30));
      expect(live.status[9]).toBe(RUN_PENDING);
      const out = recorder();
      const windows = new ResultWindows(new ResultTextWriter(format, plan, header, nodeRunsHash()), out);
      windows.wake(live);
      await windows.settle();
      const lines = expected.split('\n');
      const runLine = (i: number) => lines.findIndex((l) => l.startsWith(format === 'json' ? `    {"index":${i},` : `${i},`));
      // Everything up to run 9, and not a character of it.
      expect(out.text()).toBe(expected.slice(0, expected.indexOf(lines[runLine(9)]!) - (format === 'json' ? 2 : 0)));

      writeChunk(live, runChunk(plan, 9, 20));
      windows.wake(live);
      await windows.settle();
      expect(out.text()).toBe(expected.slice(0, expected.indexOf(lines[runLine(30)]!) - (format === 'json' ? 2 : 0)));

      writeChunk(live, runChunk(plan, 30, plan.runCount));
      await windows.finish(live);
      expect(out.text()).toBe(expected);
    });
  }

  it('writes nothing more once its signal is aborted', async () => {
    const live = allocateResult(plan);
    writeChunk(live, runChunk(plan, 0, plan.runCount));
    const controller = new AbortController();
    controller.abort();
    const out = recorder();
    const windows = new ResultWindows(new ResultTextWriter('json', plan, resultHeader(plan, 'test')), out, controller.signal);
    windows.wake(live);
    await windows.settle();
    expect(out.text()).toBe('');
  });
});

describe('nodeRunsHash', () => {
  it('gives the JavaScript SHA-256 of the bytes it is given, in any number of updates (ASCII, accents, emoji, empty, long)', () => {
    const texts = ['{"index":0,"loss":"se"}', 'é, ü, η*', '😀 astral', '', 'x'.repeat(100_000), 'line'];
    const native = nodeRunsHash();
    const js = new Sha256();
    for (const t of texts) {
      native.update(new TextEncoder().encode(`${t}\n`));
      js.updateText(`${t}\n`);
    }
    expect(native.hex()).toBe(js.digestHex());
  });
});

describe('losslab sweep, written while computing', () => {
  it('writes the same JSON and CSV bytes to a file (in windows, during the sweep) as to stdout (after it)', async () => {
    // Enough runs for many chunks on two workers, so windows are written between chunks.
    const args = ['sweep', '--data', 'five-point', '--loss', 'se,ce', '--eta', '1e-2:4:8:log', '--w0', '-6:6:16', '--b0', '-6:6:16', '--epochs', '200', '--workers', '2'];
    for (const format of ['json', 'csv']) {
      const toFile = await runCli([...args, '--format', format, '--out', tmp.path(`s.${format}`)]);
      expect(toFile.code, toFile.stderr).toBe(0);
      const toStdout = await runCli([...args, '--format', format]);
      expect(toStdout.code, toStdout.stderr).toBe(0);
      expect(readFileSync(tmp.path(`s.${format}`), 'utf8')).toBe(toStdout.stdout);
      expect(toStdout.stdout.length).toBeGreaterThan(1_000_000);
    }
  });
});
