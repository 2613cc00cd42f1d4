// Constants that tie the browser's kernel to Node's: digests of exp values and of core's train
// results, computed in Node (by V8's Math.exp and by core's train, never by the kernel) and checked
// by both test runs. The Node tests (test/kernel-numerics.test.ts, test/kernel.test.ts) assert
// that Node's Math.exp, core's expNonPositive, core's train and the kernel give these digests; the
// browser test (test/kernel.browser.test.ts) asserts that core and the kernel give them in
// Chromium too, whose Math.exp differs. No platform code here.

import { train } from '@losslab/core';
import { planSweep, runConfig, NEVER, type ChunkResult, type SweepPlan } from '../../src/index.js';

/**
 * exp's arguments: 4,096 spread over [−746, 0] (denser near 0, through the subnormal results and
 * the underflow threshold) and fdlibm's branch points ± a few ulps. Plain IEEE arithmetic, so
 * every engine builds the same list.
 */
export function parityExpArguments(): Float64Array {
  const xs: number[] = [];
  for (let i = 0; i < 4096; i++) {
    const u = (i * 0.6180339887498949) % 1;
    xs.push(-(u * u * u * 746));
  }
  for (const edge of [2 ** -28, 2 ** -27, 0.3465735912322998, 0.5 * Math.LN2, 1.5 * Math.LN2, 1.0397205352783203, 708, 708.3964185322641, 709.782712893384, 745.1332191019411]) {
    for (let k = -4; k <= 4; k++) xs.push(-edge * (1 + k * 2 ** -52));
  }
  xs.push(0, -0, -1e-300, -1, -Infinity);
  if (xs.length % 2) xs.push(-2); // the SIMD kernel's test helper takes an even count
  return Float64Array.from(xs);
}

/** Digest of exp(x) over parityExpArguments(): Node 20's Math.exp (fdlibm), computed in Node. */
export const EXP_DIGEST = '9a722157cc34d199:4192';

/**
 * Small d = 1 sweeps, full curves: the five-point grid with η up to 10 (runs that oscillate for
 * hundreds of epochs, where one ulp of exp would show), and initializations whose |z| reaches the
 * exact exp's cases (|z| ≥ 708: subnormal and zero e; z = 0).
 */
export function parityPlans(): SweepPlan[] {
  return [
    planSweep({
      version: 1,
      dataset: 'five-point',
      losses: ['se', 'ce'],
      eta: { from: 1e-3, to: 10, count: 4, scale: 'log' },
      init: { w0: { from: -6, to: 6, count: 4 }, b0: { from: -6, to: 6, count: 3 } },
      epochs: 300,
      curve: 'full',
    }),
    planSweep({
      version: 1,
      dataset: 'five-point',
      losses: ['se', 'ce'],
      eta: [0.01, 10],
      init: { w0: [230, -300, 0], b0: [0, -2] },
      epochs: 60,
      curve: 'full',
    }),
  ];
}

/** Digest of core's train over parityPlans() (see parityValues), computed in Node. */
export const PARITY_DIGEST = '45d06f8c0ae998f2:15480';

/** One run's values that must be the same bits in every engine: parameters, divergence, squared-error losses. */
interface ParityRun {
  w: ArrayLike<number>;
  b: number;
  divergedAt: number;
  /** Its loss per epoch run (used for squared error only: the kernel's cross-entropy losses take its own log1p, within a few ulps of core's). */
  losses: ArrayLike<number>;
}

/** The values of every run of a plan, in run order, flattened: w…, b, divergedAt, and for squared error every epoch's loss. */
function parityValues(plan: SweepPlan, runAt: (index: number) => ParityRun): number[] {
  const out: number[] = [];
  for (let index = 0; index < plan.runCount; index++) {
    const run = runAt(index);
    out.push(...Array.from(run.w), run.b, run.divergedAt);
    if (runConfig(plan, index).loss === 'se') out.push(...Array.from(run.losses));
  }
  return out;
}

/** parityValues from core's train. */
export function coreParityValues(plan: SweepPlan): number[] {
  return parityValues(plan, (index) => {
    const cfg = runConfig(plan, index);
    const ref = train({ data: plan.data, loss: cfg.loss, eta: cfg.eta, w0: cfg.w0, b0: cfg.b0, epochs: plan.epochs, reduction: plan.reduction });
    return { w: ref.w, b: ref.b, divergedAt: ref.divergedAt ?? NEVER, losses: ref.losses };
  });
}

/** parityValues from a kernel chunk holding every run of the plan (curve: 'full'). */
export function chunkParityValues(plan: SweepPlan, chunk: ChunkResult): number[] {
  const { d } = plan.data;
  const E = plan.epochs;
  return parityValues(plan, (index) => {
    const divergedAt = chunk.divergedAt[index]!;
    const run = divergedAt === NEVER ? E : divergedAt;
    return { w: chunk.finalW.subarray(index * d, (index + 1) * d), b: chunk.finalB[index]!, divergedAt, losses: chunk.curves.subarray(index * E, index * E + run) };
  });
}

/**
 * A 64-bit digest (two 32-bit FNV-1a hashes with different offset bases, as 16 hex digits) of
 * doubles' little-endian bytes, and the count. Every NaN hashes alike (payloads may differ).
 */
export function digest(values: ArrayLike<number>): string {
  const view = new DataView(new ArrayBuffer(8));
  let h1 = 0x811c9dc5;
  let h2 = 0x050c5d1f;
  for (let i = 0; i < values.length; i++) {
    view.setFloat64(0, Number.isNaN(values[i]) ? Number.NaN : values[i]!, true);
    for (let j = 0; j < 8; j++) {
      const byte = Number.isNaN(values[i]) ? 0xff : view.getUint8(j);
      h1 = Math.imul(h1 ^ byte, 0x01000193);
      h2 = Math.imul(h2 ^ byte, 0x01000193);
    }
  }
  const hex = (h: number) => (h >>> 0).toString(16).padStart(8, '0');
  return `${hex(h1)}${hex(h2)}:${values.length}`;
}
