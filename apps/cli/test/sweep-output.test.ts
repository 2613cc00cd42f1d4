// Sweep outputs checked against @losslab/core's train, an independent reference: the CLI runs the
// worker pool's kernel, the tests run core's descent loop. The kernel's contract: parameters (and
// the squared-error loss) are core's to the bit; the cross-entropy loss values are within a few
// ulps (it takes one log1p per epoch, not one per point), so loss values are compared to 1e-13.

import { readFileSync, writeFileSync } from 'node:fs';
import { builtinLosses, convergence, initialize, parseCsv, toy, fivePoint, train, type Dataset, type LossName } from '@losslab/core';
import { allocateResult, planSweep, resultHeader, resultToCsv, resultToJson, runChunk, writeChunk } from '@losslab/worker';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempDir, type SweepDocument } from './run-cli.js';

const tmp = tempDir();
afterAll(() => tmp.remove());

/** What core says about one run, in the output's field names. */
function reference(data: Dataset, loss: LossName, eta: number, w0: number | number[], b0: number, epochs: number, curveEpochs: readonly number[]) {
  const ref = train({ data, loss, eta, w0, b0, epochs });
  const d = data.d;
  const last = epochs - 1;
  // The excess is measured at the parameters of the last recorded loss (before its update).
  const wLast = ref.pathW.subarray(last * d, (last + 1) * d);
  const bLast = ref.pathB[last]!;
  let excess = 0;
  for (let i = 0; i < data.n; i++) {
    let z = bLast;
    for (let j = 0; j < d; j++) z += wLast[j]! * data.x[i * d + j]!;
    excess += builtinLosses[loss].excess(z, data.y[i]!);
  }
  const measures = convergence(ref, 0.01);
  return {
    finalLoss: ref.losses[last]!,
    minLoss: Math.min(...ref.losses),
    finalExcess: excess,
    finalMaxError: ref.maxErrors[last]!,
    finalW: d === 1 ? ref.w[0]! : Array.from(ref.w),
    finalB: ref.b,
    outcome: measures.outcome,
    epochsToFit: measures.epochsToFit,
    plateauEpochs: measures.plateauEpochs,
    epochsTo1PercentExcess: measures.epochsTo1PercentExcess,
    divergedAt: ref.divergedAt,
    curve: curveEpochs.map((t) => ref.losses[t]!),
  };
}

const LOSS_FIELDS = new Set(['finalLoss', 'minLoss', 'finalExcess', 'curve']);

/** Checks a run's fields against core's: exact, except loss values to a relative 1e-13. */
function expectMatches(run: Record<string, unknown>, ref: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(ref)) {
    if (!LOSS_FIELDS.has(key)) {
      expect(run[key], `run ${String(run.index)} ${key}`).toEqual(value);
      continue;
    }
    const actual = ([] as unknown[]).concat(run[key]);
    const expected = ([] as unknown[]).concat(value);
    expect(actual).toHaveLength(expected.length);
    expected.forEach((e, k) => {
      const a = actual[k] as number;
      const diff = Math.abs(a - (e as number)) / Math.max(Math.abs(e as number), Number.MIN_VALUE);
      expect(diff, `run ${String(run.index)} ${key}[${k}]: ${a} vs core's ${String(e)}`).toBeLessThanOrEqual(1e-13);
    });
  }
}

const GRID = ['--data', 'toy', '--loss', 'se,ce', '--eta', '0.5,2', '--w0', '-2,1', '--b0', '-2', '--epochs', '300', '--curve', '5', '--workers', '2'];

