import { describe, expect, it } from 'vitest';
import { validateDraft } from '../../src/lib/draft.js';
import { openingView, shownEtaIndex, shownSelection } from '../../src/lib/opening-view.js';
import { presetById } from '../../src/lib/presets.js';

// The saturation sweep: 16 η log-spaced from 0.01 to 10, a 32 × 32 grid over [−6, 6]², index = i·32 + j.
const plan = validateDraft(presetById('saturation-sweep').draft).plan!;
const eta = Array.from({ length: 16 }, (_, k) => 10 ** (-2 + (3 * k) / 15));

describe('openingView', () => {
  it('restores a linked view as it is', () => {
    expect(openingView(plan, { view: { etaIndex: 3, selected: [{ etaIndex: 3, initIndex: 7 }] }, previousEta: 5 })).toEqual({ etaIndex: 3, selected: [{ etaIndex: 3, initIndex: 7 }] });
  });

  it("selects a preset's focus run: the nearest η in log distance and the nearest grid start", () => {
    // η = 1 is the axis's 11th value (10^(−2 + 3·10/15)); w0 = −2 is nearest grid value k = round((−2 + 6)/12·31) = 10, b0 = −2 likewise.
    const view = openingView(plan, { focus: { eta: 1, w0: -2, b0: -2 } });
    expect(view.etaIndex).toBe(10);
    expect(view.selected).toEqual([{ etaIndex: 10, initIndex: 10 * 32 + 10 }]);
  });

  it('keeps the η on display before (nearest in log distance), or the one nearest 1, and selects nothing', () => {
    const nearest = (value: number) => eta.reduce((best, v, k) => (Math.abs(Math.log(v / value)) < Math.abs(Math.log(eta[best]! / value)) ? k : best), 0);
    expect(openingView(plan, { previousEta: 0.03 })).toEqual({ etaIndex: nearest(0.03), selected: [] });
    expect(openingView(plan, {})).toEqual({ etaIndex: nearest(1), selected: [] });
    expect(shownEtaIndex(plan)).toBe(nearest(1));
  });

  it('selects the one start of a one-start sweep at the η it opens on (there is no map to pick it from)', () => {
    // The lecture's five points: one start (−2, −2), η = 0.1, 0.3, 1, 3, 10.
    const five = validateDraft(presetById('lecture-five-point').draft).plan!;
    expect(five.initCount).toBe(1);
    expect(openingView(five, { previousEta: 3 })).toEqual({ etaIndex: 3, selected: [{ etaIndex: 3, initIndex: 0 }] });
    expect(openingView(five, {})).toEqual({ etaIndex: 2, selected: [{ etaIndex: 2, initIndex: 0 }] });
    expect(shownSelection(five, 4)).toEqual([{ etaIndex: 4, initIndex: 0 }]);
    expect(shownSelection(plan, 4)).toEqual([]);
  });
});
