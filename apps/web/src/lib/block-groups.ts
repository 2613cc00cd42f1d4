// Which summary group an init block belongs to. Runs come in blocks of initCount (one loss,
// optimizer, η, batch size and weight decay each); the summary, the heatmaps and their colour
// range show the blocks of the first optimizer, batch size and weight decay (runIndex's defaults).

import { runPosition, type SweepPlan } from '@losslab/worker';

/**
 * For each block b (runs [b·I, (b + 1)·I)): lossIndex·|η| + etaIndex when its optimizer, batch and
 * weight-decay indices are all 0, else −1 (a block no summary row or heatmap reads).
 */
export function blockGroups(plan: SweepPlan): Int32Array {
  const blocks = plan.runCount / plan.initCount;
  const groups = new Int32Array(blocks);
  for (let b = 0; b < blocks; b++) {
    const p = runPosition(plan, b * plan.initCount);
    groups[b] = p.optimizerIndex === 0 && p.batchIndex === 0 && p.weightDecayIndex === 0 ? p.lossIndex * plan.eta.length + p.etaIndex : -1;
  }
  return groups;
}
