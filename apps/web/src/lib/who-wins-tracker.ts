// The "who wins" table kept up to date as chunks land: only the starts whose runs landed since the
// last update are compared again, not every start of every optimizer. A start is decided once both
// its runs are done and never changes after, so its win, its tally and its ratio (for the median)
// are each added once. Anything else (another sweep, η, batch size, weight decay, a shown file
// without a landing log) rebuilds the table as whoWins does.

import type { SweepPlan } from '@losslab/worker';
import { landingLogOf, type LandingLog } from './landing-log.js';
import { comparePairAt, PAIR, pairedComparison, type PairedComparison, type PairInput } from './paired-map.js';
import { RunningMedian } from './running-median.js';
import { WINNER, WINNER_NAMES, winnerAt, type OptimizerOutcome } from './who-wins.js';

/** One optimizer's row while it is tracked. */
interface Row {
  pair: PairedComparison;
  winner: Int8Array;
  tally: Record<(typeof WINNER_NAMES)[number], number>;
  ratios: RunningMedian;
}

/**
 * Keeps `whoWins(plan, result, etaIndex, position)`. Contract: after each update the outcomes equal
 * a fresh whoWins on the same arrays (winner, ratio, counts and median). Incremental when the same
 * result object has a landing log (a running sweep): O(landed runs) per update, plus the median's
 * O(log n) per newly decided start, instead of O(optimizers × starts) and a sort.
 */
export class WhoWinsTracker {
  #key: unknown[] = [];
  #log: LandingLog | undefined;
  #cursor = 0;
  #rows: Row[] = [];

  update(plan: SweepPlan, result: PairInput, etaIndex: number, position: { batchIndex?: number; weightDecayIndex?: number } = {}): OptimizerOutcome[] {
    const batchIndex = position.batchIndex ?? 0;
    const weightDecayIndex = position.weightDecayIndex ?? 0;
    const key = [plan, result, etaIndex, batchIndex, weightDecayIndex];
    const log = landingLogOf(result);
    if (this.#rows.length > 0 && log && log === this.#log && key.every((v, k) => v === this.#key[k])) {
      for (const range of log.since(this.#cursor)) for (const row of this.#rows) this.#land(plan, result, row, range.start, range.end);
      this.#cursor = log.length;
    } else {
      // The same comparison whoWins makes (so it throws as whoWins does without both losses), then every start counted.
      this.#rows = plan.optimizers.map((_, optimizerIndex) => {
        const pair = pairedComparison(plan, result, { etaIndex, optimizerIndex, batchIndex, weightDecayIndex });
        const row: Row = { pair, winner: new Int8Array(plan.initCount), tally: { pending: plan.initCount, crossEntropy: 0, squaredError: 0, tie: 0, neither: 0 }, ratios: new RunningMedian() };
        for (let k = 0; k < plan.initCount; k++) decide(row, k);
        return row;
      });
      this.#key = key;
      this.#log = log;
      this.#cursor = log?.length ?? 0;
    }
    // New objects each update, so a view sees the change; the arrays are shared, as whoWins' are fresh.
    return this.#rows.map((row, optimizerIndex) => ({ optimizerIndex, optimizer: plan.optimizers[optimizerIndex]!, winner: row.winner, ratio: row.pair.ratio, ...row.tally, medianRatio: row.ratios.median() }));
  }

  /** Compares again the starts of `row` whose squared-error or cross-entropy run is in [start, end). */
  #land(plan: SweepPlan, result: PairInput, row: Row, start: number, end: number): void {
    for (const first of [row.pair.seFirst, row.pair.ceFirst]) {
      const from = Math.max(start, first) - first;
      const to = Math.min(end, first + plan.initCount) - first;
      for (let k = from; k < to; k++) {
        if (row.pair.kind[k] !== PAIR.pending) continue;
        comparePairAt(result, row.pair, k);
        decide(row, k);
      }
    }
  }
}

/** Counts start k of `row` once its comparison is no longer pending (a decided start never changes). */
function decide(row: Row, k: number): void {
  const code = winnerAt(row.pair, k);
  if (code === WINNER.pending) return;
  row.winner[k] = code;
  row.tally.pending--;
  row.tally[WINNER_NAMES[code]]++;
  if (row.pair.kind[k] === PAIR.both) row.ratios.add(row.pair.ratio[k]!);
}
