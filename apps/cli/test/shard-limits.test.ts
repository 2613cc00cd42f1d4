// Caps per process, not per sweep: a sweep far past the 10,000,000-run cap runs as shards within
// it, up to the index space's 2^53 − 1 runs, with every index, axis position and initial draw exact
// at the far end (checked against BigInt arithmetic and @losslab/core's initialize and train).

import { fivePoint, initialize, train } from '@losslab/core';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempDir, type SweepDocument } from './run-cli.js';
import { writeFileSync } from 'node:fs';

const tmp = tempDir();
afterAll(() => tmp.remove());

/** A spec of 2 losses × |eta| η × `count` uniform random inits, written to a file. */
function specFile(name: string, eta: number[], count: number): string {
  const path = tmp.path(name);
  writeFileSync(path, JSON.stringify({ version: 1, dataset: 'five-point', losses: ['se', 'ce'], eta, init: { scheme: 'uniform', parameter: 3, count, seed: 11 }, epochs: 40, curve: 'none' }));
  return path;
}

/** ⌊a·b/c⌋ in BigInt: shard bounds computed independently of shardRange. */
const bound = (a: bigint, b: bigint, c: bigint) => Number((a * b) / c);

/** Checks each run of a shard against core: its axis position from BigInt division, its draw and its training. */
function expectRunsExact(doc: SweepDocument, etas: number[], count: number): void {
  for (const run of doc.runs) {
    const index = BigInt(run.index);
    const inits = BigInt(count);
    const sample = Number(index % inits);
    const etaIndex = Number((index / inits) % BigInt(etas.length));
    const lossIndex = Number(index / inits / BigInt(etas.length));
    expect(run.loss).toBe(['se', 'ce'][lossIndex]);
    expect(run.eta).toBe(etas[etaIndex]);
    expect(run.initSample).toBe(sample);
    const init = initialize({ scheme: 'uniform', parameter: 3, seed: 11 }, 1, sample);
    expect(run.w0).toBe(init.w[0]);
    expect(run.b0).toBe(init.b);
    const ref = train({ data: fivePoint, loss: run.loss as 'se' | 'ce', eta: run.eta, w0: init.w[0]!, b0: init.b, epochs: 40 });
    expect(run.finalW).toBe(ref.w[0]);
    expect(run.finalB).toBe(ref.b);
  }
}

describe('per-shard caps', () => {
  it('a 10^9-run sweep is refused whole (naming the cap) but runs as a shard within it', async () => {
    const etas = [0.1, 0.5, 1, 2, 5];
    const spec = specFile('billion.json', etas, 100_000_000); // 2 × 5 × 10^8 = 10^9 runs
    const whole = await runCli(['sweep', '--spec', spec, '--workers', '1']);
    expect(whole.code).toBe(2);
    expect(whole.stderr).toMatch(/the sweep has 1000000000 runs .*more than the cap of 10000000/);
    expect(whole.stdout).toBe('');

    const tooBig = await runCli(['sweep', '--spec', spec, '--shard', '3/50', '--workers', '1']);
    expect(tooBig.code).toBe(2);
    expect(tooBig.stderr).toBe('losslab: --shard 3/50: the shard has 20000000 runs, more than the per-process cap of 10000000 runs; split the 1000000000-run sweep into at least 100 shards (or keep fewer curve samples)\n');

    // The last of 10^8 shards: 10 runs at the very end of the index space of this sweep.
    const last = await runCli(['sweep', '--spec', spec, '--shard', '100000000/100000000', '--workers', '1']);
    expect(last.code, last.stderr).toBe(0);
    const doc = JSON.parse(last.stdout) as SweepDocument;
    expect(doc.runCount).toBe(1_000_000_000);
    expect(doc.shard).toEqual({ index: 100_000_000, count: 100_000_000, start: 999_999_990, end: 1_000_000_000 });
    expect(doc.runs.map((r) => r.index)).toEqual(Array.from({ length: 10 }, (_, k) => 999_999_990 + k));
    expectRunsExact(doc, etas, 100_000_000);
  });

  it('the largest sweep the index space holds (2^53 − 2 runs here): the last shard is exact', async () => {
    const etas = [0.25, 1, 4];
    const count = Math.floor(Number.MAX_SAFE_INTEGER / 6); // 2 × 3 × count = 9007199254740990 ≤ 2^53 − 1
    const spec = specFile('huge.json', etas, count);
    const runCount = 6 * count;
    const shards = 2 ** 50;
    const last = await runCli(['sweep', '--spec', spec, '--shard', `${shards}/${shards}`, '--workers', '1']);
    expect(last.code, last.stderr).toBe(0);
    const doc = JSON.parse(last.stdout) as SweepDocument;
    expect(doc.runCount).toBe(runCount);
    const start = bound(BigInt(shards - 1), BigInt(runCount), BigInt(shards));
    expect(doc.shard).toEqual({ index: shards, count: shards, start, end: runCount });
    expect(doc.runs.map((r) => r.index)).toEqual(Array.from({ length: runCount - start }, (_, k) => start + k));
    expectRunsExact(doc, etas, count);
    // A middle shard whose float bounds would round (⌊I·R/N⌋ with I·R past 2^53).
    const middle = 2 ** 49 + 3;
    const mid = await runCli(['sweep', '--spec', spec, '--shard', `${middle}/${shards}`, '--workers', '1']);
    expect(mid.code, mid.stderr).toBe(0);
    const midDoc = JSON.parse(mid.stdout) as SweepDocument;
    const range = { start: bound(BigInt(middle - 1), BigInt(runCount), BigInt(shards)), end: bound(BigInt(middle), BigInt(runCount), BigInt(shards)) };
    expect(midDoc.shard).toEqual({ index: middle, count: shards, ...range });
    expectRunsExact(midDoc, etas, count);
  });

  it('a sweep one past the index space is refused by name', async () => {
    const spec = specFile('past.json', [1, 2, 3], 2 ** 52); // 6 · 2^52 > 2^53 − 1
    const { code, stderr } = await runCli(['sweep', '--spec', spec, '--shard', '1/1000000000', '--workers', '1']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/runs/);
  });
});
