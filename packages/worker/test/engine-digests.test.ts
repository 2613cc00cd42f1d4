// Node's side of the cross-engine tests (Chromium's is test/engine-digests.browser.test.ts, which
// compares its digests with the ones computed here by the same code). Here: the digests of core's
// fdlibm ports are those of Node's own Math functions (V8 runs the same fdlibm code), S1's η axis is
// the one earlier versions wrote (so their files still open), the sweeps cover every axis form,
// init scheme and generator, and the CLI's result files parse, check and are rewritten byte for byte
// by a pool of worker_threads.

import { axisValues, initSchemes } from '@losslab/core';
import { describe, expect, it } from 'vitest';
import { benchmarkS1Spec, parseResultJson, planSweep, type AxisSpec, type SweepSpec } from '../src/index.js';
import { engineDigests, fileSpecs, functionArguments, pipelineSpecs, resultFileOf, resultFileText, sha256, sha256OfDoubles } from './support/engine-digests.js';
import { testPool } from './support/node-pools.js';
import { expectSameRuns } from './support/sweeps.js';

const digests = engineDigests();

describe('in Node', () => {
  it("core's log, log1p, log10, expm1, cos, sin and expNonPositive give the digests of Node's Math.log, … Math.exp (V8's fdlibm) on the same 50,000 arguments each", async () => {
    const math: Record<string, (x: number) => number> = { log: Math.log, log1p: Math.log1p, log10: Math.log10, expm1: Math.expm1, cos: Math.cos, sin: Math.sin, expNonPositive: Math.exp };
    const { functions } = await digests;
    for (const [name, f] of Object.entries(math)) expect(functions[name], name).toBe(await sha256OfDoubles(functionArguments(name).map(f)));
  });

  it("benchmark S1's η axis is the one Node 20's Math.log10 and 10 ** gave (so S1 files written before still open)", () => {
    const { from, to, count } = benchmarkS1Spec().eta as { from: number; to: number; count: number };
    const a = Math.log10(from);
    const span = Math.log10(to) - a;
    const before = Array.from({ length: count }, (_, k) => (k === 0 ? from : k === count - 1 ? to : 10 ** (a + (span * k) / (count - 1))));
    expect(Array.from(axisValues({ from, to, count, scale: 'log' }))).toEqual(before);
    expect(before[12]).toBe(1.5848931924611143); // the value Chromium's `10 **` rounded to 1.584893192461114
  });

  it('the cross-engine sweeps cover list, linear and log axes, the grid and every random scheme, built-in data and both generators', () => {
    const specs: SweepSpec[] = Object.values(pipelineSpecs());
    const axes: AxisSpec[] = specs.flatMap((s) => [s.eta, ...('w0' in s.init ? [s.init.w0, s.init.b0] : [])]);
    const forms = new Set(axes.map((a) => (Array.isArray(a) ? 'list' : ((a as { scale?: string }).scale ?? 'linear'))));
    expect([...forms].sort()).toEqual(['linear', 'list', 'log']);
    const schemes = new Set(specs.map((s) => ('scheme' in s.init ? s.init.scheme : 'grid')));
    expect([...schemes].sort()).toEqual(['grid', ...initSchemes].sort());
    const data = new Set(specs.map((s) => (typeof s.dataset === 'string' ? 'built-in' : 'generator' in s.dataset ? s.dataset.generator : 'inline')));
    expect([...data].sort()).toEqual(['built-in', 'noisy-threshold', 'two-classes']);
    expect(pipelineSpecs()['s1-eta']!.eta).toEqual(benchmarkS1Spec().eta);
  });

  it('every digest is of real data: sweeps with runs, and digests that differ between sweeps', async () => {
    const { pipelines, functions } = await digests;
    for (const [name, p] of Object.entries(pipelines)) expect(p.runCount, name).toBeGreaterThan(40);
    const all = Object.values(pipelines).flatMap((p) => [p.inputs, p.results.finalW!]);
    expect(new Set(all).size).toBe(all.length);
    expect(new Set(Object.values(functions)).size).toBe(Object.keys(functions).length);
  });

  for (const [name, spec] of Object.entries(fileSpecs())) {
    it(`${name}: the file a pool of worker_threads writes (as the CLI does) parses and checks against its spec, with the pool's runs${name === 's1' ? '' : ', and is the file of the kernel run in this thread'}`, async () => {
      const plan = planSweep(spec);
      const result = await testPool().run(plan);
      const text = resultFileText(plan, result);
      const parsed = parseResultJson(text);
      expectSameRuns(parsed.result, result, plan);
      // S1 in one thread takes most of a minute here; the pool's determinism is tested elsewhere.
      if (name !== 's1') expect(await sha256(resultFileOf(spec))).toBe(await sha256(text));
    });
  }
});
