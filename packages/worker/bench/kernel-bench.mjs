#!/usr/bin/env node
// Micro-benchmark of the sweep kernel on benchmark S1 (docs/design.md), one thread.
//
//   cd packages/worker && npx tsc -p tsconfig.build.json && node bench/kernel-bench.mjs [options]
//
// Options:
//   --engines a,b,…   any of: ref (kernel-reference.ts), auto (runChunk), wasm, js; default ref,auto,js
//   --runs N          runs per timed chunk (default 4096)
//   --reps N          repetitions (default 5); the engines and chunks take turns within each
//   --at a,b,…        first run of each timed chunk (default 4096,20480: one squared-error chunk
//                     [4096, 8192) and one cross-entropy chunk [20480, 24576) of S1's 32,768 runs)
//   --vectors V       f64x2 vectors per SIMD call for 'wasm' (default: the kernel's default, 2)
//   --points P        points per iteration of the SIMD point loop for 'wasm' (default 2)
//   --optimizer NAME  S1's data and grid with one optimizer (gd, momentum, nesterov, rmsprop, adam,
//                     adagrad) instead of plain descent
//   --batch B         S1's data and grid with B points per update (mini-batches; 5 is full batch)
//   --decay L         S1's data and grid with weight decay λ = L
//   --features D      S1's grid on 64 generated points with D inputs (core's two-classes, seed 1)
//                     instead of S1's five points; figures are then per point-feature-step
//
// Reports ns per point-step = time / (runs × epochs × n × d), median and [min, max] over the
// repetitions, both wall time and this process's CPU time (the machine is shared: CPU time
// excludes time slices lost to other processes, but not the slowdown of a busy sibling core).

import { benchmarkS1Spec, planSweep } from '../dist/index.js';
import { runChunk, runChunkWith } from '../dist/kernel.js';
import { runChunkReference } from '../dist/kernel-reference.js';
import { simdKernel } from '../dist/kernel-wasm.js';

const S1 = benchmarkS1Spec();

const args = new Map();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i].replace(/^--/, ''), process.argv[i + 1]);
const engines = (args.get('engines') ?? 'ref,auto,js').split(',');
const runs = Number(args.get('runs') ?? 4096);
const reps = Number(args.get('reps') ?? 5);
const starts = (args.get('at') ?? '4096,20480').split(',').map(Number);
const vectors = args.has('vectors') ? Number(args.get('vectors')) : undefined;
const points = args.has('points') ? Number(args.get('points')) : undefined;

if (args.has('optimizer')) S1.optimizer = [args.get('optimizer')];
if (args.has('batch')) S1.batchSize = [Number(args.get('batch'))];
if (args.has('decay')) S1.weightDecay = [Number(args.get('decay'))];
if (args.has('features')) S1.dataset = { generator: 'two-classes', n: 64, d: Number(args.get('features')), seed: 1 };
const plan = planSweep(S1);
const pointSteps = runs * plan.epochs * plan.data.n * plan.data.d;
if (engines.includes('wasm') && !simdKernel(vectors, points)) throw new Error('no WebAssembly SIMD kernel here');

const run = {
  ref: (s, e) => runChunkReference(plan, s, e),
  auto: (s, e) => runChunk(plan, s, e),
  wasm: (s, e) => runChunkWith(plan, s, e, {}, 'wasm', vectors, points),
  js: (s, e) => runChunkWith(plan, s, e, {}, 'js'),
};
for (const engine of engines) if (!run[engine]) throw new Error(`unknown engine ${engine}`);

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const median = (a) => {
  const s = [...a].sort((p, q) => p - q);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fmt = (a) => `${median(a).toFixed(2)} [${Math.min(...a).toFixed(2)}, ${Math.max(...a).toFixed(2)}]`;

// Warm up every engine (JIT tiers; the WebAssembly module starts in V8's baseline compiler and
// tiers up) on every timed chunk's loss.
for (const engine of engines) for (const s of starts) run[engine](s, s + 256);

const wall = new Map();
const cpu = new Map();
const push = (map, key, v) => map.set(key, [...(map.get(key) ?? []), v]);
for (let rep = 0; rep < reps; rep++) {
  for (const engine of engines) {
    let wallSum = 0;
    let cpuSum = 0;
    for (const s of starts) {
      const w0 = performance.now();
      const c0 = cpuMs();
      run[engine](s, s + runs);
      const dc = cpuMs() - c0;
      const dw = performance.now() - w0;
      push(wall, `${engine} @${s}`, (dw * 1e6) / pointSteps);
      push(cpu, `${engine} @${s}`, (dc * 1e6) / pointSteps);
      wallSum += dw;
      cpuSum += dc;
    }
    push(wall, `${engine} all`, (wallSum * 1e6) / (pointSteps * starts.length));
    push(cpu, `${engine} all`, (cpuSum * 1e6) / (pointSteps * starts.length));
  }
  process.stderr.write(`rep ${rep + 1}/${reps} done\n`);
}

console.log(`S1${S1.optimizer ? ` (${S1.optimizer[0]})` : ''}${S1.batchSize ? ` (batch ${S1.batchSize[0]})` : ''}${S1.weightDecay ? ` (λ ${S1.weightDecay[0]})` : ''}${args.has('features') ? ` on 64 points of d = ${plan.data.d}, ns per point-feature-step` : ''}, ${runs} runs per chunk, chunks at ${starts.join(', ')}, ${reps} repetitions; ns per point-step, median [min, max]`);
console.log(`${'engine @chunk'.padEnd(16)} ${'wall'.padEnd(24)} cpu`);
for (const key of wall.keys()) console.log(`${key.padEnd(16)} ${fmt(wall.get(key)).padEnd(24)} ${fmt(cpu.get(key))}`);
for (const engine of engines) {
  if (engine === 'ref' || !engines.includes('ref')) continue;
  console.log(`speed-up of ${engine} over ref (median wall, all chunks): ${(median(wall.get('ref all')) / median(wall.get(`${engine} all`))).toFixed(1)}x`);
}