describe('losslab sweep, JSON', () => {
  it('writes every run of a grid with the values core train computes (parameters to the bit)', async () => {
    const { code, stdout, stderr } = await runCli(['sweep', ...GRID]);
    expect(stderr).toBe('');
    expect(code, stderr).toBe(0);
    const doc = JSON.parse(stdout) as SweepDocument;
    expect(doc.losslab).toBe('0.1.0');
    expect(doc.runCount).toBe(8);
    expect(doc.shard).toBeUndefined();
    expect(doc.curveEpochs).toHaveLength(5);
    expect(doc.curveEpochs[0]).toBe(0);
    expect(doc.curveEpochs.at(-1)).toBe(299);
    expect(doc.runs.map((r) => r.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    let k = 0;
    // Index order: loss outermost, then η, then w0, then b0.
    for (const loss of ['se', 'ce'] as const)
      for (const eta of [0.5, 2])
        for (const w0 of [-2, 1]) {
          const run = doc.runs[k++]!;
          expect({ loss: run.loss, eta: run.eta, w0: run.w0, b0: run.b0, status: run.status }).toEqual({ loss, eta, w0, b0: -2, status: 'done' });
          const ref = reference(toy, loss, eta, w0, -2, 300, doc.curveEpochs);
          expectMatches(run, ref);
          expect(Object.is(run.finalW, ref.finalW) && Object.is(run.finalB, ref.finalB)).toBe(true);
          if (loss === 'se') expect(run.finalLoss).toBe(ref.finalLoss);
        }
  });

  it("reproduces the lecture's plateau: squared error sits near 0.41 for ~70 epochs, cross-entropy leaves at once", async () => {
    const { code, stderr, stdout } = await runCli(['sweep', '--curve', 'none', '--workers', '1']);
    expect(code, stderr).toBe(0);
    const doc = JSON.parse(stdout) as SweepDocument;
    expect(doc.spec).toEqual({ version: 1, dataset: 'toy', losses: ['se', 'ce'], eta: [1], init: { w0: [-2], b0: [-2] }, epochs: 1000, reduction: 'sum', tolerance: 0.01, curve: 'none' });
    const [se, ce] = doc.runs;
    expect(se!.plateauEpochs as number).toBeGreaterThanOrEqual(69);
    expect(se!.plateauEpochs as number).toBeLessThanOrEqual(70);
    expect(ce!.plateauEpochs).toBe(1);
    expect([se!.outcome, ce!.outcome]).toEqual(['fit', 'fit']);
    expect(se!.finalW as number).toBeCloseTo(1.7917595, 3);
    expect(ce!.finalW as number).toBeCloseTo(1.7917595, 7);
    expect('curve' in se!).toBe(false);
  });

  it('random inits: each run records its init sample and the (w0, b0) core draws for it', async () => {
    const { code, stderr, stdout } = await runCli(['sweep', '--data', 'five-point', '--loss', 'ce', '--eta', '0.3', '--init', 'uniform=1.5:4:7', '--epochs', '120', '--curve', '3', '--workers', '2']);
    expect(code, stderr).toBe(0);
    const doc = JSON.parse(stdout) as SweepDocument;
    expect(doc.spec.init).toEqual({ scheme: 'uniform', parameter: 1.5, count: 4, seed: 7 });
    expect(doc.runs).toHaveLength(4);
    for (const [k, run] of doc.runs.entries()) {
      const init = initialize({ scheme: 'uniform', parameter: 1.5, seed: 7 }, 1, k);
      expect(run.initSample).toBe(k);
      expect(run.w0).toBe(init.w[0]);
      expect(run.b0).toBe(init.b);
      const ref = reference(fivePoint, 'ce', 0.3, init.w[0]!, init.b, 120, doc.curveEpochs);
      expectMatches(run, ref);
    }
  });

  it('data with two inputs from a CSV file: w0 and finalW are arrays of two', async () => {
    const file = tmp.path('two-inputs.csv');
    writeFileSync(file, 'x1,x2,y\n0.5,1,0.1\n-1,2,0.8\n2,-0.5,0.3\n# a comment\n1.5,1.5,0.9\n');
    const { code, stderr, stdout } = await runCli(['sweep', '--data', file, '--loss', 'se', '--init', 'normal=0.5:3:2', '--epochs', '80', '--curve', 'none', '--workers', '2']);
    expect(code, stderr).toBe(0);
    const doc = JSON.parse(stdout) as SweepDocument;
    expect(doc.spec.dataset).toEqual({ name: 'two-inputs.csv', x: [[0.5, 1], [-1, 2], [2, -0.5], [1.5, 1.5]], y: [0.1, 0.8, 0.3, 0.9] });
    const data = parseCsv('0.5,1,0.1\n-1,2,0.8\n2,-0.5,0.3\n1.5,1.5,0.9');
    for (const [k, run] of doc.runs.entries()) {
      const init = initialize({ scheme: 'normal', parameter: 0.5, seed: 2 }, 2, k);
      expect(run.w0).toEqual(Array.from(init.w));
      const ref = reference(data, 'se', 1, Array.from(init.w), init.b, 80, []);
      expect(run.finalW).toEqual(ref.finalW);
      expect(run.finalB).toBe(ref.finalB);
      expect(run.finalLoss).toBe(ref.finalLoss);
    }
  });
});

describe('losslab sweep: outcomes and stability limits', () => {
  it("cross-entropy at η = 10 on the lecture's two points is oscillating from every start of a 9 × 9 grid over [−3, 3]², in JSON and CSV", async () => {
    const args = ['sweep', '--data', 'toy', '--loss', 'ce', '--eta', '10', '--w0', '-3:3:9', '--b0', '-3:3:9', '--epochs', '1000', '--curve', 'none', '--workers', '2'];
    const [json, csv] = await Promise.all([runCli(args), runCli([...args, '--format', 'csv'])]);
    expect(json.code, json.stderr).toBe(0);
    const doc = JSON.parse(json.stdout) as SweepDocument;
    expect(doc.runs.map((r) => r.outcome)).toEqual(Array(81).fill('oscillating'));
    expect(doc.runs.map((r) => r.divergedAt)).toEqual(Array(81).fill(null));
    // Each run against core's own classification.
    for (const run of doc.runs.filter((_, k) => k % 10 === 0)) expect(run.outcome).toBe(convergence(train({ data: toy, loss: 'ce', eta: 10, w0: run.w0 as number, b0: run.b0, epochs: 1000 })).outcome);
    const lines = csv.stdout.trimEnd().split('\n');
    const column = lines[0]!.split(',').indexOf('outcome');
    expect(lines.at(-1)).toMatch(/^#losslab-end /); // the checksum trailer, after the 81 rows
    expect(lines.slice(1, -1).map((line) => line.split(',')[column])).toEqual(Array(81).fill('oscillating'));
  });

  it("the saturation sweep's stuck run (squared error, w0 ≈ −5.61, b0 ≈ −0.194, η = 1) never leaves its plateau", async () => {
    const w0 = -6 + 12 / 31;
    const b0 = -6 + (12 * 15) / 31;
    const { code, stderr, stdout } = await runCli(['sweep', '--data', 'toy', '--loss', 'se', '--eta', '1', '--w0', String(w0), '--b0', String(b0), '--curve', 'none', '--workers', '1']);
    expect(code, stderr).toBe(0);
    const run = (JSON.parse(stdout) as SweepDocument).runs[0]!;
    expect([run.w0, run.b0]).toEqual([w0, b0]);
    expect({ outcome: run.outcome, plateauEpochs: run.plateauEpochs, epochsTo1PercentExcess: run.epochsTo1PercentExcess, epochsToFit: run.epochsToFit }).toEqual({ outcome: 'stuck', plateauEpochs: null, epochsTo1PercentExcess: null, epochsToFit: null });
    expect(run.finalExcess as number).toBeGreaterThan(0.4);
  });

  it("the JSON header carries η* per loss at cross-entropy's optimum, or says there is none", async () => {
    const toyRun = await runCli(['sweep', '--data', 'toy', '--epochs', '3', '--curve', 'none']);
    expect(toyRun.code, toyRun.stderr).toBe(0);
    const { stability } = JSON.parse(toyRun.stdout) as SweepDocument;
    // The closed-form 2 × 2 eigenvalue at the exact fit: Σ c·[x², x; x, 1], c = y(1 − y) (ce) or its square (se).
    const etaStar = (c: [number, number]) => {
      const a = c[0] * 0.25 + c[1] * 6.25;
      const off = c[0] * 0.5 + c[1] * 2.5;
      const d = c[0] + c[1];
      return 4 / (a + d + Math.hypot(a - d, 2 * off));
    };
    expect(stability!.etaStar!.ce).toBeCloseTo(etaStar([0.16, 0.09]), 9);
    expect(stability!.etaStar!.se).toBeCloseTo(etaStar([0.0256, 0.0081]), 8);
    expect([stability!.etaStar!.ce, stability!.etaStar!.se].map((v) => Number(v!.toPrecision(4)))).toEqual([2.569, 24.87]);
    const five = await runCli(['sweep', '--data', 'five-point', '--epochs', '3', '--curve', 'none']);
    expect((JSON.parse(five.stdout) as SweepDocument).stability).toEqual({ optimum: null, reason: expect.stringMatching(/no finite optimum/) });
  });
});

describe('losslab sweep, CSV', () => {
  it('writes one row per run with the same values as the JSON output', async () => {
    const [json, csv] = await Promise.all([runCli(['sweep', ...GRID]), runCli(['sweep', ...GRID, '--format', 'csv'])]);
    expect(csv.code, csv.stderr).toBe(0);
    const doc = JSON.parse(json.stdout) as SweepDocument;
    const lines = csv.stdout.trimEnd().split('\n');
    const header = lines[0]!.split(',');
    expect(header).toEqual([
      'index', 'loss', 'eta', 'w0', 'b0', 'status', 'error', 'finalLoss', 'minLoss', 'finalExcess', 'finalMaxError', 'finalW', 'finalB',
      'outcome', 'epochsToFit', 'plateauEpochs', 'epochsTo1PercentExcess', 'divergedAt', ...doc.curveEpochs.map((t) => `curve_${t}`),
    ]);
    expect(lines).toHaveLength(1 + doc.runs.length + 1);
    expect(lines.pop()).toMatch(/^#losslab-end \{"runsSha256":"[0-9a-f]{64}"\}$/); // the runs' checksum
    for (const [k, run] of doc.runs.entries()) {
      const cells = lines[k + 1]!.split(',');
      const flat = header.map((column) => {
        if (column === 'error') return run.error ?? null;
        if (column.startsWith('curve_')) return run.curve![doc.curveEpochs.indexOf(Number(column.slice(6)))] ?? null;
        return run[column] as unknown;
      });
      const parsed = cells.map((cell, c) => (cell === '' ? null : typeof flat[c] === 'number' ? Number(cell) : cell));
      expect(parsed).toEqual(flat);
    }
  });

  it('--out FILE.csv picks CSV without --format', async () => {
    const out = tmp.path('picked.csv');
    const { code, stderr } = await runCli(['sweep', '--epochs', '5', '--curve', 'none', '--out', out, '--workers', '1']);
    expect(code, stderr).toBe(0);
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(out, 'utf8').startsWith('index,loss,eta,w0,b0,status')).toBe(true);
  });
});

describe("the format is @losslab/worker's", () => {
  it("sweep's JSON and CSV, whole and sharded, are resultToJson and resultToCsv of the same sweep run in one thread", async () => {
    const version = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
    const plan = planSweep({ version: 1, dataset: 'five-point', losses: ['se', 'ce'], eta: { from: 0.1, to: 1e308, count: 3, scale: 'log' }, init: { scheme: 'normal', parameter: 3, count: 4, seed: 9 }, epochs: 60, curve: 5 });
    const result = allocateResult(plan);
    writeChunk(result, runChunk(plan, 0, plan.runCount));
    const args = ['sweep', '--data', 'five-point', '--eta', '0.1:1e308:3:log', '--init', 'normal=3:4:9', '--epochs', '60', '--curve', '5', '--workers', '2'];
    const [json, csv, shard, shardCsv] = await Promise.all([runCli(args), runCli([...args, '--format', 'csv']), runCli([...args, '--shard', '2/3']), runCli([...args, '--shard', '3/3', '--format', 'csv'])]);
    for (const run of [json, csv, shard, shardCsv]) expect(run.code, run.stderr).toBe(0);
    expect(json.stdout).toBe(resultToJson(plan, result, resultHeader(plan, version)));
    expect(csv.stdout).toBe(resultToCsv(plan, result, resultHeader(plan, version)));
    expect(shard.stdout).toBe(resultToJson(plan, result, resultHeader(plan, version, { index: 2, count: 3 })));
    expect(shardCsv.stdout).toBe(resultToCsv(plan, result, resultHeader(plan, version, { index: 3, count: 3 })));
  });
});

describe('determinism', () => {
  it('equal sweeps give byte-identical files with 1 and 2 workers', async () => {
    const args = ['sweep', '--data', 'five-point', '--eta', '0.01:10:4:log', '--w0', '-6:6:8', '--b0', '-6:6:8', '--epochs', '150'];
    const [one, two] = await Promise.all([runCli([...args, '--workers', '1']), runCli([...args, '--workers', '2'])]);
    expect(one.code, one.stderr).toBe(0);
    expect(two.code, two.stderr).toBe(0);
    expect(JSON.parse(one.stdout).runs).toHaveLength(512);
    expect(two.stdout).toBe(one.stdout);
  });
});

describe('--spec', () => {
  it('a spec file gives byte-identical output to the equivalent flags, whatever its key order', async () => {
    const spec = tmp.path('spec.json');
    writeFileSync(spec, JSON.stringify({ curve: 6, epochs: 200, init: { b0: [-1, 1], w0: { to: 3, count: 3, from: -3 } }, eta: { scale: 'log', count: 3, to: 1, from: 0.01 }, losses: ['se', 'ce'], dataset: 'five-point', version: 1 }, null, 2));
    const fromFlags = await runCli(['sweep', '--data', 'five-point', '--eta', '0.01:1:3:log', '--w0', '-3:3:3', '--b0', '-1,1', '--epochs', '200', '--curve', '6', '--workers', '2']);
    const fromSpec = await runCli(['sweep', '--spec', spec, '--workers', '1']);
    expect(fromFlags.code, fromFlags.stderr).toBe(0);
    expect(fromSpec.code, fromSpec.stderr).toBe(0);
    expect(fromSpec.stdout).toBe(fromFlags.stdout);
  });

  it("a spec's dataset may be a CSV path relative to the spec file, inlined like --data", async () => {
    writeFileSync(tmp.path('points.csv'), '1.5,0.2\n-0.5,0.9\n3,0.1\n');
    writeFileSync(tmp.path('csv-spec.json'), JSON.stringify({ version: 1, dataset: 'points.csv', losses: ['ce'], eta: [1], init: { w0: [0], b0: [0] }, epochs: 50, curve: 'none' }));
    const fromSpec = await runCli(['sweep', '--spec', 'csv-spec.json', '--workers', '1'], { cwd: tmp.dir });
    const fromFlags = await runCli(['sweep', '--data', 'points.csv', '--loss', 'ce', '--eta', '1', '--w0', '0', '--b0', '0', '--epochs', '50', '--curve', 'none', '--workers', '1'], { cwd: tmp.dir });
    expect(fromSpec.code, fromSpec.stderr).toBe(0);
    expect(fromSpec.stdout).toBe(fromFlags.stdout);
    expect((JSON.parse(fromSpec.stdout) as SweepDocument).spec.dataset).toEqual({ name: 'points.csv', x: [1.5, -0.5, 3], y: [0.2, 0.9, 0.1] });
  });

  it("the output's spec, fed back with --spec, reruns the same sweep", async () => {
    const first = await runCli(['sweep', '--data', 'toy', '--init', 'glorot=2:3:5', '--epochs', '40', '--curve', '4', '--workers', '1']);
    writeFileSync(tmp.path('echo.json'), JSON.stringify((JSON.parse(first.stdout) as SweepDocument).spec));
    const again = await runCli(['sweep', '--spec', tmp.path('echo.json'), '--workers', '2']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toBe(first.stdout);
  });
});
