// The initial JavaScript of the built app: the entry chunk of index.html and every chunk it imports
// statically, transitively (what the browser must fetch and run before the app starts), read from
// dist/.vite/manifest.json and gzipped at level 9. Chunks reached only through a dynamic import()
// (KaTeX, uPlot, step mode, export, history) are not part of it. Shared by the bundle test, which
// enforces the budget, and `pnpm bench:web`, which prints the figure.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** The budget for the initial JavaScript, gzipped, in bytes (kB = 1,000 bytes). */
export const INITIAL_JS_BUDGET_BYTES = 100_000;

/**
 * @typedef {{ file: string, src?: string, isEntry?: boolean, isDynamicEntry?: boolean, imports?: string[], dynamicImports?: string[], css?: string[] }} ManifestChunk
 */

/**
 * The Vite manifest of a built dist/.
 * @param {string} dist
 * @returns {Record<string, ManifestChunk>}
 */
export function readManifest(dist) {
  const path = join(dist, '.vite', 'manifest.json');
  if (!existsSync(path)) throw new Error(`no ${path}: run \`vite build\` before measuring (pnpm test and pnpm bench:web do)`);
  return JSON.parse(readFileSync(path, 'utf8'));
}

/**
 * The manifest keys of the chunks loaded before the app can run: entries and their static imports,
 * transitively (dynamic imports are not followed).
 * @param {Record<string, ManifestChunk>} chunks
 * @returns {string[]}
 */
export function initialChunkKeys(chunks) {
  /** @type {Set<string>} */
  const seen = new Set();
  /** @param {string} key */
  const visit = (key) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const next of chunks[key]?.imports ?? []) visit(next);
  };
  for (const [key, chunk] of Object.entries(chunks)) if (chunk.isEntry) visit(key);
  return [...seen];
}

/**
 * The initial JavaScript files of a built dist/ with their gzipped sizes (level 9), largest first, and their sum.
 * @param {string} dist
 * @returns {{ total: number, files: { file: string, bytes: number }[] }}
 */
export function initialJavaScript(dist) {
  const chunks = readManifest(dist);
  const files = initialChunkKeys(chunks)
    .map((key) => /** @type {ManifestChunk} */ (chunks[key]).file)
    .filter((file) => file.endsWith('.js'))
    .map((file) => ({ file, bytes: gzipSync(readFileSync(join(dist, file)), { level: 9 }).length }))
    .sort((a, b) => b.bytes - a.bytes);
  return { total: files.reduce((sum, { bytes }) => sum + bytes, 0), files };
}

/**
 * One line for people: "initial JavaScript: 83.4 kB gzipped (index-….js 78.1 kB, …)".
 * @param {{ total: number, files: { file: string, bytes: number }[] }} measured
 * @returns {string}
 */
export function describeInitialJavaScript({ total, files }) {
  const kB = (/** @type {number} */ bytes) => `${(bytes / 1000).toFixed(1)} kB`;
  return `initial JavaScript: ${kB(total)} gzipped, budget ${kB(INITIAL_JS_BUDGET_BYTES)} (${files.map(({ file, bytes }) => `${file} ${kB(bytes)}`).join(', ')})`;
}
