// Milliseconds of CPU per MB for parseCsv on generated CSVs of several shapes (built core in
// dist/: `pnpm --filter @losslab/core build` first). CPU time of this process, not wall time,
// so a loaded machine changes the figures less; the median of the repeats is printed.
//   node scripts/bench-csv.mjs [--mb 1,5] [--repeat 5] [--core path/to/dist/index.js]
import { performance } from 'node:perf_hooks';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
const sizes = flag('--mb', '1,5').split(',').map(Number);
const repeat = Number(flag('--repeat', '5'));
const corePath = resolve(flag('--core', new URL('../dist/index.js', import.meta.url).pathname));
const { parseCsv } = await import(pathToFileURL(corePath).href);

/** A CSV of about `bytes` characters: a header, d features in [-10, 10] with 6 decimals, a 0/1 label. */
function generate(bytes, d) {
  let state = 12345;
  const random = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 4294967296;
  };
  const lines = [[...Array.from({ length: d }, (_, j) => `x${j + 1}`), 'label'].join(',')];
  let length = lines[0].length + 1;
  while (length < bytes) {
    const cells = [];
    for (let j = 0; j < d; j++) cells.push((random() * 20 - 10).toFixed(6));
    cells.push(random() < 0.5 ? '0' : '1');
    const line = cells.join(',');
    lines.push(line);
    length += line.length + 1;
  }
  return `${lines.join('\n')}\n`;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

console.log(`parseCsv from ${corePath}, median of ${repeat}, CPU ms per MB (wall ms per MB)`);
for (const mb of sizes) {
  for (const d of [1, 5, 50]) {
    const text = generate(mb * 1024 * 1024, d);
    const cpu = [];
    const wall = [];
    let n = 0;
    for (let k = 0; k < repeat; k++) {
      const c0 = cpuMs();
      const t0 = performance.now();
      n = parseCsv(text).n;
      wall.push((performance.now() - t0) / mb);
      cpu.push((cpuMs() - c0) / mb);
    }
    console.log(`${mb} MB, d = ${d}, n = ${n}: ${median(cpu).toFixed(1)} CPU ms/MB (${median(wall).toFixed(1)} wall ms/MB)`);
  }
}
