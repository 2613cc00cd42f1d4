// The sweep kernel: a pure function that trains the runs [start, end) of a plan and returns their
// results as typed arrays. No comlink, no workers, no platform APIs: the pool calls it inside a
// Web Worker or a worker_thread, tests call it directly.
//
// What it must reproduce: core's train, run by run. The parameters follow core's arithmetic to the
// bit, because a run that oscillates (large η) amplifies any difference in the last bit over a
// thousand epochs: z = Σ wⱼxⱼ + b in that order; e = exp(−|z|) by core's expNonPositive;
// r = 1/(1 + e); ŷ = z ≥ 0 ? r : e·r; σ′ = e·r·r; ∂L/∂w = Σ ∂/∂z·x and ∂L/∂b = Σ ∂/∂z summed over
// the points in index order (then ÷ n for 'mean'); w ← w − η·∂L/∂w, b ← b − η·∂L/∂b. The
// squared-error loss is core's sum to the bit too; the cross-entropy loss is computed with one
// log1p per epoch instead of one per point (see kernel-wasm.ts), within a few ulps of core's; it
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
// - For one input (d = 1), a WebAssembly SIMD kernel (kernel-wasm.ts) trains four runs side by
//   side, two per f64x2 vector: each instruction serves two runs, and independent chains hide the
//   divisions' latency. Its exp is core's expNonPositive in vector form (fdlibm's operations,
//   bit-identical and branch-free); cross-entropy takes one log1p per epoch instead of one per
//   point. 4.5–5× the reference's speed on S1 (bench/kernel-bench.mjs).
// - Where that kernel cannot run (no WebAssembly SIMD, or d > 1), the JavaScript path below runs:
//   core's expNonPositive (inlined by the JIT), the same log1p saving, squared error and
//   cross-entropy in separate loops (no branch per point), and for d = 1 two runs advancing
//   together. About 1.3–1.5× the reference's speed.
// - Nothing is allocated per run or per epoch.
// Divergence is decided exactly as core does: whenever a fast loop sees a loss that is not ≤ 1e300
// or parameters that are not finite, it hands the epoch to `exactLoss`, core's own loss functions.

import { crossEntropy, expNonPositive, squaredError } from '@losslab/core';
import { log1pKernel } from './kernel-math.js';
import { FIELD_B, FIELD_COUNT, FIELD_ETA, FIELD_LAST_MISS, FIELD_MAX_ERROR, FIELD_MIN_LOSS, FIELD_W, wasmKernel, type WasmKernel } from './kernel-wasm.js';
import { allocateRuns, NEVER, RUN_DONE, type ChunkResult } from './result.js';
import { initialParameters, runPosition } from './space.js';
import type { SweepPlan } from './spec.js';

/** Options of {@link runChunk}. */
export interface RunChunkOptions {
  /**
   * Asked between runs, or between groups of runs trained together (four in the SIMD kernel, two in
   * the JavaScript one); true stops the chunk early: the remaining runs stay RUN_PENDING, untouched.
   */
  shouldStop?: () => boolean;
}

/** Which implementation {@link runChunkWith} uses: 'auto' (SIMD where possible), 'js' (never SIMD), 'wasm' (SIMD or throw). */
export type KernelEngine = 'auto' | 'js' | 'wasm';

