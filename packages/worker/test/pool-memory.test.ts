// A reused Node pool must not keep anything per sweep: memory after many consecutive sweeps stays
// where it was after the first few. Measured in a child process with --expose-gc (a full GC before
// each reading); this is memory, not timing.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('./fixtures/many-sweeps.mjs', import.meta.url));

interface Reading {
  runs: number;
  sweeps: number;
  warmup: number;
  before: number;
  after: number;
  disposed: number;
}

function runScript(runs: number, sweeps: number, warmup: number): Promise<Reading> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--expose-gc', script, String(runs), String(sweeps), String(warmup)], { timeout: 100_000 }, (error, stdout, stderr) =>
      error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(JSON.parse(stdout) as Reading),
    );
  });
}

describe('a reused Node pool', () => {
  it("keeps its external memory flat over 150 consecutive sweeps (no chunk result outlives its sweep)", async () => {
    const r = await runScript(4096, 150, 10);
    // What a pool that kept every chunk's arrays would add: the result arrays of a run without a
    // curve are 6 Float64 + 4 Int32 + 1 Uint8 = 65 bytes, per run, per sweep after the warm-up.
    const leak = 65 * r.runs * (r.sweeps - r.warmup);
    const growth = r.after - r.before;
    console.log(`pool memory: external+arrayBuffers ${r.before} → ${r.after} bytes over ${r.sweeps - r.warmup} sweeps of ${r.runs} runs (growth ${growth}; a 65 B/run/sweep leak would be ${leak})`);
    expect(growth).toBeLessThan(leak * 0.2);
  });
});
