// The fast kernel (WebAssembly SIMD and JavaScript paths) against core's train, run by run, and
// against the reference kernel, chunk by chunk. Parameters must be bit-identical; so must every
// squared-error loss; cross-entropy losses (computed with one log1p per epoch, see kernel-wasm-program.ts)
// must be within CE_TOLERANCE relative.

import { convergence, crossEntropy, epochsToFit, logitOf, squaredError, train, type TrainResult } from '@losslab/core';
import { describe, expect, it } from 'vitest';
import { benchmarkS1Spec, planSweep, runChunk, runConfig, NEVER, outcomeCode, outcomeOf, RUN_DONE, RUN_PENDING, type ChunkResult, type SweepPlan, type SweepSpec } from '../src/index.js';
import { runChunkWith, type KernelEngine } from '../src/kernel.js';
import { pollEpochs } from '../src/kernel-js.js';
import { runChunkReference } from '../src/kernel-reference.js';
import { simdKernel } from '../src/kernel-wasm.js';
import { DEFAULT_POINTS } from '../src/kernel-wasm-program.js';
import { chunkParityValues, coreParityValues, digest, PARITY_DIGEST, parityPlans } from './support/kernel-parity.js';

/** Largest relative difference allowed between the fast kernel's cross-entropy losses and core's (observed: < 5e-16). */
const CE_TOLERANCE = 1e-12;

const S1: SweepSpec = benchmarkS1Spec();

const engines: KernelEngine[] = ['wasm', 'js'];

function relative(got: number, want: number): number {
  if (Object.is(got, want)) return 0;
  return Math.abs(got - want) / Math.max(Math.abs(got), Math.abs(want));
}

function expectLoss(got: number, want: number, ce: boolean, what: string): void {
  if (!ce || !Number.isFinite(want)) expect(got, what).toBe(want);
  else expect(relative(got, want), `${what}: ${got} vs core ${want}`).toBeLessThanOrEqual(CE_TOLERANCE);
}

/**
 * plateauEpochs / epochsTo1PercentExcess must equal core's, except that for cross-entropy (whose
 * loss values differ from core's by a few ulps) they may differ when the answer hinges on a
 * rounding tie: some epoch between the two answers has an excess L[t] − F within
 * 4·CE_TOLERANCE·L₀ of the threshold fraction·(L₀ − F) (core's own values).
 */
function expectExcessMeasure(got: number, want: number, losses: Float64Array, floor: number, fraction: number, ce: boolean, what: string): void {
  if (got === want || !ce) {
    expect(got, what).toBe(want);
    return;
  }
  const first = losses[0]!;
  const slack = 4 * CE_TOLERANCE * Math.abs(first);
  const target = fraction * (first - floor);
  const lo = Math.min(got === NEVER ? losses.length : got, want === NEVER ? losses.length : want);
  const hi = Math.max(got === NEVER ? 0 : got, want === NEVER ? 0 : want);
  for (let t = Math.max(0, lo - 1); t < Math.min(losses.length, hi + 1); t++) {
    if (Math.abs(losses[t]! - floor - target) <= slack) return;
  }
  expect(got, `${what} (not a rounding tie)`).toBe(want);
}

/** core's train for run `index` of the plan. */
function coreRun(plan: SweepPlan, index: number): TrainResult {
  const cfg = runConfig(plan, index);
  return train({ data: plan.data, loss: cfg.loss, eta: cfg.eta, w0: cfg.w0, b0: cfg.b0, epochs: plan.epochs, reduction: plan.reduction });
}

