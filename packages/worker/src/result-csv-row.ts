// A row of a CSV result file back into its run record, the inverse of csvCells + csvCell, so that
// `losslab merge` checks CSV rows with the same readRun as JSON records, and writes them back in
// the canonical text. Cells are split by commas, "quoted" cells unquoted ("" is a quote).

import { csvColumns, type RunRecord } from './result-record.js';
import { fieldCsvColumns, fieldIsList, fieldIsText, resultFields } from './result-schema.js';
import { ResultFileError } from './result-file-error.js';
import { csvUnescapeText, type JsonValue } from './result-text.js';
import type { SweepPlan } from './spec.js';

// A number as csvCell writes one (JavaScript's shortest form, −0 as "-0"); anything else stays text.
const NUMBER = /^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** The cells of one CSV line; `at` names the line in errors (an unterminated quote). */
export function splitCsvRow(line: string, at: string): string[] {
  const cells: string[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let cell = '';
      i++;
      for (;;) {
        const close = line.indexOf('"', i);
        if (close < 0) throw new ResultFileError(at, `cell ${cells.length + 1} opens a quote that the line does not close`);
        cell += line.slice(i, close);
        if (line[close + 1] === '"') {
          cell += '"';
          i = close + 2;
        } else {
          i = close + 1;
          break;
        }
      }
      if (i < line.length && line[i] !== ',') throw new ResultFileError(at, `cell ${cells.length + 1} has text after its closing quote`);
      cells.push(cell);
    } else {
      const comma = line.indexOf(',', i);
      cells.push(comma < 0 ? line.slice(i) : line.slice(i, comma));
      i = comma < 0 ? line.length : comma;
    }
    if (i >= line.length) return cells;
    i++; // the comma
    if (i === line.length) {
      cells.push('');
      return cells;
    }
  }
}

/** A numeric cell: '' → null, a number as written → that number, anything else the text (readRun names it). */
function numberCell(cell: string): JsonValue {
  if (cell === '') return null;
  return NUMBER.test(cell) ? Number(cell) : cell;
}

/**
 * The record of a CSV row of `plan`'s result file (as csvColumns and csvCells lay it out): numbers
 * as numbers, empty cells as null, text cells unescaped; a done run's empty error cell is left out,
 * as the JSON record has no error. `at` names the row in errors: a row whose cell count is not the
 * columns' is refused (a cut row, an extra column). The record is then for readRun to check.
 */
export function csvRowRecord(plan: SweepPlan, line: string, at: string): RunRecord {
  const columns = csvColumns(plan);
  const cells = splitCsvRow(line, at);
  if (cells.length !== columns.length) throw new ResultFileError(at, `has ${cells.length} cells, but the file's ${columns.length} columns are ${columns.slice(0, 3).join(',')},…,${columns.at(-1)}`);
  const d = plan.data.d;
  let c = 0;
  const record: RunRecord = {};
  for (const field of resultFields(plan)) {
    // Text as csvCell escaped it; an empty cell of a nullable text field (outcome) is null.
    const read = (cell: string): JsonValue => (!fieldIsText(field) ? numberCell(cell) : cell === '' && field.nullable ? null : csvUnescapeText(cell));
    if (field.encoding === 'error') {
      // A done run's record has no error (its cell is empty); a failed run's message may be ''.
      const cell = cells[c++]!;
      if (record.status !== 'done' || cell !== '') record[field.name] = csvUnescapeText(cell);
      continue;
    }
    const width = fieldCsvColumns(field, plan).length;
    const values = cells.slice(c, c + width).map(read);
    c += width;
    record[field.name] = fieldIsList(field, d) ? values : values[0]!;
  }
  return record;
}
