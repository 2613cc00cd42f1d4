// The update of runs that are not plain full-batch descent (another optimizer, mini-batches or weight
// decay) on the kernel's JavaScript path: core's own optimizer (createUpdater) and epoch orders
// (epochPermutation), after the whole data's loss and gradient of the epoch, which kernel-js.ts's
// loop computes for every run. So one per-point loop serves every run of the JavaScript path, and
// the parameters are core's train's bit for bit (test/optimizer-axes.test.ts checks them against
// core's train, in Node and in Chromium). The WebAssembly SIMD kernel performs the same updates in
// its optimizer functions (kernel-wasm-program.ts), so a run gives the same bits on either path.

import { createUpdater, epochPermutation, expNonPositive } from '@losslab/core';
import type { Chunk, RunState } from './kernel-chunk.js';
import type { EpochStep } from './kernel-js.js';

/**
 * The epoch update of run state `s` (after ctx.setUp; not plain): one update of core's updater with
 * the whole data's gradient when the batch is the whole dataset; else, as core's train, one per
 * batch of epoch t's order (epochPermutation(shuffleSeed, t, n)), each with the gradient of the
 * batch at the current parameters, summed over the batch in the order's sequence (÷ the batch's
 * size for 'mean'): per point z = w·x + b in core's order, e = exp(−|z|) by core's
 * expNonPositive, r = 1/(1 + e), ŷ − y with ŷ = z ≥ 0 ? r : e·r, and ∂/∂z = (ŷ − y)·(e·r·r) for
 * squared error or ŷ − y for cross-entropy (core's dz, which squaredError and crossEntropy compute
 * this way). Allocates once per run, nothing per epoch.
 */
export function epochStep(ctx: Chunk, s: RunState, ce: boolean): EpochStep {
  const { n, d, x, y, mean } = ctx;
  const seed = ctx.plan.shuffleSeed;
  const updater = createUpdater({ optimizer: s.optimizer, eta: s.eta, weightDecay: s.decay, d });
  const batch = s.batch;
  const theta = new Float64Array(d + 1);
  const grad = new Float64Array(d + 1);
  const order = new Uint32Array(batch < n ? n : 0);
  return (w, b, dw, db, t) => {
    theta.set(w);
    theta[d] = b;
    if (batch >= n) {
      grad.set(dw);
      grad[d] = db;
      updater.update(theta, grad);
    } else {
      epochPermutation(seed, t, n, order);
      for (let start = 0; start < n; start += batch) {
        const end = Math.min(start + batch, n);
        const bb = theta[d]!;
        let gb = 0;
        grad.fill(0);
        for (let k = start; k < end; k++) {
          const i = order[k]!;
          const row = i * d;
          let z = theta[0]! * x[row]!;
          for (let j = 1; j < d; j++) z += theta[j]! * x[row + j]!;
          z += bb;
          const e = expNonPositive(-Math.abs(z));
          const r = 1 / (1 + e);
          const error = (z >= 0 ? r : e * r) - y[i]!;
          const g = ce ? error : error * (e * r * r);
          for (let j = 0; j < d; j++) grad[j]! += g * x[row + j]!;
          gb += g;
        }
        if (mean) {
          const size = end - start;
          gb /= size;
          for (let j = 0; j < d; j++) grad[j]! /= size;
        }
        grad[d] = gb;
        updater.update(theta, grad);
      }
    }
    w.set(theta.subarray(0, d));
    return theta[d]!;
  };
}
