// merge refuses corrupted shards (issue 12, finding 2) and writes nothing then, to a file or to
// stdout (finding 3): each corruption the issue lists, and 300 random single-byte corruptions of
// one shard, each of which is refused (exit 2) or merges to exactly the bytes of the clean merge.

import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../src/errors.js';
import { mergeCommand } from '../src/merge.js';
import { runCli, tempDir } from './run-cli.js';

const tmp = tempDir();
afterAll(() => tmp.remove());

// 2 losses × 3 η × 4 w0 × 3 b0 = 72 runs in 3 shards of 24; 8 curve samples: 25 CSV columns.
const SWEEP = ['sweep', '--data', 'five-point', '--eta', '0.1:10:3:log', '--w0', '-3:3:4', '--b0', '-1,0,1', '--epochs', '60', '--curve', '8', '--workers', '1'];
const read = (name: string) => readFileSync(tmp.path(name), 'utf8');

beforeAll(async () => {
  const runs = await Promise.all(
    [1, 2, 3].flatMap((i) => [
      runCli([...SWEEP, '--shard', `${i}/3`, '--out', `s${i}.json`], { cwd: tmp.dir }),
      runCli([...SWEEP, '--shard', `${i}/3`, '--out', `s${i}.csv`], { cwd: tmp.dir }),
    ]),
  );
  for (const r of runs) expect(r.code, r.stderr).toBe(0);
  const merged = await runCli(['merge', 's1.json', 's2.json', 's3.json', '--out', 'clean.json'], { cwd: tmp.dir });
  expect(merged.code, merged.stderr).toBe(0);
});

/** s2 with line `n` (1-based) of its text replaced by `edit` of it. */
function editLine(file: string, n: number, edit: (line: string) => string): string {
  const lines = read(file).split('\n');
  lines[n - 1] = edit(lines[n - 1]!);
  return lines.join('\n');
}

/** The 1-based line of run `index` in a JSON shard (its head has 7 lines) or a CSV shard (2 lines). */
const jsonLine = (index: number) => 7 + (index - 24) + 1;
const csvLine = (index: number) => 2 + (index - 24) + 1;

/** Merges s1, `name` (a corrupted s2) and s3, to a file and to stdout: exit 2, one line containing every part, nothing written anywhere. */
async function expectRefused(name: string, text: string, ...parts: string[]): Promise<void> {
  writeFileSync(tmp.path(name), text);
  const ext = name.endsWith('.csv') ? 'csv' : 'json';
  const files = [`s1.${ext}`, name, `s3.${ext}`];
  const toFile = await runCli(['merge', ...files, '--out', `out-${name}`], { cwd: tmp.dir });
  expect(toFile.code, toFile.stderr).toBe(2);
  expect(toFile.stderr.trim().split('\n'), toFile.stderr).toHaveLength(1);
  for (const part of parts) expect(toFile.stderr).toContain(part);
  expect(existsSync(tmp.path(`out-${name}`))).toBe(false);
  const toStdout = await runCli(['merge', ...files], { cwd: tmp.dir });
  expect(toStdout.code, toStdout.stderr).toBe(2);
  expect(toStdout.stdout).toBe('');
}