/** Checks run `index` (in the plan) of a chunk against core's train, field by field. Returns the worst relative loss difference. */
function checkAgainstCore(plan: SweepPlan, chunk: ChunkResult, index: number): number {
  const i = index - chunk.start;
  const cfg = runConfig(plan, index);
  const ce = cfg.loss === 'ce';
  const ref = coreRun(plan, index);
  const { d, n } = plan.data;
  const E = plan.epochs;
  const K = plan.curveEpochs.length;
  const run = ref.epochsRun;
  const label = `run ${index} (${cfg.loss}, η=${cfg.eta}, w0=${cfg.w0[0]}, b0=${cfg.b0})`;
  let worst = 0;
  const loss = (got: number, want: number, what: string) => {
    expectLoss(got, want, ce, `${label} ${what}`);
    worst = Math.max(worst, relative(got, want));
  };
  expect(chunk.status[i], label).toBe(RUN_DONE);
  for (let j = 0; j < d; j++) expect(chunk.finalW[i * d + j], `${label} w[${j}]`).toBe(ref.w[j]);
  expect(chunk.finalB[i], `${label} b`).toBe(ref.b);
  expect(chunk.divergedAt[i], `${label} divergedAt`).toBe(ref.divergedAt ?? NEVER);
  for (let k = 0; k < K; k++) {
    const epoch = plan.curveEpochs[k]!;
    if (epoch < run) loss(chunk.curves[i * K + k]!, ref.losses[epoch]!, `curve[${epoch}]`);
    else expect(chunk.curves[i * K + k], `${label} curve[${epoch}] past divergence`).toBeNaN();
  }
  const minLoss = run > 0 ? Math.min(...ref.losses) : Number.NaN;
  if (ref.divergedAt === null) {
    loss(chunk.finalLoss[i]!, ref.losses[E - 1]!, 'finalLoss');
    loss(chunk.minLoss[i]!, minLoss, 'minLoss');
    expect(chunk.finalMaxError[i], `${label} finalMaxError`).toBe(ref.maxErrors[E - 1]);
    expect(chunk.epochsToFit[i], `${label} epochsToFit`).toBe(epochsToFit(ref.maxErrors, plan.tolerance) ?? NEVER);
    const measures = convergence(ref, plan.tolerance);
    expectExcessMeasure(chunk.epochsTo1PercentExcess[i]!, measures.epochsTo1PercentExcess ?? NEVER, ref.losses, ref.floor, 0.01, ce, `${label} epochsTo1PercentExcess`);
    expectExcessMeasure(chunk.plateauEpochs[i]!, measures.plateauEpochs ?? NEVER, ref.losses, ref.floor, 0.95, ce, `${label} plateauEpochs`);
    expect(outcomeOf(chunk.outcome[i]!), `${label} outcome`).toBe(measures.outcome);
    // finalExcess: Σ excess at the last epoch's parameters (before its update), core's formulas.
    const w = ref.pathW.subarray((E - 1) * d, E * d);
    const b = ref.pathB[E - 1]!;
    let excess = 0;
    for (let p = 0; p < n; p++) excess += (ce ? crossEntropy : squaredError).excess(logitOf(d === 1 ? w[0]! : w, b, d === 1 ? plan.data.x[p]! : plan.data.x.subarray(p * d, (p + 1) * d)), plan.data.y[p]!);
    if (plan.reduction === 'mean') excess /= n;
    expect(chunk.finalExcess[i], `${label} finalExcess`).toBe(excess);
  } else {
    expect(chunk.finalLoss[i], `${label} finalLoss`).toBeNaN();
    if (run > 0) loss(chunk.minLoss[i]!, minLoss, 'minLoss');
    else expect(chunk.minLoss[i], `${label} minLoss`).toBeNaN();
    expect(chunk.epochsToFit[i]).toBe(NEVER);
    expect(chunk.epochsTo1PercentExcess[i]).toBe(NEVER);
    expect(chunk.plateauEpochs[i]).toBe(NEVER);
    expect(chunk.outcome[i], `${label} outcome`).toBe(outcomeCode('diverged'));
  }
  return worst;
}

/** Run i of a chunk was not computed: RUN_PENDING and every output still as allocated. */
function expectPending(plan: SweepPlan, chunk: ChunkResult, i: number): void {
  const K = plan.curveEpochs.length;
  const d = plan.data.d;
  expect(chunk.status[i]).toBe(RUN_PENDING);
  for (const key of ['finalLoss', 'minLoss', 'finalExcess', 'finalMaxError', 'finalB'] as const) expect(chunk[key][i], key).toBeNaN();
  for (const key of ['epochsToFit', 'plateauEpochs', 'epochsTo1PercentExcess', 'divergedAt'] as const) expect(chunk[key][i], key).toBe(NEVER);
  expect(Array.from(chunk.finalW.subarray(i * d, (i + 1) * d)).every(Number.isNaN)).toBe(true);
  expect(Array.from(chunk.curves.subarray(i * K, (i + 1) * K)).every(Number.isNaN)).toBe(true);
}

