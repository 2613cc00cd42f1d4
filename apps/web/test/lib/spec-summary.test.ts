import { describe, expect, it } from 'vitest';
import { planSweep } from '@losslab/worker';
import { specSummary } from '../../src/lib/spec-summary.js';

describe('specSummary', () => {
  it('says the data, losses, η, the one start, epochs, reduction, ε and runs of a two-point run', () => {
    const plan = planSweep({ version: 1, dataset: 'toy', losses: ['se', 'ce'], eta: [0.15], init: { w0: [-2], b0: [-2] }, epochs: 300, curve: 'none' });
    expect(specSummary(plan)).toBe(`toy data (2 points, 1 input) · squared error vs cross-entropy · η = 0.15 · 1 start (w0 = −2, b0 = −2) · 300 epochs, ${plan.reduction} reduction, ε = ${plan.tolerance} · 2 runs`);
  });

  it('shortens long axes to their ends and count, and counts a grid of starts', () => {
    const plan = planSweep({ version: 1, dataset: 'five-point', losses: ['ce'], eta: { from: 0.01, to: 10, count: 7, scale: 'log' }, init: { w0: { from: -4, to: 4, count: 9 }, b0: [-1, 1] }, epochs: 1000, curve: 'none' });
    const line = specSummary(plan);
    expect(line).toContain('five-point data (5 points, 1 input)');
    expect(line).toContain(' · cross-entropy · ');
    expect(line).toContain('η = 0.01 … 10 (7 values)');
    expect(line).toContain('18 starts (w0: −4 … 4 (9 values) × b0: −1, 1)');
    expect(line).toContain('1,000 epochs');
    expect(line.endsWith(`· ${7 * 18} runs`)).toBe(true);
  });
});
