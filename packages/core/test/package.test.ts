// "Consumed alone": pack @losslab/core as npm would publish it, install the tarball into an empty
// folder with npm (offline: the package has no dependencies), and run plain Node programs that
// import '@losslab/core' there, the README's quick start among them. This tests the built dist/,
// so `tsc -p tsconfig.build.json` (turbo's build task) must have run first.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const TIMEOUT = 300_000; // a hang guard for pnpm pack / npm install / tsc, not a speed limit

/** The files of a .tgz, as tar stores them (ustar: name at 0, size at 124, prefix at 345). */
function tarEntries(tgz: Buffer): Map<string, Buffer> {
  const tar = gunzipSync(tgz);
  const files = new Map<string, Buffer>();
  const text = (start: number, length: number) => tar.subarray(start, start + length).toString('utf8').replace(/\0.*$/s, '');
  for (let offset = 0; offset + 512 <= tar.length; ) {
    const name = text(offset, 100);
    if (name === '') break;
    const prefix = text(offset + 345, 155);
    const size = parseInt(text(offset + 124, 12).trim() || '0', 8);
    const type = text(offset + 156, 1);
    if (type === '0' || type === '') files.set(prefix ? `${prefix}/${name}` : name, tar.subarray(offset + 512, offset + 512 + size));
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}

function run(command: string, args: string[], cwd: string): string {
  return execFileSync(command, args, { cwd, encoding: 'utf8', timeout: TIMEOUT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
}

let scratch = '';
let tarball = '';
let consumer = '';

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'losslab-core-pack-'));
  run('pnpm', ['pack', '--pack-destination', scratch], packageDir);
  const packed = readdirSync(scratch).filter((f) => f.endsWith('.tgz'));
  expect(packed).toHaveLength(1);
  tarball = join(scratch, packed[0]!);
  consumer = join(scratch, 'consumer');
  execFileSync('mkdir', [consumer]);
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  // A private cache and --offline: nothing is fetched, and nothing needs to be.
  run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--cache', join(scratch, 'npm-cache'), tarball], consumer);
}, TIMEOUT);

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

/** The README's quick start: its code and the output it shows. */
function quickStart(): [code: string, printed: string] {
  const readme = readFileSync(join(packageDir, 'README.md'), 'utf8');
  const match = /## Quick start\n\n```js\n([\s\S]+?)```\n\nprints\n\n```text\n([\s\S]+?)```/.exec(readme);
  expect(match, 'README: "## Quick start", a ```js block, "prints", a ```text block').not.toBe(null);
  return [match![1]!, match![2]!];
}

/** Writes `source` as an ES module in the consumer folder and runs it with plain node. */
function runInConsumer(file: string, source: string): string {
  writeFileSync(join(consumer, file), source);
  return run(process.execPath, [file], consumer);
}

describe('the packed tarball', () => {
  it('holds only dist/, README.md, LICENSE and package.json', () => {
    const names = [...tarEntries(readFileSync(tarball)).keys()];
    const unexpected = names.filter((name) => !/^package\/(dist\/.+|README\.md|LICENSE|package\.json)$/.test(name));
    expect(unexpected).toEqual([]);
    for (const required of ['package/package.json', 'package/README.md', 'package/LICENSE', 'package/dist/index.js', 'package/dist/index.d.ts']) expect(names).toContain(required);
  });

  it('ships no declaration maps (they would point at src/, which is not shipped)', () => {
    const maps = [...tarEntries(readFileSync(tarball)).keys()].filter((name) => name.endsWith('.d.ts.map'));
    expect(maps).toEqual([]);
  });

  it('has a package.json with zero dependencies, ESM exports and types, and the Node versions it supports', () => {
    const manifest = JSON.parse(tarEntries(readFileSync(tarball)).get('package/package.json')!.toString('utf8'));
    expect(manifest.engines).toEqual({ node: '>=20.19' });
    expect(manifest.name).toBe('@losslab/core');
    expect(manifest.dependencies ?? {}).toEqual({});
    expect(manifest.peerDependencies ?? {}).toEqual({});
    expect(manifest.optionalDependencies ?? {}).toEqual({});
    expect(manifest.type).toBe('module');
    expect(manifest.exports['.']).toEqual({ types: './dist/index.d.ts', default: './dist/index.js' });
    expect(manifest.files).toContain('LICENSE');
  });

  it('installs alone: npm adds @losslab/core and nothing else', () => {
    expect(readdirSync(join(consumer, 'node_modules')).filter((f) => !f.startsWith('.'))).toEqual(['@losslab']);
    expect(readdirSync(join(consumer, 'node_modules', '@losslab'))).toEqual(['core']);
  });
});

