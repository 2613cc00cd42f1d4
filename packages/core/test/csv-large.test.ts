import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsv, parseDecimal } from '../src/index.js';

// A second, plain implementation of the CSV contract (split into lines, trim, split at commas,
// a regular expression per cell), to compare the one-pass parser with on large and random inputs.
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function referenceNumber(cell: string): number | undefined {
  if (!DECIMAL.test(cell)) return undefined;
  const value = Number(cell);
  return Number.isFinite(value) ? value : undefined;
}

type Parsed = { n: number; d: number; x: number[]; y: number[] } | { error: string; kind: string };

function referenceParse(text: string): Parsed {
  const x: number[] = [];
  const y: number[] = [];
  let columns = -1;
  let header = false;
  const lines = text.split(/\r?\n/);
  const fail = (kind: string, error: string): Parsed => ({ kind, error });
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '' || line[0] === '#') continue;
    const cells = line.split(',').map((c) => c.trim());
    const values = cells.map(referenceNumber);
    if (columns < 0) {
      columns = cells.length;
      if (values.every((v) => v === undefined)) {
        header = true;
        if (columns < 2) return fail('SyntaxError', `line ${i + 1}: a CSV needs at least two columns (features, then the label), got ${columns}`);
        continue;
      }
      if (columns < 2) return fail('SyntaxError', `line ${i + 1}: a CSV needs at least two columns (features, then the label), got ${columns}`);
    }
    if (cells.length !== columns) return fail('SyntaxError', `line ${i + 1}: expected ${columns} columns like the first row, got ${cells.length}`);
    const bad = values.findIndex((v) => v === undefined);
    if (bad >= 0) return fail('SyntaxError', `line ${i + 1}, column ${bad + 1}: ${JSON.stringify(cells[bad])} is not a number`);
    const label = values[columns - 1]!;
    if (!(label >= 0 && label <= 1)) return fail('RangeError', `line ${i + 1}, column ${columns}: the label must be in [0, 1], got ${cells[columns - 1]}`);
    for (let j = 0; j < columns - 1; j++) x.push(values[j]!);
    y.push(label);
  }
  if (y.length === 0) return fail('SyntaxError', header ? 'the CSV has a header but no data rows' : 'the CSV is empty: expected rows of numbers, the label last');
  return { n: y.length, d: columns - 1, x, y };
}

function actualParse(text: string): Parsed {
  try {
    const data = parseCsv(text);
    return { n: data.n, d: data.d, x: Array.from(data.x), y: Array.from(data.y) };
  } catch (e) {
    return { kind: (e as Error).name, error: (e as Error).message };
  }
}

/** A ~5 MB CSV in every accepted form: header, comments, blank lines, CRLF, spaces, exponents, signs. */
function largeCsv(bytes: number): string {
  let state = 7;
  const random = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
  const forms = [
    (v: number) => v.toFixed(6),
    (v: number) => v.toExponential(3),
    (v: number) => String(v),
    (v: number) => ` ${v.toPrecision(4)}\t`,
    (v: number) => (v >= 0 ? `+${v}` : String(v)),
    (v: number) => String(Math.round(v)),
  ];
  const parts = ['# generated\r\n', 'a, b ,c,label\n', '\n'];
  let length = 0;
  while (length < bytes) {
    const cells: string[] = [];
    for (let j = 0; j < 3; j++) cells.push(forms[Math.floor(random() * forms.length)]!((random() - 0.5) * 10 ** Math.floor(random() * 8 - 4)));
    cells.push(random() < 0.2 ? random().toFixed(3) : random() < 0.5 ? '0' : '1');
    const end = random() < 0.1 ? '\r\n' : random() < 0.02 ? '\n\n# note\n' : '\n';
    const line = cells.join(',') + end;
    parts.push(line);
    length += line.length;
  }
  return parts.join('');
}

describe('parseCsv against a plain reference parser', () => {
  it('a generated 5 MB CSV parses to the same dataset as the reference', () => {
    const text = largeCsv(5 * 1024 * 1024);
    expect(text.length).toBeGreaterThan(5 * 1024 * 1024);
    const expected = referenceParse(text);
    const data = parseCsv(text);
    if ('error' in expected) throw new Error(`reference refused the generated CSV: ${expected.error}`);
    expect([data.n, data.d]).toEqual([expected.n, expected.d]);
    expect(data.n).toBeGreaterThan(100_000);
    // Element by element (toEqual on 400k-element arrays is slow): bit-identical doubles.
    let mismatches = 0;
    for (let k = 0; k < expected.x.length; k++) if (!Object.is(data.x[k], expected.x[k])) mismatches++;
    for (let i = 0; i < expected.y.length; i++) if (!Object.is(data.y[i], expected.y[i])) mismatches++;
    expect(mismatches).toBe(0);
  });

  it('random small CSVs: the same dataset, or the same error with the same message', () => {
    const cell = fc.oneof(
      fc.constantFrom('0', '1', '0.5', '-2', '+3', '.5', '5.', '1e3', '1E-2', '1e400', '', ' ', 'x', 'NaN', 'Infinity', '0x10', '1.2.3', '--1', 'e5', '1e', '\u00a01\u3000', '\ufeff0'),
      fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
      fc.stringMatching(/^[ \t]{0,2}[-+]?[0-9]{0,3}\.?[0-9]{0,3}([eE][-+]?[0-9]{0,2})?[ \t]{0,2}$/),
    );
    const line = fc.oneof(
      { weight: 8, arbitrary: fc.array(cell, { minLength: 1, maxLength: 4 }).map((cells) => cells.join(',')) },
      { weight: 1, arbitrary: fc.constantFrom('', '   ', '# comment', ' #x,y', 'a,b', 'a,b,c') },
    );
    const csv = fc.tuple(fc.array(line, { maxLength: 8 }), fc.constantFrom('\n', '\r\n')).map(([lines, end]) => lines.join(end));
    fc.assert(
      fc.property(csv, (text) => {
        expect(actualParse(text)).toEqual(referenceParse(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('parseDecimal agrees with the regular expression it replaced, on any string', () => {
    const text = fc.oneof(
      fc.string(),
      fc.stringMatching(/^[-+]?[0-9]{0,4}\.?[0-9]{0,4}([eE][-+]?[0-9]{0,3})?[a-z ]?$/),
    );
    fc.assert(
      fc.property(text, (s) => {
        expect(parseDecimal(s)).toBe(referenceNumber(s));
      }),
      { numRuns: 5000 },
    );
  });

  it('a long run of digits that ends badly is refused (the old expression backtracked on it)', () => {
    const digits = '1'.repeat(200_000);
    expect(parseDecimal(`${digits}x`)).toBeUndefined();
    expect(parseDecimal(`${digits}.${digits}e`)).toBeUndefined();
    expect(parseDecimal(`0.${digits}`)).toBe(Number(`0.${digits}`));
  });
});
