// Where each loss's stability limit η* (@losslab/worker's sweepStability: core's stabilityLimit at
// cross-entropy's optimum, the numbers a result file's header carries) sits on the sweep's η axis:
// a marker on the η slider, the summary rows above it, and the sentence that explains them.

import type { LossName } from '@losslab/core';
import type { SweepPlan, SweepStability } from '@losslab/worker';

/** One loss's η* against the sweep's η axis. */
export interface EtaStarMark {
  loss: LossName;
  etaStar: number;
  /**
   * Where η* falls on the slider, in index units (0 … |η| − 1, fractional between two values,
   * interpolated in log η since η axes are usually log-spaced); null when the axis does not
   * increase or η* lies outside it.
   */
  position: number | null;
  /** Per η index: whether that η is above η* (runs there cannot settle at the optimum). */
  above: boolean[];
}

/** The marks of a sweep's losses, in the plan's loss order; none when the stability has no η* (no finite optimum). */
export function etaStarMarks(plan: Pick<SweepPlan, 'eta' | 'losses'>, stability: SweepStability): EtaStarMark[] {
  const eta = Array.from(plan.eta);
  const increasing = eta.every((v, k) => k === 0 || v > eta[k - 1]!);
  const marks: EtaStarMark[] = [];
  for (const loss of plan.losses) {
    const etaStar = stability.etaStar?.[loss];
    if (etaStar === undefined || !Number.isFinite(etaStar)) continue;
    let position: number | null = null;
    if (increasing && eta.length > 1 && etaStar >= eta[0]! && etaStar <= eta.at(-1)!) {
      let k = 0;
      while (k < eta.length - 2 && eta[k + 1]! < etaStar) k++;
      const lo = eta[k]!;
      const hi = eta[k + 1]!;
      // Log interpolation needs positive η, which planSweep guarantees.
      position = k + Math.log(etaStar / lo) / Math.log(hi / lo);
    }
    marks.push({ loss, etaStar, position, above: eta.map((v) => v > etaStar) });
  }
  return marks;
}
