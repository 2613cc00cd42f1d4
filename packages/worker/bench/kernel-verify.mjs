#!/usr/bin/env node
// Checks every run of benchmark S1 (or a slice) computed by runChunk against core's train.
//
//   cd packages/worker && npx tsc -p tsconfig.build.json && node bench/kernel-verify.mjs [--engine auto|wasm|js] [--from N] [--to N] [--curve full|32]
//
// Reports: runs whose final w or b differ from core's in any bit (must be 0), squared-error losses
// that differ in any bit (must be 0), the largest relative difference of any cross-entropy loss
// value (curve samples, final loss, minLoss), and runs whose epochsToFit / epochsTo1PercentExcess /
// plateauEpochs / outcome / finalMaxError / finalExcess / divergedAt differ from core's.

import { convergence, crossEntropy, logitOf, squaredError, train } from '@losslab/core';
import { benchmarkS1Spec, planSweep, runConfig, NEVER, outcomeOf } from '../dist/index.js';
import { runChunkWith } from '../dist/kernel.js';

const args = new Map();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i].replace(/^--/, ''), process.argv[i + 1]);
const engine = args.get('engine') ?? 'auto';
const curve = args.get('curve') === 'full' ? 'full' : Number(args.get('curve') ?? 32);
const plan = planSweep({ ...benchmarkS1Spec(), curve });
const from = Number(args.get('from') ?? 0);
const to = Number(args.get('to') ?? plan.runCount);
const E = plan.epochs;
const K = plan.curveEpochs.length;

const counts = { runs: 0, params: 0, seLoss: 0, fit: 0, to1: 0, plateau: 0, outcome: 0, maxError: 0, excess: 0, diverged: 0 };
let ceWorst = 0;
let ceWorstRun = -1;
const rel = (a, b) => (Object.is(a, b) ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b)));
const step = 1024;
for (let start = from; start < to; start += step) {
  const end = Math.min(to, start + step);
  const chunk = runChunkWith(plan, start, end, {}, engine);
  for (let index = start; index < end; index++) {
    const i = index - start;
    const cfg = runConfig(plan, index);
    const ce = cfg.loss === 'ce';
    const ref = train({ data: plan.data, loss: cfg.loss, eta: cfg.eta, w0: cfg.w0, b0: cfg.b0, epochs: E, reduction: plan.reduction });
    counts.runs++;
    if (!Object.is(chunk.finalW[i], ref.w[0]) || !Object.is(chunk.finalB[i], ref.b)) counts.params++;
    if (chunk.divergedAt[i] !== (ref.divergedAt ?? NEVER)) counts.diverged++;
    const values = [[chunk.finalLoss[i], ref.losses[E - 1]], [chunk.minLoss[i], Math.min(...ref.losses)]];
    for (let k = 0; k < K; k++) values.push([chunk.curves[i * K + k], ref.losses[plan.curveEpochs[k]]]);
    if (ce) {
      for (const [got, want] of values) {
        const r = rel(got, want);
        if (r > ceWorst) {
          ceWorst = r;
          ceWorstRun = index;
        }
      }
    } else if (values.some(([got, want]) => !Object.is(got, want))) counts.seLoss++;
    const c = convergence(ref, plan.tolerance);
    if (chunk.epochsToFit[i] !== (c.epochsToFit ?? NEVER)) counts.fit++;
    if (chunk.epochsTo1PercentExcess[i] !== (c.epochsTo1PercentExcess ?? NEVER)) counts.to1++;
    if (chunk.plateauEpochs[i] !== (c.plateauEpochs ?? NEVER)) counts.plateau++;
    if (outcomeOf(chunk.outcome[i]) !== c.outcome) counts.outcome++;
    if (!Object.is(chunk.finalMaxError[i], ref.maxErrors[E - 1])) counts.maxError++;
    const fn = ce ? crossEntropy : squaredError;
    let excess = 0;
    for (let p = 0; p < plan.data.n; p++) excess += fn.excess(logitOf(ref.pathW[E - 1], ref.pathB[E - 1], plan.data.x[p]), plan.data.y[p]);
    if (!Object.is(chunk.finalExcess[i], excess)) counts.excess++;
  }
  process.stderr.write(`\r${end - from}/${to - from}`);
}
process.stderr.write('\n');
console.log(`engine ${engine}, runs [${from}, ${to}) of S1, ${K} curve samples per run`);
console.log(`runs checked: ${counts.runs}`);
console.log(`final w or b not bit-identical to core: ${counts.params}`);
console.log(`squared-error runs with any loss value not bit-identical: ${counts.seLoss}`);
console.log(`cross-entropy: largest relative difference of a loss value (curve samples, final, min): ${ceWorst.toExponential(3)}${ceWorstRun >= 0 ? ` (run ${ceWorstRun})` : ''}`);
console.log(`differing epochsToFit ${counts.fit}, epochsTo1PercentExcess ${counts.to1}, plateauEpochs ${counts.plateau}, outcome ${counts.outcome}, finalMaxError ${counts.maxError}, finalExcess ${counts.excess}, divergedAt ${counts.diverged}`);
