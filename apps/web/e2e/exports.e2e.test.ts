// End to end, in Chromium against `vite preview`: the figures a view exports explain themselves.
// Each exported file is opened and read: a PNG's chunks (IHDR's size, the tEXt Title, Description
// and Source, with a chunk reader written here) and pixels (the title band is drawn), an SVG's
// <text> elements (title, panel names, axis names, legend, summary, source) through DOMParser.
// Every export button has its own accessible name.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { allocateResult, planSweep, readParquetFooter, readRowGroup, resultHeader, resultParquetChunks, runChunk, writeChunk } from '@losslab/worker';
import type { Download, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { APP_VERSION } from '../src/lib/version.js';
import { fivePointLink, outDir, useApp } from './support/app.js';


/** The five points, η 0.1, 1, 10, starts w0 −2, 0, 2 × b0 −2, 2, both losses (36 runs), run 1.3 selected, run at once. */
const LINK = fivePointLink('&sel=1.3&run=1');

const app = useApp();
let page: Page;

/** A PNG's chunks: after the 8-byte signature, each is length (big-endian), type, data, CRC. */
function pngChunks(bytes: Buffer): { type: string; data: Buffer }[] {
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const chunks: { type: string; data: Buffer }[] = [];
  for (let at = 8; at < bytes.length; ) {
    const length = bytes.readUInt32BE(at);
    chunks.push({ type: bytes.subarray(at + 4, at + 8).toString('latin1'), data: bytes.subarray(at + 8, at + 8 + length) });
    at += 12 + length;
  }
  return chunks;
}

/** IHDR's width and height, and the tEXt chunks as keyword → text. */
function readPng(bytes: Buffer): { width: number; height: number; text: Record<string, string> } {
  const chunks = pngChunks(bytes);
  expect(chunks[0]!.type).toBe('IHDR');
  expect(chunks.at(-1)!.type).toBe('IEND');
  const text: Record<string, string> = {};
  for (const chunk of chunks.filter((c) => c.type === 'tEXt')) {
    const zero = chunk.data.indexOf(0);
    text[chunk.data.subarray(0, zero).toString('latin1')] = chunk.data.subarray(zero + 1).toString('latin1');
  }
  return { width: chunks[0]!.data.readUInt32BE(0), height: chunks[0]!.data.readUInt32BE(4), text };
}

async function download(click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [file] = (await Promise.all([page.waitForEvent('download'), click()])) as [Download, void];
  const bytes = readFileSync((await file.path())!);
  // Kept for a look (out/ is git-ignored).
  writeFileSync(join(outDir(), `export-${file.suggestedFilename()}`), bytes);
  return { name: file.suggestedFilename(), bytes };
}

/** The SVG's <text> contents by class (its role in the figure), parsed by the browser's DOMParser. */
function svgTexts(svg: string): Promise<{ roles: Record<string, string[]>; title: string; polylines: number[]; paths: number; errors: number }> {
  return page.evaluate((source) => {
    const doc = new DOMParser().parseFromString(source, 'image/svg+xml');
    const roles: Record<string, string[]> = {};
    for (const text of doc.querySelectorAll('text')) (roles[text.getAttribute('class') ?? ''] ??= []).push(text.textContent ?? '');
    return {
      roles,
      title: doc.querySelector('svg > title')?.textContent ?? '',
      polylines: [...doc.querySelectorAll('polyline')].map((p) => (p.getAttribute('points') ?? '').trim().split(/\s+/).length),
      paths: doc.querySelectorAll('path').length,
      errors: doc.querySelectorAll('parsererror').length,
    };
  }, svg);
}

/** Whether the PNG has dark (text) pixels in a band of rows, read back by the browser. */
function darkPixelsInRows(png: Buffer, top: number, bottom: number): Promise<number> {
  return page.evaluate(
    async ({ base64, top, bottom }) => {
      const image = new Image();
      image.src = `data:image/png;base64,${base64}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.width;
      canvas.height = image.height;
      const context = canvas.getContext('2d')!;
      context.drawImage(image, 0, 0);
      const data = context.getImageData(0, top, image.width, bottom - top).data;
      let dark = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i]! < 100 && data[i + 1]! < 100 && data[i + 2]! < 100) dark++;
      return dark;
    },
    { base64: png.toString('base64'), top, bottom },
  );
}

const shareUrl = () => page.evaluate(() => (document.querySelector('ll-app') as unknown as { shareUrl(): string }).shareUrl());

beforeAll(async () => {
  page = await app.open(LINK, { acceptDownloads: true, ready: 'done' });
});

describe('exported figures', () => {
  it('gives every export button its own accessible name', async () => {
    const names = await page.locator('button.png, button.svg').evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-label') ?? b.textContent ?? ''));
    expect(names).toContain('Save the heatmaps as PNG');
    expect(names).toContain('Save the loss curves as SVG');
    expect(new Set(names).size).toBe(names.length);
  });

  it('saves the heatmaps as a PNG with its title drawn, larger than the charts, and Title/Description/Source tEXt chunks', async () => {
    await page.locator('#heatmaps').scrollIntoViewIfNeeded();
    const canvases = await page.locator('ll-heatmap canvas').evaluateAll((list) => list.map((c) => c.getBoundingClientRect().width));
    const { name, bytes } = await download(() => page.getByRole('button', { name: 'Save the heatmaps as PNG' }).click());
    expect(name).toBe('losslab-heatmaps.png');
    const png = readPng(bytes);
    expect(png.text.Title).toBe('Where each start converges');
    expect(png.text.Description).toBe('five-point data (5 points, 1 input) · squared error vs cross-entropy · eta = 0.1, 1, 10 · 6 starts (w0: -2, 0, 2 × b0: -2, 2) · 300 epochs, sum reduction, epsilon = 0.01 · 36 runs');
    expect(png.text.Source).toBe(await shareUrl());
    expect(png.text.Source).toContain('run=1');
    // Both heatmaps side by side, plus the axes' gutters and the margins.
    expect(png.width).toBeGreaterThan(canvases[0]! + canvases[1]! + 2 * 46);
    expect(png.height).toBeGreaterThan(canvases[0]! + 100);
    // The title (18 px, from y = 16) is drawn: dark pixels in its band; the band above it is blank.
    expect(await darkPixelsInRows(bytes, 18, 36)).toBeGreaterThan(50);
    expect(await darkPixelsInRows(bytes, 0, 12)).toBe(0);
  });

  it('saves the loss curves as an SVG whose words are <text>: title, losses, η, axes, legend, summary, source; the runs as polylines', async () => {
    await page.locator('#curves').scrollIntoViewIfNeeded();
    await page.locator('ll-curves canvas').first().waitFor();
    const { name, bytes } = await download(() => page.getByRole('button', { name: 'Save the loss curves as SVG' }).click());
    expect(name).toBe('losslab-curves.svg');
    const svg = await svgTexts(bytes.toString('utf8'));
    expect(svg.errors).toBe(0);
    expect(svg.title).toBe('Loss curves of the selected runs');
    expect(svg.roles.title).toEqual(['Loss curves of the selected runs']);
    expect(svg.roles.subtitle).toEqual(['Squared error (left) vs Cross-entropy (right) · η = 1']);
    expect(svg.roles.panel).toEqual(['Squared error', 'Cross-entropy']);
    expect(svg.roles['axis-name']).toEqual(['excess loss, max |ŷ − y| (log)', 'epoch', 'excess loss, max |ŷ − y| (log)', 'epoch']);
    expect(svg.roles.legend!.join(' ')).toContain('dashed: max |ŷ − y|');
    expect(svg.roles.summary![0]).toContain('five-point data');
    expect(svg.roles.source).toEqual([`Source: ${await shareUrl()}`]);
    // One selected run: per panel its excess loss and max |ŷ − y|, one point per epoch (300).
    expect(svg.polylines).toEqual([300, 300, 300, 300]);
  });

  it('saves the loss surfaces as an SVG with the contours and the axes w and b as text, and as a PNG', async () => {
    await page.locator('#surfaces').scrollIntoViewIfNeeded();
    await page.locator('ll-surface svg path').first().waitFor();
    const { bytes } = await download(() => page.getByRole('button', { name: 'Save the loss surfaces as SVG' }).click());
    const svg = await svgTexts(bytes.toString('utf8'));
    expect(svg.errors).toBe(0);
    expect(svg.roles.title).toEqual(['Loss surfaces and descent paths']);
    expect(svg.roles['axis-name']).toEqual(['b', 'w', 'b', 'w']);
    expect(svg.roles.panel).toEqual(['Squared error', 'Cross-entropy']);
    expect(svg.paths).toBeGreaterThan(4);
    const png = await download(() => page.getByRole('button', { name: 'Save the loss surfaces as PNG' }).click());
    expect(readPng(png.bytes).text.Title).toBe('Loss surfaces and descent paths');
  });

  it('saves step mode (both surfaces above both curves) and the gradient split as labelled PNGs', async () => {
    await page.locator('#open-step-mode').click();
    await page.locator('ll-step-mode ll-surface').first().waitFor();
    const step = await download(() => page.getByRole('button', { name: 'Save the step mode’s charts as PNG' }).click());
    expect(step.name).toBe('losslab-step-mode.png');
    const stepPng = readPng(step.bytes);
    expect(stepPng.text.Title).toBe('Step through descent');
    const stepSvg = await svgTexts((await download(() => page.getByRole('button', { name: 'Save the step mode’s charts as SVG' }).click())).bytes.toString('utf8'));
    expect(stepSvg.roles.panel).toEqual(expect.arrayContaining(['Squared error: surface', 'Cross-entropy: surface', 'Squared error: so far', 'Cross-entropy: so far', 'Squared error: the step from epoch 0', 'Cross-entropy: the step from epoch 0']));
    const split = await download(() => page.getByRole('button', { name: 'Save the gradient split as PNG' }).click());
    expect(readPng(split.bytes).text.Title).toBe('Gradient split');
  });

  it('exports Parquet equal byte for byte to the worker package’s writer on the same sweep computed in Node, readable by its reader', async () => {
    await page.locator('#tools').scrollIntoViewIfNeeded();
    const parquet = await download(() => page.locator('#export-parquet').click());
    expect(parquet.name).toBe('losslab-five-point-36runs.parquet');
    const json = JSON.parse((await download(() => page.locator('#export-json').click())).bytes.toString('utf8')) as { spec: unknown };
    // Read back with the worker's reader: 36 rows, the same spec as the JSON export in its metadata.
    const bytes = new Uint8Array(parquet.bytes);
    const readAt = (offset: number, length: number) => bytes.subarray(offset, offset + length);
    const footer = readParquetFooter(readAt, bytes.length);
    expect(footer.rows).toBe(36);
    const header = JSON.parse(footer.metadata.get('losslab.header')!) as { spec: unknown };
    expect(header.spec).toEqual(json.spec);
    expect(footer.metadata.get('losslab')).toBe(APP_VERSION);
    expect(readRowGroup(readAt, footer, 0).length).toBe(footer.columns.length);
    // The same sweep computed here in Node (the kernel in-process, not the app's workers), written by the worker's writer.
    const plan = planSweep(json.spec);
    const result = allocateResult(plan);
    writeChunk(result, runChunk(plan, 0, plan.runCount));
    const expected = Buffer.concat([...resultParquetChunks(plan, result, resultHeader(plan, APP_VERSION))]);
    expect(parquet.bytes.equals(expected)).toBe(true);
  });
});
