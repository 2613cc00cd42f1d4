// CSV text → dataset. Plain comma-separated numbers, the label in the last column.

import { dataset, type Dataset } from './dataset.js';
import { parseDecimal } from './decimal.js';

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
 * `line 4, column 2: "abc" is not a number`. No quoting: cells are numbers.
 */
export function parseCsv(text: string, options: ParseCsvOptions = {}): Dataset {
  if (typeof text !== 'string') throw new TypeError(`CSV text must be a string, got ${typeof text}`);
  const lines = text.split(/\r?\n/);
  const x: number[][] = [];
  const y: number[] = [];
  let columns = -1;
  let sawHeader = false;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!.trim();
    const lineNumber = index + 1;
    if (line === '' || line.startsWith('#')) continue;
    const cells = line.split(',').map((c) => c.trim());
    const numbers = cells.map(parseCell);
    if (columns < 0 && !sawHeader && numbers.some((v) => v === undefined)) {
      if (numbers.every((v) => v === undefined)) {
        sawHeader = true;
        columns = cells.length;
        if (columns < 2) throw new SyntaxError(`line ${lineNumber}: a CSV needs at least two columns (features, then the label), got ${columns}`);
        continue;
      }
    }
    if (columns < 0) {
      columns = cells.length;
      if (columns < 2) throw new SyntaxError(`line ${lineNumber}: a CSV needs at least two columns (features, then the label), got ${columns}`);
    }
    if (cells.length !== columns) throw new SyntaxError(`line ${lineNumber}: expected ${columns} columns like the first row, got ${cells.length}`);
    for (let c = 0; c < columns; c++) {
      const v = numbers[c];
      if (v === undefined) throw new SyntaxError(`line ${lineNumber}, column ${c + 1}: ${JSON.stringify(cells[c])} is not a number`);
    }
    const label = numbers[columns - 1]!;
    if (!(label >= 0 && label <= 1)) throw new RangeError(`line ${lineNumber}, column ${columns}: the label must be in [0, 1], got ${cells[columns - 1]}`);
    x.push(numbers.slice(0, columns - 1) as number[]);
    y.push(label);
  }
  if (y.length === 0) throw new SyntaxError(sawHeader ? 'the CSV has a header but no data rows' : 'the CSV is empty: expected rows of numbers, the label last');
  return dataset({ name: options.name ?? 'csv', x, y });
}

function parseCell(cell: string): number | undefined {
  return parseDecimal(cell);
}
