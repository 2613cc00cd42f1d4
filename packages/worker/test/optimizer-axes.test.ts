// The optimizer, batch-size and weight-decay axes: spec validation, the index order, runs equal to
// core's train bit for bit whatever the chunking, result records, and old specs unchanged.

import { convergence, train, type LossName } from '@losslab/core';
import { describe, expect, it } from 'vitest';
import { allocateResult, csvColumns, NEVER, outcomeOf, parseResultJson, planSweep, resultHeader, resultToCsv, resultToJson, runChunk, runConfig, runIndex, runPosition, runRecord, toJson, writeChunk, type JsonValue, type SweepPlan, type SweepResult, type SweepSpec } from '../src/index.js';
import { runChunkWith } from '../src/kernel.js';
import { chunkOptimizerDigest, coreOptimizerDigest, OPTIMIZER_PARITY_DIGEST, optimizerParityPlan } from './support/optimizer-parity.js';
import { expectSameRuns, gridPlan } from './support/sweeps.js';

const axesSpec = {
  version: 1,
  dataset: 'five-point',
  losses: ['se', 'ce'],
  optimizer: ['gd', { name: 'momentum', momentum: 0.5 }, { name: 'adam', beta1: 0.8 }],
  eta: [0.05, 0.5],
  batchSize: [1, 2, 5],
  weightDecay: [0, 0.01],
  init: { w0: [-3, 1], b0: [2, -4] },
  epochs: 40,
  shuffleSeed: 3,
  curve: 'full',
} satisfies SweepSpec;

function sweep(plan: SweepPlan, chunk = plan.runCount): SweepResult {
  const result = allocateResult(plan);
  for (let start = 0; start < plan.runCount; start += chunk) writeChunk(result, runChunk(plan, start, Math.min(plan.runCount, start + chunk)));
  return result;
}

