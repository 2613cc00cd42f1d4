import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('./fixtures/no-dispose.mjs', import.meta.url));

/** Runs the script in a fresh Node process; rejects if it exits non-zero or is still running after 5 minutes (a hang). */
function runScript(stopMode: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [script, stopMode], { timeout: 300_000 }, (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout)));
  });
}

describe.each(['flag', 'terminate'])("a Node process using a pool (stop mode '%s')", (stopMode) => {
  it('stays alive while a cancelled sweep waits for its workers, then exits with idle workers it never disposed', async () => {
    const stdout = await runScript(stopMode);
    expect(JSON.parse(stdout)).toEqual({ cancelled: true, completed: 50, liveWorkers: 2 });
  });
});
