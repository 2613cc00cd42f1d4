// The initial JavaScript of the built app (the entry of index.html and every chunk it imports
// statically), gzipped, must stay under 150 kB. Deterministic: reads dist/ as `vite build` wrote it.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { webRoot } from '../../scripts/preview-server.mjs';

const dist = join(webRoot, 'dist');
const LIMIT_BYTES = 150_000;

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}

function manifest(): Record<string, ManifestChunk> {
  const path = join(dist, '.vite', 'manifest.json');
  if (!existsSync(path)) throw new Error(`no ${path}: run \`vite build\` before this test (pnpm test does)`);
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, ManifestChunk>;
}

/** The files loaded before the app can run: entries and their static imports, transitively. */
function initialFiles(chunks: Record<string, ManifestChunk>): string[] {
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const next of chunks[key]?.imports ?? []) visit(next);
  };
  for (const [key, chunk] of Object.entries(chunks)) if (chunk.isEntry) visit(key);
  return [...seen].map((key) => chunks[key]!.file);
}

const gzipped = (file: string) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;

describe('the built app', () => {
  const chunks = manifest();
  const initial = initialFiles(chunks);

  it(`loads under ${LIMIT_BYTES / 1000} kB of JavaScript, gzipped, before it runs`, () => {
    const sizes = initial.filter((file) => file.endsWith('.js')).map((file) => [file, gzipped(file)] as const);
    const total = sizes.reduce((sum, [, bytes]) => sum + bytes, 0);
    console.log(`initial JavaScript: ${(total / 1000).toFixed(1)} kB gzipped (${sizes.map(([file, bytes]) => `${file} ${(bytes / 1000).toFixed(1)} kB`).join(', ')})`);
    expect(sizes.length).toBeGreaterThan(0);
    expect(total).toBeLessThan(LIMIT_BYTES);
  });

  it('has one entry, index.html, whose script is in the manifest', () => {
    const html = readFileSync(join(dist, 'index.html'), 'utf8');
    const entry = Object.values(chunks).filter((chunk) => chunk.isEntry);
    expect(entry).toHaveLength(1);
    expect(html).toContain(`/${entry[0]!.file}`);
  });

  it('makes no request to another origin: no external script, style, font or image', () => {
    const html = readFileSync(join(dist, 'index.html'), 'utf8');
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    for (const chunk of Object.values(chunks)) for (const css of chunk.css ?? []) expect(readFileSync(join(dist, css), 'utf8')).not.toMatch(/url\((['"]?)(https?:)?\/\//);
    expect(html).toContain('<noscript>');
  });
});
