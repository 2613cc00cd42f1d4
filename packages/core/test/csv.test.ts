import { describe, expect, it } from 'vitest';
import { parseCsv } from '../src/index.js';

/** The error `parse` throws (fails if it throws none). */
function errorOf(parse: () => unknown): Error {
  try {
    parse();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error');
}

describe('parseCsv', () => {
  it('reads features then the label, with a header', () => {
    const data = parseCsv('x1,x2,label\n1,2,0\n3.5,-4,1\n', { name: 'mine' });
    expect([data.name, data.n, data.d]).toEqual(['mine', 2, 2]);
    expect(Array.from(data.x)).toEqual([1, 2, 3.5, -4]);
    expect(Array.from(data.y)).toEqual([0, 1]);
  });

  it('reads data without a header, the name defaulting to csv', () => {
    const data = parseCsv('0.5,0.2\n2.5,0.9');
    expect([data.name, data.n, data.d]).toEqual(['csv', 2, 1]);
    expect(Array.from(data.x)).toEqual([0.5, 2.5]);
    expect(Array.from(data.y)).toEqual([0.2, 0.9]);
  });

  it('accepts CRLF line ends, blank lines, # comments, spaces around cells and exponents', () => {
    const data = parseCsv('# the lecture\r\n\r\nx, y\r\n  0.5 , 0.2 \r\n\r\n# a comment\r\n2.5e0,.9\r\n');
    expect(Array.from(data.x)).toEqual([0.5, 2.5]);
    expect(Array.from(data.y)).toEqual([0.2, 0.9]);
  });

  it('a non-numeric cell: SyntaxError naming the line and the column', () => {
    const error = errorOf(() => parseCsv('x,y\n1,0\n2,1\nabc,0\n'));
    expect(error).toBeInstanceOf(SyntaxError);
    expect(error.message).toBe('line 4, column 1: "abc" is not a number');
    const second = errorOf(() => parseCsv('1,0\n2,zz\n'));
    expect(second.message).toBe('line 2, column 2: "zz" is not a number');
  });

  it('counts comment and blank lines in the line numbers', () => {
    expect(errorOf(() => parseCsv('# c\n\n1,0\n1,x\n')).message).toMatch(/^line 4, column 2/);
  });

  it('a ragged row: SyntaxError naming the line and the column counts', () => {
    const error = errorOf(() => parseCsv('1,2,0\n3,1\n'));
    expect(error).toBeInstanceOf(SyntaxError);
    expect(error.message).toBe('line 2: expected 3 columns like the first row, got 2');
  });

  it('a label outside [0, 1]: RangeError naming the line, the column and the value', () => {
    const error = errorOf(() => parseCsv('x,y\n1,0\n2,1.5\n'));
    expect(error).toBeInstanceOf(RangeError);
    expect(error.message).toBe('line 3, column 2: the label must be in [0, 1], got 1.5');
    expect(errorOf(() => parseCsv('1,2,-1\n')).message).toMatch(/^line 1, column 3: .*got -1$/);
  });

  it('empty input and a header with no rows are SyntaxErrors that say so', () => {
    for (const text of ['', '\n\n', '# only a comment\n']) {
      const error = errorOf(() => parseCsv(text));
      expect(error).toBeInstanceOf(SyntaxError);
      expect(error.message).toContain('empty');
    }
    const header = errorOf(() => parseCsv('x,y\n'));
    expect(header).toBeInstanceOf(SyntaxError);
    expect(header.message).toContain('header but no data rows');
  });

  it('one column is not enough: features and a label are needed', () => {
    expect(errorOf(() => parseCsv('1\n2\n')).message).toBe('line 1: a CSV needs at least two columns (features, then the label), got 1');
    expect(errorOf(() => parseCsv('y\n1\n')).message).toMatch(/^line 1: a CSV needs at least two columns/);
  });

  it('numbers that overflow, hex and Infinity are not numbers here', () => {
    expect(errorOf(() => parseCsv('1e400,0\n')).message).toMatch(/column 1: "1e400" is not a number/);
    expect(errorOf(() => parseCsv('0x10,0\n')).message).toMatch(/"0x10" is not a number/);
    expect(errorOf(() => parseCsv('Infinity,0\n1,1\n')).message).toMatch(/line 1, column 1: "Infinity" is not a number/);
  });

  it('text that is not a string: TypeError', () => {
    expect(() => parseCsv(42 as unknown as string)).toThrow(TypeError);
  });
});