/** Every field of two chunks identical, except cross-entropy loss values, which agree within CE_TOLERANCE. */
function expectSameChunk(plan: SweepPlan, got: ChunkResult, want: ChunkResult): void {
  expect(got.start).toBe(want.start);
  expect(got.end).toBe(want.end);
  const K = plan.curveEpochs.length;
  for (const key of ['status', 'finalW', 'finalB', 'finalMaxError', 'finalExcess', 'epochsToFit', 'epochsTo1PercentExcess', 'plateauEpochs', 'outcome', 'divergedAt'] as const) {
    expect(Array.from(got[key]), key).toEqual(Array.from(want[key]));
  }
  for (let i = 0; i < got.end - got.start; i++) {
    const ce = runConfig(plan, got.start + i).loss === 'ce';
    expectLoss(got.finalLoss[i]!, want.finalLoss[i]!, ce, `run ${got.start + i} finalLoss`);
    expectLoss(got.minLoss[i]!, want.minLoss[i]!, ce, `run ${got.start + i} minLoss`);
    for (let k = 0; k < K; k++) expectLoss(got.curves[i * K + k]!, want.curves[i * K + k]!, ce, `run ${got.start + i} curve[${k}]`);
  }
}

/** A seeded shuffle-free sample of distinct integers in [0, size). */
function sample(count: number, size: number, seed: number): number[] {
  const picked = new Set<number>();
  let s = seed;
  while (picked.size < count) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    picked.add(s % size);
  }
  return [...picked].sort((a, b) => a - b);
}

it('has the WebAssembly SIMD kernel available in Node (so the fast path is the one tested)', () => {
  expect(simdKernel()).not.toBeNull();
});

