// `pnpm bench:web`: measures the built app in headless Chromium (playwright-core) and compares
// benchmark S1 with the CLI.
//   - the default sweep (32,768 runs): time from Run to the first results on screen, sweep time,
//     and the longest main-thread task while it runs (PerformanceObserver 'longtask');
//   - S1 (docs/design.md) run from the app's "Benchmark S1" preset: wall time (median of --repeat);
//   - the same sweep in the CLI (`node apps/cli/dist/cli.js bench --json`, all workers), if built;
//   - the ratio browser / CLI (the bar: within 1.3×).
//   - the initial JavaScript, gzipped (the bundle test's figure, which enforces its budget);
//   - a large sweep, the largest the app allows (4,000,000 runs: the lecture's two points, both
//     losses, 16 η, a 250 × 500 grid, 100 epochs), opened from a link in the app and run through
//     the CLI (`losslab sweep`, Parquet to /dev/null) with the same number of workers: both wall
//     times, their ratio (the bar: within 1.1×), and the page's main thread during the app's sweep
//     (its busy fraction from Chromium's TaskDuration metric, and its longest task).
// Figures only: a figure past its bar (a main-thread task of 200 ms or more, the app more than 1.3×
// slower than the CLI) prints a warning on stderr, it does not fail. The tests never measure time.
// Usage: node scripts/bench-web.mjs [--repeat N] [--json] [--only large|s1]. Needs a built app
// (`vite build`); `pnpm bench:web` (root or this package) builds it and the CLI first.

import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from './chromium.mjs';
import { describeInitialJavaScript, initialJavaScript } from './initial-javascript.mjs';
import { startPreview, webRoot } from './preview-server.mjs';

const args = process.argv.slice(2);
const repeatAt = args.indexOf('--repeat');
const repeat = repeatAt >= 0 ? Number(args[repeatAt + 1]) : 3;
const asJson = args.includes('--json');
const onlyAt = args.indexOf('--only');
const only = onlyAt >= 0 ? args[onlyAt + 1] : null;
if (only !== null && only !== 'large' && only !== 's1') throw new RangeError(`--only must be 'large' or 's1', got ${only}`);
if (!Number.isSafeInteger(repeat) || repeat < 1) throw new RangeError(`--repeat must be an integer ≥ 1, got ${args[repeatAt + 1]}`);
const cli = join(webRoot, '..', 'cli', 'dist', 'cli.js');
const S1_POINT_STEPS = 32_768 * 5 * 1000;

/**
 * @param {number[]} values
 * @returns {number}
 */
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? /** @type {number} */ (sorted[mid]) : (/** @type {number} */ (sorted[mid - 1]) + /** @type {number} */ (sorted[mid])) / 2;
};
/** @param {string} text */
const log = (text) => {
  if (!asJson) process.stderr.write(`${text}\n`);
};

/**
 * Clicks a preset and waits for its sweep to end; returns the app's own measures.
 * @param {import('playwright-core').Page} page
 * @param {string} preset
 */
async function runPreset(page, preset) {
  await page.evaluate(() => {
    /** @type {any} */ (window).__longTasks = [];
  });
  await page.locator(`#preset-${preset}`).click();
  await page.locator('ll-progress .box[data-status="done"]').waitFor({ timeout: 600_000 });
  // Let the views settle (charts and surfaces are built in idle time after the sweep).
  await page.waitForTimeout(500);
  return page.evaluate(() => {
    const last = (/** @type {string} */ name) => performance.getEntriesByName(name, 'measure').at(-1)?.duration ?? Number.NaN;
    const tasks = /** @type {number[]} */ (/** @type {any} */ (window).__longTasks);
    return {
      firstResultsMs: last('losslab:time-to-first-results'),
      sweepMs: last('losslab:sweep-duration'),
      longTasks: tasks.length,
      longestTaskMs: Math.max(0, ...tasks),
      workers: Number(document.querySelector('ll-app')?.shadowRoot?.querySelector('ll-progress')?.shadowRoot?.querySelector('.box')?.getAttribute('data-workers')),
      cores: navigator.hardwareConcurrency,
      crossOriginIsolated,
    };
  });
}