/**
 * Trains runs [start, end) of the plan by full-batch gradient descent and returns their results.
 * Runs are independent: a run's result depends only on its config.
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
  const kernel = engine !== 'js' && plan.data.d === 1 ? wasmKernel(vectors, points) : null;
  if (engine === 'wasm' && kernel === null) throw new Error(plan.data.d === 1 ? 'the WebAssembly SIMD kernel is not available here' : 'the WebAssembly SIMD kernel needs d = 1');
  if (kernel === null || !runSimd(ctx, kernel, options.shouldStop)) runScalar(ctx, options.shouldStop);
  return ctx.out;
}

/** A chunk being computed: the plan's data unpacked, the output, and reusable scratch space. */
class Chunk {
  readonly n: number;
  readonly d: number;
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly epochs: number;
  readonly mean: boolean;
  readonly tolerance: number;
  readonly out: ChunkResult;
  /** The curve of the run being finished (the scalar path's, or a SIMD lane's copied out). */
  readonly curve: Float64Array;
  readonly state: RunState;
  /** The second run of a pair (scalar path, d = 1). */
  readonly curve2: Float64Array;
  readonly state2: RunState;
  constructor(
    readonly plan: SweepPlan,
    readonly start: number,
    end: number,
  ) {
    ({ n: this.n, d: this.d, x: this.x, y: this.y } = plan.data);
    this.epochs = plan.epochs;
    this.mean = plan.reduction === 'mean';
    this.tolerance = plan.tolerance;
    this.out = { start, end, ...allocateRuns(end - start, this.d, plan.curveEpochs.length) };
    this.curve = new Float64Array(this.epochs);
    this.state = new RunState(this.d);
    this.curve2 = new Float64Array(this.d === 1 ? this.epochs : 0);
    this.state2 = new RunState(this.d);
  }
  /** Loss ('ce' or not), η and initial parameters of run start + r, written into `state` (epoch 0). */
  setUp(r: number, state: RunState): boolean {
    const { lossIndex, etaIndex, initIndex } = runPosition(this.plan, this.start + r);
    state.eta = this.plan.eta[etaIndex]!;
    state.b = initialParameters(this.plan, initIndex, state.w);
    state.t = 0;
    state.lastMiss = -1;
    state.minLoss = Infinity;
    state.maxError = Number.NaN;
    state.divergedAt = NEVER;
    state.prevB = Number.NaN;
    return this.plan.losses[lossIndex] === 'ce';
  }
}

/** One run in progress: parameters before epoch t, and what the measures need so far. */
class RunState {
  readonly w: Float64Array;
  b = 0;
  eta = 0;
  /** The next epoch to run. */
  t = 0;
  /** The last epoch whose max |ŷ − y| exceeded the tolerance, −1 if none. */
  lastMiss = -1;
  /** The smallest loss recorded (Infinity before the first). */
  minLoss = Infinity;
  /** max |ŷ − y| at the last epoch (once it has run). */
  maxError = Number.NaN;
  divergedAt = NEVER;
  /** The parameters at the last epoch, before its update: where finalExcess is measured. */
  readonly prevW: Float64Array;
  prevB = Number.NaN;
  constructor(d: number) {
    this.w = new Float64Array(d);
    this.prevW = new Float64Array(d);
  }
}

// ---------------------------------------------------------------------------------------------
// The scalar (JavaScript) path: one run at a time, or two for d = 1. Used for d > 1, where
// WebAssembly SIMD is missing, and to finish a run whose loss or parameters left a fast loop's
// safe range (where the single-run loops decide divergence exactly).

function runScalar(ctx: Chunk, shouldStop: (() => boolean) | undefined): void {
  const count = ctx.out.end - ctx.out.start;
  const s = ctx.state;
  const s2 = ctx.state2;
  for (let r = 0; r < count; ) {
    if (shouldStop && shouldStop()) break;
    const ce = ctx.setUp(r, s);
    // d = 1: two runs with the same loss advance together (independent dependency chains side by
    // side); the second run's results are written together with the first's.
    if (ctx.d === 1 && r + 1 < count && ctx.setUp(r + 1, s2) === ce) {
      trainPair1(ctx, ce, s, s2, ctx.curve, ctx.curve2);
      finishRun(ctx, r, s, ce, ctx.curve, 0, 1);
      finishRun(ctx, r + 1, s2, ce, ctx.curve2, 0, 1);
      r += 2;
    } else {
      trainScalar(ctx, ce, s, ctx.curve);
      finishRun(ctx, r, s, ce, ctx.curve, 0, 1);
      r += 1;
    }
  }
}

