// After tsc: dist/cli.js, the `losslab` command, becomes one self-contained module (the CLI's modules,
// @losslab/worker's and @losslab/core's inlined), so `losslab sweep` loads one file instead of about
// seventy (Node's ES module loader costs ~1–2 ms per module: ~110 ms before, ~25 ms after). The
// worker threads load @losslab/worker's own bundled dist/worker-node.js (see sweep.ts).
import { rename } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { rolldown } from 'rolldown';

const entry = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const temp = `${entry}.bundle.tmp`;
// node: built-ins and @duckdb (tests only) stay imports; everything of this workspace is inlined.
const bundle = await rolldown({ input: entry, platform: 'node', logLevel: 'warn' });
await bundle.write({ file: temp, format: 'esm', codeSplitting: false });
await bundle.close();
await rename(temp, entry);