describe('merge refuses each corruption of the issue, naming file, line and field, and writes nothing', () => {
  it('an edited number (the checksum no longer matches)', async () => {
    // Run 31 is not among the 16 runs of s2 that merge recomputes (24, 26, 27, 29, 30, 32, …, 47).
    await expectRefused('num.json', editLine('s2.json', jsonLine(31), (l) => l.replace(/"finalLoss":([0-9.e-]+)/, (_, v: string) => `"finalLoss":${Number(v) * 1.0000001}`)), 'num.json', 'runsSha256 does not match its runs');
  });

  it('a stub record {"index":N}', async () => {
    await expectRefused('stub.json', editLine('s2.json', jsonLine(40), () => '    {"index":40},'), 'stub.json:', 'runs[16].loss: is missing from run 40');
  });

  it('an extra field and a renamed field', async () => {
    await expectRefused('extra.json', editLine('s2.json', jsonLine(25), (l) => l.replace('"status":', '"note":1,"status":')), 'extra.json:', 'runs[1].note: is not a field');
    await expectRefused('renamed.json', editLine('s2.json', jsonLine(26), (l) => l.replace('"minLoss":', '"min_loss":')), 'renamed.json:', 'runs[2].min_loss: is not a field');
  });

  it('a CSV row cut to 5 of 25 columns, and a row with an extra column', async () => {
    expect(read('s2.csv').split('\n')[1]!.split(',')).toHaveLength(25);
    await expectRefused('cut.csv', editLine('s2.csv', csvLine(33), (l) => l.split(',').slice(0, 5).join(',')), `cut.csv:${csvLine(33)}`, 'has 5 cells, but the file\'s 25 columns');
    await expectRefused('wide.csv', editLine('s2.csv', csvLine(34), (l) => `${l},1`), `wide.csv:${csvLine(34)}`, 'has 26 cells');
  });

  it('an edited CSV number, and a number edited with the checksum made to match (caught by the recomputed sample)', async () => {
    // Refused by the checksum, or first by the recomputed sample if the run is one of them (16 of the shard's 24 are).
    await expectRefused('num.csv', editLine('s2.csv', csvLine(30), (l) => l.replace(/,done,,([0-9.e-]+),/, (_, v: string) => `,done,,${Number(v) * 2},`)), 'num.csv', 'runs[6].finalLoss: is ');
    // s2's last run (47) is always recomputed; edit its finalB and re-seal the checksum.
    const { createHash } = await import('node:crypto');
    const lines = read('s2.json').split('\n');
    lines[jsonLine(47) - 1] = lines[jsonLine(47) - 1]!.replace(/"finalB":([0-9.e-]+)/, '"finalB":1.5');
    const runs = lines.slice(7, 7 + 24).map((l) => `${l.trim().replace(/,$/, '')}\n`);
    const forged = lines.join('\n').replace(/"runsSha256": "[0-9a-f]{64}"/, `"runsSha256": "${createHash('sha256').update(runs.join('')).digest('hex')}"`);
    await expectRefused('forged.json', forged, 'forged.json:', 'runs[23].finalB: is 1.5, but run 47 recomputed from the file\'s spec gives');
  });

  it('merge /dev/zero is a clean error naming the file', async () => {
    const r = await runCli(['merge', '/dev/zero'], { cwd: tmp.dir });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('/dev/zero');
    expect(r.stdout).toBe('');
  });
});

describe('300 random single-byte corruptions of one shard', () => {
  it('are each refused with a usage error (nothing written) or merge to the clean bytes; none gives a different file', async () => {
    const clean = read('clean.json');
    const original = readFileSync(tmp.path('s2.json'));
    // A fixed-seed generator (xorshift32), so a failure can be replayed.
    let state = 0x9e3779b9;
    const random = (n: number) => {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      return (state >>> 0) % n;
    };
    let refused = 0;
    let identical = 0;
    for (let trial = 0; trial < 300; trial++) {
      const bytes = Buffer.from(original);
      const at = random(bytes.length);
      bytes[at] = (bytes[at]! + 1 + random(255)) % 256; // any other byte value
      writeFileSync(tmp.path('bad.json'), bytes);
      const out = tmp.path(`merged-${trial}.json`);
      let code: number;
      try {
        code = await mergeCommand(['s1.json', 'bad.json', 's3.json', '--out', out].map((f, k) => (k < 3 ? tmp.path(f) : f)));
      } catch (error) {
        // Anything but a usage error (exit 2) is a bug here: a TypeError from inside, a stack overflow.
        expect(error, `byte ${at}: ${(error as Error).message}`).toBeInstanceOf(UsageError);
        expect(existsSync(out), `byte ${at}: refused but wrote ${out}`).toBe(false);
        refused++;
        continue;
      }
      expect(code, `byte ${at}`).toBe(0);
      expect(readFileSync(out, 'utf8'), `byte ${at} (0x${original[at]!.toString(16)} → 0x${bytes[at]!.toString(16)}) merged to different bytes`).toBe(clean);
      identical++;
    }
    console.log(`300 single-byte corruptions of s2.json (${original.length} bytes): ${refused} refused, ${identical} merged to the clean bytes`);
    expect(refused + identical).toBe(300);
    expect(readdirSync(tmp.dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
