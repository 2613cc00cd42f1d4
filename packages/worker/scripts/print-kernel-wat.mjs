#!/usr/bin/env node
// Prints the SIMD kernel's WebAssembly module as WAT text (with its name section's function and
// local names), for reading what the assembler emits. A development aid, not part of the build:
//
//   pnpm --filter @losslab/worker build && pnpm --filter @losslab/worker wat [vectors] [points] > kernel.wat
//
// wabt (the WebAssembly Binary Toolkit, compiled to JavaScript) is a devDependency for this only.

import wabtInit from 'wabt';
import { kernelModule } from '../dist/kernel-wasm-program.js';

const [vectors, points] = process.argv.slice(2).map(Number);
const { bytes } = kernelModule(vectors || undefined, points || undefined);
const wabt = await wabtInit();
const module = wabt.readWasm(bytes, { readDebugNames: true, simd: true });
module.validate();
module.applyNames();
process.stdout.write(module.toText({ foldExprs: false, inlineExport: false }));
module.destroy();
