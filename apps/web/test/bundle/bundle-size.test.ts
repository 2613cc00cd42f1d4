// The initial JavaScript of the built app (the entry of index.html and every chunk it imports
// statically), gzipped, must stay within 100 kB; the chart library (uPlot) and the math library
// (KaTeX) are loaded on demand, not with the page. Deterministic: reads dist/ as `vite build` wrote it.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INITIAL_JS_BUDGET_BYTES, describeInitialJavaScript, initialChunkKeys, initialJavaScript, readManifest } from '../../scripts/initial-javascript.mjs';
import { webRoot } from '../../scripts/preview-server.mjs';

const dist = join(webRoot, 'dist');

/** The source files a built chunk was made of, from its source map (paths as the map writes them). */
function sourcesOf(file: string): string[] {
  const map = JSON.parse(readFileSync(join(dist, `${file}.map`), 'utf8')) as { sources: string[] };
  return map.sources;
}

describe('the built app', () => {
  const chunks = readManifest(dist);
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const initial = initialJavaScript(dist);

  it(`loads at most ${INITIAL_JS_BUDGET_BYTES / 1000} kB of JavaScript, gzipped, before it runs`, () => {
    console.log(describeInitialJavaScript(initial));
    expect(initial.files.length).toBeGreaterThan(0);
    expect(initial.total).toBeLessThanOrEqual(INITIAL_JS_BUDGET_BYTES);
  });

  it('counts exactly the files index.html loads: its module script and the chunks Vite preloads with it', () => {
    // A second reading of the initial set, from the HTML rather than the manifest's import graph.
    const loaded = [...html.matchAll(/<(?:script type="module"[^>]*\ssrc|link rel="modulepreload"[^>]*\shref)="\/([^"]+\.js)"/g)].map((match) => match[1]!);
    expect(loaded.length).toBeGreaterThan(0);
    expect(initial.files.map(({ file }) => file).sort()).toEqual(loaded.sort());
  });

  it.each([
    ['uPlot (the charts)', 'uplot'],
    ['KaTeX (the formulas)', 'katex'],
  ])('loads %s on demand: in a chunk of its own, reached only by a dynamic import', (_label, pkg) => {
    const fromPackage = (source: string) => source.includes(`/node_modules/${pkg}/`) || source.includes(`/.pnpm/${pkg}@`);
    for (const { file } of initial.files) expect(sourcesOf(file).filter(fromPackage), file).toEqual([]);
    const lazy = Object.values(chunks).filter((chunk) => chunk.isDynamicEntry && fromPackage(chunk.src ?? ''));
    expect(lazy).toHaveLength(1);
    expect(initialChunkKeys(chunks).map((key) => chunks[key]!.file)).not.toContain(lazy[0]!.file);
  });

  it('has one entry, index.html, whose script is in the manifest', () => {
    const entry = Object.values(chunks).filter((chunk) => chunk.isEntry);
    expect(entry).toHaveLength(1);
    expect(html).toContain(`/${entry[0]!.file}`);
  });

  it('makes no request to another origin: no external script, style, font or image', () => {
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    for (const chunk of Object.values(chunks)) for (const css of chunk.css ?? []) expect(readFileSync(join(dist, css), 'utf8')).not.toMatch(/url\((['"]?)(https?:)?\/\//);
    expect(html).toContain('<noscript>');
  });
});
