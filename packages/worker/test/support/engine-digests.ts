// What must be the same bits in Node and in Chromium, as digests: core's deterministic functions
// over large argument sets, and for a set of sweeps that covers every axis form, every init scheme
// and both dataset generators, every run's inputs (η, initial weights and bias, data) and results.
// Computed by the same code in both engines: test/engine-digests.test.ts checks it in Node, and
// test/engine-digests.browser.test.ts computes it in Chromium and compares with Node's values,
// which vitest.browser.config.ts computes in its Node process (browser commands). No platform code
// here besides Web Crypto's SHA-256, which Node 20 and browsers both have.

import { axisValues, binaryEntropy, cos, crossEntropy, exp10, expm1, expNonPositive, initialize, initSchemes, log, log10, log1p, logit, noisyThreshold, normalAt, sin, softplus, squaredError, twoClasses, uniformAt } from '@losslab/core';
import { benchmarkS1Spec, initialParameters, planSweep, resultHeader, resultJsonChunks, runChunk, type ResultRuns, type SweepPlan, type SweepSpec } from '../../src/index.js';
import { RUN_ARRAY_KEYS } from './sweeps.js';

/** SHA-256 of a string's UTF-8 bytes or of an array's bytes, as 64 hex digits. */
export async function sha256(data: string | ArrayBufferView): Promise<string> {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  return Array.from(hash, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** SHA-256 of doubles' bytes (little-endian), every NaN written as one canonical NaN. */
export function sha256OfDoubles(values: ArrayLike<number>): Promise<string> {
  const bytes = new DataView(new ArrayBuffer(8 * values.length));
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) bytes.setUint32(8 * i + 4, 0x7ff80000, true);
    else bytes.setFloat64(8 * i, v, true);
  }
  return sha256(bytes);
}

/** 2^−k, exactly, by halving (no `**` or Math.pow: their last bit is the engine's). */
function halfPower(k: number): number {
  let v = 1;
  for (let j = 0; j < k; j++) v *= 0.5;
  return v;
}

/**
 * Arguments of each deterministic function: the ranges losslab uses and the rest of the domain.
 * Built only from core's bit-exact uniforms and exp10 and IEEE arithmetic, never Math.exp or `**`,
 * whose last bits differ between engines: the argument lists must be the same everywhere.
 */
const SAMPLERS: Record<string, (u: number, i: number) => number> = {
  log: (u, i) => (i % 3 === 0 ? 1 - u : i % 3 === 1 ? exp10((u - 0.5) * 600) : 1 + (u - 0.5) * halfPower(i % 50)),
  log1p: (u, i) => (i % 3 === 0 ? -u : i % 3 === 1 ? exp10((u - 0.3) * 90) : (u - 0.5) * halfPower(i % 60)),
  log10: (u, i) => (i % 2 ? exp10((u - 0.5) * 600) : 1e-4 + u * 100),
  exp10: (u, i) => (i % 2 ? (u - 0.5) * 8 : (u - 0.5) * 640),
  expm1: (u, i) => (i % 3 === 0 ? u * 7 : i % 3 === 1 ? (u - 0.5) * 3 : (u - 0.5) * 1400),
  cos: (u, i) => (i % 2 ? 2 * Math.PI * u : (u - 0.5) * 1.6e6),
  sin: (u, i) => (i % 2 ? 2 * Math.PI * u : (u - 0.5) * 1.6e6),
  expNonPositive: (u, i) => -(i % 2 ? u * 40 : u * 746),
};

const FUNCTIONS: Record<string, (x: number) => number> = { log, log1p, log10, exp10, expm1, cos, sin, expNonPositive };

/** Arguments per function. */
export const FUNCTION_ARGUMENTS = 50_000;

/** The arguments of function `name` (plain arithmetic on core's bit-exact uniforms: the same list everywhere). */
export function functionArguments(name: string): Float64Array {
  const sample = SAMPLERS[name]!;
  return Float64Array.from({ length: FUNCTION_ARGUMENTS }, (_, i) => sample(uniformAt(0x5eed, i, 9), i));
}

