// The sweep kernel: a pure function that trains the runs [start, end) of a plan and returns their
// results as typed arrays. No comlink, no workers, no platform APIs: the pool calls it inside a
// Web Worker or a worker_thread, tests call it directly.
//
// What it must reproduce: core's train, run by run. The parameters follow core's arithmetic to the
// bit, because a run that oscillates (large η) amplifies any difference in the last bit over a
// thousand epochs: z = Σ wⱼxⱼ + b in that order; e = exp(−|z|) by core's expNonPositive;
// r = 1/(1 + e); ŷ = z ≥ 0 ? r : e·r; σ′ = e·r·r; ∂L/∂w = Σ ∂/∂z·x and ∂L/∂b = Σ ∂/∂z summed over
// the points in index order (then ÷ n for 'mean'); w ← w − η·∂L/∂w, b ← b − η·∂L/∂b, or core's
// updater's rule for another optimizer or weight decay, and core's batch loop (each batch's
// gradient over the epoch's shuffled order, an update per batch) for mini-batches. The
// squared-error loss is core's sum to the bit too; the cross-entropy loss is computed with one
// log1p per epoch instead of one per point (see kernel-wasm-program.ts), within a few ulps of core's; it
// does not feed back into the parameters. Both paths below (WebAssembly SIMD and JavaScript)
// compute every output with the same operations, so a run's results are the same bits whichever
// path trained it.
//
// Same bits on every engine: the kernel follows core's deterministic exp, expNonPositive (fdlibm's
// algorithm written in JavaScript), not Math.exp, whose last bit differs between engines (Node 20's
// V8 runs fdlibm, Chromium 156 glibc's exp). IEEE 754 arithmetic is exactly specified, so given the
// plan's values (data, η, initial parameters) core's train and this kernel give the same
// parameters, divergence epochs and squared-error losses in Node and in every browser, and the
// kernel's cross-entropy losses (its own log1p) are the same too, and so is what it takes from
// core's loss formulas (cross-entropy's finalExcess, the rare epochs handed to `exactLoss`): core's
// log1p is fdlibm's too (test/engine-digests.browser.test.ts). So the SIMD path
// runs wherever WebAssembly SIMD does, Chromium included (test/kernel.browser.test.ts).
//
// How it is fast (the reference, kernel-reference.ts, spends 80–120 ns per point and epoch on
// benchmark S1 here, most of it in exp and Math.log1p):
// - For one input (d = 1), a WebAssembly SIMD kernel trains four runs side by side, two per f64x2
//   vector: each instruction serves two runs, and independent chains hide the divisions' latency.
//   A group's runs share the loss and either are all plain descent or share the optimizer and the
//   batch size (hyperparameters, η and weight decay are per lane); mini-batch runs of a plan share
//   the epochs' orders (one shuffle seed per plan), computed once per plan and worker. For d > 1,
//   plain descent runs on it too (the weights in the module's memory, see wideTrainFunction).
//   Its exp is core's expNonPositive in vector form (fdlibm's operations, bit-identical and
//   branch-free); cross-entropy takes one log1p per epoch instead of one per point; an epoch's
//   points run five per pass. About 8× the JavaScript path's speed on S1 (bench/kernel-bench.mjs).
//   Its files: the assembler
//   (kernel-wasm-assembler.ts), the numerics (kernel-wasm-numerics.ts), the program
//   (kernel-wasm-program.ts), the instance and its memory layout (kernel-wasm.ts).
// - Where that kernel cannot run (no WebAssembly SIMD; d > 1 with another optimizer, mini-batches
//   or weight decay), the JavaScript path runs
//   (kernel-js.ts): one loop, core's expNonPositive (inlined by the JIT), the same log1p saving,
//   with kernel-optimizers.ts's update for runs that are not plain descent.
// - Nothing is allocated per run or per epoch.
// Divergence is decided exactly as core does: whenever a fast loop sees a loss that is not ≤ 1e300
// or parameters that are not finite, the JavaScript path takes the epoch and asks core's own loss
// functions.
//
// Cancellation: `shouldStop` is asked between runs and inside each run every few thousand
// point-steps (POLL_POINT_STEPS), so a stop request ends even a single run of 10⁷ epochs within
// milliseconds. A run stopped midway stays RUN_PENDING with its outputs untouched (never reported
// as a finished run with a truncated curve).

