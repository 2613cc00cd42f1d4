// The guided path: five steps, each one view with one sentence, from the lecture's saturated start to
// "now sweep your own". Each step is a URL (`guide=N`), so a teacher can link to it. Steps 1 and 2
// are the first look (computed on the page); steps 3 and 4 run a sweep in the workers.

import { toy, type Dataset } from '@losslab/core';
import { listAxis, type SweepDraft } from './draft.js';
import { saturationSweep } from './presets.js';

/** What a step shows: the first look at an epoch, or a sweep (its form and the run to select). */
export type GuideView = { kind: 'first-look'; epoch: 'start' | 'plateau' } | { kind: 'sweep'; draft: SweepDraft; focus: { eta: number; w0: number; b0: number } } | { kind: 'form' };

/** One step of the guided path. */
export interface GuideStep {
  title: string;
  /** The step's one sentence. */
  text: string;
  view: GuideView;
}

/**
 * The stability limit of full-batch descent on cross-entropy at an exact fit (ŷᵢ = yᵢ): η* = 2/λ_max,
 * λ_max the largest eigenvalue of the Hessian Σᵢ yᵢ(1 − yᵢ)·[xᵢ; 1][xᵢ; 1]ᵀ in (w, b) (summed, one
 * input). Past η* descent overshoots the minimum and oscillates around it instead of settling.
 * For the lecture's two points it is about 2.57.
 */
export function crossEntropyStabilityLimit(data: Dataset = toy): number {
  if (data.d !== 1) throw new RangeError(`the stability limit here needs one-input data, got d = ${data.d}`);
  let a = 0;
  let b = 0;
  let c = 0;
  for (let i = 0; i < data.n; i++) {
    const x = data.x[i]!;
    const y = data.y[i]!;
    const k = y * (1 - y);
    a += k * x * x;
    b += k * x;
    c += k;
  }
  // The larger eigenvalue of [[a, b], [b, c]], written so that nothing cancels: (a + c)/2 + √(((a − c)/2)² + b²).
  const lambda = (a + c) / 2 + Math.hypot((a - c) / 2, b);
  if (!(lambda > 0)) throw new RangeError('the labels give a zero Hessian (all labels 0 or 1): no finite stability limit');
  return 2 / lambda;
}

/** The η values of the large-η step: both sides of cross-entropy's limit on the lecture's data. */
export const LARGE_ETAS = Object.freeze([1, 2, 3, 5]);

const limit = crossEntropyStabilityLimit();

/** The steps, in order (step N is GUIDE[N − 1]). */
export const GUIDE: readonly GuideStep[] = Object.freeze([
  {
    title: 'Both runs start saturated',
    text: 'At w = b = −2 the neuron predicts nearly 0 for both points, far below their labels 0.2 and 0.9: it is saturated and wrong, under either loss.',
    view: { kind: 'first-look', epoch: 'start' },
  },
  {
    title: 'The factor ŷ(1 − ŷ)',
    text: 'Squared error’s gradient is (ŷ − y)·ŷ(1 − ŷ)·x; on the plateau ŷ(1 − ŷ) is a few hundredths, so its steps are tiny. Cross-entropy’s gradient is (ŷ − y)·x: no such factor, and it leaves at once.',
    view: { kind: 'first-look', epoch: 'plateau' },
  },
  {
    title: 'Every start of a grid',
    text: 'The same two points from 1,024 starts and 16 learning rates: squared error is slow or stuck wherever the neuron starts saturated (dark or hatched); cross-entropy converges almost everywhere.',
    view: { kind: 'sweep', draft: saturationSweep.draft, focus: { eta: 1, w0: -2, b0: -2 } },
  },
  {
    title: 'Large η: cross-entropy’s stability limit',
    text: `Near its minimum, descent is stable only for η < 2/λ_max of the loss’s curvature: about ${limit.toFixed(2)} for cross-entropy on these points, much higher for squared error (its curvature carries ŷ(1 − ŷ) squared). At η = 3 and 5 cross-entropy overshoots and oscillates around the fit; squared error does not.`,
    view: { kind: 'sweep', draft: { ...saturationSweep.draft, eta: listAxis([...LARGE_ETAS]) }, focus: { eta: 3, w0: -2, b0: -2 } },
  },
  {
    title: 'Now sweep your own',
    text: 'Change the data, the learning rates, the starts or the epochs in the form and press Run; every view updates for your sweep.',
    view: { kind: 'form' },
  },
]);

/** Whether `value` is a step number 1..GUIDE.length (0 is "no guide"). */
export function isGuideStep(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 1 && value <= GUIDE.length;
}
