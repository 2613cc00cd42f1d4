// After tsc: dist/worker-node.js, the worker_threads entry, becomes one self-contained module (this
// package's modules, @losslab/core and comlink's adapter inlined), so each worker thread loads one
// file instead of about forty (Node's ES module loader costs ~1–2 ms per module to resolve, read and
// link: ~60 ms of each worker's start-up before, ~15 ms after; see the CLI README's Performance).
import { rename } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { rolldown } from 'rolldown';

const entry = fileURLToPath(new URL('../dist/worker-node.js', import.meta.url));
const temp = `${entry}.bundle.tmp`;
const bundle = await rolldown({ input: entry, platform: 'node', logLevel: 'warn' });
await bundle.write({ file: temp, format: 'esm', codeSplitting: false });
await bundle.close();
await rename(temp, entry);
