import { DEFAULT_LIMITS, planSweep } from '@losslab/worker';
import { describe, expect, it } from 'vitest';
import { BROWSER_LIMITS, setDraftField, validateDraft, type SweepDraft } from '../../src/lib/draft.js';
import { saturationSweep } from '../../src/lib/presets.js';

// The app's run cap is the engine's (@losslab/worker's DEFAULT_LIMITS), lowered for a tab on
// purpose: 4,000,000 runs, the largest sweep bench:web runs in the page. These tests hold the two
// together and check what a user reads past the tab's cap.

/** The default sweep (2 losses, 16 η) with a w0 × b0 grid of the given counts. */
function grid(w0: number, b0: number): SweepDraft {
  let draft = setDraftField(saturationSweep.draft, 'eta.count', '1');
  draft = setDraftField(draft, 'init.w0.count', String(w0));
  return setDraftField(draft, 'init.b0.count', String(b0));
}

describe('the browser run cap', () => {
  it('is 4,000,000 runs, never more than the engine allows', () => {
    expect(BROWSER_LIMITS.maxRuns).toBe(4_000_000);
    expect(BROWSER_LIMITS.maxRuns).toBeLessThanOrEqual(DEFAULT_LIMITS.maxRuns);
    expect(BROWSER_LIMITS.maxResultBytes).toBeLessThanOrEqual(DEFAULT_LIMITS.maxResultBytes);
  });

  it('plans a sweep of exactly the cap (2 losses × 1 η × 2000 × 1000 starts)', () => {
    const v = validateDraft(grid(2000, 1000));
    expect(v.issues).toEqual([]);
    expect(v.plan?.runCount).toBe(2 * 2000 * 1000);
  });

  it('refuses one past it at the run count, naming the value, the cap, why the tab is lower and where larger sweeps run', () => {
    // 2 × 3 × 666,667 = 4,000,002 runs: the engine itself would plan it.
    const draft = grid(3, 666_667);
    const spec = validateDraft(grid(2000, 1000)).spec!;
    expect(planSweep({ ...spec, init: { w0: { from: -6, to: 6, count: 3 }, b0: { from: -6, to: 6, count: 666_667 } } }).runCount).toBe(4_000_002);
    const { issues, plan } = validateDraft(draft);
    expect(plan).toBeNull();
    expect(issues).toHaveLength(1);
    expect(issues[0]!.field).toBe('runs');
    const message = issues[0]!.message;
    expect(message).toMatch(/^runs: /);
    expect(message).toContain('4000002 runs');
    expect(message).toContain('cap of 4000000');
    expect(message).toMatch(/this page's memory/);
    expect(message).toContain(`losslab sweep`);
    expect(message).toContain(String(DEFAULT_LIMITS.maxRuns));
  });

  it("names the memory cap the same way when the result arrays are too large for the tab", () => {
    const issues = validateDraft(grid(2000, 1000), { maxRuns: BROWSER_LIMITS.maxRuns, maxResultBytes: 2 ** 20 }).issues;
    expect(issues).toHaveLength(1);
    expect(issues[0]!.field).toBe('runs');
    expect(issues[0]!.message).toMatch(/^results: the results would take [\d.]+ MiB \(4000000 runs/);
  });
});
