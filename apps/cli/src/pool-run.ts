// pool.run() with the process held alive until it settles. The Node pool unrefs idle workers so
// they never keep a process alive; after an abort it can also let go of workers whose chunks are
// still stopping, and with nothing else pending Node would exit before run() resolves (exit code
// 0 or 13, the sweep silently lost). A ref'd timer for the duration of the call prevents that.

import type { RunSweepOptions, SweepPlan, SweepPool, SweepResult } from '@losslab/worker';

/** `pool.run(plan, options)`, keeping the event loop alive until it settles. */
export async function runSweep(pool: SweepPool, plan: SweepPlan, options: RunSweepOptions = {}): Promise<SweepResult> {
  const keepAlive = setInterval(() => {}, 1 << 30);
  try {
    return await pool.run(plan, options);
  } finally {
    clearInterval(keepAlive);
  }
}
