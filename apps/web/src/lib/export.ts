// What the app exports: result files in `losslab sweep`'s formats (written by @losslab/worker's
// result-file functions, so the app and the CLI read each other's files), a PNG of a view, and a
// "reproduce this run" snippet that calls @losslab/core. Loaded on demand (dynamic import).

import { parseResultJson, resultCsvChunks, resultHeader, resultJsonChunks, type ParsedResult, type ResultRuns, type SweepPlan } from '@losslab/worker';
import { BROWSER_LIMITS } from './draft.js';
import { isMoved, type ConfigRef } from './state.js';
import { configRun } from './config-run.js';
import { APP_VERSION } from './version.js';

/** A sweep's result file, JSON or CSV, exactly as `losslab sweep --format json|csv` writes it for the same spec. */
export function resultFile(plan: SweepPlan, runs: ResultRuns, format: 'json' | 'csv'): Blob {
  const header = resultHeader(plan, APP_VERSION);
  const chunks = format === 'json' ? resultJsonChunks(plan, runs, header) : resultCsvChunks(plan, runs, header);
  return new Blob([...chunks], { type: format === 'json' ? 'application/json' : 'text/csv' });
}

/** The text of a sweep's JSON result file (for tests and small sweeps). */
export function resultFileText(plan: SweepPlan, runs: ResultRuns): string {
  return [...resultJsonChunks(plan, runs, resultHeader(plan, APP_VERSION))].join('');
}

/**
 * Reads a JSON result file (the app's export, `losslab sweep`'s, a shard's or `losslab merge`'s)
 * with the browser's limits. The text only goes to JSON.parse; its spec is planned again and every
 * run checked (@losslab/worker's parseResultJson). Throws a SyntaxError or a ResultFileError.
 */
export function readResultFile(text: string): ParsedResult {
  return parseResultJson(text, BROWSER_LIMITS);
}

/** A file name for a sweep's exports: `losslab-<dataset>-<runs>runs.<ext>`. */
export function exportName(plan: SweepPlan, ext: string): string {
  const name = plan.data.name.replace(/[^A-Za-z0-9_-]+/g, '-').slice(0, 40) || 'data';
  return `losslab-${name}-${plan.runCount}runs.${ext}`;
}

/** Saves a Blob as a download (an object URL on a link that is clicked, then revoked). */
export function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A number as JavaScript source (the shortest text that reads back to the same double). */
function num(value: number): string {
  return Object.is(value, -0) ? '-0' : String(value);
}

function numbers(values: ArrayLike<number>): string {
  return `[${Array.from(values, num).join(', ')}]`;
}

/**
 * An ES module that reruns one config of the sweep (η, w0, b0) under each of the sweep's losses
 * with @losslab/core's train: the same data, η, initial weights, epochs and reduction, so it prints
 * the numbers the app shows. Built from numbers and fixed names only (a CSV's name goes through
 * JSON.stringify); shown as text.
 */
export function reproduceSnippet(plan: SweepPlan, config: ConfigRef): string {
  const runs = plan.losses.map((_, lossIndex) => configRun(plan, config, lossIndex));
  const run = runs[0]!;
  const spec = plan.spec.dataset;
  const imports = ['train', 'epochsToFit'];
  let data: string;
  if (spec === 'toy' || spec === 'five-point') {
    const name = spec === 'toy' ? 'toy' : 'fivePoint';
    imports.push(name);
    data = name;
  } else if (typeof spec === 'object' && 'generator' in spec) {
    const name = spec.generator === 'two-classes' ? 'twoClasses' : 'noisyThreshold';
    imports.push(name);
    data = `${name}(${JSON.stringify(spec)})`;
  } else {
    const { n, d, x, y } = plan.data;
    const rows = d === 1 ? numbers(x) : `[${Array.from({ length: n }, (_, i) => numbers(x.subarray(i * d, (i + 1) * d))).join(', ')}]`;
    data = `{ name: ${JSON.stringify(plan.data.name)}, x: ${rows}, y: ${numbers(y)} }`;
  }
  const w0 = plan.data.d === 1 ? num(run.w0[0]!) : numbers(run.w0);
  const tolerance = num(plan.tolerance);
  // Only what differs from core's defaults, so a plain run's snippet stays as it was.
  let extra = '';
  if (run.optimizer.name !== 'gd') extra += `, optimizer: ${JSON.stringify(run.optimizer)}`;
  if (run.batchSize < plan.data.n) extra += `, batchSize: ${run.batchSize}, shuffleSeed: ${plan.shuffleSeed}`;
  if (run.weightDecay !== 0) extra += `, weightDecay: ${num(run.weightDecay)}`;
  return [
    `// losslab: η = ${num(run.eta)}, w0 = ${w0}, b0 = ${num(run.b0)} (${isMoved(config) ? 'moved by hand from ' : ''}run${runs.length > 1 ? 's' : ''} ${runs.map((r) => r.index).join(' and ')} of the sweep), recomputed with @losslab/core.`,
    `import { ${imports.join(', ')} } from '@losslab/core';`,
    '',
    `const data = ${data};`,
    `for (const loss of ${JSON.stringify(runs.map((r) => r.loss))}) {`,
    `  const result = train({ data, loss, eta: ${num(run.eta)}, w0: ${w0}, b0: ${num(run.b0)}, epochs: ${plan.epochs}, reduction: '${plan.reduction}'${extra} });`,
    `  console.log(loss, 'final loss', result.losses.at(-1), 'w', Array.from(result.w), 'b', result.b);`,
    `  console.log(loss, 'epochs to fit (ε = ${tolerance})', epochsToFit(result.maxErrors, ${tolerance}));`,
    '}',
    '',
  ].join('\n');
}
