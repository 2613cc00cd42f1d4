// The end-to-end part of `losslab bench`: the whole `losslab sweep` command as a user runs it (a
// new Node process: start-up, module loading, worker start-up, WebAssembly assembly and compile,
// the sweep, the JSON output), timed from spawn to exit. The kernel-only figures of bench.ts leave
// all of that out; this is what the issue's end-to-end floors are about.

import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './median.js';

/** One timed command: what ran and its wall times (seconds, spawn to exit). */
export interface ProcessTiming {
  /** What the command is, for the table. */
  label: string;
  /** The arguments after `node` (the CLI path shortened to `losslab`). */
  command: string;
  /** Worker threads of the sweep, or 0 for the bare `node -e 0`. */
  workers: number;
  wallSeconds: number[];
  medianSeconds: number;
  /** Bytes of the output file (0 when the command writes none). */
  outputBytes: number;
}

/** The end-to-end section of the bench report. */
export interface ProcessBench {
  /** `node -e 0`: the floor that no Node command goes under on this machine. */
  nodeAlone: ProcessTiming;
  /**
   * `node -e 0` with the environment's NODE_EXTRA_CA_CERTS, when it sets one (see
   * {@link childEnvironment}): what that setting adds to every Node start here. Absent otherwise.
   */
  nodeWithExtraCerts?: ProcessTiming;
  /** A 2-run sweep (five-point, se and ce, 300 epochs, JSON): start-up costs only. */
  tiny: ProcessTiming;
  /** S1's grid with `--curve none` and JSON output, on 1 worker and on `workers`. */
  grid: [ProcessTiming, ProcessTiming];
  /** grid[0] / grid[1]: the end-to-end speedup of the larger pool. */
  speedup: number;
  /** tiny / nodeAlone: what a 2-run sweep costs over starting Node. */
  tinyOverNode: number;
  /** The issue's floors for the whole process, as measured in this run (see END_TO_END_FLOORS). */
  floors: { tinyUnderSeconds: boolean; speedupAtLeast: boolean };
  /** Whether the 1-worker and the many-worker runs wrote the same bytes. */
  outputsIdentical: boolean;
}

const CLI = fileURLToPath(new URL('./cli.js', import.meta.url));

/**
 * Floors for the whole process on a 2-core machine: a 2-run sweep in under 0.15 s, and 2 workers at
 * least 1.7× faster than 1 on S1's grid end to end. (The third floor, S1 at most 0.40× the time of
 * a scalar C program of the same computation, needs that program: it is not part of losslab.)
 */
export const END_TO_END_FLOORS = { tinySeconds: 0.15, speedup: 1.7 } as const;


/**
 * The environment of the timed processes: this process's, without NODE_EXTRA_CA_CERTS. Node 20
 * reads and parses that file of certificates at every start, whether or not the program ever opens
 * a TLS connection (measured on a machine that sets it: `node -e 0` 0.14 s with it, 0.04 s
 * without); no losslab command opens one, so with it the figures would time the machine's
 * setting, not losslab. The report shows `node -e 0` both ways when the variable is set.
 */
export function childEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { NODE_EXTRA_CA_CERTS: _, ...rest } = env;
  return rest;
}

/**
 * Runs `node ...args` to its end; rejects unless it exits 0. Resolves the wall time in seconds.
 * node:child_process is imported here, when bench runs, not by the bundle's top: loading it costs
 * every `losslab` command ~7 ms, and only bench spawns processes.
 */
async function timeOnce(args: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  const { spawn } = await import('node:child_process');
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], env });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const seconds = (performance.now() - start) / 1000;
      if (code === 0) resolve(seconds);
      else reject(new Error(`losslab bench: \`node ${args.join(' ')}\` failed (${signal ?? `exit ${code}`}): ${stderr.trim()}`));
    });
  });
}

/** One warm-up (file cache, compiled code cache), then `repeat` timed runs. */
async function timeCommand(label: string, args: readonly string[], workers: number, repeat: number, output: string | null, env = childEnvironment(process.env)): Promise<ProcessTiming> {
  await timeOnce(args, env);
  const wallSeconds: number[] = [];
  for (let k = 0; k < repeat; k++) wallSeconds.push(await timeOnce(args, env));
  return {
    label,
    command: args.map((a) => (a === CLI ? 'losslab' : a)).join(' '),
    workers,
    wallSeconds,
    medianSeconds: median(wallSeconds),
    outputBytes: output === null ? 0 : statSync(output).size,
  };
}

/**
 * Times whole `losslab sweep` processes: `node -e 0`, a 2-run sweep, and S1's grid (`epochs`
 * epochs; S1 itself at 1000) with `--curve none --format json` on 1 worker and on `workers`.
 * Sequential, so that the processes do not compete with one another.
 */
