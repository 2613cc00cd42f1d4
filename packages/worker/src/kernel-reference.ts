// The reference sweep kernel: the first, straightforward implementation of runChunk (one run at a
// time, core's per-point arithmetic in core's order, core's expNonPositive and Math.log1p per
// point), kept as the yardstick for the fast kernel in kernel.ts: tests compare the two run for
// run, and bench/kernel-bench.mjs times both. Parameters and losses match core's train to the bit
// (its formulas are core's, written out: keep them identical to packages/core/src/losses.ts).
// It deliberately shares no arithmetic with the kernel (kernel-chunk.ts, kernel-js.ts): an oracle
// that reused the code it checks could not catch that code's mistakes.

import { crossEntropy as crossEntropyLoss, excessMeasures, expNonPositive, lossFloor, runOutcome } from '@losslab/core';
import { allocateRuns, NEVER, outcomeCode, RUN_DONE, type ChunkResult } from './result.js';
import { initialParameters, runPosition } from './space.js';
import type { SweepPlan } from './spec.js';
import type { RunChunkOptions } from './kernel.js';

/**
 * Trains runs [start, end) of the plan by full-batch gradient descent and returns their results,
 * exactly as runChunk's contract says, one run at a time. Slow (~80–120 ns per point-step); for
 * tests and benchmarks.
 */
export function runChunkReference(plan: SweepPlan, start: number, end: number, options: RunChunkOptions = {}): ChunkResult {
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end > plan.runCount || start > end) {
    throw new RangeError(`chunk must satisfy 0 ≤ start ≤ end ≤ ${plan.runCount}, got [${start}, ${end})`);
  }
  const count = end - start;
  const { n, d, x, y } = plan.data;
  const epochs = plan.epochs;
  const K = plan.curveEpochs.length;
  const sampled = plan.curveEpochs;
  const mean = plan.reduction === 'mean';
  const tolerance = plan.tolerance;
  const out: ChunkResult = { start, end, ...allocateRuns(count, d, K) };
  const w = new Float64Array(d);
  const dw = new Float64Array(d);
  const curve = new Float64Array(epochs);
  const shouldStop = options.shouldStop;
  const floors = { se: lossFloor(plan.data, 'se', { reduction: plan.reduction }), ce: lossFloor(plan.data, 'ce', { reduction: plan.reduction }) };

  for (let r = 0; r < count; r++) {
    if (shouldStop && shouldStop()) break;
    const { lossIndex, etaIndex, initIndex } = runPosition(plan, start + r);
    const crossEntropy = plan.losses[lossIndex] === 'ce';
    const eta = plan.eta[etaIndex]!;
    let b = initialParameters(plan, initIndex, w);
    let lastMiss = -1;
    let divergedAt = NEVER;
    let finalExcess = Number.NaN;
    let finalMaxError = Number.NaN;
    let t = 0;
    for (; t < epochs; t++) {
      let loss = 0;
      let db = 0;
      let maxError = 0;
      dw.fill(0);
      for (let i = 0; i < n; i++) {
        const row = i * d;
        let z = w[0]! * x[row]!;
        for (let j = 1; j < d; j++) z += w[j]! * x[row + j]!;
        z += b;
        const yi = y[i]!;
        const e = expNonPositive(-Math.abs(z));
        const rr = 1 / (1 + e);
        const yHat = z >= 0 ? rr : e * rr;
        const error = yHat - yi;
        let g: number;
        if (crossEntropy) {
          loss += (z >= 0 ? z * (1 - yi) : -yi * z) + Math.log1p(e);
          g = error;
        } else {
          loss += 0.5 * error * error;
          g = error * (e * rr * rr);
        }
        for (let j = 0; j < d; j++) dw[j]! += g * x[row + j]!;
        db += g;
        const absError = Math.abs(error);
        if (absError > maxError) maxError = absError;
      }
      if (mean) {
        loss /= n;
        db /= n;
        for (let j = 0; j < d; j++) dw[j]! /= n;
      }
      let finite = Number.isFinite(loss) && Number.isFinite(b);
      for (let j = 0; j < d; j++) finite &&= Number.isFinite(w[j]!);
      if (!finite) {
        divergedAt = t;
        break;
      }
      curve[t] = loss;
      if (maxError > tolerance) lastMiss = t;
      if (t === epochs - 1) {
        finalMaxError = maxError;
        finalExcess = excessAt(plan, crossEntropy, w, b) / (mean ? n : 1);
      }
      for (let j = 0; j < d; j++) w[j] = w[j]! - eta * dw[j]!;
      b = b - eta * db;
    }
    const run = divergedAt === NEVER ? epochs : divergedAt;
    let minLoss = Infinity;
    for (let k = 0; k < run; k++) if (curve[k]! < minLoss) minLoss = curve[k]!;
    for (let k = 0; k < K; k++) {
      const epoch = sampled[k]!;
      if (epoch < run) out.curves[r * K + k] = curve[epoch]!;
    }
    out.status[r] = RUN_DONE;
    out.divergedAt[r] = divergedAt;
    out.finalB[r] = b;
    out.finalW.set(w, r * d);
    if (divergedAt === NEVER) {
      out.finalLoss[r] = curve[epochs - 1]!;
      out.minLoss[r] = minLoss;
      out.finalExcess[r] = finalExcess;
      out.finalMaxError[r] = finalMaxError;
      const fit = lastMiss === epochs - 1 ? NEVER : lastMiss + 1;
      out.epochsToFit[r] = fit;
      const floor = crossEntropy ? floors.ce : floors.se;
      const measures = excessMeasures(curve, floor);
      out.epochsTo1PercentExcess[r] = measures.epochsTo1PercentExcess ?? NEVER;
      out.plateauEpochs[r] = measures.plateauEpochs ?? NEVER;
      out.outcome[r] = outcomeCode(runOutcome({ losses: curve, floor, epochsToFit: fit === NEVER ? null : fit, divergedAt: null }));
    } else {
      if (run > 0) out.minLoss[r] = minLoss;
      out.outcome[r] = outcomeCode(runOutcome({ losses: curve.subarray(0, run), floor: 0, epochsToFit: null, divergedAt }));
    }
  }
  return out;
}

/** Σ over points of the loss's excess over its minimum at (w, b): ½(ŷ − y)² or KL(y ‖ ŷ). */
function excessAt(plan: SweepPlan, crossEntropy: boolean, w: Float64Array, b: number): number {
  const { n, d, x, y } = plan.data;
  let total = 0;
  for (let i = 0; i < n; i++) {
    let z = w[0]! * x[i * d]!;
    for (let j = 1; j < d; j++) z += w[j]! * x[i * d + j]!;
    z += b;
    const yi = y[i]!;
    if (crossEntropy) total += crossEntropyLoss.excess(z, yi);
    else {
      const e = expNonPositive(-Math.abs(z));
      const rr = 1 / (1 + e);
      const error = (z >= 0 ? rr : e * rr) - yi;
      total += 0.5 * error * error;
    }
  }
  return total;
}