/** The functions whose results are digested, by name. */
export const FUNCTION_NAMES = Object.keys(FUNCTIONS);

/**
 * The values of every run input that core generates (log axes, normals, initializers, datasets),
 * and of the per-point losses whose values result files hold (they take logs: log1p, log).
 */
export function generatedInputs(): Record<string, Float64Array> {
  const axes: number[] = [];
  for (let i = 0; i < 200; i++) {
    const from = exp10(-(1 + (i % 7))) * (1 + (i % 3));
    axes.push(...axisValues({ from, to: from * exp10(1 + (i % 5)) * 1.5, count: 2 + (i % 40), scale: 'log' }));
  }
  const inits: number[] = [];
  for (const scheme of initSchemes) {
    for (let sample = 0; sample < 300; sample++) {
      const p = initialize({ scheme, parameter: scheme === 'constant' ? -2 : 1.5, seed: 11 }, 3, sample);
      inits.push(...p.w, p.b);
    }
  }
  const data: number[] = [];
  for (const seed of [0, 1, 2]) {
    const a = twoClasses({ n: 200, d: 3, seed, noise: 0.8, separation: 2 });
    const b = noisyThreshold({ n: 300, seed, noise: 0.5, threshold: 0.3, range: 4 });
    data.push(...a.x, ...a.y, ...b.x, ...b.y);
  }
  const lossValues: number[] = [];
  for (let i = 0; i < 40_000; i++) {
    const z = (uniformAt(0x10c, i, 1) - 0.5) * (i % 2 ? 80 : 8);
    const y = i % 3 === 0 ? i % 2 : uniformAt(0x10c, i, 2);
    lossValues.push(crossEntropy.value(z, y), crossEntropy.excess(z, y), squaredError.value(z, y), crossEntropy.excess(z, y), softplus(z), binaryEntropy(y), logit(y));
  }
  return {
    lossValues: Float64Array.from(lossValues),
    logAxes: Float64Array.from(axes),
    normalAt: Float64Array.from({ length: 20_000 }, (_, i) => normalAt(3, i, i % 4)),
    initializers: Float64Array.from(inits),
    datasets: Float64Array.from(data),
  };
}

/**
 * Sweeps that together cover every axis form (list, linear range, log range), the grid and every
 * random init scheme, built-in, and both generated datasets. Small enough to train in a test.
 */
export function pipelineSpecs(): Record<string, SweepSpec> {
  const specs: Record<string, SweepSpec> = {
    // Benchmark S1's η axis (16 log-spaced values, index 12 the one engines rounded differently)
    // over a 4 × 4 grid: the S1 file of the app/CLI tests below.
    's1-eta': {
      version: 1,
      dataset: 'five-point',
      losses: ['se', 'ce'],
      eta: { from: 1e-3, to: 10, count: 16, scale: 'log' },
      init: { w0: { from: -6, to: 6, count: 4 }, b0: [-6, -2, 2, 6] },
      epochs: 1000,
    },
    'list-eta': {
      version: 1,
      dataset: 'toy',
      losses: ['ce', 'se'],
      eta: [0.05, 0.5, 2, 8],
      init: { w0: [-2, 0, 3], b0: { from: -4, to: 4, count: 5 } },
      epochs: 300,
      curve: 'full',
    },
    'normal-two-classes': {
      version: 1,
      dataset: { generator: 'two-classes', n: 40, d: 2, seed: 5, noise: 1.2 },
      losses: ['se', 'ce'],
      eta: { from: 0.01, to: 10, count: 5, scale: 'log' },
      init: { scheme: 'normal', parameter: 3, count: 12, seed: 9 },
      epochs: 300,
      reduction: 'mean',
    },
  };
  // One spec per other scheme, alternating the generators (d = 1 and d = 3).
  initSchemes.forEach((scheme, i) => {
    if (scheme === 'normal') return;
    specs[`${scheme}-${i % 2 ? 'noisy-threshold' : 'two-classes'}`] = {
      version: 1,
      dataset: i % 2 ? { generator: 'noisy-threshold', n: 30, seed: i, noise: 0.4, threshold: 0.2, range: 3 } : { generator: 'two-classes', n: 24, d: 3, seed: i },
      losses: ['se', 'ce'],
      eta: { from: 0.03, to: 30, count: 4, scale: 'log' },
      init: { scheme, parameter: scheme === 'constant' ? -2 : 2, count: 6, seed: 20 + i },
      epochs: 200,
      curve: 12,
    };
  });
  return specs;
}