describe.each(engines)('engine %s', (engine) => {
  const run = (plan: SweepPlan, start: number, end: number, shouldStop?: () => boolean) => runChunkWith(plan, start, end, shouldStop ? { shouldStop } : {}, engine);

  it("matches core on S1's corners: every loss, the smallest and largest η, w0 and b0", () => {
    const plan = planSweep({ ...S1, curve: 'full' });
    const corners: number[] = [];
    for (const loss of [0, 1]) for (const eta of [0, 15]) for (const w0 of [0, 31]) for (const b0 of [0, 31]) corners.push(((loss * 16 + eta) * 32 + w0) * 32 + b0);
    let worst = 0;
    for (const index of corners) worst = Math.max(worst, checkAgainstCore(plan, run(plan, index, index + 1), index));
    expect(worst).toBeLessThanOrEqual(CE_TOLERANCE);
  });

  it('matches core on 64 random S1 runs (curve samples, measures, final values)', () => {
    const plan = planSweep(S1);
    for (const index of sample(64, plan.runCount, engine === 'wasm' ? 11 : 12)) checkAgainstCore(plan, run(plan, index, index + 1), index);
  });

  it('matches core on contiguous S1 chunks, including the switch from squared error to cross-entropy and chunks that start and end mid-group', () => {
    const plan = planSweep({ ...S1, curve: 64 });
    for (const [start, end] of [
      [3, 17],
      [16384 - 5, 16384 + 6],
      [32768 - 9, 32768],
      [16384 + 7 * 1024 + 100, 16384 + 7 * 1024 + 107],
    ] as const) {
      const chunk = run(plan, start, end);
      for (let index = start; index < end; index++) checkAgainstCore(plan, chunk, index);
    }
  });

  it('gives the same results for a run whatever the chunking', () => {
    const plan = planSweep({ ...S1, epochs: 200 });
    const whole = run(plan, 0, 40);
    const parts = [run(plan, 0, 3), run(plan, 3, 17), run(plan, 17, 18), run(plan, 18, 40)];
    for (const part of parts) {
      for (let i = part.start; i < part.end; i++) {
        expect(part.finalW[i - part.start]).toBe(whole.finalW[i]);
        expect(part.finalB[i - part.start]).toBe(whole.finalB[i]);
        expect(part.finalLoss[i - part.start]).toBe(whole.finalLoss[i]);
        expect(part.plateauEpochs[i - part.start]).toBe(whole.plateauEpochs[i]);
      }
    }
  });

  it('agrees with the reference kernel on a 600-run slice of S1 that spans both losses', () => {
    const plan = planSweep({ ...S1, epochs: 300, curve: 48 });
    const start = 16384 - 300;
    expectSameChunk(plan, run(plan, start, start + 600), runChunkReference(plan, start, start + 600));
  });

  it('keeps a tiny cross-entropy loss relatively exact (every point saturated on the right side)', () => {
    // w = 6 puts every point at |z| ≥ 48, so each eᵢ ≈ 1e-21 and the loss ≈ Σ eᵢ.
    const plan = planSweep({
      version: 1,
      dataset: { x: [-10, -9, -8, 8, 9, 10], y: [0, 0, 0, 1, 1, 1] },
      losses: ['se', 'ce'],
      eta: [0.01, 1],
      init: { w0: [6], b0: [0] },
      epochs: 200,
      curve: 'full',
    });
    const chunk = run(plan, 0, plan.runCount);
    for (let index = 0; index < plan.runCount; index++) {
      checkAgainstCore(plan, chunk, index);
      const ref = coreRun(plan, index);
      expect(ref.losses[plan.epochs - 1]).toBeLessThan(1e-15);
      expect(relative(chunk.finalLoss[index]!, ref.losses[plan.epochs - 1]!)).toBeLessThanOrEqual(1e-13);
    }
  });

  it("keeps cross-entropy losses relatively exact with soft labels near 0 and 1 (core's per-sign first term)", () => {
    // Every point fitted from the right side with y within 1e-10 of its end: the loss is mostly
    // z·(1 − y) or −y·z, which max(z, 0) − y·z would compute with cancellation (errors ~1e-6).
    const plan = planSweep({
      version: 1,
      dataset: { x: [3, 4, 5, -3, -4], y: [1 - 1e-10, 1 - 1e-12, 1 - 3e-11, 1e-11, 2e-12] },
      losses: ['ce', 'se'],
      eta: [0.01, 1],
      init: { w0: [6, 20], b0: [0, 5] },
      epochs: 200,
      curve: 'full',
    });
    const chunk = run(plan, 0, plan.runCount);
    for (let index = 0; index < plan.runCount; index++) checkAgainstCore(plan, chunk, index);
  });

  it('reports diverging runs at the same epoch as core, and huge finite losses exactly', () => {
    const specs: SweepSpec[] = [
      // η·∂L/∂w overflows w to −Infinity at the first update: diverged at epoch 1.
      { version: 1, dataset: { x: [1e200, -1e200, 3], y: [0, 1, 1] }, losses: ['se', 'ce'], eta: [1e120, 1e200], init: { w0: [1, -1], b0: [0] }, epochs: 20, curve: 'full' },
      // z = w·x overflows to ±Infinity: cross-entropy's loss is not finite at epoch 0.
      { version: 1, dataset: { x: [1e308, -1e308], y: [0, 1] }, losses: ['ce', 'se'], eta: [1], init: { w0: [10, -10], b0: [0] }, epochs: 5, curve: 'full' },
      // Losses near 1e300 and above but finite: the exact path records core's values and goes on.
      { version: 1, dataset: { x: [3e300, -3e300, 1], y: [0, 1, 1] }, losses: ['ce', 'se'], eta: [1e-300, 1e-301], init: { w0: [1, -1, 0.5], b0: [0, 2] }, epochs: 30, curve: 'full' },
    ];
    let diverged = 0;
    for (const spec of specs) {
      const plan = planSweep(spec);
      const chunk = run(plan, 0, plan.runCount);
      for (let index = 0; index < plan.runCount; index++) {
        checkAgainstCore(plan, chunk, index);
        if (chunk.divergedAt[index] !== NEVER) diverged++;
      }
    }
    expect(diverged).toBeGreaterThan(4);
  });

  it('reports a run diverged at epoch 0 (z = ∞ − ∞ with two inputs)', () => {
    const plan = planSweep({ version: 1, dataset: { x: [[1e308, -1e308], [1, 2]], y: [0, 1] }, losses: ['se', 'ce'], eta: [1], init: { w0: [10], b0: [0] }, epochs: 10 });
    const chunk = engine === 'wasm' ? runChunk(plan, 0, plan.runCount) : run(plan, 0, plan.runCount);
    for (let index = 0; index < plan.runCount; index++) {
      checkAgainstCore(plan, chunk, index);
      expect(chunk.divergedAt[index]).toBe(0);
    }
  });

  it("matches core where exp leaves the fast path's range: z = 0 exactly, |z| < 2^-27, |z| ≥ 708 and subnormal e", () => {
    const plans = [
      // Zero initialization: z = 0 at epoch 0, then small.
      planSweep({ ...S1, eta: [1e-12, 0.5], init: { scheme: 'zeros', count: 1 }, epochs: 50, curve: 'full' }),
      // |w|·max|x| + |b| ≥ 700: every epoch takes the exact pass; e underflows to subnormals and 0.
      planSweep({ ...S1, eta: [0.01, 10], init: { w0: [230, 300, -240], b0: [0, -2] }, epochs: 60, curve: 'full' }),
      // Points with |z| below 2^-27 and around 0.5·ln2 at epoch 0 (x chosen for w0 = 1, b0 = 0).
      planSweep({ version: 1, dataset: { x: [1e-9, -3e-10, 0.34657359, -0.3465735903, 1.0397207708, 2], y: [0, 1, 1, 0, 0.3, 1] }, losses: ['se', 'ce'], eta: [1e-15, 0.1], init: { w0: [1], b0: [0] }, epochs: 40, curve: 'full' }),
    ];
    for (const plan of plans) {
      const chunk = run(plan, 0, plan.runCount);
      for (let index = 0; index < plan.runCount; index++) checkAgainstCore(plan, chunk, index);
    }
  });

  it("matches core with reduction 'mean'", () => {
    const plan = planSweep({ ...S1, reduction: 'mean', eta: [0.01, 1, 10], init: { w0: [-6, 0.5, 6], b0: [-2, 3] }, epochs: 500, curve: 'full' });
    const chunk = run(plan, 0, plan.runCount);
    for (let index = 0; index < plan.runCount; index++) checkAgainstCore(plan, chunk, index);
  });

  it('matches core with random initializations', () => {
    const plan = planSweep({ ...S1, eta: [0.1, 3], init: { scheme: 'uniform', parameter: 2, count: 50, seed: 7 }, epochs: 300 });
    const chunk = run(plan, 0, plan.runCount);
    for (let index = 0; index < plan.runCount; index++) checkAgainstCore(plan, chunk, index);
  });

  it('matches core with d = 3 inputs', () => {
    const plan = planSweep({ version: 1, dataset: { generator: 'two-classes', n: 50, d: 3, seed: 5 }, losses: ['se', 'ce'], eta: [0.01, 0.5], init: { scheme: 'normal', parameter: 1, count: 6, seed: 3 }, epochs: 200 });
    // The SIMD kernel is for d = 1; 'auto' takes the JavaScript path here.
    const chunk = engine === 'wasm' ? runChunk(plan, 0, plan.runCount) : run(plan, 0, plan.runCount);
    for (let index = 0; index < plan.runCount; index++) checkAgainstCore(plan, chunk, index);
  });

  it('matches core with more points than one cross-entropy product block (n = 150)', () => {
    const plan = planSweep({ version: 1, dataset: { generator: 'noisy-threshold', n: 150, seed: 9 }, losses: ['ce', 'se'], eta: [0.001, 0.05], init: { w0: [-3, 4], b0: [1] }, epochs: 150, curve: 'full' });
    const chunk = run(plan, 0, plan.runCount);
    for (let index = 0; index < plan.runCount; index++) checkAgainstCore(plan, chunk, index);
  });

  it('stops between runs (or groups of runs trained together) when asked, leaving the rest pending and untouched', () => {
    const plan = planSweep({ ...S1, epochs: 50 });
    let calls = 0;
    const chunk = run(plan, 5, 45, () => ++calls > 3);
    const done = chunk.status.reduce((a, s) => a + (s === RUN_DONE ? 1 : 0), 0);
    expect(done).toBeGreaterThanOrEqual(3);
    expect(done).toBeLessThan(40);
    for (let i = 0; i < 40; i++) {
      if (i < done) {
        expect(chunk.status[i]).toBe(RUN_DONE);
        checkAgainstCore(plan, chunk, 5 + i);
      } else {
        expect(chunk.status[i]).toBe(RUN_PENDING);
        expect(chunk.finalLoss[i]).toBeNaN();
        expect(chunk.minLoss[i]).toBeNaN();
        expect(chunk.finalW[i]).toBeNaN();
        expect(chunk.finalB[i]).toBeNaN();
        expect(chunk.epochsToFit[i]).toBe(NEVER);
        expect(chunk.divergedAt[i]).toBe(NEVER);
        expect(Array.from(chunk.curves.subarray(i * plan.curveEpochs.length, (i + 1) * plan.curveEpochs.length)).every(Number.isNaN)).toBe(true);
      }
    }
    const none = run(plan, 0, 10, () => true);
    expect(Array.from(none.status).every((s) => s === RUN_PENDING)).toBe(true);
  });

  it('stops inside a single run of 10⁶ epochs when asked, leaving that run pending and untouched', () => {
    const plan = planSweep({ version: 1, dataset: 'five-point', losses: ['ce'], eta: [0.1], init: { w0: [1], b0: [0] }, epochs: 1_000_000, curve: 8 });
    // A run to the end asks shouldStop about every POLL_POINT_STEPS point-steps: over a thousand times.
    let fullPolls = 0;
    const full = run(plan, 0, 1, () => (fullPolls++, false));
    expect(full.status[0]).toBe(RUN_DONE);
    expect(fullPolls).toBeGreaterThan(1000);
    expect(fullPolls).toBeLessThanOrEqual(2 + Math.ceil(plan.epochs / pollEpochs(plan.data.n, plan.data.d)));
    // Said "stop" at the 4th poll: no further poll, and the run is pending, not a truncated run.
    let polls = 0;
    const stopped = run(plan, 0, 1, () => ++polls > 3);
    expect(polls).toBe(4);
    expectPending(plan, stopped, 0);
  });

  it('handles one epoch, empty chunks and curve: none', () => {
    const one = planSweep({ ...S1, epochs: 1, curve: 'full' });
    const chunk = run(one, 16380, 16390);
    for (let index = 16380; index < 16390; index++) checkAgainstCore(one, chunk, index);
    expect(run(one, 7, 7).status.length).toBe(0);
    const none = planSweep({ ...S1, epochs: 20, curve: 'none' });
    const c = run(none, 0, 9);
    for (let index = 0; index < 9; index++) checkAgainstCore(none, c, index);
  });
});