/**
 * Two d = 1 runs with the same loss, in lock-step: per point the same operations as
 * trainSquaredError1 / trainCrossEntropy1 for each run. When either run's loss leaves the safe
 * range or its parameters stop being finite, both go on alone from that epoch (where divergence
 * is decided exactly).
 */
function trainPair1(ctx: Chunk, ce: boolean, a: RunState, b: RunState, curveA: Float64Array, curveB: Float64Array): void {
  if (ce) pairCrossEntropy1(ctx, a, b, curveA, curveB);
  else pairSquaredError1(ctx, a, b, curveA, curveB);
  if (a.t < ctx.epochs) {
    trainScalar(ctx, ce, a, curveA);
    trainScalar(ctx, ce, b, curveB);
  }
}

function pairSquaredError1(ctx: Chunk, a: RunState, b: RunState, curveA: Float64Array, curveB: Float64Array): void {
  const { n, x, y, epochs, mean, tolerance } = ctx;
  const etaA = a.eta;
  const etaB = b.eta;
  let wA = a.w[0]!;
  let bA = a.b;
  let wB = b.w[0]!;
  let bB = b.b;
  let t = a.t;
  for (; t < epochs; t++) {
    let lossA = 0;
    let dwA = 0;
    let dbA = 0;
    let maxA = 0;
    let lossB = 0;
    let dwB = 0;
    let dbB = 0;
    let maxB = 0;
    for (let i = 0; i < n; i++) {
      const xi = x[i]!;
      const yi = y[i]!;
      const zA = wA * xi + bA;
      const zB = wB * xi + bB;
      const eA = expNonPositive(-Math.abs(zA));
      const eB = expNonPositive(-Math.abs(zB));
      const rA = 1 / (1 + eA);
      const rB = 1 / (1 + eB);
      const errorA = (zA >= 0 ? rA : eA * rA) - yi;
      const errorB = (zB >= 0 ? rB : eB * rB) - yi;
      lossA += 0.5 * errorA * errorA;
      lossB += 0.5 * errorB * errorB;
      const gA = errorA * (eA * rA * rA);
      const gB = errorB * (eB * rB * rB);
      dwA += gA * xi;
      dbA += gA;
      dwB += gB * xi;
      dbB += gB;
      const absA = Math.abs(errorA);
      const absB = Math.abs(errorB);
      if (absA > maxA) maxA = absA;
      if (absB > maxB) maxB = absB;
    }
    if (mean) {
      lossA /= n;
      dbA /= n;
      dwA /= n;
      lossB /= n;
      dbB /= n;
      dwB /= n;
    }
    const sumA = wA + bA;
    const sumB = wB + bB;
    if (!(lossA <= 1e300 && lossB <= 1e300) || sumA - sumA !== 0 || sumB - sumB !== 0) break;
    record(a, t, epochs, tolerance, lossA, maxA, wA, bA, curveA);
    record(b, t, epochs, tolerance, lossB, maxB, wB, bB, curveB);
    wA = wA - etaA * dwA;
    bA = bA - etaA * dbA;
    wB = wB - etaB * dwB;
    bB = bB - etaB * dbB;
  }
  savePair(a, b, wA, bA, wB, bB, t);
}