describe("plain node importing '@losslab/core'", () => {
  it("runs the lecture's example and prints values that match the closed forms", () => {
    const output = runInConsumer(
      'lecture.mjs',
      `import { crossEntropy, predict, sigmoidSlope, toy, train } from '@losslab/core';
const options = { data: toy, eta: 1, w0: -2, b0: -2, epochs: 1000 };
const se = train({ ...options, loss: 'se' });
const ce = train({ ...options, loss: 'ce' });
console.log(JSON.stringify({
  ceW: ce.w[0], ceB: ce.b, seW: se.w[0], seB: se.b,
  ceLast: ce.losses[999], seLoss63: se.losses[63], seLoss83: se.losses[83],
  fit: [predict(ce.w, ce.b, 0.5), predict(ce.w, ce.b, 2.5)],
  ce40: crossEntropy.value(40, 1), slope40: sigmoidSlope(40),
}));
`,
    );
    const result = JSON.parse(output) as Record<string, number> & { fit: number[] };
    const logit = (p: number) => Math.log(p / (1 - p));
    const h = (y: number) => -(y * Math.log(y) + (1 - y) * Math.log(1 - y));
    const exactW = (logit(0.9) - logit(0.2)) / 2;
    const exactB = logit(0.2) - 0.5 * exactW;
    expect(Math.abs(result.ceW! - exactW)).toBeLessThan(1e-8);
    expect(Math.abs(result.ceB! - exactB)).toBeLessThan(1e-8);
    expect(Math.abs(result.seW! - exactW)).toBeLessThan(1e-4);
    expect(Math.abs(result.seB! - exactB)).toBeLessThan(1e-4);
    expect(Math.abs(result.ceLast! - (h(0.2) + h(0.9)))).toBeLessThan(1e-12);
    expect(result.seLoss63).toBeGreaterThanOrEqual(0.4);
    expect(result.seLoss83).toBeLessThan(0.1);
    expect(result.fit[0]).toBeCloseTo(0.2, 8);
    expect(result.fit[1]).toBeCloseTo(0.9, 8);
    const e = Math.exp(-40);
    expect(Math.abs(result.ce40! - e) / e).toBeLessThan(4 * Number.EPSILON);
    expect(Math.abs(result.slope40! - e / (1 + e) ** 2) / e).toBeLessThan(4 * Number.EPSILON);
  });

  it("runs the README's quick start and prints exactly what the README says", () => {
    const [code, printed] = quickStart();
    expect(code).toContain("from '@losslab/core'");
    expect(runInConsumer('quick-start.mjs', code)).toBe(printed);
  });

  it("type-checks the README's quick start as TypeScript, strict and with noUncheckedIndexedAccess", () => {
    writeFileSync(join(consumer, 'quick-start.ts'), quickStart()[0]);
    writeFileSync(
      join(consumer, 'tsconfig.quick-start.json'),
      JSON.stringify({ compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', lib: ['es2023', 'dom'], strict: true, noUncheckedIndexedAccess: true, noEmit: true, types: [] }, files: ['quick-start.ts'] }),
    );
    const tsc = fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url));
    expect(() => run(process.execPath, [tsc, '-p', 'tsconfig.quick-start.json'], consumer)).not.toThrow();
  });

  it('the installed copy is the built dist/, not the workspace source', () => {
    const output = runInConsumer('resolve.mjs', "console.log(import.meta.resolve('@losslab/core'));");
    expect(output.trim()).toMatch(/\/consumer\/node_modules\/@losslab\/core\/dist\/index\.js$/);
  });

  it('its types resolve for a TypeScript consumer (exports → types)', () => {
    writeFileSync(
      join(consumer, 'check.ts'),
      `import { train, type TrainResult } from '@losslab/core';
const run: TrainResult = train({ data: { x: [0.5, 2.5], y: [0.2, 0.9] }, loss: 'ce', eta: 1, epochs: 10 });
const w: Float64Array = run.w;
// @ts-expect-error: 'mse' is not a LossName
train({ data: { x: [1], y: [0] }, loss: 'mse', eta: 1, epochs: 1 });
export { w };
`,
    );
    writeFileSync(
      join(consumer, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', lib: ['es2023'], strict: true, noEmit: true, types: [] }, files: ['check.ts'] }),
    );
    const tsc = fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url));
    expect(() => run(process.execPath, [tsc, '-p', 'tsconfig.json'], consumer)).not.toThrow();
  });
});