import { epochPermutation, excessMeasures, runOutcome } from '@losslab/core';
import { lossOf, sumOverPoints, Chunk, type RunState } from './kernel-chunk.js';
import { pollEpochs, trainRun } from './kernel-js.js';
import { epochStep } from './kernel-optimizers.js';
import { simdKernel, type SimdKernel } from './kernel-wasm.js';
import { NEVER, outcomeCode, RUN_DONE, type ChunkResult } from './result.js';
import type { SweepPlan } from './spec.js';

/** Options of {@link runChunk}. */
export interface RunChunkOptions {
  /**
   * Asked between runs (or groups of four runs trained together by the SIMD kernel) and every
   * POLL_POINT_STEPS point-steps inside a run; true stops the chunk early: the run in progress and
   * the remaining runs stay RUN_PENDING, untouched.
   */
  shouldStop?: () => boolean;
}

/** Which implementation {@link runChunkWith} uses: 'auto' (SIMD where possible), 'js' (never SIMD), 'wasm' (SIMD or throw). */
export type KernelEngine = 'auto' | 'js' | 'wasm';

/**
 * Trains runs [start, end) of the plan (each as core's train does: its loss, optimizer, batch size
 * and weight decay) and returns their results. Runs are independent: a run's result depends only
 * on its config.
 */
export function runChunk(plan: SweepPlan, start: number, end: number, options: RunChunkOptions = {}): ChunkResult {
  return runChunkWith(plan, start, end, options, 'auto');
}

/**
 * {@link runChunk} with a choice of implementation, and of the SIMD kernel's vectors per call and
 * points per loop iteration (for tests and benchmarks; the results are the same).
 */
export function runChunkWith(plan: SweepPlan, start: number, end: number, options: RunChunkOptions, engine: KernelEngine, vectors?: number, points?: number): ChunkResult {
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end > plan.runCount || start > end) {
    throw new RangeError(`chunk must satisfy 0 ≤ start ≤ end ≤ ${plan.runCount}, got [${start}, ${end})`);
  }
  const ctx = new Chunk(plan, start, end);
  const kernel = engine !== 'js' ? simdKernel(vectors, points) : null;
  if (engine === 'wasm' && kernel === null) throw new Error('the WebAssembly SIMD kernel is not available here');
  if (kernel === null || runSimd(ctx, kernel, options.shouldStop) === 'memory') runScalar(ctx, options.shouldStop);
  return ctx.out;
}

/** Trains the run set up in `s` from its epoch s.t on with the JavaScript path (another optimizer and the like through epochStep). */
function trainScalar(ctx: Chunk, ce: boolean, s: RunState, shouldStop: (() => boolean) | undefined): boolean {
  return trainRun(ctx, ce, s, ctx.curve, shouldStop, s.plain ? undefined : epochStep(ctx, s, ce));
}