function pairCrossEntropy1(ctx: Chunk, a: RunState, b: RunState, curveA: Float64Array, curveB: Float64Array): void {
  const { n, x, y, epochs, mean, tolerance } = ctx;
  const etaA = a.eta;
  const etaB = b.eta;
  let wA = a.w[0]!;
  let bA = a.b;
  let wB = b.w[0]!;
  let bB = b.b;
  let t = a.t;
  for (; t < epochs; t++) {
    let linearA = 0;
    let logsA = 0;
    let dwA = 0;
    let dbA = 0;
    let maxA = 0;
    let linearB = 0;
    let logsB = 0;
    let dwB = 0;
    let dbB = 0;
    let maxB = 0;
    for (let i0 = 0; i0 < n; i0 += CE_BLOCK) {
      const i1 = Math.min(n, i0 + CE_BLOCK);
      let qA = 0;
      let qB = 0;
      for (let i = i0; i < i1; i++) {
        const xi = x[i]!;
        const yi = y[i]!;
        const zA = wA * xi + bA;
        const zB = wB * xi + bB;
        const eA = expNonPositive(-Math.abs(zA));
        const eB = expNonPositive(-Math.abs(zB));
        const rA = 1 / (1 + eA);
        const rB = 1 / (1 + eB);
        const gA = (zA >= 0 ? rA : eA * rA) - yi;
        const gB = (zB >= 0 ? rB : eB * rB) - yi;
        linearA += zA * ((zA >= 0 ? 1 : 0) - yi);
        linearB += zB * ((zB >= 0 ? 1 : 0) - yi);
        qA = qA + eA + qA * eA;
        qB = qB + eB + qB * eB;
        dwA += gA * xi;
        dbA += gA;
        dwB += gB * xi;
        dbB += gB;
        const absA = Math.abs(gA);
        const absB = Math.abs(gB);
        if (absA > maxA) maxA = absA;
        if (absB > maxB) maxB = absB;
      }
      logsA += log1pKernel(qA);
      logsB += log1pKernel(qB);
    }
    let lossA = linearA + logsA;
    let lossB = linearB + logsB;
    if (mean) {
      lossA /= n;
      dbA /= n;
      dwA /= n;
      lossB /= n;
      dbB /= n;
      dwB /= n;
    }
    const sumA = wA + bA;
    const sumB = wB + bB;
    if (!(lossA <= 1e300 && lossB <= 1e300) || sumA - sumA !== 0 || sumB - sumB !== 0) break;
    record(a, t, epochs, tolerance, lossA, maxA, wA, bA, curveA);
    record(b, t, epochs, tolerance, lossB, maxB, wB, bB, curveB);
    wA = wA - etaA * dwA;
    bA = bA - etaA * dbA;
    wB = wB - etaB * dwB;
    bB = bB - etaB * dbB;
  }
  savePair(a, b, wA, bA, wB, bB, t);
}

/**
 * Writes two d = 1 runs' parameters back after their loop. (One helper shared by both loss loops:
 * its type feedback then exists before either loop is optimized; written inline after an
 * on-stack-replaced loop, V8 kept deoptimizing there for lack of feedback.)
 */
function savePair(a: RunState, b: RunState, wA: number, bA: number, wB: number, bB: number, t: number): void {
  a.w[0] = wA;
  a.b = bA;
  a.t = t;
  b.w[0] = wB;
  b.b = bB;
  b.t = t;
}

/** Writes a d = 1 run's parameters back after its loop (shared, like savePair); t < epochs means it diverged at t. */
function saveRun(s: RunState, w: number, b: number, t: number, epochs: number): void {
  s.w[0] = w;
  s.b = b;
  s.t = t;
  if (t < epochs) s.divergedAt = t;
}

/** Records epoch t of a d = 1 run whose loss passed the checks: curve, minimum, misses, and the last epoch's values. */
function record(s: RunState, t: number, epochs: number, tolerance: number, loss: number, maxError: number, w: number, b: number, curve: Float64Array): void {
  curve[t] = loss;
  if (loss < s.minLoss) s.minLoss = loss;
  if (maxError > tolerance) s.lastMiss = t;
  if (t === epochs - 1) {
    s.prevW[0] = w;
    s.prevB = b;
    s.maxError = maxError;
  }
}

/** Runs epochs s.t … epochs − 1 of one run (or until it diverges), writing losses into curve[t]. */
function trainScalar(ctx: Chunk, ce: boolean, s: RunState, curve: Float64Array): void {
  if (ctx.d === 1) {
    if (ce) trainCrossEntropy1(ctx, s, curve);
    else trainSquaredError1(ctx, s, curve);
  } else {
    trainGeneral(ctx, ce, s, curve);
  }
}

/** Points per cross-entropy product block (as in kernel-wasm.ts): q = Π(1 + eᵢ) − 1 over ≤ 64 points. */
const CE_BLOCK = 64;

