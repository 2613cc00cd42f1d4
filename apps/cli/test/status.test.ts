// losslab status: which shards of a spec the files hold (present, missing, duplicate, foreign),
// and the missing ones as an sbatch --array= list.

import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arrayList } from '../src/status.js';
import { runCli, tempDir } from './run-cli.js';

/** Expands an --array= list (as Slurm reads it) back into indices: written here, independently of arrayList. */
function expand(list: string): number[] {
  return list.split(',').flatMap((part) => {
    const [a, b] = part.split('-').map(Number);
    return b === undefined ? [a!] : Array.from({ length: b - a! + 1 }, (_, k) => a! + k);
  });
}

describe('arrayList', () => {
  it('joins consecutive indices into ranges', () => {
    expect(arrayList([1, 2, 3, 5, 7, 8])).toBe('1-3,5,7-8');
    expect(arrayList([4])).toBe('4');
    expect(arrayList([9, 2, 1])).toBe('1-2,9');
    expect(arrayList([])).toBe('');
  });
  it('lists exactly the given indices, each once, in as few ranges as there are gaps', () => {
    let seed = 12345;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let trial = 0; trial < 200; trial++) {
      const indices = Array.from({ length: 60 }, (_, k) => k + 1).filter(() => random() < 0.5);
      if (indices.length === 0) continue;
      const list = arrayList(indices);
      expect(expand(list)).toEqual(indices);
      const gaps = indices.filter((v, k) => k > 0 && v !== indices[k - 1]! + 1).length;
      expect(list.split(',')).toHaveLength(gaps + 1);
    }
  });
});

describe('losslab status', () => {
  const tmp = tempDir();
  afterAll(() => tmp.remove());
  const spec = { version: 1, dataset: 'five-point', losses: ['se', 'ce'], eta: [0.1, 1], init: { w0: [-2, 0, 2], b0: [-1, 1] }, epochs: 40, curve: 4 };
  const sweep = (...args: string[]) => runCli(['sweep', '--workers', '1', ...args]);

  beforeAll(async () => {
    writeFileSync(tmp.path('sweep.json'), JSON.stringify(spec));
    writeFileSync(tmp.path('other.json'), JSON.stringify({ ...spec, epochs: 41 }));
    mkdirSync(tmp.path('parts'));
    const results = await Promise.all([
      sweep('--spec', tmp.path('sweep.json'), '--shard', '1/5', '--out', tmp.path('parts/part-1-of-5.json')),
      sweep('--spec', tmp.path('sweep.json'), '--shard', '2/5', '--out', tmp.path('parts/part-2-of-5.json')),
      sweep('--spec', tmp.path('sweep.json'), '--shard', '3/5', '--out', tmp.path('parts/part-3-of-5.csv')),
      sweep('--spec', tmp.path('other.json'), '--shard', '4/5', '--out', tmp.path('parts/other-4.json')),
      sweep('--spec', tmp.path('sweep.json'), '--shard', '4/8', '--out', tmp.path('parts/eighth.json')),
      sweep('--spec', tmp.path('sweep.json'), '--out', tmp.path('parts/whole.json')),
      sweep('--spec', tmp.path('sweep.json'), '--shard', '5/5', '--out', tmp.path('full-5.json')),
    ]);
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    copyFileSync(tmp.path('parts/part-2-of-5.json'), tmp.path('parts/copy-of-2.json'));
    const five = readFileSync(tmp.path('full-5.json'), 'utf8');
    writeFileSync(tmp.path('parts/cut-5.json'), five.slice(0, five.length - 10));
    writeFileSync(tmp.path('parts/notes.json'), '{"hello": 1}\n');
    writeFileSync(tmp.path('parts/.part-4-of-5.json.123.abcd.tmp'), 'an unfinished write');
  });

  it('lists present, duplicate, missing and foreign shards and the missing --array= list; exits 1', async () => {
    const { code, stdout, stderr } = await runCli(['status', '--spec', tmp.path('sweep.json'), '--shards', '5', tmp.path('parts')]);
    expect(stderr).toBe('');
    expect(code).toBe(1);
    const p = (name: string) => tmp.path(`parts/${name}`);
    // 24 runs in 5 shards: [0,4) [4,9) [9,14) [14,19) [19,24).
    expect(stdout.split('\n')).toEqual([
      `shard 1/5  runs [0, 4)  present    ${p('part-1-of-5.json')}`,
      `shard 2/5  runs [4, 9)  duplicate  ${p('copy-of-2.json')}, ${p('part-2-of-5.json')}`,
      `shard 3/5  runs [9, 14)  present    ${p('part-3-of-5.csv')}`,
      'shard 4/5  runs [14, 19)  missing',
      'shard 5/5  runs [19, 24)  missing',
      `foreign  ${p('cut-5.json')}: incomplete: the file ends before its last run (a copy still in progress?)`,
      `foreign  ${p('eighth.json')}: shard 4/8, not one of 5`,
      `foreign  ${p('notes.json')}: not a losslab result file`,
      `foreign  ${p('other-4.json')}: another spec`,
      `foreign  ${p('whole.json')}: the whole sweep, not a shard`,
      '3 of 5 shards present, 1 in more than one file, 5 foreign files',
      'missing: --array=4-5',
      '',
    ]);
  });

  it('exits 0 when every shard is there once (files and quoted patterns), with no missing line', async () => {
    copyFileSync(tmp.path('full-5.json'), tmp.path('parts/part-5-of-5.json'));
    const four = await sweep('--spec', tmp.path('sweep.json'), '--shard', '4/5', '--out', tmp.path('parts/part-4-of-5.json'));
    expect(four.code).toBe(0);
    const { code, stdout } = await runCli(['status', '--spec', tmp.path('sweep.json'), '--shards', '5', tmp.path('parts/part-*-of-5.*')]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^5 of 5 shards present$/m);
    expect(stdout).not.toMatch(/missing/);
  });

  it('exits 2 naming what is wrong with the command line', async () => {
    const noShards = await runCli(['status', '--spec', tmp.path('sweep.json'), tmp.path('parts')]);
    expect(noShards.code).toBe(2);
    expect(noShards.stderr).toMatch(/--shards N is required/);
    const badPath = await runCli(['status', '--spec', tmp.path('sweep.json'), '--shards', '5', tmp.path('nowhere.json')]);
    expect(badPath.code).toBe(2);
    expect(badPath.stderr).toMatch(/nowhere\.json.*no such file or directory/);
  });
});
