// The same bits in Chromium as in Node: core's deterministic functions, every generated run input,
// and for sweeps covering every axis form, init scheme and dataset generator, every run's inputs and
// results; then result files crossing engines, as the CLI writes them in Node and the app reads and
// exports them here. Node's values come from vitest.browser.config.ts's commands, computed in
// vitest's Node process by the same code (test/support/engine-digests.ts).

import { commands } from 'vitest/browser';
import { describe, expect, it } from 'vitest';
import { cos, exp10, log, log10 } from '@losslab/core';
import { createBrowserPool } from '../src/browser.js';
import { parseResultJson, planSweep } from '../src/index.js';
import { engineDigests, fileSpecs, functionArguments, resultFileText, sha256, type EngineDigests } from './support/engine-digests.js';
import { expectSameRuns } from './support/sweeps.js';

declare module 'vitest/browser' {
  interface BrowserCommands {
    nodeEngineDigests: () => Promise<EngineDigests>;
    nodeResultFile: (name: string) => Promise<string>;
  }
}

const node = commands.nodeEngineDigests();
const here = engineDigests();

describe('Chromium computes what Node computes', () => {
  it("core's log, log1p, log10, exp10, expm1, cos, sin and expNonPositive, 50,000 arguments each: the same digests", async () => {
    expect((await here).functions).toEqual((await node).functions);
    expect(Object.keys((await here).functions)).toHaveLength(8);
    // What the engines' own functions would have done (informational: Chromium's libm is not Node's).
    const differ = (f: (x: number) => number, g: (x: number) => number, name: string) => functionArguments(name).reduce((n, x) => n + (Object.is(f(x), g(x)) ? 0 : 1), 0);
    console.info(`this engine's Math differs from core (Node's bits) on: log ${differ(Math.log, log, 'log')}, log10 ${differ(Math.log10, log10, 'log10')}, cos ${differ(Math.cos, cos, 'cos')}, 10 ** x ${differ((x) => 10 ** x, exp10, 'exp10')} of 50,000 arguments`);
  });

  it('log axes, normals, every initializer, both dataset generators and the losses (their logs): the same values', async () => {
    expect((await here).generated).toEqual((await node).generated);
  });

  it('every run input (η, w0, b0, data, curve epochs) and every result array of sweeps over every axis form, init scheme and generator: the same bits', async () => {
    const mine = (await here).pipelines;
    const theirs = (await node).pipelines;
    expect(Object.keys(mine).sort()).toEqual(Object.keys(theirs).sort());
    for (const name of Object.keys(theirs)) expect(mine[name], name).toEqual(theirs[name]);
  });
});

describe("result files: Node's open here, and this page's export is Node's file byte for byte", () => {
  for (const [name, spec] of Object.entries(fileSpecs())) {
    it(`${name}: Node's JSON file parses and checks with the app's import path (parseResultJson), holds what a pool of Web Workers computes here, and the export of that sweep has its SHA-256`, async () => {
      const nodeText = await commands.nodeResultFile(name);
      const parsed = parseResultJson(nodeText);
      const plan = planSweep(spec);
      expect(parsed.plan.runCount).toBe(plan.runCount);
      expect(Array.from(parsed.plan.eta)).toEqual(Array.from(plan.eta));
      const pool = createBrowserPool({ size: 2 });
      try {
        const result = await pool.run(plan);
        expect(result.completed).toBe(plan.runCount);
        expectSameRuns(parsed.result, result, plan);
        const exported = resultFileText(plan, result);
        expect(exported.length).toBe(nodeText.length);
        expect(await sha256(exported)).toBe(await sha256(nodeText));
      } finally {
        await pool.dispose();
      }
    });
  }
});