/** Runs one run at a time with the JavaScript path. Returns false if `shouldStop` stopped it. */
function runScalar(ctx: Chunk, shouldStop: (() => boolean) | undefined): boolean {
  const count = ctx.out.end - ctx.out.start;
  const s = ctx.state;
  for (let r = 0; r < count; r++) {
    if (shouldStop && shouldStop()) return false;
    const ce = ctx.setUp(r, s);
    if (!trainScalar(ctx, ce, s, shouldStop)) return false;
    finishRun(ctx, r, s, ce, ctx.curve);
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// The SIMD path (d = 1): groups of kernel.lanes consecutive runs with the same loss, and either all
// plain or all with the same optimizer and batch size (ctx.groupOf).

/** Mini-batch orders of at most this many indices (epochs × n) are computed once and kept (16 MiB). */
const MAX_KEPT_ORDERS = 1 << 22;

/** Every epoch's point order for (seed, n, epochs), kept between chunks of a plan (each costs n Philox draws). */
let keptOrders: { seed: number; n: number; epochs: number; orders: Uint32Array } | null = null;

function allOrders(seed: number, n: number, epochs: number): Uint32Array {
  if (keptOrders === null || keptOrders.seed !== seed || keptOrders.n !== n || keptOrders.epochs !== epochs) {
    const orders = new Uint32Array(n * epochs);
    for (let t = 0; t < epochs; t++) epochPermutation(seed, t, n, orders.subarray(t * n, (t + 1) * n));
    keptOrders = { seed, n, epochs, orders };
  }
  return keptOrders.orders;
}

/**
 * Trains the chunk in SIMD groups; returns 'memory' (having done nothing) if the kernel's memory
 * cannot grow to the chunk's needs, 'stopped' if `shouldStop` stopped it, 'done' otherwise.
 */
function runSimd(ctx: Chunk, kernel: SimdKernel, shouldStop: (() => boolean) | undefined): 'done' | 'stopped' | 'memory' {
  const { n, d, epochs, mean, tolerance, plan } = ctx;
  const lanes = kernel.lanes;
  const count = ctx.out.end - ctx.out.start;
  // Mini-batches: every epoch's order in the kernel's memory at once if small enough, else a slice's worth per call.
  const batches = plan.batchSizes.some((b) => b < n);
  const keep = batches && epochs * n <= MAX_KEPT_ORDERS;
  const sliceBatched = pollEpochs(n, 2);
  if (!kernel.prepare(ctx.x, ctx.y, n, epochs, !batches || d > 1 ? 0 : keep ? epochs : sliceBatched + 1, d)) return 'memory';
  const orders = keep && d === 1 ? allOrders(plan.shuffleSeed, n, epochs) : null;
  if (orders !== null) kernel.setOrder(0, orders);
  const order = new Uint32Array(batches && !keep ? n : 0);
  const s = ctx.state;
  const prevW = new Float64Array(lanes * d);
  const prevB = new Float64Array(lanes);

  for (let r = 0; r < count; ) {
    if (shouldStop && shouldStop()) return 'stopped';
    // The group: up to `lanes` runs from r on that can share it; spare lanes repeat run r.
    const group = ctx.groupOf(r);
    let size = 1;
    while (size < lanes && r + size < count && ctx.groupOf(r + size) === group) size++;
    if (d > 1 && group >= 0) {
      // d > 1: only plain descent has SIMD functions; other runs take the JavaScript path.
      for (let l = 0; l < size; l++) {
        if (l > 0 && shouldStop && shouldStop()) return 'stopped';
        const ce = ctx.setUp(r + l, s);
        if (!trainScalar(ctx, ce, s, shouldStop)) return 'stopped';
        finishRun(ctx, r + l, s, ce, ctx.curve);
      }
      r += size;
      continue;
    }
    let ce = false;
    for (let l = 0; l < lanes; l++) {
      ce = ctx.setUp(l < size ? r + l : r, s);
      kernel.setRun(l, s.w[0]!, s.b, s.eta);
      if (d > 1) kernel.setWeights(l, s.w);
      if (!s.plain) kernel.setOptimizer(l, s.optimizer, s.decay);
    }
    const { plain, batch } = s;
    const name = s.optimizer.name;
    const slice = batch < n ? sliceBatched : pollEpochs(n, 1);
    /** Epochs [t0, t1) of every lane; returns where they stopped (t1 unless some lane left the safe range). */
    const train = (t0: number, t1: number): number => {
      if (plain) return kernel.train(ce, t0, t1, mean, tolerance);
      let slot0 = 0;
      if (batch < n && orders === null) {
        for (let t = t0; t < t1; t++) kernel.setOrder(t - t0, epochPermutation(plan.shuffleSeed, t, n, order));
        slot0 = t0;
      }
      return kernel.trainOptimizer(ce, name, t0, t1, mean, tolerance, batch, slot0);
    };
    // All epochs but the last in slices of about POLL_POINT_STEPS point-steps per lane (asking
    // shouldStop between them), then the last one alone, so that the parameters it starts from
    // (where finalExcess is measured) can be read in between.
    let t = 0;
    while (t < epochs - 1) {
      const t1 = Math.min(epochs - 1, t + slice);
      t = train(t, t1);
      if (t < t1) break;
      if (t < epochs - 1 && shouldStop && shouldStop()) return 'stopped';
    }
    if (t === epochs - 1) {
      for (let l = 0; l < lanes; l++) {
        const lane = kernel.lane(l);
        if (d === 1) prevW[l] = lane.w;
        else kernel.weightsOf(l, prevW.subarray(l * d, (l + 1) * d));
        prevB[l] = lane.b;
      }
      t = train(epochs - 1, epochs);
    }
    for (let l = 0; l < size; l++) {
      ctx.setUp(r + l, s);
      // The lane's curve in place in the kernel's memory (contiguous: finishRun reads it as is).
      const curve = kernel.curveOf(l);
      if (t === epochs) {
        const lane = kernel.lane(l);
        laneWeights(kernel, l, s.w, lane.w);
        s.b = lane.b;
        s.lastMiss = lane.lastMiss;
        s.minLoss = lane.minLoss;
        s.maxError = lane.maxError;
        s.t = t;
        s.prevW.set(prevW.subarray(l * d, (l + 1) * d));
        s.prevB = prevB[l]!;
        finishRun(ctx, r + l, s, ce, curve);
        continue;
      }
      // The group stopped at epoch t (a loss above 1e300 or a non-finite parameter in some lane):
      // each run goes on in the JavaScript path, which decides divergence exactly. A plain run
      // goes on from epoch t; another optimizer's state lives in the kernel's memory, so such a
      // run is trained again from epoch 0 (to the same bits: both paths compute the same).
      if (plain) {
        const lane = kernel.lane(l);
        laneWeights(kernel, l, s.w, lane.w);
        s.b = lane.b;
        s.lastMiss = lane.lastMiss;
        s.minLoss = lane.minLoss;
        s.t = t;
        if (t === epochs - 1) {
          s.prevW.set(prevW.subarray(l * d, (l + 1) * d));
          s.prevB = prevB[l]!;
        }
        ctx.curve.set(curve.subarray(0, t));
      }
      if (!trainScalar(ctx, ce, s, shouldStop)) return 'stopped';
      finishRun(ctx, r + l, s, ce, ctx.curve);
    }
    r += size;
  }
  return 'done';
}

/** A lane's weights into w: its one weight `w0` (d = 1), or the kernel's d weights. */
function laneWeights(kernel: SimdKernel, lane: number, w: Float64Array, w0: number): void {
  if (w.length === 1) w[0] = w0;
  else kernel.weightsOf(lane, w);
}

// ---------------------------------------------------------------------------------------------
// Per-run results.

/** Writes run r's results; `curve` holds its loss per epoch run (the JavaScript path's ctx.curve, or a SIMD lane's curve in the kernel's memory). */
function finishRun(ctx: Chunk, r: number, s: RunState, ce: boolean, curve: Float64Array): void {
  const { out, epochs, d } = ctx;
  const sampled = ctx.plan.curveEpochs;
  const K = sampled.length;
  const run = s.divergedAt === NEVER ? epochs : s.divergedAt;
  for (let k = 0; k < K; k++) {
    const epoch = sampled[k]!;
    if (epoch < run) out.curves[r * K + k] = curve[epoch]!;
  }
  out.status[r] = RUN_DONE;
  out.divergedAt[r] = s.divergedAt;
  out.finalB[r] = s.b;
  out.finalW.set(s.w, r * d);
  if (s.divergedAt === NEVER) {
    out.finalLoss[r] = curve[epochs - 1]!;
    out.minLoss[r] = s.minLoss;
    out.finalExcess[r] = excessAt(ctx, ce, s.prevW, s.prevB);
    out.finalMaxError[r] = s.maxError;
    const fit = s.lastMiss === epochs - 1 ? NEVER : s.lastMiss + 1;
    out.epochsToFit[r] = fit;
    // The measures and the outcome are core's functions on the same facts core's convergence
    // uses (the loss curve, the floor, epochsToFit, divergedAt), so they agree with core's by
    // construction. A SIMD lane's curve is read in place in the kernel's memory.
    const losses = curve;
    const floor = ce ? ctx.floorCe : ctx.floorSe;
    const measures = excessMeasures(losses, floor);
    out.plateauEpochs[r] = measures.plateauEpochs ?? NEVER;
    out.epochsTo1PercentExcess[r] = measures.epochsTo1PercentExcess ?? NEVER;
    out.outcome[r] = outcomeCode(runOutcome({ losses, floor, epochsToFit: fit === NEVER ? null : fit, divergedAt: null }));
  } else {
    if (run > 0) out.minLoss[r] = s.minLoss;
    out.outcome[r] = outcomeCode(runOutcome({ losses: curve, floor: 0, epochsToFit: null, divergedAt: s.divergedAt }));
  }
}

/**
 * Σ over points of the loss's excess over its minimum at (w, b): ½(ŷ − y)² or KL(y ‖ ŷ) (÷ n for
 * 'mean'). Once per run, with core's functions (squaredError.excess, crossEntropy.excess).
 */
function excessAt(ctx: Chunk, ce: boolean, w: Float64Array, b: number): number {
  return sumOverPoints(ctx, w, b, lossOf(ce).excess);
}