/** The large sweep: the app's link and the CLI's flags for the same spec (BROWSER_LIMITS.maxRuns, 4,000,000 runs, in src/lib/draft.ts). */
const LARGE = {
  runs: 2 * 16 * 250 * 500,
  query: '?v=1&builtin=toy&eta.mode=range&eta.from=0.01&eta.to=10&eta.count=16&eta.scale=log&w0.mode=range&w0.from=-6&w0.to=6&w0.count=250&b0.mode=range&b0.from=-6&b0.to=6&b0.count=500&epochs=100&run=1',
  cli: ['sweep', '--data', 'toy', '--loss', 'se,ce', '--eta', '0.01:10:16:log', '--w0', '-6:6:250', '--b0', '-6:6:500', '--epochs', '100', '--curve', 'none', '--format', 'parquet', '--out', '/dev/null'],
};

/**
 * The large sweep in the app (opened from its link, which runs it) and then in the CLI with the
 * app's worker count. The page's main thread: Chromium's cumulative TaskDuration (CDP
 * Performance.getMetrics) over the sweep, and the long tasks (≥ 50 ms) the page observed.
 * @param {import('playwright-core').Browser} browser
 * @param {string} url
 */
async function largeSweep(browser, url) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.addInitScript(() => {
    /** @type {any} */ (window).__longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) /** @type {any} */ (window).__longTasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  // TaskDuration: wall time inside the main thread's tasks (stretched when the machine is loaded);
  // ThreadTime: the main thread's CPU time.
  const metrics = async () => {
    const all = /** @type {{ metrics: { name: string; value: number }[] }} */ (await cdp.send('Performance.getMetrics')).metrics;
    const get = (/** @type {string} */ name) => all.find((m) => m.name === name)?.value ?? Number.NaN;
    return { task: get('TaskDuration'), cpu: get('ThreadTime') };
  };
  await page.goto(`${url}${LARGE.query}`);
  await page.locator('ll-progress .box[data-status="running"]').waitFor({ timeout: 600_000 });
  const busyBefore = await metrics();
  await page.locator('ll-progress .box[data-status="done"]').waitFor({ timeout: 3_600_000 });
  const busyAfter = await metrics();
  const app = await page.evaluate(() => {
    const start = performance.getEntriesByName('losslab:sweep-start', 'mark').at(-1)?.startTime ?? 0;
    const sweep = performance.getEntriesByName('losslab:sweep-duration', 'measure').at(-1)?.duration ?? Number.NaN;
    const tasks = /** @type {{ start: number; duration: number }[]} */ (/** @type {any} */ (window).__longTasks).filter((t) => t.start >= start && t.start <= start + sweep);
    return {
      sweepMs: sweep,
      longTasks: tasks.length,
      longestTaskMs: Math.max(0, ...tasks.map((t) => t.duration)),
      workers: Number(document.querySelector('ll-app')?.shadowRoot?.querySelector('ll-progress')?.shadowRoot?.querySelector('.box')?.getAttribute('data-workers')),
    };
  });
  await page.close();
  const appSeconds = app.sweepMs / 1000;
  // From the page reporting "running" to "done": slightly longer than the sweep (it includes the first frame's work).
  const busyFraction = (busyAfter.task - busyBefore.task) / appSeconds;
  const cpuFraction = (busyAfter.cpu - busyBefore.cpu) / appSeconds;
  /** @type {Record<string, unknown>} */
  const out = { runs: LARGE.runs, workers: app.workers, appSeconds, mainThreadBusyFraction: busyFraction, mainThreadCpuFraction: cpuFraction, longTasks: app.longTasks, longestTaskMs: app.longestTaskMs };
  log(`large sweep (${LARGE.runs.toLocaleString('en')} runs) in the app: ${appSeconds.toFixed(2)} s on ${app.workers} workers; main thread in tasks ${(100 * busyFraction).toFixed(1)}% of it (CPU ${(100 * cpuFraction).toFixed(1)}% of a core), ${app.longTasks} long task(s), the longest ${app.longestTaskMs.toFixed(0)} ms`);
  if (existsSync(cli)) {
    const started = performance.now();
    execFileSync(process.execPath, [cli, ...LARGE.cli, '--workers', String(app.workers)], { stdio: ['ignore', 'ignore', 'inherit'] });
    const cliSeconds = (performance.now() - started) / 1000;
    out.cliSeconds = cliSeconds;
    out.appOverCli = appSeconds / cliSeconds;
    log(`large sweep in the CLI (whole process: start, sweep, Parquet to /dev/null): ${cliSeconds.toFixed(2)} s on ${app.workers} workers → app / CLI = ${(appSeconds / cliSeconds).toFixed(2)}× (bar: 1.1×)`);
  } else log(`no CLI at ${cli}: build apps/cli to compare the large sweep`);
  return out;
}