describe('the spec', () => {
  it('plans loss × optimizer × η × batch size × weight decay × init runs, in that order, loss outermost and init innermost', () => {
    const plan = planSweep(axesSpec);
    expect(plan.runCount).toBe(2 * 3 * 2 * 3 * 2 * 4);
    let index = 0;
    for (const [lossIndex, loss] of ['se', 'ce'].entries())
      for (const [optimizerIndex, name] of ['gd', 'momentum', 'adam'].entries())
        for (const [etaIndex, eta] of [0.05, 0.5].entries())
          for (const [batchIndex, batchSize] of [1, 2, 5].entries())
            for (const [weightDecayIndex, weightDecay] of [0, 0.01].entries())
              for (let initIndex = 0; initIndex < 4; initIndex++) {
                const config = runConfig(plan, index);
                expect({ loss: config.loss, name: config.optimizer.name, eta: config.eta, batchSize: config.batchSize, weightDecay: config.weightDecay, initIndex: config.initIndex }).toEqual({ loss, name, eta, batchSize, weightDecay, initIndex });
                const position = { lossIndex, optimizerIndex, etaIndex, batchIndex, weightDecayIndex, initIndex };
                expect(runPosition(plan, index)).toEqual(position);
                expect(runIndex(plan, position)).toBe(index);
                index++;
              }
    expect(runConfig(plan, 0).optimizer).toEqual({ name: 'gd' });
    expect(runConfig(plan, 4 * 2 * 3 * 2).optimizer).toEqual({ name: 'momentum', momentum: 0.5 });
    expect(runConfig(plan, 2 * 4 * 2 * 3 * 2).optimizer).toEqual({ name: 'adam', beta1: 0.8, beta2: 0.999, eps: 1e-8 });
  });

  it('an old spec keeps its plan, its canonical spec and its result file byte for byte: one value on each new axis, nothing new in records', () => {
    const plan = gridPlan(30);
    expect(plan.runCount).toBe(2 * 6 * 64);
    expect(Object.keys(plan.spec)).toEqual(['version', 'dataset', 'losses', 'eta', 'init', 'epochs', 'reduction', 'tolerance', 'curve']);
    expect(plan.optimizers).toEqual([{ name: 'gd' }]);
    expect(plan.batchSizes).toEqual([5]);
    expect(Array.from(plan.weightDecays)).toEqual([0]);
    // The old index formula.
    expect(runIndex(plan, { lossIndex: 1, etaIndex: 4, initIndex: 17 })).toBe((1 * 6 + 4) * 64 + 17);
    const result = sweep(plan, 100);
    expect(Object.keys(runRecord(plan, result, 3))).toEqual(['index', 'loss', 'eta', 'w0', 'b0', 'status', 'finalLoss', 'minLoss', 'finalExcess', 'finalMaxError', 'finalW', 'finalB', 'outcome', 'epochsToFit', 'plateauEpochs', 'epochsTo1PercentExcess', 'divergedAt', 'curve']);
    expect(csvColumns(plan).slice(0, 5)).toEqual(['index', 'loss', 'eta', 'w0', 'b0']);
  });

  it('writes the new axes into the canonical spec only when given, resolved, in index order, and plans it again to the same sweep', () => {
    const plan = planSweep(axesSpec);
    expect(Object.keys(plan.spec)).toEqual(['version', 'dataset', 'losses', 'optimizer', 'eta', 'batchSize', 'weightDecay', 'init', 'epochs', 'reduction', 'shuffleSeed', 'tolerance', 'curve']);
    expect(plan.spec.optimizer).toEqual([{ name: 'gd' }, { name: 'momentum', momentum: 0.5 }, { name: 'adam', beta1: 0.8, beta2: 0.999, eps: 1e-8 }]);
    const again = planSweep(JSON.parse(toJson(plan.spec as unknown as JsonValue)));
    expect(toJson(again.spec as unknown as JsonValue)).toBe(toJson(plan.spec as unknown as JsonValue));
    expect(again.runCount).toBe(plan.runCount);
  });

  it('refuses every bad value of the new fields, naming the field and the value', () => {
    const bad: [Partial<Record<string, unknown>>, string][] = [
      [{ optimizer: [] }, 'optimizer: must be a non-empty list of optimizers'],
      [{ optimizer: 'adam' }, 'optimizer: must be a non-empty list of optimizers (a name or {name, …hyperparameters}), got "adam"'],
      [{ optimizer: ['gd', 'sgd'] }, `optimizer[1].name: must be one of 'gd', 'momentum', 'nesterov', 'rmsprop', 'adam', 'adagrad', got "sgd"`],
      [{ optimizer: [{ name: 'adam', beta1: 1.5 }] }, 'optimizer[0].beta1: must be a number in [0, 1), got 1.5'],
      [{ optimizer: [{ name: 'rmsprop', beta1: 0.9 }] }, "optimizer[0].beta1: is not a hyperparameter of 'rmsprop' (it has alpha, eps)"],
      [{ batchSize: [0] }, 'batchSize[0]: must be an integer ≥ 1, got 0'],
      [{ batchSize: [2, 1.5] }, 'batchSize[1]: must be an integer ≥ 1, got 1.5'],
      [{ batchSize: 4 }, 'batchSize: must be a non-empty list of positive integers, got 4'],
      [{ weightDecay: [-1] }, 'weightDecay[0]: must be ≥ 0, got -1'],
      [{ weightDecay: ['0.1'] }, 'weightDecay[0]: must be a finite number, got "0.1"'],
      [{ shuffleSeed: -2 }, 'shuffleSeed: must be an integer ≥ 0, got -2'],
    ];
    for (const [change, message] of bad) {
      expect(() => planSweep({ ...axesSpec, ...change }), JSON.stringify(change)).toThrow(message);
    }
  });

  it('counts the new axes in the run cap, naming them', () => {
    expect(() => planSweep({ ...axesSpec, batchSize: Array.from({ length: 1000 }, (_, k) => k + 1) }, { maxRuns: 10_000 })).toThrow(
      'the sweep has 96000 runs (2 losses × 3 optimizers × 2 η × 1000 batch sizes × 2 weight decays × 4 inits), more than the cap of 10000',
    );
  });
});

