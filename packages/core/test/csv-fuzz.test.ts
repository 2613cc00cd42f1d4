// Fuzz (issue 12): parseCsv, which reads datasets users upload or pass with --data, either parses
// any text or refuses it with a SyntaxError/RangeError naming the line (and column), or saying
// that the file as a whole is empty. Nothing else is thrown: no TypeError from inside, no stack
// overflow, whatever the bytes.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../src/index.js';

/** Messages that are about the whole text rather than a line. */
const WHOLE_FILE = /^the CSV (is empty|has a header but no data rows)/;

function expectParsesOrNamesLine(text: string): void {
  let parsed;
  try {
    parsed = parseCsv(text);
  } catch (error) {
    expect(error instanceof SyntaxError || error instanceof RangeError, `${(error as Error).name}: ${(error as Error).message}`).toBe(true);
    expect((error as Error).message).toMatch(new RegExp(`^line \\d+(, column \\d+)?: |${WHOLE_FILE.source}`));
    return;
  }
  // Parsed: every label in [0, 1], every value finite, n × d features.
  expect(parsed.n).toBeGreaterThan(0);
  expect(parsed.x).toHaveLength(parsed.n * parsed.d);
  for (const v of parsed.x) expect(Number.isFinite(v)).toBe(true);
  for (const v of parsed.y) expect(v >= 0 && v <= 1).toBe(true);
}

/** CSV-like text: cells from numbers, near-numbers and junk, rows of varying widths, comments, blank lines, CRLF. */
const cell = fc.oneof(
  fc.double({ noNaN: false }).map(String),
  fc.integer({ min: -5, max: 5 }).map(String),
  fc.constantFrom('0', '1', '0.5', '-0', '1e309', '.5', '5.', '+1', '1e', 'e1', '--1', 'NaN', 'Infinity', '0x10', ' 1 ', '', 'abc', '"1"', '١', '1_000'),
  fc.string({ maxLength: 6 }),
);
const row = fc.oneof({ weight: 6, arbitrary: fc.array(cell, { minLength: 1, maxLength: 5 }).map((cells) => cells.join(',')) }, fc.constantFrom('', '#comment', 'x,y', '  ', '\r'));
const csvText = fc.tuple(fc.array(row, { maxLength: 12 }), fc.constantFrom('\n', '\r\n', '\r')).map(([rows, eol]) => rows.join(eol));

describe('parseCsv fuzz', () => {
  it('2000 CSV-like texts: parsed, or refused naming the line', () => {
    fc.assert(fc.property(csvText, expectParsesOrNamesLine), { numRuns: 2000 });
  });

  it('1000 arbitrary strings (any code units): parsed, or refused naming the line', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), expectParsesOrNamesLine), { numRuns: 1000 });
  });

  it('extremes: a 20,000-cell line, 20,000 lines, deep junk', () => {
    expectParsesOrNamesLine(`${'1,'.repeat(20_000)}0`);
    expectParsesOrNamesLine('0.5,1\n'.repeat(20_000));
    expectParsesOrNamesLine('['.repeat(100_000));
    expectParsesOrNamesLine('\0'.repeat(100_000));
  });
});