describe('the SIMD and JavaScript paths', () => {
  it('give the same bits for every output (so a run does not depend on which path trained it)', () => {
    const plans = [
      planSweep({ ...S1, epochs: 400, curve: 'full' }),
      planSweep({ ...S1, reduction: 'mean', eta: [0.05, 5], init: { scheme: 'uniform', parameter: 3, count: 40, seed: 2 }, epochs: 300 }),
      planSweep({ version: 1, dataset: { generator: 'noisy-threshold', n: 150, seed: 4 }, losses: ['ce', 'se'], eta: [0.002, 0.03], init: { w0: [-3, 0, 2], b0: [1, -1] }, epochs: 120, curve: 'full' }),
      planSweep({ version: 1, dataset: { x: [3e300, -3e300, 1], y: [0, 1, 1] }, losses: ['ce', 'se'], eta: [1e-300, 1e200], init: { w0: [1, -1, 0.5], b0: [0, 2] }, epochs: 30, curve: 'full' }),
    ];
    for (const plan of plans) {
      const ranges: [number, number][] = plan.runCount > 2000 ? [[0, 300], [16384 - 150, 16384 + 150], [32768 - 300, 32768]] : [[0, plan.runCount]];
      for (const [start, end] of ranges) {
        const wasm = runChunkWith(plan, start, end, {}, 'wasm');
        const js = runChunkWith(plan, start, end, {}, 'js');
        for (const key of ['status', 'finalLoss', 'minLoss', 'finalExcess', 'finalMaxError', 'finalW', 'finalB', 'epochsToFit', 'epochsTo1PercentExcess', 'plateauEpochs', 'outcome', 'divergedAt', 'curves'] as const) {
          expect(Array.from(js[key]), `${key} of [${start}, ${end})`).toEqual(Array.from(wasm[key]));
        }
      }
    }
  });
});