/**
 * Squared error, d = 1. Loss, gradient and update are core's operations in core's order, exp
 * being core's expNonPositive. The loss is therefore core's to the bit.
 */
function trainSquaredError1(ctx: Chunk, s: RunState, curve: Float64Array): void {
  const { n, x, y, epochs, mean, tolerance } = ctx;
  const eta = s.eta;
  let w = s.w[0]!;
  let b = s.b;
  let t = s.t;
  for (; t < epochs; t++) {
    let loss = 0;
    let dw = 0;
    let db = 0;
    let maxError = 0;
    for (let i = 0; i < n; i++) {
      const xi = x[i]!;
      const z = w * xi + b;
      const e = expNonPositive(-Math.abs(z));
      const r = 1 / (1 + e);
      const error = (z >= 0 ? r : e * r) - y[i]!;
      loss += 0.5 * error * error;
      const g = error * (e * r * r);
      dw += g * xi;
      db += g;
      const absError = Math.abs(error);
      if (absError > maxError) maxError = absError;
    }
    if (mean) {
      loss /= n;
      db /= n;
      dw /= n;
    }
    const sum = w + b;
    if (!(loss <= 1e300) || sum - sum !== 0) {
      s.w[0] = w;
      const exact = exactLoss(ctx, false, s.w, b);
      if (Number.isNaN(exact)) break; // diverged
      loss = exact;
    }
    record(s, t, epochs, tolerance, loss, maxError, w, b, curve);
    w = w - eta * dw;
    b = b - eta * db;
  }
  saveRun(s, w, b, t, epochs);
}

/**
 * Cross-entropy, d = 1. Gradient and update are core's operations in core's order (bit-identical
 * parameters); the loss Σ (max(z, 0) − y·z) + log1p(eᵢ) is Σ z·([z ≥ 0] − y) + log1p(q) with
 * q = Π(1 + eᵢ) − 1, the first sum's terms being core's z·(1 − y) or −y·z (see kernel-wasm.ts for
 * why this is accurate to a few ulps, tiny losses and labels near 1 too).
 */
function trainCrossEntropy1(ctx: Chunk, s: RunState, curve: Float64Array): void {
  const { n, x, y, epochs, mean, tolerance } = ctx;
  const eta = s.eta;
  let w = s.w[0]!;
  let b = s.b;
  let t = s.t;
  for (; t < epochs; t++) {
    let linear = 0;
    let logs = 0;
    let dw = 0;
    let db = 0;
    let maxError = 0;
    for (let i0 = 0; i0 < n; i0 += CE_BLOCK) {
      const i1 = Math.min(n, i0 + CE_BLOCK);
      let q = 0;
      for (let i = i0; i < i1; i++) {
        const xi = x[i]!;
        const yi = y[i]!;
        const z = w * xi + b;
        const e = expNonPositive(-Math.abs(z));
        const r = 1 / (1 + e);
        const g = (z >= 0 ? r : e * r) - yi;
        linear += z * ((z >= 0 ? 1 : 0) - yi);
        q = q + e + q * e;
        dw += g * xi;
        db += g;
        const absError = Math.abs(g);
        if (absError > maxError) maxError = absError;
      }
      logs += log1pKernel(q);
    }
    let loss = linear + logs;
    if (mean) {
      loss /= n;
      db /= n;
      dw /= n;
    }
    const sum = w + b;
    if (!(loss <= 1e300) || sum - sum !== 0) {
      s.w[0] = w;
      const exact = exactLoss(ctx, true, s.w, b);
      if (Number.isNaN(exact)) break; // diverged
      loss = exact;
    }
    record(s, t, epochs, tolerance, loss, maxError, w, b, curve);
    w = w - eta * dw;
    b = b - eta * db;
  }
  saveRun(s, w, b, t, epochs);
}

