import { describe, expect, it } from 'vitest';
import { createTrainer, epochPermutation, evaluate, fivePoint, philox4x32, toy, train, twoClasses, type Dataset } from '../src/index.js';
import { drawBelow } from '../src/shuffle.js';

describe('epochPermutation', () => {
  it('is a permutation of 0..n−1 for every n up to 40 and several seeds and epochs', () => {
    for (let n = 1; n <= 40; n++) {
      for (const seed of [0, 1, 2 ** 40 + 3]) {
        for (const epoch of [0, 1, 999]) {
          const order = Array.from(epochPermutation(seed, epoch, n)).sort((a, b) => a - b);
          expect(order).toEqual(Array.from({ length: n }, (_, i) => i));
        }
      }
    }
  });

  it('is reproducible from (seed, epoch), written into out when given, and computed for any epoch directly', () => {
    const late = epochPermutation(5, 12345, 50);
    const again = new Uint32Array(50);
    expect(epochPermutation(5, 12345, 50, again)).toBe(again);
    expect(again).toEqual(late);
  });

  it('differs across epochs and across seeds', () => {
    const seen = new Set<string>();
    for (let epoch = 0; epoch < 50; epoch++) seen.add(epochPermutation(0, epoch, 20).join());
    for (let seed = 1; seed < 50; seed++) seen.add(epochPermutation(seed, 0, 20).join());
    // 20! ≈ 2.4e18 orders: 99 draws collide with probability ~2e-15.
    expect(seen.size).toBe(99);
  });

  it('makes the 24 orders of 4 points equally likely (χ² over 24,000 epochs, fixed seed)', () => {
    const counts = new Map<string, number>();
    const epochs = 24000;
    for (let epoch = 0; epoch < epochs; epoch++) {
      const key = epochPermutation(11, epoch, 4).join();
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(counts.size).toBe(24);
    let chi2 = 0;
    for (const count of counts.values()) chi2 += (count - 1000) ** 2 / 1000;
    // χ² with 23 degrees of freedom: P(χ² > 49.7) = 0.001; a biased draw (e.g. j on 0..k−1, Sattolo's cycles) reaches only 1/6 of the orders.
    expect(chi2).toBeLessThan(49.7);
  });

  it('draws j below m from Philox words, rejecting x ≥ 2³² − (2³² mod m): checked against the words themselves', () => {
    // m = 3·2³⁰ rejects a quarter of the words (x ≥ 3·2³⁰), so every path occurs among 64 draws:
    // word 0 accepted, a later word, and (probability 1/256 each) a whole block rejected.
    const m = 3 * 2 ** 30;
    const paths = new Set<string>();
    for (let k = 0; k < 64; k++) {
      let expected: number | undefined;
      for (let attempt = 0; expected === undefined; attempt++) {
        const words = Array.from(philox4x32(k, 7, 0x5f1e, attempt, 9, 0));
        const first = words.findIndex((x) => x < m);
        if (first >= 0) {
          expected = words[first]! % m;
          paths.add(attempt > 0 ? 'next block' : first > 0 ? 'later word' : 'first word');
        }
      }
      expect(drawBelow(m, 9, 7, k), `k = ${k}`).toBe(expected);
    }
    expect([...paths].sort()).toEqual(['first word', 'later word', 'next block']);
    // m = 2³²: nothing is rejected and the draw is the first word.
    expect(drawBelow(2 ** 32, 9, 7, 3)).toBe(philox4x32(3, 7, 0x5f1e, 0, 9, 0)[0]);
  });

  it('rejects bad arguments with errors naming them', () => {
    expect(() => epochPermutation(-1, 0, 3)).toThrow(/seed must be an integer from 0 to 2\^53 − 1, got -1/);
    expect(() => epochPermutation(0, 2 ** 32, 3)).toThrow(/epoch must be below 2\^32, got 4294967296/);
    expect(() => epochPermutation(0, 0, 0)).toThrow(/n must be a positive integer, got 0/);
    expect(() => epochPermutation(0, 0, 3, new Uint32Array(2))).toThrow(/out must be a Uint32Array of length n = 3/);
  });
});

/**
 * Plain mini-batch descent written in the test: each epoch, the epoch's order, then for each batch
 * the loss gradient of the sub-dataset of its points (in the batch's order) from `evaluate`, plus
 * λ·w, then w ← w − η·g. `evaluate` over a batch sums (or averages) exactly as a batch should.
 */
function plainMiniBatch(data: Dataset, loss: 'se' | 'ce', eta: number, epochs: number, w0: number | number[], b0: number, batchSize: number, seed: number, reduction: 'sum' | 'mean', lambda = 0): { w: number[]; b: number; losses: number[] } {
  const d = data.d;
  let w = typeof w0 === 'number' ? new Array<number>(d).fill(w0) : w0.slice();
  let b = b0;
  const losses: number[] = [];
  for (let epoch = 0; epoch < epochs; epoch++) {
    losses.push(evaluate(data, loss, w, b, { reduction }).loss);
    const order = epochPermutation(seed, epoch, data.n);
    for (let start = 0; start < data.n; start += batchSize) {
      const points = Array.from(order.subarray(start, start + batchSize));
      const batch = { x: points.map((i) => Array.from(data.x.subarray(i * d, i * d + d))), y: points.map((i) => data.y[i]!) };
      const { dw, db } = evaluate(batch, loss, w, b, { reduction });
      w = w.map((wj, j) => wj - eta * (lambda === 0 ? dw[j]! : dw[j]! + lambda * wj));
      b = b - eta * db;
    }
  }
  return { w, b, losses };
}

describe('mini-batch descent', () => {
  it('batchSize = n (or more) is full-batch descent to the bit, whatever the shuffle seed', () => {
    for (const data of [toy, fivePoint, twoClasses({ n: 6, d: 2, seed: 3 })]) {
      for (const loss of ['se', 'ce'] as const) {
        const options = { data, loss, eta: 0.3, w0: -2, b0: 1, epochs: 200 };
        const full = train(options);
        expect(train({ ...options, batchSize: data.n, shuffleSeed: 9 })).toEqual(full);
        expect(train({ ...options, batchSize: data.n + 5 })).toEqual(full);
      }
    }
  });

  it('batchSize = 1 is per-point SGD in the shuffled order: matches a plain loop to the bit, and the loss curve is the whole dataset\'s before each epoch', () => {
    for (const loss of ['se', 'ce'] as const) {
      for (const reduction of ['sum', 'mean'] as const) {
        const run = train({ data: fivePoint, loss, eta: 0.1, w0: 1.5, b0: -0.5, epochs: 60, batchSize: 1, shuffleSeed: 4, reduction });
        const plain = plainMiniBatch(fivePoint, loss, 0.1, 60, 1.5, -0.5, 1, 4, reduction);
        expect(Array.from(run.w)).toEqual(plain.w);
        expect(run.b).toBe(plain.b);
        expect(Array.from(run.losses)).toEqual(plain.losses);
      }
    }
  });

  it('batches of 2 from 5 points (the last holds 1) with the mean over each batch, and two inputs, match the plain loop to the bit', () => {
    const data = twoClasses({ n: 5, d: 2, seed: 8 });
    const run = train({ data, loss: 'ce', eta: 0.2, w0: [0.5, -1], b0: 0.3, epochs: 40, batchSize: 2, shuffleSeed: 1, reduction: 'mean' });
    const plain = plainMiniBatch(data, 'ce', 0.2, 40, [0.5, -1], 0.3, 2, 1, 'mean');
    expect(Array.from(run.w)).toEqual(plain.w);
    expect(run.b).toBe(plain.b);
    expect(Array.from(run.losses)).toEqual(plain.losses);
  });

  it('the per-epoch shuffle matters: another seed gives another trajectory, the same seed the same one', () => {
    const options = { data: fivePoint, loss: 'se' as const, eta: 0.5, w0: 2, b0: 2, epochs: 30, batchSize: 2 };
    const a = train({ ...options, shuffleSeed: 1 });
    expect(train({ ...options, shuffleSeed: 1 })).toEqual(a);
    expect(train({ ...options, shuffleSeed: 2 }).w[0]).not.toBe(a.w[0]);
  });

  it('mini-batches with Adam: createTrainer ends at the same bits as train', () => {
    const options = { data: fivePoint, loss: 'ce' as const, eta: 0.05, w0: -1, b0: 2, epochs: 25, batchSize: 2, optimizer: 'adam' as const, shuffleSeed: 3 };
    const run = train(options);
    const trainer = createTrainer(options);
    let last = null;
    for (let t = 0; t < 25; t++) last = trainer.step();
    expect(last!.w).toEqual(run.w);
    expect(last!.b).toBe(run.b);
  });
});

describe('weight decay', () => {
  it('full batch: each update is w ← w − η·(∂L/∂w + λ·w), b ← b − η·∂L/∂b (the bias is not decayed)', () => {
    const lambda = 0.3;
    const trainer = createTrainer({ data: toy, loss: 'se', eta: 0.7, w0: -2, b0: -2, epochs: 20, weightDecay: lambda });
    let w = -2;
    let b = -2;
    for (let t = 0; t < 20; t++) {
      const { dw, db } = evaluate(toy, 'se', w, b);
      const step = trainer.step()!;
      expect(step.dw[0]).toBe(dw[0]);
      w = w - 0.7 * (dw[0]! + lambda * w);
      b = b - 0.7 * db;
      expect(step.w[0]).toBe(w);
      expect(step.b).toBe(b);
    }
  });

  it('with mini-batches of 1 and summed loss it matches the plain loop to the bit', () => {
    const run = train({ data: fivePoint, loss: 'ce', eta: 0.1, w0: 3, b0: -3, epochs: 50, batchSize: 1, shuffleSeed: 2, weightDecay: 0.2 });
    const plain = plainMiniBatch(fivePoint, 'ce', 0.1, 50, 3, -3, 1, 2, 'sum', 0.2);
    expect(Array.from(run.w)).toEqual(plain.w);
    expect(run.b).toBe(plain.b);
  });

  it('shrinks w toward 0 on separable data, where without it cross-entropy drives |w| up without bound', () => {
    const options = { data: fivePoint, loss: 'ce' as const, eta: 0.1, epochs: 3000 };
    const free = train(options);
    const decayed = train({ ...options, weightDecay: 0.5 });
    expect(Math.abs(decayed.w[0]!)).toBeLessThan(Math.abs(free.w[0]!) / 2);
    // At the decayed optimum the gradient balances the decay: ∂L/∂w + λw = 0 and ∂L/∂b = 0.
    const { dw, db } = evaluate(fivePoint, 'ce', decayed.w, decayed.b);
    expect(Math.abs(dw[0]! + 0.5 * decayed.w[0]!)).toBeLessThan(1e-9);
    expect(Math.abs(db)).toBeLessThan(1e-9);
  });
});