describe("the SIMD kernel's point loop", () => {
  // P points per pass, then the rest r < P in blocks of r's binary digits: every n from 1 to
  // 3·P + 1 takes each remainder, with zero to three passes, for both losses, the fast pass and
  // the exact one (|z| ≤ 2^-27 at w0 = b0 = 0 forces it); and other shapes (V, P) must give the
  // same bits as the default.
  const P = DEFAULT_POINTS;
  const xs = [1.2, -2.1, 3.2, -0.5, 0.6, 2.4, -1.7, 0.3, -3.1, 1.9, -0.8, 2.9, -2.6, 0.9, 1.4, -1.1];
  const planFor = (n: number) =>
    planSweep({
      version: 1,
      dataset: { x: xs.slice(0, n), y: xs.slice(0, n).map((x, i) => (x < 0.5 || i % 4 === 3 ? 1 : 0)) },
      losses: ['se', 'ce'],
      eta: [0.05, 2],
      init: { w0: [0, -4, 3], b0: [0, 2] },
      epochs: 60,
      curve: 'full',
    });
  const keys = ['status', 'finalLoss', 'minLoss', 'finalExcess', 'finalMaxError', 'finalW', 'finalB', 'epochsToFit', 'epochsTo1PercentExcess', 'plateauEpochs', 'outcome', 'divergedAt', 'curves'] as const;

  it(`takes every number of points from 1 to ${3 * P + 1} in index order: the JavaScript path's bits`, () => {
    expect(xs.length).toBeGreaterThanOrEqual(3 * P + 1);
    for (let n = 1; n <= 3 * P + 1; n++) {
      const plan = planFor(n);
      const wasm = runChunkWith(plan, 0, plan.runCount, {}, 'wasm');
      const js = runChunkWith(plan, 0, plan.runCount, {}, 'js');
      for (const key of keys) expect(Array.from(wasm[key]), `${key}, n = ${n}`).toEqual(Array.from(js[key]));
    }
  });

  it('gives the same bits with other vectors and points per pass', () => {
    for (const n of [1, 2, 5, 7, 11]) {
      const plan = planFor(n);
      const want = runChunkWith(plan, 0, plan.runCount, {}, 'wasm');
      for (const [V, points] of [[1, 1], [2, 2], [2, 3], [1, 8], [3, 4]] as const) {
        const got = runChunkWith(plan, 0, plan.runCount, {}, 'wasm', V, points);
        for (const key of keys) expect(Array.from(got[key]), `${key}, n = ${n}, V = ${V}, P = ${points}`).toEqual(Array.from(want[key]));
      }
    }
  });
});