/** Any d, either loss: the same arithmetic as the d = 1 loops, with w and ∂L/∂w as vectors. */
function trainGeneral(ctx: Chunk, ce: boolean, s: RunState, curve: Float64Array): void {
  const { n, d, x, y, epochs, mean, tolerance } = ctx;
  const eta = s.eta;
  const w = s.w;
  const dw = new Float64Array(d);
  let b = s.b;
  let t = s.t;
  for (; t < epochs; t++) {
    let loss = 0;
    let logs = 0;
    let db = 0;
    let maxError = 0;
    dw.fill(0);
    for (let i0 = 0; i0 < n; i0 += CE_BLOCK) {
      const i1 = Math.min(n, i0 + CE_BLOCK);
      let q = 0;
      for (let i = i0; i < i1; i++) {
        const row = i * d;
        let z = w[0]! * x[row]!;
        for (let j = 1; j < d; j++) z += w[j]! * x[row + j]!;
        z += b;
        const yi = y[i]!;
        const e = expNonPositive(-Math.abs(z));
        const r = 1 / (1 + e);
        const error = (z >= 0 ? r : e * r) - yi;
        let g: number;
        if (ce) {
          loss += z * ((z >= 0 ? 1 : 0) - yi);
          q = q + e + q * e;
          g = error;
        } else {
          loss += 0.5 * error * error;
          g = error * (e * r * r);
        }
        for (let j = 0; j < d; j++) dw[j]! += g * x[row + j]!;
        db += g;
        const absError = Math.abs(error);
        if (absError > maxError) maxError = absError;
      }
      if (ce) logs += log1pKernel(q);
    }
    if (ce) loss += logs;
    if (mean) {
      loss /= n;
      db /= n;
      for (let j = 0; j < d; j++) dw[j]! /= n;
    }
    let sum = b;
    for (let j = 0; j < d; j++) sum += w[j]!;
    if (!(loss <= 1e300) || sum - sum !== 0) {
      const exact = exactLoss(ctx, ce, w, b);
      if (Number.isNaN(exact)) break; // diverged
      loss = exact;
    }
    curve[t] = loss;
    if (loss < s.minLoss) s.minLoss = loss;
    if (maxError > tolerance) s.lastMiss = t;
    if (t === epochs - 1) {
      s.prevW.set(w);
      s.prevB = b;
      s.maxError = maxError;
    }
    for (let j = 0; j < d; j++) w[j] = w[j]! - eta * dw[j]!;
    b = b - eta * db;
  }
  s.b = b;
  s.t = t;
  if (t < epochs) s.divergedAt = t;
}

/**
 * core's loss at (w, b), computed exactly as core's evaluateInto does (core's squaredError.value or
 * crossEntropy.value per point, summed in index order, ÷ n for 'mean'), or NaN if core would call
 * the run diverged there (loss, w or b not finite). The fast loops call it only when their own loss
 * is not ≤ 1e300 or w + b is not finite, so that divergence is decided by core's own numbers even
 * at the edge of overflow.
 */
function exactLoss(ctx: Chunk, ce: boolean, w: Float64Array, b: number): number {
  const { n, d, x, y, mean } = ctx;
  const fn = ce ? crossEntropy : squaredError;
  let total = 0;
  for (let i = 0; i < n; i++) {
    let z = w[0]! * x[i * d]!;
    for (let j = 1; j < d; j++) z += w[j]! * x[i * d + j]!;
    z += b;
    total += fn.value(z, y[i]!);
  }
  if (mean) total /= n;
  let finite = Number.isFinite(total) && Number.isFinite(b);
  for (let j = 0; j < d; j++) finite &&= Number.isFinite(w[j]!);
  return finite ? total : Number.NaN;
}

// ---------------------------------------------------------------------------------------------
// The SIMD path (d = 1): groups of kernel.lanes consecutive runs with the same loss.