describe('the kernel', () => {
  it.each([
    ['five points, summed', axesSpec],
    ['two inputs, mean over each batch', { ...axesSpec, dataset: { generator: 'two-classes', n: 7, d: 2, seed: 5 }, batchSize: [3, 7], reduction: 'mean', epochs: 30 }],
    ["the lecture's soft labels", { ...axesSpec, dataset: 'toy', batchSize: [1, 2], epochs: 30 }],
  ] as const)("trains every run to core's train bit for bit: parameters, divergence, losses at the curve epochs and the measures of non-plain runs (%s)", (_, spec) => {
    const plan = planSweep(spec);
    const result = sweep(plan);
    let nonPlain = 0;
    for (let index = 0; index < plan.runCount; index++) {
      const config = runConfig(plan, index);
      const run = train({ data: plan.data, loss: config.loss as LossName, eta: config.eta, epochs: plan.epochs, w0: config.w0, b0: config.b0, reduction: plan.reduction, optimizer: config.optimizer, batchSize: config.batchSize, shuffleSeed: plan.shuffleSeed, weightDecay: config.weightDecay, recordPath: false });
      const label = `run ${index} (${config.loss}, ${config.optimizer.name}, η ${config.eta}, batch ${config.batchSize}, λ ${config.weightDecay})`;
      for (let j = 0; j < plan.data.d; j++) expect(Object.is(result.finalW[index * plan.data.d + j], run.w[j]), label).toBe(true);
      expect(Object.is(result.finalB[index], run.b), label).toBe(true);
      expect(result.divergedAt[index], label).toBe(run.divergedAt ?? NEVER);
      const plain = config.optimizer.name === 'gd' && config.batchSize >= plan.data.n && config.weightDecay === 0;
      for (let t = 0; t < run.losses.length; t++) {
        const got = result.curves[index * plan.epochs + t]!;
        // The kernel's cross-entropy loss is its own (one log1p per block of points, kernel-math.ts),
        // within a few ulps of core's; it never feeds back into the parameters. Everything else is core's.
        if (config.loss === 'se') expect(got, `${label}, epoch ${t}`).toBe(run.losses[t]);
        else expect(Math.abs(got - run.losses[t]!), `${label}, epoch ${t}`).toBeLessThanOrEqual(8 * Number.EPSILON * Math.abs(run.losses[t]!));
      }
      if (!plain) {
        nonPlain++;
        const measures = convergence(run, plan.tolerance);
        expect(outcomeOf(result.outcome[index]!), label).toBe(measures.outcome);
        if (run.divergedAt === null) {
          expect(result.epochsToFit[index], label).toBe(measures.epochsToFit ?? NEVER);
          expect(result.plateauEpochs[index], label).toBe(measures.plateauEpochs ?? NEVER);
          expect(result.epochsTo1PercentExcess[index], label).toBe(measures.epochsTo1PercentExcess ?? NEVER);
          expect(result.finalMaxError[index], label).toBe(run.maxErrors[plan.epochs - 1]);
          if (config.loss === 'se') {
            expect(result.finalLoss[index], label).toBe(run.losses[plan.epochs - 1]);
            expect(result.minLoss[index], label).toBe(Math.min(...run.losses));
          }
        }
      }
    }
    expect(nonPlain).toBe(plan.runCount - 2 * 2 * 4); // plain: either loss, gd, either η, the whole dataset, λ = 0, any start
  });

  it('gives the same bits for any chunking, and with the JavaScript engine as with SIMD', () => {
    const plan = planSweep({ ...axesSpec, epochs: 25, curve: 8 });
    const whole = sweep(plan);
    for (const chunk of [1, 7, 50]) expectSameRuns(sweep(plan, chunk), whole, plan);
    const js = allocateResult(plan);
    writeChunk(js, runChunkWith(plan, 0, plan.runCount, {}, 'js'));
    expectSameRuns(js, whole, plan);
  });

  it("core's train and the kernel give the digest that the browser test checks in Chromium, over every optimizer, batch size and weight decay", () => {
    const plan = optimizerParityPlan();
    expect(coreOptimizerDigest(plan)).toBe(OPTIMIZER_PARITY_DIGEST);
    expect(chunkOptimizerDigest(plan, runChunk(plan, 0, plan.runCount))).toBe(OPTIMIZER_PARITY_DIGEST);
    expect(chunkOptimizerDigest(plan, runChunkWith(plan, 0, plan.runCount, {}, 'wasm'))).toBe(OPTIMIZER_PARITY_DIGEST);
    expect(chunkOptimizerDigest(plan, runChunkWith(plan, 0, plan.runCount, {}, 'js'))).toBe(OPTIMIZER_PARITY_DIGEST);
  });

  it('stops between runs when asked: runs not reached stay pending', () => {
    const plan = planSweep(axesSpec);
    let asked = 0;
    const chunk = runChunk(plan, 0, 100, { shouldStop: () => ++asked > 20 });
    const done = chunk.status.reduce((sum, s) => sum + s, 0);
    expect(done).toBeGreaterThan(0);
    expect(done).toBeLessThan(100);
    for (let r = done; r < 100; r++) expect(chunk.status[r]).toBe(0);
  });
});

