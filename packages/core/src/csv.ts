// CSV text → dataset. Plain comma-separated numbers, the label in the last column.
//
// One pass over the text by character codes, numbers straight into growing Float64Arrays: no
// array of lines, no array of cells, no regular expression per cell. The only strings made are
// one per cell for Number() (which gives the correctly rounded double) and the texts of errors.
// Linear in the text's length: ~tens of ms per MB (see scripts/bench-csv.mjs).

import { dataset, type Dataset } from './dataset.js';
import { isDecimal } from './decimal.js';

/** Options of {@link parseCsv}. */
export interface ParseCsvOptions {
  /** Name of the resulting dataset, default 'csv'. */
  name?: string;
}

/**
 * Parses CSV text into a {@link Dataset}: one point per line, features first and the label (in
 * [0, 1]) in the last column; at least two columns. A first line that is not numeric is taken as a
 * header. Blank lines and lines starting with '#' are skipped; '\r\n' line ends are accepted.
 * Errors are SyntaxErrors or RangeErrors naming the line and column (both from 1), e.g.
 * `line 4, column 2: "abc" is not a number`. No quoting: cells are numbers. Cells are trimmed of
 * white space as String.prototype.trim does. Time and memory are linear in the text's length.
 */
export function parseCsv(text: string, options: ParseCsvOptions = {}): Dataset {
  if (typeof text !== 'string') throw new TypeError(`CSV text must be a string, got ${typeof text}`);
  const length = text.length;
  let columns = -1;
  let sawHeader = false;
  let n = 0;
  // Capacity guessed from the size (a row is at least 4 characters: "1,0\n"), grown by doubling.
  let rows = Math.max(16, Math.min(1 << 16, length >>> 4));
  let x: Float64Array<ArrayBuffer> = new Float64Array(rows);
  let y: Float64Array<ArrayBuffer> = new Float64Array(rows);
  let row: Float64Array<ArrayBuffer> = new Float64Array(8); // the current line's values, before its column count is known
  let lineNumber = 0;
  let lineStart = 0;
  while (lineStart <= length) {
    lineNumber++;
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = length;
    const next = lineEnd + 1;
    // The line trimmed ('\r' of '\r\n' included: it is white space to trim()).
    let start = lineStart;
    let end = lineEnd;
    while (start < end && isSpace(text.charCodeAt(start))) start++;
    while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
    lineStart = next;
    if (start === end || text.charCodeAt(start) === 35) continue; // blank, or '#'
    // Cells: split at commas, each trimmed; the first cell that is not a number is remembered
    // but counting goes on, because a wrong column count is the error reported first.
    let cells = 0;
    let badColumn = -1;
    let badStart = 0;
    let badEnd = 0;
    let numeric = 0;
    let cellStart = start;
    for (;;) {
      let comma = text.indexOf(',', cellStart);
      if (comma < 0 || comma > end) comma = end;
      let s = cellStart;
      let e = comma;
      while (s < e && isSpace(text.charCodeAt(s))) s++;
      while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
      let value = Number.NaN;
      if (isDecimal(text, s, e)) value = Number(text.slice(s, e));
      if (Number.isFinite(value)) {
        numeric++;
      } else if (badColumn < 0) {
        badColumn = cells;
        badStart = s;
        badEnd = e;
      }
      if (cells === row.length) row = grow(row, cells * 2);
      row[cells] = value;
      cells++;
      if (comma === end) break;
      cellStart = comma + 1;
    }
    if (columns < 0) {
      if (numeric === 0) {
        sawHeader = true;
        columns = cells;
        if (columns < 2) throw new SyntaxError(`line ${lineNumber}: a CSV needs at least two columns (features, then the label), got ${columns}`);
        continue;
      }
      columns = cells;
      if (columns < 2) throw new SyntaxError(`line ${lineNumber}: a CSV needs at least two columns (features, then the label), got ${columns}`);
    }
    if (cells !== columns) throw new SyntaxError(`line ${lineNumber}: expected ${columns} columns like the first row, got ${cells}`);
    if (badColumn >= 0) throw new SyntaxError(`line ${lineNumber}, column ${badColumn + 1}: ${JSON.stringify(text.slice(badStart, badEnd))} is not a number`);
    const d = columns - 1;
    const label = row[d]!;
    if (!(label >= 0 && label <= 1)) {
      throw new RangeError(`line ${lineNumber}, column ${columns}: the label must be in [0, 1], got ${lastCell(text, start, end)}`);
    }
    if (n === rows) {
      rows *= 2;
      y = grow(y, rows);
    }
    if ((n + 1) * d > x.length) x = grow(x, Math.max(x.length * 2, (n + 1) * d));
    for (let j = 0; j < d; j++) x[n * d + j] = row[j]!;
    y[n] = label;
    n++;
  }
  if (n === 0) throw new SyntaxError(sawHeader ? 'the CSV has a header but no data rows' : 'the CSV is empty: expected rows of numbers, the label last');
  const d = columns - 1;
  return dataset({ name: options.name ?? 'csv', n, d, x: x.slice(0, n * d), y: y.slice(0, n) } as Dataset);
}

/** A copy of `array` with room for `size` values. */
function grow(array: Float64Array, size: number): Float64Array<ArrayBuffer> {
  const bigger = new Float64Array(size);
  bigger.set(array);
  return bigger;
}

/** The last cell of the trimmed line [start, end), trimmed: the label's text for its error. */
function lastCell(text: string, start: number, end: number): string {
  let s = text.lastIndexOf(',', end - 1) + 1;
  if (s < start) s = start;
  while (s < end && isSpace(text.charCodeAt(s))) s++;
  return text.slice(s, end);
}

/** White space and line terminators as String.prototype.trim removes them (ECMA-262 WhiteSpace, LineTerminator). */
function isSpace(code: number): boolean {
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13);
  if (code < 160) return false;
  return code === 160 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}
