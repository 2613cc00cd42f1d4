// Result files that cannot be forged by accident (issue 12, finding 2): the runs' SHA-256 in the
// trailer, a merged file's per-shard checksums, and a sample of runs recomputed from the spec.
// Every corruption the issue lists is refused by parseResultJson, naming the field (and the run).

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  allocateResult,
  csvCell,
  csvUnescapeText,
  parseResultJson,
  planSweep,
  ResultFileError,
  resultHeader,
  resultJsonOpening,
  resultJsonClosing,
  resultToCsv,
  resultToJson,
  runChunk,
  RUN_FAILED,
  sampleIndices,
  toJson,
  writeChunk,
  type JsonValue,
  type SweepPlan,
  type SweepResult,
} from '../src/index.js';
import { gridPlan } from './support/sweeps.js';

function sweep(plan: SweepPlan): SweepResult {
  const result = allocateResult(plan);
  writeChunk(result, runChunk(plan, 0, plan.runCount));
  return result;
}

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

/** Expects parseResultJson to throw a ResultFileError at `field` with a message matching `message`. */
function refused(text: string, field: string, message: RegExp, samples?: number): void {
  let error: unknown;
  try {
    parseResultJson(text, {}, samples === undefined ? {} : { samples });
  } catch (e) {
    error = e;
  }
  expect(error, 'not refused').toBeInstanceOf(ResultFileError);
  expect((error as ResultFileError).field).toBe(field);
  expect((error as Error).message).toMatch(message);
}

const plan = gridPlan(40); // 768 runs
const result = sweep(plan);
const text = resultToJson(plan, result, resultHeader(plan, '0.1.0'));
const lines = text.split('\n');
/** Line number (0-based) of run r's record in `text`. */
const runLine = (r: number) => lines.indexOf('  "runs": [') + 1 + r;
/** `text` with run r's record replaced by `edit` of its object (the checksum left as it was). */
function withRun(r: number, edit: (run: Record<string, JsonValue>) => Record<string, JsonValue>, from = lines): string {
  const copy = [...from];
  const line = copy[runLine(r)]!;
  const comma = line.endsWith(',') ? ',' : '';
  copy[runLine(r)] = `    ${toJson(edit(JSON.parse(line.trim().replace(/,$/, '')) as Record<string, JsonValue>))}${comma}`;
  return copy.join('\n');
}
/** `edited` with its runsSha256 recomputed over its runs: a deliberate forgery, which only the recomputed sample can catch. */
function reSealed(edited: string): string {
  const file = JSON.parse(edited) as { runs: JsonValue[] };
  const digest = sha(file.runs.map((run) => `${toJson(run)}\n`).join(''));
  return edited.replace(/"runsSha256": "[0-9a-f]{64}"/, `"runsSha256": "${digest}"`);
}

