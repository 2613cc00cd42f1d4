// The kernel's JavaScript path: one loop for any d, either loss and every optimizer (its update
// from kernel-optimizers.ts when the run is not plain descent). It trains every run where the
// WebAssembly SIMD kernel cannot (no WebAssembly SIMD here; d > 1 with another optimizer,
// mini-batches or weight decay), and finishes the runs of a
// SIMD group that left the SIMD kernel's safe range (where divergence must be decided exactly).
//
// Each lane of the SIMD kernel performs these same operations, so a run gives the same bits
// whichever path trained it. Specialised loops (d = 1, one per loss, two runs in lock-step) were
// deleted: on benchmark S1 they took 52 ns per point-step against this loop's 86 (CPU time,
// median of 5, `node bench/kernel-bench.mjs --engines js`), but the path runs only where
// WebAssembly SIMD is missing (the SIMD kernel takes 13.5 there) or for d > 1, where this loop
// was already the one used, so they were not worth their 300 lines.

import { expNonPositive } from '@losslab/core';
import { lossOf, logitAt, sumOverPoints, type Chunk, type RunState } from './kernel-chunk.js';
import { CE_BLOCK, log1pKernel } from './kernel-math.js';

/**
 * Point-steps (points × epochs) between two calls of `shouldStop` inside a run: a few thousand,
 * so that a stop request is seen within well under a millisecond of work, while the call (an
 * Atomics.load in a worker) stays invisible in the timing.
 */
export const POLL_POINT_STEPS = 4096;

/** Epochs between two polls of `shouldStop` for n points of d inputs (at least 1). */
export function pollEpochs(n: number, d: number): number {
  return Math.max(1, Math.floor(POLL_POINT_STEPS / (n * d)));
}

/**
 * The update of a run that is not plain descent (kernel-optimizers.ts's `epochStep`): after epoch t
 * is recorded, from the whole data's gradient (dw, db) at (w, b), updates w in place and returns
 * the new b. `dw` is scratch.
 */
export type EpochStep = (w: Float64Array, b: number, dw: Float64Array, db: number, t: number) => number;

/**
 * Runs epochs s.t … epochs − 1 of one run (or until it diverges), writing the loss of epoch t into
 * curve[t] and the measures into s. Per point, core's operations in core's order: z (logitAt),
 * e = exp(−|z|) by core's expNonPositive, r = 1/(1 + e), ŷ = z ≥ 0 ? r : e·r; squared error's loss
 * ½(ŷ − y)² and ∂/∂z = (ŷ − y)·(e·r·r); cross-entropy's ∂/∂z = ŷ − y and its loss as
 * Σ z·([z ≥ 0] − y) + log1p(q), q = Π(1 + eᵢ) − 1 per block of CE_BLOCK points (kernel-math.ts);
 * gradient sums in index order, ÷ n for 'mean', then w ← w − η·∂L/∂w, b ← b − η·∂L/∂b (or `step`:
 * another optimizer, mini-batches, weight decay). So the
 * parameters and squared-error losses are core's bits, cross-entropy losses within a few ulps.
 *
 * Asks `shouldStop` every pollEpochs(n, d) epochs; returns false, with s left mid-run, if it said
 * stop (the caller then leaves the run pending), true when the run is over.
 */
export function trainRun(ctx: Chunk, ce: boolean, s: RunState, curve: Float64Array, shouldStop: (() => boolean) | undefined, step?: EpochStep): boolean {
  const { n, d, x, y, epochs, mean, tolerance, dw } = ctx;
  const { w, eta } = s;
  const every = pollEpochs(n, d);
  let nextPoll = shouldStop ? s.t + every : Infinity;
  let b = s.b;
  let t = s.t;
  for (; t < epochs; t++) {
    if (t >= nextPoll) {
      if (shouldStop!()) {
        s.b = b;
        s.t = t;
        return false;
      }
      nextPoll = t + every;
    }
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
        const z = logitAt(w, b, x, row, d);
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
    // Near overflow, decide divergence by core's own numbers: its loss functions, summed as it does.
    if (!(loss <= 1e300) || sum - sum !== 0) {
      loss = exactLoss(ctx, ce, w, b);
      if (Number.isNaN(loss)) break; // diverged
    }
    curve[t] = loss;
    if (loss < s.minLoss) s.minLoss = loss;
    if (maxError > tolerance) s.lastMiss = t;
    if (t === epochs - 1) {
      s.prevW.set(w);
      s.prevB = b;
      s.maxError = maxError;
    }
    if (step === undefined) {
      for (let j = 0; j < d; j++) w[j] = w[j]! - eta * dw[j]!;
      b = b - eta * db;
    } else {
      b = step(w, b, dw, db, t);
    }
  }
  s.b = b;
  s.t = t;
  if (t < epochs) s.divergedAt = t;
  return true;
}

/**
 * core's loss at (w, b) (core's value per point, summed as evaluateInto does), or NaN if core
 * would call the run diverged there (the loss, w or b not finite).
 */
function exactLoss(ctx: Chunk, ce: boolean, w: Float64Array, b: number): number {
  const total = sumOverPoints(ctx, w, b, lossOf(ce).value);
  let finite = Number.isFinite(total) && Number.isFinite(b);
  for (let j = 0; j < w.length; j++) finite &&= Number.isFinite(w[j]!);
  return finite ? total : Number.NaN;
}
