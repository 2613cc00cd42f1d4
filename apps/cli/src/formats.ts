// The two output formats, written to an Output piece by piece so a large sweep never becomes one
// huge string. Numbers are printed as JavaScript prints doubles (the shortest text that parses
// back to the same double), with −0 kept as "-0"; NaN and ±Infinity never appear (they are null).
//
// JSON layout, relied on by `merge` (one run per line):
//   {
//     "losslab": "0.1.0",
//     "spec": {…},
//     "curveEpochs": […],
//     "runCount": R,
//     "shard": {"index":I,"count":N,"start":S,"end":E},   ← shard outputs only
//     "runs": [
//       {…},
//       {…}
//     ]
//   }
// CSV: a header row and one row per run; a shard's CSV starts with one more line,
// `#losslab {…}`, holding the JSON header fields (the spec and the shard).

import type { Output } from './output.js';
import type { OutputHeader, RunRecord } from './records.js';
import type { JsonValue } from './sweep-spec.js';

/** A number as output text: shortest round-trip form, "-0" for −0, "null" if not finite. */
export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return 'null';
  return Object.is(v, -0) ? '-0' : String(v);
}

/** Compact JSON text of a value (like JSON.stringify, but −0 stays "-0"). */
export function toJson(value: JsonValue): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'number':
      return formatNumber(value);
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
  }
  if (Array.isArray(value)) return `[${value.map(toJson).join(',')}]`;
  const parts: string[] = [];
  for (const [key, v] of Object.entries(value)) if (v !== undefined) parts.push(`${JSON.stringify(key)}:${toJson(v)}`);
  return `{${parts.join(',')}}`;
}

/** The header fields in output order. */
function headerEntries(header: OutputHeader): [string, JsonValue][] {
  const entries: [string, JsonValue][] = [
    ['losslab', header.losslab],
    ['spec', header.spec],
    ['curveEpochs', header.curveEpochs],
    ['runCount', header.runCount],
  ];
  if (header.shard) entries.push(['shard', { ...header.shard }]);
  return entries;
}

/** Writes a JSON document: the header, then the runs one per line. */
export async function writeJson(out: Output, header: OutputHeader, runs: Iterable<RunRecord> | AsyncIterable<RunRecord>): Promise<void> {
  let text = '{\n';
  for (const [key, value] of headerEntries(header)) text += `  ${JSON.stringify(key)}: ${toJson(value)},\n`;
  await out.write(`${text}  "runs": [\n`);
  let first = true;
  for await (const run of runs) {
    await out.write(`${first ? '' : ',\n'}    ${toJson(run)}`);
    first = false;
  }
  await out.write(`${first ? '' : '\n'}  ]\n}\n`);
}

/** The `#losslab {…}` line that starts a shard's CSV. */
export function csvMetaLine(header: OutputHeader): string {
  return `#losslab ${toJson(Object.fromEntries(headerEntries(header)))}\n`;
}

/** A CSV cell: numbers as in JSON, null as empty, strings quoted when they need it. */
export function csvCell(value: JsonValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return formatNumber(value);
  const text = String(value).replace(/\r?\n|\r/g, ' ');
  return /[",]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Writes CSV: the `#losslab` line for a shard, the header row, one row per run. */
export async function writeCsv(out: Output, header: OutputHeader, columns: readonly string[], rows: Iterable<readonly JsonValue[]>): Promise<void> {
  if (header.shard) await out.write(csvMetaLine(header));
  await out.write(`${columns.join(',')}\n`);
  for (const row of rows) await out.write(`${row.map(csvCell).join(',')}\n`);
}
