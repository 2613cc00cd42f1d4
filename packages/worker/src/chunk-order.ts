// The order in which the pool deals a sweep's runs to its workers. Only the order of computation
// changes: every chunk is written into place, so results and files are the same in either order.
//
// 'index' deals runs 0, 1, 2, … (the CLI: a cancelled shard is a prefix, the cheapest to resume).
// 'progressive' fills every init block (one loss, η, optimizer, batch size and weight decay: a
// heatmap) coarse to fine, both losses side by side: each block is cut into P parts (P a power of
// two), and the parts are visited in bit-reversed (van der Corput) order: 0, P/2, P/4, 3P/4, …, each
// visit taking one part of every block, losses interleaved. After the first 2^j passes the parts
// taken are spaced P/2^j apart, so a cancelled sweep (or the view of a running one) has runs of
// both losses over the whole init grid, at every η, rather than squared error's first rows only.

import type { SweepPlan } from './spec.js';

/** How a sweep's chunks are dealt: by run index, or coarse to fine over the init grid with the losses interleaved. */
export type ChunkOrderName = 'index' | 'progressive';

/** Parts per block at most: beyond 64 the spread is already finer than a heatmap shows while it fills. */
const MAX_PARTS = 64;
/**
 * A part's work at least, in point-steps (epochs · n · d per run): about 8 ms at the kernel's
 * ~15 ns per point-step. A part bounds a chunk, and each chunk costs a round trip and the page's
 * work on what landed (about a millisecond in a browser): with 2 ms parts that overhead made the
 * app's S1 much slower than the CLI's (see the README's Performance section). A sweep whose blocks
 * are small for this gets fewer parts (coarser filling in); a large one keeps up to MAX_PARTS.
 */
const MIN_PART_POINT_STEPS = 2 ** 19;

/** Runs [start, end) of one part, and how far it has been dealt. */
interface Part {
  next: number;
  end: number;
}

/**
 * Deals [start, end) run ranges of `range` of a plan, each run exactly once, in the given order.
 * `next(size)` hands out at most `size` runs from one place: the next index ('index'), or the next
 * part in the progressive sequence (a part larger than `size` is visited again on the next pass).
 */
export class ChunkOrder {
  /** Parts per init block (1 for 'index'). */
  readonly parts: number;
  /** Runs not dealt yet. */
  remaining: number;
  /** The parts still holding runs, in visiting order; `at` is the next one to visit. */
  private readonly queue: Part[];
  private at = 0;

  constructor(plan: SweepPlan, range: { start: number; end: number }, order: ChunkOrderName = 'index') {
    this.remaining = range.end - range.start;
    if (order === 'index') {
      this.parts = 1;
      this.queue = range.end > range.start ? [{ next: range.start, end: range.end }] : [];
      return;
    }
    const blockRuns = plan.initCount;
    this.parts = progressiveParts(blockRuns, plan.epochs * plan.data.n * plan.data.d);
    const blocks = plan.runCount / blockRuns;
    const perLoss = blocks / plan.losses.length;
    const bits = Math.log2(this.parts);
    this.queue = [];
    for (let pass = 0; pass < this.parts; pass++) {
      const part = reverseBits(pass, bits);
      // A part's bounds within its block: ⌊part·I/P⌋ … ⌊(part + 1)·I/P⌋ (exact: I·P < 2^53 here).
      const from = Math.floor((part * blockRuns) / this.parts);
      const to = Math.floor(((part + 1) * blockRuns) / this.parts);
      for (let k = 0; k < perLoss; k++) {
        for (let loss = 0; loss < plan.losses.length; loss++) {
          const base = (loss * perLoss + k) * blockRuns;
          const next = Math.max(base + from, range.start);
          const end = Math.min(base + to, range.end);
          if (next < end) this.queue.push({ next, end });
        }
      }
    }
  }

  /** Whether every run was dealt. */
  get done(): boolean {
    return this.queue.length === 0;
  }

  /** The next range of at most `size` (≥ 1) runs, or undefined once every run was dealt. */
  next(size: number): { start: number; end: number } | undefined {
    const part = this.queue[this.at];
    if (part === undefined) return undefined;
    const start = part.next;
    const end = Math.min(part.end, start + Math.max(1, Math.floor(size)));
    part.next = end;
    this.remaining -= end - start;
    if (end === part.end) this.queue.splice(this.at, 1);
    else this.at++;
    if (this.at >= this.queue.length) this.at = 0;
    return { start, end };
  }
}

/**
 * Parts per init block of `blockRuns` runs costing `pointSteps` each: the largest power of two
 * ≤ 64 whose parts hold at least MIN_PART_POINT_STEPS of work (and at least one run); at least 1.
 */
export function progressiveParts(blockRuns: number, pointSteps: number): number {
  const minRuns = Math.max(1, Math.ceil(MIN_PART_POINT_STEPS / Math.max(1, pointSteps)));
  let parts = 1;
  while (parts * 2 <= MAX_PARTS && Math.floor(blockRuns / (parts * 2)) >= minRuns) parts *= 2;
  return parts;
}

/** `value`'s lowest `bits` bits in reverse order (the van der Corput sequence in base 2, scaled by 2^bits). */
export function reverseBits(value: number, bits: number): number {
  let out = 0;
  for (let b = 0; b < bits; b++) out = (out << 1) | ((value >>> b) & 1);
  return out;
}
