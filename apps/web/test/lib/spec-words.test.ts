// The history's words for a spec: each expected phrase is written out by hand from the spec.

import { describe, expect, it } from 'vitest';
import { specInWords } from '../../src/lib/spec-words.js';

describe('specInWords', () => {
  it('names the saturation sweep in words, with ranges, grouped counts and no ids', () => {
    expect(
      specInWords({ version: 1, dataset: 'toy', losses: ['se', 'ce'], eta: { from: 0.01, to: 10, count: 16, scale: 'log' }, init: { w0: { from: -6, to: 6, count: 32 }, b0: { from: -6, to: 6, count: 32 } }, epochs: 1000, reduction: 'sum', tolerance: 0.01 }),
    ).toBe('the lecture’s two points · squared error and cross-entropy · η 0.01 to 10 (16 values, log-spaced) · 1,024 starts: w0 −6 to 6 (32 values) × b0 −6 to 6 (32 values) · 1,000 epochs, summed loss, fit within ε = 0.01');
  });

  it('says which optimizers, batch sizes and decays were swept, and names inline and generated data by their size', () => {
    expect(
      specInWords({ version: 1, dataset: { name: 'nielsen', x: [1], y: [0] }, losses: ['se'], optimizer: ['gd', { name: 'adam', beta1: 0.9 } as never], eta: [0.01, 0.15], batchSize: [1], weightDecay: [0, 0.001], init: { w0: [2], b0: [2] }, epochs: 300, reduction: 'mean', tolerance: 0.1 }),
    ).toBe('nielsen, 1 point · squared error · η 0.01, 0.15 · 1 start: w0 2 × b0 2 · optimizers gd, adam · batch size 1 · weight decay 0, 0.001 · 300 epochs, mean loss, fit within ε = 0.1');
    expect(specInWords({ version: 1, dataset: { generator: 'noisy-threshold', n: 20000, seed: 1 }, losses: ['ce'], eta: [1], init: { scheme: 'normal', count: 4096, seed: 0 }, epochs: 50 })).toBe(
      'noisy threshold data, 20,000 points · cross-entropy · η 1 · 4,096 random starts (normal) · 50 epochs, summed loss, fit within ε = 0.01',
    );
  });
});