export async function benchProcesses(epochs: number, workers: number, repeat: number, log: (line: string) => void): Promise<ProcessBench> {
  const dir = mkdtempSync(join(tmpdir(), 'losslab-bench-'));
  try {
    const out = (name: string) => join(dir, name);
    log(`end to end: node -e 0, a 2-run sweep, S1's grid on 1 and ${workers} workers (spawned processes, ${repeat} × each after a warm-up)…`);
    const nodeAlone = await timeCommand('node -e 0', ['-e', '0'], 0, repeat, null);
    const nodeWithExtraCerts = process.env.NODE_EXTRA_CA_CERTS ? await timeCommand('node -e 0, NODE_EXTRA_CA_CERTS set', ['-e', '0'], 0, repeat, null, process.env) : undefined;
    const tinyArgs = [CLI, 'sweep', '--data', 'five-point', '--loss', 'se,ce', '--eta', '0.15', '--w0', '2', '--b0', '2', '--epochs', '300', '--curve', 'none', '--format', 'json', '--workers', String(workers), '--out', out('tiny.json')];
    const tiny = await timeCommand('2-run sweep', tinyArgs, workers, repeat, out('tiny.json'));
    const grid = (n: number) => [CLI, 'sweep', '--data', 'five-point', '--loss', 'se,ce', '--eta', '1e-3:10:16:log', '--w0', '-6:6:32', '--b0', '-6:6:32', '--epochs', String(epochs), '--curve', 'none', '--format', 'json', '--workers', String(n), '--out', out(`grid-${n}.json`)];
    const one = await timeCommand(`S1${epochs === 1000 ? '' : `'s grid, ${epochs} epochs`}, --curve none, JSON`, grid(1), 1, repeat, out('grid-1.json'));
    const many = await timeCommand(one.label, grid(workers), workers, repeat, out(`grid-${workers}.json`));
    const outputsIdentical = readFileSync(out('grid-1.json')).equals(readFileSync(out(`grid-${workers}.json`)));
    const speedup = one.medianSeconds / many.medianSeconds;
    return {
      nodeAlone,
      ...(nodeWithExtraCerts ? { nodeWithExtraCerts } : {}),
      tiny,
      grid: [one, many],
      speedup,
      tinyOverNode: tiny.medianSeconds / nodeAlone.medianSeconds,
      floors: { tinyUnderSeconds: tiny.medianSeconds < END_TO_END_FLOORS.tinySeconds, speedupAtLeast: speedup >= END_TO_END_FLOORS.speedup },
      outputsIdentical,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The section as table lines for people; with `poolSeconds` (the same grid's median run() time on
 * the same number of workers, in this process), the whole process's time over the pool's.
 */
export function processTable(p: ProcessBench, poolSeconds?: number): string[] {
  const rows = [p.nodeAlone, ...(p.nodeWithExtraCerts ? [p.nodeWithExtraCerts] : []), p.tiny, ...p.grid];
  const lines = ['', '  end to end (spawned processes, spawn to exit; median after one warm-up):'];
  if (p.nodeWithExtraCerts) lines.push(`    (this environment sets NODE_EXTRA_CA_CERTS, which makes every Node start parse that certificate file: +${(p.nodeWithExtraCerts.medianSeconds - p.nodeAlone.medianSeconds).toFixed(3)} s here; the other processes run without it)`);
  const labelWidth = Math.max(...rows.map((r) => r.label.length));
  for (const r of rows) {
    const who = r.workers === 0 ? '' : `${r.workers} worker${r.workers > 1 ? 's' : ''}`;
    const range = `${Math.min(...r.wallSeconds).toFixed(3)}–${Math.max(...r.wallSeconds).toFixed(3)}`;
    lines.push(`    ${r.label.padEnd(labelWidth)}  ${who.padEnd(10)} ${r.medianSeconds.toFixed(3).padStart(8)} s  (${range})${r.outputBytes ? `  ${(r.outputBytes / 2 ** 20).toFixed(1)} MiB written` : ''}`);
  }
  lines.push(`    speedup end to end, ${p.grid[1].workers} workers over 1: ${p.speedup.toFixed(2)}×; outputs identical: ${p.outputsIdentical ? 'yes' : 'NO'}`);
  lines.push(`    2-run sweep / node -e 0: ${p.tinyOverNode.toFixed(2)}×${poolSeconds ? `; ${p.grid[1].label} on ${p.grid[1].workers} workers, whole process / the pool's run() alone: ${(p.grid[1].medianSeconds / poolSeconds).toFixed(2)}×` : ''}`);
  const met = (ok: boolean) => (ok ? 'met' : 'NOT met');
  lines.push(`    floors: 2-run sweep < ${END_TO_END_FLOORS.tinySeconds} s ${met(p.floors.tinyUnderSeconds)}; ${p.grid[1].workers} workers ≥ ${END_TO_END_FLOORS.speedup}× faster than 1 ${met(p.floors.speedupAtLeast)}`);
  return lines;
}
