// How many runs of each outcome every configuration group (loss, optimizer, η, batch size, weight
// decay: all axes but the init axis) holds, kept up to date chunk by chunk like the summary table:
// O(runs in the chunk) per landed chunk, never a pass over the whole sweep.

import { runOutcomes, type RunOutcome } from '@losslab/core';
import { RUN_DONE, runIndex, type RunArrays, type SweepPlan } from '@losslab/worker';

/** A configuration group: every axis position but the init axis (omitted axes: their first value). */
export interface GroupPosition {
  lossIndex: number;
  etaIndex: number;
  optimizerIndex?: number;
  batchIndex?: number;
  weightDecayIndex?: number;
}

/** The counts of one group: per outcome name, the done runs with that outcome. */
export type OutcomeTally = Record<RunOutcome, number>;

/** The counts at one moment: a new object whenever a run was counted (views compare identity). */
export interface OutcomeCounts {
  readonly version: number;
  /** The tally of one group. */
  at(position: GroupPosition): OutcomeTally;
}

/** Slots per group: outcome codes 1..6 (code 0, not done, is never counted). */
const SLOTS = runOutcomes.length + 1;

/**
 * Counts the outcomes of the done runs of `result` that land, in any order, each run once (a range
 * that lands again adds nothing). Contract: after `add(result, ranges)` for ranges covering every
 * done run, `counts().at(p)[o]` is the number of runs r of group p with
 * `outcomeOf(result.outcome[r]) === o`. Runs are ordered with the init axis innermost, so group
 * g = ⌊r / initCount⌋ holds runs [g·I, (g + 1)·I). Memory: one byte per run plus 7 integers per group.
 */
export class OutcomeCounter {
  readonly plan: SweepPlan;
  readonly #counted: Uint8Array;
  readonly #counts: Int32Array;
  #version = 0;
  #snapshot: OutcomeCounts | null = null;

  constructor(plan: SweepPlan) {
    this.plan = plan;
    this.#counted = new Uint8Array(plan.runCount);
    this.#counts = new Int32Array((plan.runCount / plan.initCount) * SLOTS);
  }

  /** Counts the done runs of `result` in `ranges` ([start, end) run indices) not counted before. */
  add(result: Pick<RunArrays, 'status' | 'outcome'>, ranges: readonly { start: number; end: number }[]): void {
    const { status, outcome } = result;
    const initCount = this.plan.initCount;
    let changed = false;
    for (const range of ranges) {
      const end = Math.min(range.end, this.plan.runCount);
      for (let r = Math.max(0, range.start); r < end; r++) {
        if (this.#counted[r] === 1 || status[r] !== RUN_DONE) continue;
        this.#counted[r] = 1;
        const code = outcome[r]!;
        if (code <= 0 || code >= SLOTS) continue;
        this.#counts[Math.floor(r / initCount) * SLOTS + code]!++;
        changed = true;
      }
    }
    if (changed) this.#version++;
  }

  /** The counts now: the same object as at the last call if no run was counted since. */
  counts(): OutcomeCounts {
    if (this.#snapshot?.version === this.#version) return this.#snapshot;
    const plan = this.plan;
    const table = this.#counts;
    const version = this.#version;
    this.#snapshot = {
      version,
      at(position: GroupPosition): OutcomeTally {
        const g = runIndex(plan, { ...position, initIndex: 0 }) / plan.initCount;
        const tally = {} as OutcomeTally;
        runOutcomes.forEach((name, k) => (tally[name] = table[g * SLOTS + k + 1]!));
        return tally;
      },
    };
    return this.#snapshot;
  }
}