describe('the parity digest that the browser test checks (test/support/kernel-parity.ts)', () => {
  it("is core's train's, and both paths' (parameters, divergence and squared-error losses of small sweeps)", () => {
    const plans = parityPlans();
    expect(digest(plans.flatMap((plan) => coreParityValues(plan))), "core's train").toBe(PARITY_DIGEST);
    for (const engine of engines) {
      expect(digest(plans.flatMap((plan) => chunkParityValues(plan, runChunkWith(plan, 0, plan.runCount, {}, engine)))), engine).toBe(PARITY_DIGEST);
    }
  });
});

describe('run outcomes and excess measures', () => {
  it('are core\'s on the parity sweeps (five-point grid up to η = 10, extreme starts), both paths', () => {
    for (const plan of parityPlans()) {
      const want = Array.from({ length: plan.runCount }, (_, index) => convergence(coreRun(plan, index), plan.tolerance).outcome);
      // The sweeps hold several outcomes, so agreement is not agreement on one constant.
      expect(new Set(want).size).toBeGreaterThan(1);
      for (const engine of engines) {
        const chunk = runChunkWith(plan, 0, plan.runCount, {}, engine);
        expect(Array.from(chunk.outcome, (code) => outcomeOf(code)), engine).toEqual(want);
      }
    }
  });

  it("are core's on soft labels, where cross-entropy's floor Σ H(yᵢ) is not 0 (the lecture's two points, η from 0.1 to 30), both paths", () => {
    const plan = planSweep({ version: 1, dataset: 'toy', losses: ['se', 'ce'], eta: { from: 0.1, to: 30, count: 4, scale: 'log' }, init: { w0: { from: -4, to: 4, count: 3 }, b0: { from: -4, to: 4, count: 3 } }, epochs: 400, curve: 'full' });
    const outcomes = new Set<string>();
    for (const engine of engines) {
      const chunk = runChunkWith(plan, 0, plan.runCount, {}, engine);
      for (let i = 0; i < plan.runCount; i++) {
        checkAgainstCore(plan, chunk, i);
        outcomes.add(outcomeOf(chunk.outcome[i]!)!);
      }
    }
    expect(outcomes.size).toBeGreaterThanOrEqual(3);
  });

  it("cross-entropy at η = 10 on the lecture's two points oscillates from every start of a 9 × 9 grid over [−3, 3]², as in core", () => {
    const plan = planSweep({ version: 1, dataset: 'toy', losses: ['ce'], eta: [10], init: { w0: { from: -3, to: 3, count: 9 }, b0: { from: -3, to: 3, count: 9 } }, epochs: 1000 });
    for (const engine of engines) {
      const chunk = runChunkWith(plan, 0, plan.runCount, {}, engine);
      expect(Array.from(chunk.outcome, (code) => outcomeOf(code)), engine).toEqual(Array(81).fill('oscillating'));
      expect(Array.from(chunk.divergedAt), engine).toEqual(Array(81).fill(NEVER));
    }
  });

  it("the saturation sweep's stuck run never leaves its plateau; the lecture's runs leave at 69 (squared error) and 1 (cross-entropy)", () => {
    const plan = planSweep({ version: 1, dataset: 'toy', losses: ['se', 'ce'], eta: [1], init: { w0: [-6 + 12 / 31, -2], b0: [-6 + (12 * 15) / 31, -2] }, epochs: 1000 });
    // Runs: loss × w0 × b0; index 0 = se from the stuck start, 3 = se from (−2, −2), 7 = ce from (−2, −2).
    for (const engine of engines) {
      const chunk = runChunkWith(plan, 0, plan.runCount, {}, engine);
      expect([chunk.plateauEpochs[0], outcomeOf(chunk.outcome[0]!)], engine).toEqual([NEVER, 'stuck']);
      expect([chunk.plateauEpochs[3], outcomeOf(chunk.outcome[3]!)], engine).toEqual([69, 'fit']);
      expect([chunk.plateauEpochs[7], outcomeOf(chunk.outcome[7]!)], engine).toEqual([1, 'fit']);
    }
  });
});

