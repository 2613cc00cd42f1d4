// The README's API reference is checked against the code: every export is documented, and every
// `expression // → expected` line of its ```js blocks is evaluated and compared.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as core from '../src/index.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const indexSource = readFileSync(new URL('../src/index.ts', import.meta.url), 'utf8');
const reference = readme.slice(readme.indexOf('## API reference'));

/** The ```js blocks of the API reference, each as its lines. */
const blocks = [...reference.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]!.split('\n').filter((line) => line.trim() !== ''));

const names = Object.keys(core);
const values = names.map((name) => (core as Record<string, unknown>)[name]);
const evaluate = (source: string): unknown => new Function(...names, `return (${source});`)(...values);

/**
 * A result marked `(rounded)` matches to half a unit in its last digit; any other is exact (the
 * README says which results are rounded, so a reader can tell 0.9 from 0.8999999999999999).
 */
function expectMatches(actual: unknown, shown: string, line: string): void {
  const rounded = shown.endsWith(' (rounded)');
  const expectedSource = rounded ? shown.slice(0, -' (rounded)'.length) : shown;
  const expected = new Function(`return (${expectedSource});`)();
  const literal = /^-?\d+(?:\.(\d+))?(?:e([+-]?\d+))?$/.exec(expectedSource.trim());
  if (rounded) expect(typeof expected === 'number' && literal !== null, `(rounded) marks a number: ${line}`).toBe(true);
  if (rounded && typeof expected === 'number' && literal) {
    const unit = 10 ** (Number(literal[2] ?? 0) - (literal[1]?.length ?? 0));
    expect(typeof actual, line).toBe('number');
    expect(Math.abs((actual as number) - expected), line).toBeLessThanOrEqual(0.5 * unit + 4 * Number.EPSILON * Math.abs(expected));
  } else {
    expect(actual, line).toEqual(expected);
  }
}

describe('README', () => {
  it('documents every runtime export with an anchor', () => {
    const missing = names.filter((name) => !readme.includes(`<a name="${name}"`));
    expect(missing).toEqual([]);
  });

  it('names every exported type', () => {
    const types = [...indexSource.matchAll(/type (\w+)/g)].map((m) => m[1]!);
    expect(types.length).toBeGreaterThan(15);
    const missing = types.filter((type) => !new RegExp(`\\b${type}\\b`).test(readme));
    expect(missing).toEqual([]);
  });

  it(`every example in the API reference gives the result it shows (${blocks.length} blocks)`, () => {
    let checked = 0;
    for (const lines of blocks) {
      for (const line of lines) {
        const at = line.lastIndexOf(' // → ');
        expect(at, `example without a result: ${line}`).toBeGreaterThan(0);
        expectMatches(evaluate(line.slice(0, at)), line.slice(at + 6), line);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('has a Quick start heading followed by a js block and a text block of its output', () => {
    expect(readme).toMatch(/## Quick start\n\n```js\n[\s\S]+?```\n\nprints\n\n```text\n[\s\S]+?```/);
  });
});