const load = loadavg()[0];
const server = await startPreview();
const browser = await chromium.launch({ executablePath: chromiumPath(), args: [...chromiumArgs] });
/** @type {Record<string, unknown>} */
const report = { repeat, loadAverageAtStart: load };
const initialJs = initialJavaScript(join(webRoot, 'dist'));
report.initialJavaScript = initialJs;
log(describeInitialJavaScript(initialJs));
try {
  if (only !== 's1') report.largeSweep = await largeSweep(browser, server.url);
  if (only !== 'large') await s1Cases();
  report.loadAverageAtEnd = loadavg()[0];
} finally {
  await browser.close();
  await server.stop();
}

/** The default sweep and benchmark S1, in the app and in the CLI. */
async function s1Cases() {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.addInitScript(() => {
    /** @type {any} */ (window).__longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) /** @type {any} */ (window).__longTasks.push(entry.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(server.url);
  await page.locator('ll-progress').waitFor();
  await page.waitForTimeout(1000);

  /** @type {Awaited<ReturnType<typeof runPreset>>[]} */
  const defaults = [];
  for (let k = 0; k < repeat; k++) {
    const measured = await runPreset(page, 'saturation-sweep');
    defaults.push(measured);
    report.workers = measured.workers;
    log(`default sweep ${k + 1}/${repeat}: first results ${measured.firstResultsMs.toFixed(0)} ms, done in ${(measured.sweepMs / 1000).toFixed(2)} s, longest task ${measured.longestTaskMs.toFixed(0)} ms`);
  }
  report.defaultSweep = {
    runs: 32_768,
    firstResultsMs: { first: defaults[0]?.firstResultsMs, median: median(defaults.map((d) => d.firstResultsMs)), max: Math.max(...defaults.map((d) => d.firstResultsMs)) },
    sweepSeconds: median(defaults.map((d) => d.sweepMs / 1000)),
    longestTaskMs: Math.max(...defaults.map((d) => d.longestTaskMs)),
  };

  // S1: one untimed warm-up, then `repeat` timed runs.
  await runPreset(page, 'benchmark-s1');
  /** @type {Awaited<ReturnType<typeof runPreset>>[]} */
  const s1 = [];
  for (let k = 0; k < repeat; k++) {
    const measured = await runPreset(page, 'benchmark-s1');
    s1.push(measured);
    log(`S1 in the browser ${k + 1}/${repeat}: ${(measured.sweepMs / 1000).toFixed(2)} s on ${measured.workers} worker(s), ${measured.cores} cores (cross-origin isolated: ${measured.crossOriginIsolated}), longest task ${measured.longestTaskMs.toFixed(0)} ms`);
  }
  const browserSeconds = median(s1.map((d) => d.sweepMs / 1000));
  report.s1Browser = {
    workers: s1[0]?.workers,
    cores: s1[0]?.cores,
    wallSeconds: s1.map((d) => d.sweepMs / 1000),
    medianSeconds: browserSeconds,
    nsPerPointStep: (browserSeconds * 1e9) / S1_POINT_STEPS,
    runsPerSecond: 32_768 / browserSeconds,
    longestTaskMs: Math.max(...s1.map((d) => d.longestTaskMs)),
  };
  await page.close();

  if (existsSync(cli)) {
    log(`S1 in the CLI: node ${cli} bench --json --repeat ${repeat} …`);
    const output = execFileSync(process.execPath, [cli, 'bench', '--json', '--repeat', String(repeat)], { encoding: 'utf8', maxBuffer: 1 << 24 });
    const cliReport = JSON.parse(output);
    // The CLI's default: all CPUs (its last pool); and its pool of the browser's size, when it ran one.
    const all = cliReport.pools.at(-1);
    const same = cliReport.pools.find((/** @type {{ workers: number }} */ pool) => pool.workers === s1[0]?.workers) ?? null;
    report.s1Cli = { workers: all.workers, wallSeconds: all.wallSeconds, medianSeconds: all.medianSeconds, nsPerPointStep: all.nsPerPointStep, pools: cliReport.pools.map((/** @type {any} */ pool) => ({ workers: pool.workers, medianSeconds: pool.medianSeconds })) };
    report.browserOverCli = browserSeconds / all.medianSeconds;
    report.browserOverCliSameWorkers = same ? browserSeconds / same.medianSeconds : null;
    log(`S1 in the CLI: ${all.medianSeconds.toFixed(2)} s on ${all.workers} workers → browser / CLI = ${(browserSeconds / all.medianSeconds).toFixed(2)}× (bar: 1.3×)${same ? `; with ${same.workers} worker(s) each: ${(browserSeconds / same.medianSeconds).toFixed(2)}×` : ''}`);
  } else {
    log(`no CLI at ${cli}: build apps/cli to compare (browser figures only)`);
  }
}

/** Bars of the figures above: past one, a warning (a figure to look into, not a failure). */
const LONG_TASK_WARNING_MS = 200;
const BROWSER_OVER_CLI_WARNING = 1.3;
const LARGE_OVER_CLI_WARNING = 1.1;
const warnings = [];
for (const [what, figure] of [['default sweep', /** @type {any} */ (report.defaultSweep)], ['S1', /** @type {any} */ (report.s1Browser)], ['large sweep', /** @type {any} */ (report.largeSweep)]]) {
  if (!figure) continue;
  if (figure.longestTaskMs >= LONG_TASK_WARNING_MS) warnings.push(`the longest main-thread task during the ${what} took ${figure.longestTaskMs.toFixed(0)} ms (warning at ${LONG_TASK_WARNING_MS} ms): the page stopped answering input that long`);
}
if (typeof report.browserOverCli === 'number' && report.browserOverCli > BROWSER_OVER_CLI_WARNING) warnings.push(`S1 in the app took ${report.browserOverCli.toFixed(2)}× the CLI's time (warning above ${BROWSER_OVER_CLI_WARNING}×)`);
const large = /** @type {any} */ (report.largeSweep);
if (large && typeof large.appOverCli === 'number' && large.appOverCli > LARGE_OVER_CLI_WARNING) warnings.push(`the large sweep in the app took ${large.appOverCli.toFixed(2)}× the CLI's time (warning above ${LARGE_OVER_CLI_WARNING}×)`);
for (const warning of warnings) process.stderr.write(`bench:web: WARNING: ${warning}\n`);

if (asJson) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
else {
  const d = /** @type {any} */ (report.defaultSweep);
  const b = /** @type {any} */ (report.s1Browser);
  const c = /** @type {any} */ (report.s1Cli);
  process.stdout.write(
    [
      describeInitialJavaScript(initialJs),
      large
        ? `large sweep (${large.runs.toLocaleString('en')} runs): app ${large.appSeconds.toFixed(2)} s on ${large.workers} workers${large.cliSeconds ? `, CLI ${large.cliSeconds.toFixed(2)} s → app / CLI = ${large.appOverCli.toFixed(2)}×` : ''}; main thread in tasks ${(100 * large.mainThreadBusyFraction).toFixed(1)}% of the time (CPU ${(100 * large.mainThreadCpuFraction).toFixed(1)}% of a core), longest task ${large.longestTaskMs.toFixed(0)} ms (${large.longTasks} ≥ 50 ms)`
        : null,
      ...(only === 'large' ? [] : [`default sweep (32,768 runs): first results ${d.firstResultsMs.first.toFixed(0)} ms on the first run, median ${d.firstResultsMs.median.toFixed(0)} ms; done in ${d.sweepSeconds.toFixed(2)} s; longest main-thread task ${d.longestTaskMs.toFixed(0)} ms`,
      `S1 in the browser: ${b.medianSeconds.toFixed(2)} s median of ${repeat} on ${b.workers} workers, ${b.nsPerPointStep.toFixed(1)} ns/point-step, ${Math.round(b.runsPerSecond)} runs/s; longest task ${b.longestTaskMs.toFixed(0)} ms`,
      c
        ? `S1 in the CLI: ${c.pools.map((/** @type {any} */ p) => `${p.medianSeconds.toFixed(2)} s on ${p.workers} worker(s)`).join(', ')}; browser / CLI (all workers) = ${/** @type {number} */ (report.browserOverCli).toFixed(2)}×${report.browserOverCliSameWorkers ? `, same number of workers = ${/** @type {number} */ (report.browserOverCliSameWorkers).toFixed(2)}×` : ''}`
        : 'S1 in the CLI: not built']),
      `load average: ${(/** @type {number} */ (report.loadAverageAtStart)).toFixed(2)} at start, ${(/** @type {number} */ (report.loadAverageAtEnd)).toFixed(2)} at end`,
      '',
    ]
      .filter((line) => line !== null)
      .join('\n'),
  );
}