/** Returns false, having done nothing, if the kernel's memory cannot grow to the chunk's needs. */
function runSimd(ctx: Chunk, kernel: WasmKernel, shouldStop: (() => boolean) | undefined): boolean {
  const { n, x, y, epochs, plan } = ctx;
  const lanes = kernel.lanes;
  const V = kernel.vectors;
  const count = ctx.out.end - ctx.out.start;
  // Memory (bytes, 16-aligned): x, y, the lanes' state (FIELD_COUNT fields × V vectors), the curves
  // (epoch t, lane l at curvePtr + (t·lanes + l)·8).
  const align = (bytes: number) => Math.ceil(bytes / 16) * 16;
  const xPtr = kernel.base;
  const yPtr = align(xPtr + 8 * n);
  const statePtr = align(yPtr + 8 * n);
  const curvePtr = align(statePtr + FIELD_COUNT * V * 16);
  let memory: Float64Array;
  try {
    memory = kernel.reserve(curvePtr + 16 * V * epochs);
  } catch {
    return false;
  }
  memory.set(x.subarray(0, n), xPtr / 8);
  memory.set(y.subarray(0, n), yPtr / 8);
  const stateAt = (field: number, lane: number) => statePtr / 8 + field * 2 * V + lane;
  const curveBase = curvePtr / 8;
  const mean = ctx.mean ? 1 : 0;
  let xMax = 0;
  for (let i = 0; i < n; i++) xMax = Math.max(xMax, Math.abs(x[i]!));
  const s = ctx.state;
  const prevW = new Float64Array(lanes);
  const prevB = new Float64Array(lanes);
  const lossOf = (r: number) => runPosition(plan, ctx.start + r).lossIndex;

  for (let r = 0; r < count; ) {
    if (shouldStop && shouldStop()) break;
    // The group: up to `lanes` runs from r on with the same loss; spare lanes repeat run r.
    const lossIndex = lossOf(r);
    let size = 1;
    while (size < lanes && r + size < count && lossOf(r + size) === lossIndex) size++;
    let ce = false;
    for (let l = 0; l < lanes; l++) {
      ce = ctx.setUp(l < size ? r + l : r, s);
      memory[stateAt(FIELD_W, l)] = s.w[0]!;
      memory[stateAt(FIELD_B, l)] = s.b;
      memory[stateAt(FIELD_ETA, l)] = s.eta;
      memory[stateAt(FIELD_LAST_MISS, l)] = -1;
      memory[stateAt(FIELD_MAX_ERROR, l)] = Number.NaN;
      memory[stateAt(FIELD_MIN_LOSS, l)] = Infinity;
    }
    const train = ce ? kernel.ce : kernel.se;
    const tolerance = ctx.tolerance;
    // All epochs but the last, then the last one alone, so that the parameters it starts from
    // (where finalExcess is measured) can be read in between.
    let t = train(xPtr, yPtr, n, statePtr, curvePtr, 0, epochs - 1, mean, tolerance, n, xMax);
    if (t === epochs - 1) {
      for (let l = 0; l < lanes; l++) {
        prevW[l] = memory[stateAt(FIELD_W, l)]!;
        prevB[l] = memory[stateAt(FIELD_B, l)]!;
      }
      t = train(xPtr, yPtr, n, statePtr, curvePtr, epochs - 1, epochs, mean, tolerance, n, xMax);
    }
    for (let l = 0; l < size; l++) {
      ctx.setUp(r + l, s);
      s.w[0] = memory[stateAt(FIELD_W, l)]!;
      s.b = memory[stateAt(FIELD_B, l)]!;
      s.lastMiss = memory[stateAt(FIELD_LAST_MISS, l)]!;
      s.minLoss = memory[stateAt(FIELD_MIN_LOSS, l)]!;
      s.t = t;
      if (t === epochs) {
        s.maxError = memory[stateAt(FIELD_MAX_ERROR, l)]!;
        s.prevW[0] = prevW[l]!;
        s.prevB = prevB[l]!;
        finishRun(ctx, r + l, s, ce, memory, curveBase + l, lanes, kernel);
      } else {
        // The group stopped at epoch t (a loss above 1e300 or a non-finite parameter in some lane):
        // each run goes on in the scalar path, which decides divergence exactly.
        if (t === epochs - 1) {
          s.prevW[0] = prevW[l]!;
          s.prevB = prevB[l]!;
        }
        for (let k = 0; k < t; k++) ctx.curve[k] = memory[curveBase + k * lanes + l]!;
        trainScalar(ctx, ce, s, ctx.curve);
        finishRun(ctx, r + l, s, ce, ctx.curve, 0, 1);
      }
    }
    r += size;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Per-run results.

/** Writes run r's results; its loss at epoch t is curve[offset + t·stride]. */
function finishRun(ctx: Chunk, r: number, s: RunState, ce: boolean, curve: Float64Array, offset: number, stride: number, kernel?: WasmKernel): void {
  const { out, epochs, d } = ctx;
  const sampled = ctx.plan.curveEpochs;
  const K = sampled.length;
  const run = s.divergedAt === NEVER ? epochs : s.divergedAt;
  for (let k = 0; k < K; k++) {
    const epoch = sampled[k]!;
    if (epoch < run) out.curves[r * K + k] = curve[offset + epoch * stride]!;
  }
  out.status[r] = RUN_DONE;
  out.divergedAt[r] = s.divergedAt;
  out.finalB[r] = s.b;
  out.finalW.set(s.w, r * d);
  if (s.divergedAt === NEVER) {
    out.finalLoss[r] = curve[offset + (epochs - 1) * stride]!;
    out.minLoss[r] = s.minLoss;
    out.finalExcess[r] = excessAt(ctx, ce, s.prevW, s.prevB);
    out.finalMaxError[r] = s.maxError;
    out.epochsToFit[r] = s.lastMiss === epochs - 1 ? NEVER : s.lastMiss + 1;
    decreaseMeasures(curve, offset, stride, epochs, out, r, kernel);
  } else if (run > 0) {
    out.minLoss[r] = s.minLoss;
  }
}

/**
 * Σ over points of the loss's excess over its minimum at (w, b): ½(ŷ − y)² or KL(y ‖ ŷ) (÷ n for
 * 'mean'). Once per run, with core's functions (squaredError.excess, crossEntropy.excess).
 */
function excessAt(ctx: Chunk, ce: boolean, w: Float64Array, b: number): number {
  const { n, d, x, y, mean } = ctx;
  const fn = ce ? crossEntropy : squaredError;
  let total = 0;
  for (let i = 0; i < n; i++) {
    let z = w[0]! * x[i * d]!;
    for (let j = 1; j < d; j++) z += w[j]! * x[i * d + j]!;
    z += b;
    total += fn.excess(z, y[i]!);
  }
  return total / (mean ? n : 1);
}

/**
 * core's epochsTo99 and plateauLength (epochsToDecrease with 0.99 and 0.05) in one backward pass:
 * both are "the first epoch from which first − L[t] ≥ fraction·(first − last) holds to the end",
 * and where the 99% condition holds the 5% one does too, so the 5% scan continues where the 99%
 * scan stopped. With a SIMD kernel (its curves are in its memory), its `scan` does the loops.
 */
function decreaseMeasures(curve: Float64Array, offset: number, stride: number, length: number, out: ChunkResult, r: number, kernel?: WasmKernel): void {
  const first = curve[offset]!;
  const total = first - curve[offset + (length - 1) * stride]!;
  if (!(total > 0)) {
    out.epochsTo99[r] = NEVER;
    out.plateauLength[r] = NEVER;
    return;
  }
  const target99 = 0.99 * total;
  const target5 = 0.05 * total;
  if (kernel) {
    const t99 = kernel.scan(8 * offset, 8 * stride, length, first, target99);
    out.epochsTo99[r] = t99;
    out.plateauLength[r] = kernel.scan(8 * offset, 8 * stride, t99, first, target5);
    return;
  }
  let t = length;
  while (t > 0 && first - curve[offset + (t - 1) * stride]! >= target99) t--;
  out.epochsTo99[r] = t;
  while (t > 0 && first - curve[offset + (t - 1) * stride]! >= target5) t--;
  out.plateauLength[r] = t;
}
