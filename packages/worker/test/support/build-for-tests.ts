// Vitest globalSetup of the Node tests: compiles src/ into .test-build/ (git-ignored) before any
// test runs, so every worker_thread the tests start (the pool's entry, the faulty-worker fixture,
// the no-dispose script) runs the current source. A worker_thread cannot load a .ts entry, and
// dist/ may be stale or being rebuilt by turbo for another package at the same moment, so the
// tests use neither: editing src/ changes what the next `vitest run` executes, no build needed.

import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { TEST_BUILD_DIR } from './test-build.js';

const packageRoot = fileURLToPath(new URL('../../', import.meta.url));
const tsc = fileURLToPath(new URL('../../node_modules/typescript/bin/tsc', import.meta.url));

export default function buildForTests(): void {
  // Fresh each time: a file deleted from src/ must not linger in the build.
  rmSync(TEST_BUILD_DIR, { recursive: true, force: true });
  const args = [tsc, '-p', 'tsconfig.build.json', '--outDir', TEST_BUILD_DIR, '--declaration', 'false', '--declarationMap', 'false', '--sourceMap', 'false'];
  const result = spawnSync(process.execPath, args, { cwd: packageRoot, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`compiling src/ into ${TEST_BUILD_DIR} for the tests failed (tsc exit ${result.status ?? result.signal}):\n${result.stdout}${result.stderr}`);
}
