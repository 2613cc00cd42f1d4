import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as core from '@losslab/core';
import { parseResultJson, planSweep } from '@losslab/worker';
import { readResultFile, reproduceSnippet, resultFileText } from '../../src/lib/export.js';
import { APP_VERSION } from '../../src/lib/version.js';
import { computeResult } from '../support/sweep.js';

function runAll(spec: unknown) {
  const plan = planSweep(spec);
  return { plan, result: computeResult(plan) };
}

/** Runs a snippet's module text with @losslab/core in scope and returns what it logged. */
function runSnippet(text: string): unknown[][] {
  const logged: unknown[][] = [];
  const body = text.replace(/^import \{[^}]*\} from '@losslab\/core';$/m, '').replace(/console\.log/g, 'log');
  // The snippet is the app's own output for a fixed spec (this test's), run to check it reproduces the run.
  new Function('core', 'log', `const { train, epochsToFit, toy, fivePoint, twoClasses, noisyThreshold } = core;\n${body}`)(core, (...args: unknown[]) => logged.push(args));
  return logged;
}

describe('export', () => {
  it('writes a JSON result that parseResultJson reads back to the same arrays', () => {
    const { plan, result } = runAll({ version: 1, dataset: 'five-point', losses: ['se', 'ce'], eta: [0.1, 1], init: { w0: [-2, 2], b0: [0] }, epochs: 50, curve: 'none' });
    const text = resultFileText(plan, result);
    expect(JSON.parse(text).losslab).toBe(APP_VERSION);
    const back = readResultFile(text);
    expect(back.plan.spec).toEqual(plan.spec);
    for (const key of ['finalLoss', 'finalW', 'finalB', 'epochsToFit', 'divergedAt', 'status'] as const) expect(Array.from(back.result[key])).toEqual(Array.from(result[key]));
    expect(parseResultJson(text).result.completed).toBe(plan.runCount);
  });

  it('records the app version from package.json', () => {
    expect(APP_VERSION).toBe((JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version);
  });

  it('writes a snippet that recomputes the selected run with core, for built-in, generated and inline data', () => {
    const specs = [
      { version: 1, dataset: 'toy', losses: ['se', 'ce'], eta: [1], init: { w0: [-2], b0: [-2] }, epochs: 100, curve: 'none' },
      { version: 1, dataset: { generator: 'noisy-threshold', n: 20, seed: 3, noise: 0.2 }, losses: ['ce'], eta: [0.5], init: { scheme: 'normal', parameter: 1, count: 3, seed: 1 }, epochs: 40, curve: 'none' },
      { version: 1, dataset: { name: 'x"y', x: [[1, 2], [3, -4]], y: [0, 1] }, losses: ['se'], eta: [0.1], init: { w0: [0.5], b0: [0] }, epochs: 30, reduction: 'mean', curve: 'none' },
    ];
    for (const spec of specs) {
      const { plan, result } = runAll(spec);
      const config = { etaIndex: 0, initIndex: plan.initCount - 1 };
      const text = reproduceSnippet(plan, config);
      expect(text).toContain("from '@losslab/core'");
      const logged = runSnippet(text);
      expect(logged).toHaveLength(2 * plan.losses.length);
      plan.losses.forEach((loss, lossIndex) => {
        const index = lossIndex * plan.eta.length * plan.initCount + config.initIndex;
        const line = logged[2 * lossIndex]!;
        expect(line[0]).toBe(loss);
        // Parameters bit for bit; the worker kernel sums a run's loss in another order than
        // core's train (same parameters, loss within a few ulps), so the loss is compared closely.
        expect(line[6]).toBe(result.finalB[index]);
        expect(Math.abs((line[2] as number) - result.finalLoss[index]!)).toBeLessThanOrEqual(1e-14 * Math.abs(result.finalLoss[index]!));
      });
    }
  });
});