describe('the trailer checksum', () => {
  it("is node:crypto's SHA-256 of the runs' lines as written (without indentation and commas), each with a line break", () => {
    const runs = lines.slice(runLine(0), runLine(plan.runCount)).map((line) => `${line.trim().replace(/,$/, '')}\n`);
    expect(lines.at(-3)).toBe(`  "runsSha256": "${sha(runs.join(''))}"`);
    expect(parseResultJson(text).runsSha256).toBe(sha(runs.join('')));
  });

  it('an edited number is refused (the checksum), naming runsSha256', () => {
    const r = 300; // not among the 16 recomputed runs
    expect(sampleIndices(plan, 0, plan.runCount)).not.toContain(r);
    const edited = withRun(r, (run) => ({ ...run, finalLoss: (run.finalLoss as number) * 1.0000001 }));
    refused(edited, 'runsSha256', /does not match the runs/);
  });

  it('an edited number with the checksum recomputed is refused by the recomputed sample, naming run and field', () => {
    const last = plan.runCount - 1;
    const edited = reSealed(withRun(last, (run) => ({ ...run, minLoss: 0.125 })));
    refused(edited, `runs[${last}].minLoss`, new RegExp(`is 0\\.125, but run ${last} recomputed from the file's spec gives `));
    const first = reSealed(withRun(0, (run) => ({ ...run, curve: (run.curve as number[]).map((v, k) => (k === 3 ? v + 1e-9 : v)) })));
    refused(first, 'runs[0].curve[3]', /recomputed from the file's spec gives/);
    const epochs = reSealed(withRun(0, (run) => ({ ...run, plateauLength: run.plateauLength === 0 ? 1 : 0 })));
    refused(epochs, 'runs[0].plateauLength', /recomputed/);
  });

  it('a stub record {"index":73} is refused, naming the first missing field', () => {
    refused(withRun(73, () => ({ index: 73 })), 'runs[73].loss', /is missing from run 73's record/);
  });

  it('an extra field and a renamed field are refused by name', () => {
    refused(withRun(5, (run) => ({ ...run, note: 'x' })), 'runs[5].note', /is not a field of run 5's record/);
    refused(withRun(5, ({ finalLoss, ...run }) => ({ ...run, final_loss: finalLoss! })), 'runs[5].final_loss', /is not a field/);
    refused(text.replace('"runsSha256"', '"runsSHA256"'), 'runsSHA256', /is not a field of a result file/);
  });

  it('a file without the checksum, or with a malformed one, is refused', () => {
    refused(text.replace(/,\n  "runsSha256": "[0-9a-f]{64}"/, ''), 'runsSha256', /is missing: every result file ends with the checksum/);
    refused(text.replace(/"runsSha256": "[0-9a-f]{64}"/, '"runsSha256": "abc"'), 'runsSha256', /64 lowercase hex digits/);
  });
});

describe('recomputed samples', () => {
  it('are spread over the range, the first and the last included, fewer for long runs (never fewer than 2)', () => {
    const picked = sampleIndices(plan, 0, plan.runCount);
    expect(picked).toHaveLength(16);
    expect(picked[0]).toBe(0);
    expect(picked.at(-1)).toBe(plan.runCount - 1);
    const gaps = picked.slice(1).map((v, k) => v - picked[k]!);
    expect(Math.max(...gaps) - Math.min(...gaps)).toBeLessThanOrEqual(1);
    expect(sampleIndices(plan, 10, 13)).toEqual([10, 11, 12]);
    const long = planSweep({ ...plan.spec, epochs: 10_000_000 } as unknown as Parameters<typeof planSweep>[0]);
    expect(sampleIndices(long, 0, long.runCount)).toEqual([0, long.runCount - 1]);
    expect(sampleIndices(plan, 0, plan.runCount, 0)).toEqual([]);
  });
});

describe('merged files', () => {
  it("are the unsharded file: its shards' runs joined have the unsharded runsSha256, and no field lists the shards", () => {
    // The shards' runs, concatenated in order, are the unsharded file's runs line for line, so the
    // checksum of the joined runs (computed here from the shards' own texts) is the unsharded one's.
    const runs = [1, 2, 3].flatMap((index) => {
      const shard = resultToJson(plan, result, resultHeader(plan, '0.1.0', { index, count: 3 })).split('\n');
      const from = shard.indexOf('  "runs": [') + 1;
      return shard.slice(from, shard.indexOf('  ],', from)).map((line) => line.replace(/,$/, ''));
    });
    const joined = `${resultJsonOpening(resultHeader(plan, '0.1.0'))}${runs.map((r, k) => `${k === 0 ? '' : ',\n'}${r}`).join('')}${resultJsonClosing(runs.length, { runsSha256: sha(runs.map((r) => `${r.trim()}\n`).join('')) })}`;
    expect(joined).toBe(text);
    const withShards = text.replace('  "runsSha256"', '  "mergedShards": [],\n  "runsSha256"');
    refused(withShards, 'mergedShards', /is not a field of a result file/);
  });
});

describe('CSV cells a spreadsheet would run', () => {
  it('text starting with =, +, -, @ (or the escape itself) gets a leading quote, and reads back', () => {
    for (const [text, cell] of [
      ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
      ['+1', "'+1"],
      ['-cmd', "'-cmd"],
      ['@SUM(A1)', "'@SUM(A1)"],
      ["'quoted", "''quoted"],
      ['RangeError: bad', 'RangeError: bad'],
    ] as const) {
      expect(csvCell(text)).toBe(cell);
      const unquoted = cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell;
      expect(csvUnescapeText(unquoted)).toBe(text);
    }
  });

  it('numbers stay numbers: a negative number is written as is', () => {
    expect(csvCell(-2)).toBe('-2');
    expect(csvCell(-0)).toBe('-0');
    expect(csvCell(-1.5e-7)).toBe('-1.5e-7');
  });

  it("a failed run's error message in an exported CSV is escaped", () => {
    const small = planSweep({ version: 1, dataset: 'toy', losses: ['se'], eta: [1], init: { w0: [-2, 2], b0: [0] }, epochs: 4, curve: 'none' });
    const runs = allocateResult(small);
    writeChunk(runs, runChunk(small, 0, 1));
    runs.failures.push({ start: 1, end: 2, message: '=1+1' });
    runs.status[1] = RUN_FAILED;
    const row = resultToCsv(small, runs, resultHeader(small, 'test')).split('\n')[2]!;
    expect(row.split(',').slice(0, 7)).toEqual(['1', 'se', '1', '2', '0', 'failed', "'=1+1"]);
    expect(row.split(',')[3]).toBe('2');
    const first = resultToCsv(small, runs, resultHeader(small, 'test')).split('\n')[1]!;
    expect(first.split(',')[3]).toBe('-2'); // w0 = −2, a number, not escaped
  });
});
