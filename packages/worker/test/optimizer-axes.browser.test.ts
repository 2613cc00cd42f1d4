// Runs with another optimizer, mini-batches or weight decay in real Chromium: the kernel (on its
// WebAssembly SIMD path and on its JavaScript path) and core itself reproduce the digest computed
// in Node, so a sweep of them gives the same parameters in the browser as in the CLI.

import { describe, expect, it } from 'vitest';
import { runChunk, runChunkWith } from '../src/kernel.js';
import { chunkOptimizerDigest, coreOptimizerDigest, OPTIMIZER_PARITY_DIGEST, optimizerParityPlan } from './support/optimizer-parity.js';

describe('optimizer axes in Chromium', () => {
  it("core's train and the kernel give Node's bits for every optimizer, batch size and weight decay", () => {
    const plan = optimizerParityPlan();
    expect(coreOptimizerDigest(plan), "core's train").toBe(OPTIMIZER_PARITY_DIGEST);
    expect(chunkOptimizerDigest(plan, runChunk(plan, 0, plan.runCount)), 'the kernel').toBe(OPTIMIZER_PARITY_DIGEST);
    expect(chunkOptimizerDigest(plan, runChunkWith(plan, 0, plan.runCount, {}, 'wasm')), 'the SIMD kernel').toBe(OPTIMIZER_PARITY_DIGEST);
    expect(chunkOptimizerDigest(plan, runChunkWith(plan, 0, plan.runCount, {}, 'js')), 'the JavaScript path').toBe(OPTIMIZER_PARITY_DIGEST);
  });
});
