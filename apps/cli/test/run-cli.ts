// Spawns the built CLI as a child process, the way people run it.

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** What `losslab args…` writes to stdout, as bytes (stderr ignored; whatever the exit code). */
export function stdoutBytes(args: readonly string[]): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'ignore'] });
    const parts: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => parts.push(b));
    child.on('error', reject);
    child.on('close', () => resolve(Buffer.concat(parts)));
  });
}

/** Runs `node dist/cli.js ...args` in `cwd` and collects its output. */
export function runCli(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; onSpawn?: (child: ReturnType<typeof spawn>) => void } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    options.onSpawn?.(child);
  });
}

/** A fresh temporary directory and a function that removes it. */
export function tempDir(): { dir: string; path: (name: string) => string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'losslab-cli-'));
  return { dir, path: (name) => join(dir, name), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A parsed JSON output. */
export interface SweepDocument {
  losslab: string;
  spec: Record<string, unknown> & { init: Record<string, unknown> };
  curveEpochs: number[];
  runCount: number;
  stability?: { optimum: { w: number | number[]; b: number } | null; reason?: string; etaStar?: { se?: number; ce?: number } };
  shard?: { index: number; count: number; start: number; end: number };
  runs: Array<Record<string, unknown> & { index: number; loss: string; eta: number; w0: number | number[]; b0: number; finalW: number | number[]; finalB: number; finalLoss: number | null; curve?: (number | null)[] }>;
}