/** Digests of one sweep: its inputs (η, every init's weights and bias, data x and y) and every result array. */
export interface PipelineDigest {
  runCount: number;
  inputs: string;
  results: Record<string, string>;
}

/** The inputs of a plan, flattened: η…, then per init w… and b0, then x… and y…. */
export function planInputs(plan: SweepPlan): Float64Array {
  const values: number[] = [...plan.eta];
  const w = new Float64Array(plan.data.d);
  for (let init = 0; init < plan.initCount; init++) {
    const b0 = initialParameters(plan, init, w);
    values.push(...w, b0);
  }
  values.push(...plan.data.x, ...plan.data.y, ...plan.curveEpochs);
  return Float64Array.from(values);
}

/** {@link PipelineDigest} of a spec, training every run with the kernel in this thread. */
export async function pipelineDigest(spec: SweepSpec): Promise<PipelineDigest> {
  const plan = planSweep(spec);
  const chunk = runChunk(plan, 0, plan.runCount);
  const results: Record<string, string> = {};
  for (const key of RUN_ARRAY_KEYS) results[key] = await sha256OfDoubles(chunk[key]);
  return { runCount: plan.runCount, inputs: await sha256OfDoubles(planInputs(plan)), results };
}

/** Everything the two engines must agree on, by name. */
export interface EngineDigests {
  functions: Record<string, string>;
  generated: Record<string, string>;
  pipelines: Record<string, PipelineDigest>;
}

/** {@link EngineDigests} computed in this engine. */
export async function engineDigests(): Promise<EngineDigests> {
  const functions: Record<string, string> = {};
  for (const name of FUNCTION_NAMES) functions[name] = await sha256OfDoubles(functionArguments(name).map(FUNCTIONS[name]!));
  const generated: Record<string, string> = {};
  for (const [name, values] of Object.entries(generatedInputs())) generated[name] = await sha256OfDoubles(values);
  const pipelines: Record<string, PipelineDigest> = {};
  for (const [name, spec] of Object.entries(pipelineSpecs())) pipelines[name] = await pipelineDigest(spec);
  return { functions, generated, pipelines };
}

/** The version written in the result files of these tests (the CLI and the app each write their own). */
export const FILE_VERSION = '0.1.0';

/** The JSON result file of a plan's runs, as `losslab sweep --format json` and the app's export write it. */
export function resultFileText(plan: SweepPlan, runs: ResultRuns): string {
  return [...resultJsonChunks(plan, runs, resultHeader(plan, FILE_VERSION))].join('');
}

/** {@link resultFileText} of a spec trained with the kernel in this thread. */
export function resultFileOf(spec: SweepSpec): string {
  const plan = planSweep(spec);
  return resultFileText(plan, { ...runChunk(plan, 0, plan.runCount), failures: [] });
}

/**
 * The specs whose result files are exchanged between the engines: benchmark S1 itself (32,768 runs,
 * 2,048 of which had an η that Chromium rounded differently), S1's η axis on a small grid, and
 * random normal inits on generated data.
 */
export function fileSpecs(): Record<string, SweepSpec> {
  const specs = pipelineSpecs();
  return { s1: benchmarkS1Spec(), 's1-eta': specs['s1-eta']!, 'normal-two-classes': specs['normal-two-classes']! };
}
