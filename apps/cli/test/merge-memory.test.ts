// merge's memory is bounded by one line, not by its inputs (issue 12, finding 8): shards larger
// than the V8 heap it is given merge fine, to the right bytes. This is memory, not timing.

import { spawn } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseResultJson } from '@losslab/worker';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from './run-cli.js';

const tmp = tempDir();
afterAll(() => tmp.remove());
const wrapper = fileURLToPath(new URL('./fixtures/max-rss.mjs', import.meta.url));

/** Runs the CLI under a V8 heap limit of `heapMb` MB; resolves with the exit code, stderr and peak RSS (KB). */
function runWithHeap(heapMb: number, args: string[]): Promise<{ code: number | null; stderr: string; maxRssKb: number }> {
  const rssFile = tmp.path('rss.txt');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [`--max-old-space-size=${heapMb}`, wrapper, rssFile, ...args], { cwd: tmp.dir, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr, maxRssKb: Number(readFileSync(rssFile, 'utf8')) }));
  });
}

describe('merge memory', () => {
  it('merges two shards larger than its whole V8 heap (12 MB), streaming', async () => {
    // 2 × 40 × 25 × 30 = 60,000 runs, 10 curve samples: about 34 MB of JSON.
    const sweep = ['sweep', '--eta', '0.1:10:40:log', '--w0', '-6:6:25', '--b0', '-6:6:30', '--epochs', '10', '--curve', '10', '--workers', '1'];
    const made = await Promise.all([1, 2].map((i) => runCli([...sweep, '--shard', `${i}/2`, '--out', `big${i}.json`], { cwd: tmp.dir })));
    for (const r of made) expect(r.code, r.stderr).toBe(0);
    const inputBytes = statSync(tmp.path('big1.json')).size + statSync(tmp.path('big2.json')).size;
    expect(inputBytes).toBeGreaterThan(2 * 12 * 1024 * 1024);
    const r = await runWithHeap(12, ['merge', 'big1.json', 'big2.json', '--out', 'big.json']);
    expect(r.code, r.stderr).toBe(0);
    console.log(`merge: ${(inputBytes / 1e6).toFixed(1)} MB of shards with a 12 MB V8 heap: peak RSS ${(r.maxRssKb / 1024).toFixed(1)} MB`);
    const merged = parseResultJson(readFileSync(tmp.path('big.json'), 'utf8'), {}, { samples: 4 });
    expect(merged.result.completed).toBe(60_000);
    expect(merged.header.shard).toBeUndefined();
  });
});
