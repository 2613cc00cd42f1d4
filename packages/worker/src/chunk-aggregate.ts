// A chunk's contribution to a sweep's per-block statistics, computed by the worker that ran the
// chunk, so that a page showing a running sweep merges a few numbers per init block instead of
// scanning every run it receives. What it holds is exactly what a scan of the chunk's runs gives:
// counts, the multiset of epochs to fit (as sorted distinct values with their counts: epochs are
// integers, so a chunk of thousands of runs has a few hundred distinct values at most) and the
// range of the final excess.

import { NEVER, RUN_DONE, type ChunkResult } from './result.js';
import type { SweepPlan } from './spec.js';

/** The runs of one init block (runs [block·I, (block + 1)·I), I = plan.initCount) within one chunk. */
export interface BlockAggregate {
  /** ⌊run / initCount⌋: the loss, optimizer, η, batch size and weight decay of the block's runs. */
  block: number;
  /** Runs with status RUN_DONE. */
  done: number;
  /** Done runs whose loss or parameters stopped being finite (divergedAt ≠ NEVER). */
  diverged: number;
  /**
   * epochsToFit of the done runs that did not diverge and fit (≠ NEVER), as distinct values in
   * increasing order, with `fitCounts[k]` runs at `fitEpochs[k]`.
   */
  fitEpochs: Int32Array;
  fitCounts: Int32Array;
  /** Smallest and largest finite finalExcess of the done runs; +∞ and −∞ when there is none. */
  excessMin: number;
  excessMax: number;
}

/** What a worker returns beside a chunk: one entry per init block the chunk touches, in block order. */
export interface ChunkAggregate {
  blocks: BlockAggregate[];
}

/**
 * The aggregate of a chunk's runs (only runs with status RUN_DONE count, so a chunk stopped midway
 * is aggregated over the runs it finished). O(runs · log runs) for the sort of the fit epochs.
 */
export function aggregateChunk(plan: SweepPlan, chunk: ChunkResult): ChunkAggregate {
  const I = plan.initCount;
  const { status, epochsToFit, divergedAt, finalExcess } = chunk;
  const runs = chunk.end - chunk.start;
  const epochs = new Int32Array(Math.min(runs, I));
  const blocks: BlockAggregate[] = [];
  for (let from = chunk.start; from < chunk.end; ) {
    const block = Math.floor(from / I);
    const to = Math.min(chunk.end, (block + 1) * I);
    let done = 0;
    let diverged = 0;
    let fits = 0;
    let excessMin = Infinity;
    let excessMax = -Infinity;
    for (let r = from - chunk.start; r < to - chunk.start; r++) {
      if (status[r] !== RUN_DONE) continue;
      done++;
      const excess = finalExcess[r]!;
      if (Number.isFinite(excess)) {
        if (excess < excessMin) excessMin = excess;
        if (excess > excessMax) excessMax = excess;
      }
      if (divergedAt[r] !== NEVER) diverged++;
      else if (epochsToFit[r] !== NEVER) epochs[fits++] = epochsToFit[r]!;
    }
    const sorted = epochs.subarray(0, fits).sort();
    let distinct = 0;
    for (let k = 0; k < fits; k++) if (k === 0 || sorted[k] !== sorted[k - 1]) distinct++;
    const fitEpochs = new Int32Array(distinct);
    const fitCounts = new Int32Array(distinct);
    for (let k = 0, d = -1; k < fits; k++) {
      if (k === 0 || sorted[k] !== sorted[k - 1]) fitEpochs[++d] = sorted[k]!;
      fitCounts[d]!++;
    }
    blocks.push({ block, done, diverged, fitEpochs, fitCounts, excessMin, excessMax });
    from = to;
  }
  return { blocks };
}
