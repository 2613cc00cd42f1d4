// η* in the app, in Chromium: the marker on the η slider, the summary rows above it, the note and
// the explanation, against η* computed here from the lecture's two points at their exact fit.

import { stabilityLimit } from '@losslab/core';
import { planSweep, sweepStability } from '@losslab/worker';
import { afterEach, describe, expect, it } from 'vitest';
import '../../src/components/ll-heatmaps-section.js';
import '../../src/components/ll-summary-table.js';
import type { LlHeatmapsSection } from '../../src/components/ll-heatmaps-section.js';
import type { LlSummaryTable } from '../../src/components/ll-summary-table.js';
import { epochsScale } from '../../src/lib/color.js';
import { initPoints } from '../../src/lib/heatmap.js';
import { summarize } from '../../src/lib/summary.js';
import { mount, shadow, waitFor } from './helpers.js';
import { computeResult } from '../support/sweep.js';

afterEach(() => document.body.replaceChildren());

const logit = (p: number) => Math.log(p / (1 - p));
const toy = { x: [0.5, 2.5], y: [0.2, 0.9] };
// The exact fit σ(w·xᵢ + b) = yᵢ of the two points.
const wFit = (logit(0.9) - logit(0.2)) / 2;
const bFit = logit(0.2) - wFit / 2;
/** Cross-entropy's η* in closed form: at the fit its Hessian is Σ yᵢ(1 − yᵢ)[xᵢ; 1][xᵢ; 1]ᵀ (a 2 × 2 matrix), η* = 2/λ_max. */
function crossEntropyEtaStar(): number {
  let a = 0;
  let b = 0;
  let c = 0;
  toy.x.forEach((x, i) => {
    const s = toy.y[i]! * (1 - toy.y[i]!);
    a += s * x * x;
    b += s * x;
    c += s;
  });
  const lambdaMax = (a + c) / 2 + Math.sqrt(((a - c) / 2) ** 2 + b * b);
  return 2 / lambdaMax;
}

const eta = [0.5, 1, 2, 3, 5, 10, 30];
const plan = planSweep({ version: 1, dataset: 'toy', losses: ['se', 'ce'], eta, init: { w0: [-2, 0], b0: [-2, 0] }, epochs: 200, curve: 'none' });

describe('η* in the app', () => {
  it('marks each loss’s η* on the η slider where it falls between the axis values', async () => {
    const ce = crossEntropyEtaStar();
    const se = stabilityLimit(toy, 'se', wFit, bFit).eta;
    // The lecture's numbers (issue 13).
    expect(ce).toBeCloseTo(2.569, 3);
    expect(se).toBeCloseTo(24.87, 2);
    const result = computeResult(plan);
    const section = document.createElement('ll-heatmaps-section') as LlHeatmapsSection;
    Object.assign(section, { plan, result, etaIndex: 0, colorBy: 'epochs', scale: epochsScale(200), points: initPoints(plan), stability: sweepStability(plan) });
    mount(section);
    await section.updateComplete;
    const mark = (loss: string) => shadow(section, `.eta-star-mark[data-loss="${loss}"]`);
    expect(Number(mark('ce').dataset.etaStar)).toBeCloseTo(ce, 9);
    expect(Number(mark('se').dataset.etaStar)).toBeCloseTo(se, 9);
    // Where on the track: the thumb's centre for index i is 8 px + i/(|η| − 1)·(width − 16 px) from
    // the slider's left; η* sits between η = 2 (index 2) and 3 (index 3), log-interpolated.
    const slider = shadow<HTMLInputElement>(section, '#eta-slider').getBoundingClientRect();
    const x = (i: number) => slider.left + 8 + (i / (eta.length - 1)) * (slider.width - 16);
    const anchor = (loss: string) => mark(loss).getBoundingClientRect().left + 0.3 * parseFloat(getComputedStyle(document.documentElement).fontSize);
    const expectedCe = x(2) + (Math.log(ce / 2) / Math.log(3 / 2)) * (x(3) - x(2));
    const expectedSe = x(5) + (Math.log(se / 10) / Math.log(30 / 10)) * (x(6) - x(5));
    expect(Math.abs(anchor('ce') - expectedCe)).toBeLessThan(1.5);
    expect(Math.abs(anchor('se') - expectedSe)).toBeLessThan(1.5);
    // The note names both values and the explanation says why runs above them oscillate.
    const note = shadow(section, "#eta-star-note");
    const above = (limit: number) => eta.filter((v) => v > limit).length;
    expect(above(ce)).toBe(4);
    expect(note.textContent).toMatch(/squared error 24\.87 \(1 of the 7 η is above it\); cross-entropy 2\.569 \(4 of the 7 η are above it\)/);
    expect(shadow(section, '.eta-star-explain').textContent).toMatch(/Past η\* = 2\/λmax.*oscillat/s);
    expect(shadow<HTMLInputElement>(section, '#eta-slider').getAttribute('aria-describedby')).toBe('eta-star-note');
  });

  it('marks the summary rows whose η is above each loss’s η*', async () => {
    const ce = crossEntropyEtaStar();
    const se = stabilityLimit(toy, 'se', wFit, bFit).eta;
    const result = computeResult(plan);
    const table = document.createElement('ll-summary-table') as LlSummaryTable;
    Object.assign(table, { summary: summarize(plan, result), etaIndex: 0, stability: sweepStability(plan) });
    mount(table);
    await table.updateComplete;
    const rows = Array.from(table.shadowRoot!.querySelectorAll('tbody tr'));
    const marked = (loss: string) => rows.map((row) => row.querySelector(`.above-eta-star[data-loss="${loss}"]`) !== null);
    expect(marked('ce')).toEqual(eta.map((v) => v > ce));
    expect(marked('se')).toEqual(eta.map((v) => v > se));
    expect(table.shadowRoot!.querySelector('caption')!.textContent).toMatch(/cross-entropy 2\.569.*oscillate/s);
  });

  it('says why there is no η* when cross-entropy has no finite optimum (the five-point table’s separable labels)', async () => {
    const five = planSweep({ version: 1, dataset: 'five-point', losses: ['se', 'ce'], eta: [0.1, 1, 10], init: { w0: [0], b0: [0] }, epochs: 50, curve: 'none' });
    const section = document.createElement('ll-heatmaps-section') as LlHeatmapsSection;
    Object.assign(section, { plan: five, result: null, etaIndex: 0, colorBy: 'epochs', scale: epochsScale(50), points: initPoints(five), stability: sweepStability(five) });
    mount(section);
    await waitFor(() => section.shadowRoot?.querySelector('#eta-star-note'), 'the η* note');
    expect(shadow(section, '#eta-star-note').textContent).toMatch(/no finite optimum/);
    expect(section.shadowRoot!.querySelector('.eta-star-mark')).toBeNull();
    expect(section.shadowRoot!.querySelector('.eta-star-explain')).toBeNull();
  });
});