describe('result files', () => {
  it('records and CSV columns carry the optimizer, its hyperparameters, the batch size and the weight decay; the JSON reads back bit for bit', () => {
    const plan = planSweep({ ...axesSpec, optimizer: ['gd', 'nesterov', 'adam'], curve: 4 });
    const result = sweep(plan, 33);
    const adamRun = runIndex(plan, { lossIndex: 1, optimizerIndex: 2, etaIndex: 1, batchIndex: 1, weightDecayIndex: 1, initIndex: 2 });
    const record = runRecord(plan, result, adamRun);
    expect(Object.keys(record).slice(0, 12)).toEqual(['index', 'loss', 'optimizer', 'momentum', 'beta1', 'beta2', 'eps', 'eta', 'batchSize', 'weightDecay', 'w0', 'b0']);
    expect(record).toMatchObject({ loss: 'ce', optimizer: 'adam', momentum: null, beta1: 0.9, beta2: 0.999, eps: 1e-8, eta: 0.5, batchSize: 2, weightDecay: 0.01 });
    expect(runRecord(plan, result, runIndex(plan, { lossIndex: 0, optimizerIndex: 1, etaIndex: 0, initIndex: 0 }))).toMatchObject({ optimizer: 'nesterov', momentum: 0.9, beta1: null, eps: null });
    expect(csvColumns(plan).slice(0, 10)).toEqual(['index', 'loss', 'optimizer', 'momentum', 'beta1', 'beta2', 'eps', 'eta', 'batchSize', 'weightDecay']);
    const header = resultHeader(plan, '0.0.0-test');
    const csv = resultToCsv(plan, result, header).split('\n');
    expect(csv[1]!.split(',').slice(0, 10)).toEqual(['0', 'se', 'gd', '', '', '', '', '0.05', '1', '0']);
    const text = resultToJson(plan, result, header);
    const parsed = parseResultJson(text);
    expectSameRuns(parsed.result, result, plan);
    expect(resultToJson(parsed.plan, parsed.result, parsed.header)).toBe(text);
  });

  it("refuses a file whose run says another optimizer, hyperparameter, batch size or weight decay than its spec's", () => {
    const plan = planSweep({ ...axesSpec, curve: 'none' });
    const text = resultToJson(plan, sweep(plan), resultHeader(plan, '0.0.0-test'));
    const lines = text.split('\n');
    const at = lines.findIndex((line) => line.trimStart().startsWith('{"index":50,'));
    const tamper = (from: string, to: string) => {
      const copy = lines.slice();
      expect(copy[at]!.includes(from), from).toBe(true);
      copy[at] = copy[at]!.replace(from, to);
      return copy.join('\n');
    };
    const k = at - lines.findIndex((line) => line.trimStart().startsWith('{"index":0,'));
    expect(() => parseResultJson(tamper('"optimizer":"momentum"', '"optimizer":"nesterov"'))).toThrow(`runs[${k}].optimizer: is "nesterov", but run 50 of the file's spec has optimizer = "momentum"`);
    expect(() => parseResultJson(tamper('"momentum":0.5', '"momentum":0.6'))).toThrow(`runs[${k}].momentum: is 0.6, but run 50 of the file's spec has momentum = 0.5`);
    expect(() => parseResultJson(tamper('"batchSize":1', '"batchSize":2'))).toThrow(`runs[${k}].batchSize: is 2, but run 50 of the file's spec has batchSize = 1`);
    expect(() => parseResultJson(tamper('"weightDecay":0,', '"weightDecay":0.5,'))).toThrow(`runs[${k}].weightDecay: is 0.5, but run 50 of the file's spec has weightDecay = 0`);
  });
});