describe('runChunk', () => {
  it('stops inside a long run with d = 3 inputs (the JavaScript path), leaving it pending', () => {
    const plan = planSweep({ version: 1, dataset: { generator: 'two-classes', n: 40, d: 3, seed: 5 }, losses: ['se'], eta: [0.01], init: { w0: [0.5], b0: [0] }, epochs: 1_000_000 });
    let polls = 0;
    const stopped = runChunk(plan, 0, 1, { shouldStop: () => ++polls > 5 });
    expect(polls).toBe(6);
    expectPending(plan, stopped, 0);
  });

  it('rejects a range outside the plan', () => {
    const plan = planSweep({ ...S1, epochs: 5 });
    expect(() => runChunk(plan, -1, 3)).toThrow(RangeError);
    expect(() => runChunk(plan, 5, 4)).toThrow(RangeError);
    expect(() => runChunk(plan, 0, plan.runCount + 1)).toThrow(RangeError);
    expect(() => runChunk(plan, 0.5, 3)).toThrow(RangeError);
  });

  it('matches core bit for bit on the five-point grid for squared error, and within 1e-12 for cross-entropy', () => {
    const plan = planSweep({
      version: 1,
      dataset: 'five-point',
      losses: ['se', 'ce'],
      eta: { from: 1e-3, to: 10, count: 4, scale: 'log' },
      init: { w0: { from: -6, to: 6, count: 3 }, b0: { from: -6, to: 6, count: 3 } },
      epochs: 300,
      curve: 'full',
    });
    const chunk = runChunk(plan, 0, plan.runCount);
    for (let i = 0; i < plan.runCount; i++) checkAgainstCore(plan, chunk, i);
  });
});
