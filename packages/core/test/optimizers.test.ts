import { describe, expect, it } from 'vitest';
import { createTrainer, createUpdater, fivePoint, lossGradient, optimizers, resolveOptimizer, toy, train, twoClasses, uniformAt, type Dataset, type OptimizerConfig } from '../src/index.js';

type Name = 'gd' | 'momentum' | 'nesterov' | 'rmsprop' | 'adam' | 'adagrad';
interface Hyper {
  momentum?: number;
  alpha?: number;
  beta1?: number;
  beta2?: number;
  eps?: number;
}

/**
 * A second, plain implementation of full-batch training, written from the textbook formulas
 * (Kingma and Ba's m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ) with Math.pow, Polyak's heavy ball with
 * v₀ = 0, Sutskever's Nesterov as PyTorch writes it, Hinton's RMSprop, Duchi's Adagrad) with plain
 * arrays. The gradient comes from lossGradient, which other tests check against finite differences,
 * so any difference is the optimizer's.
 */
function reference(data: Dataset, loss: 'se' | 'ce', name: Name, hyper: Hyper, eta: number, epochs: number, w0: number, b0: number, lambda = 0, reduction: 'sum' | 'mean' = 'sum'): number[][] {
  const d = data.d;
  let theta = [...new Array<number>(d).fill(w0), b0];
  const m = new Array<number>(d + 1).fill(0);
  const v = new Array<number>(d + 1).fill(0);
  const path = [theta.slice()];
  const mu = hyper.momentum ?? 0.9;
  for (let t = 1; t <= epochs; t++) {
    const { dw, db } = lossGradient(data, loss, theta.slice(0, d), theta[d]!, { reduction });
    const g = [...dw, db].map((gk, k) => (k < d ? gk + lambda * theta[k]! : gk));
    const next = theta.slice();
    for (let k = 0; k <= d; k++) {
      const gk = g[k]!;
      switch (name) {
        case 'gd':
          next[k] = theta[k]! - eta * gk;
          break;
        case 'momentum':
          m[k] = mu * m[k]! + gk;
          next[k] = theta[k]! - eta * m[k]!;
          break;
        case 'nesterov':
          m[k] = mu * m[k]! + gk;
          next[k] = theta[k]! - eta * (gk + mu * m[k]!);
          break;
        case 'rmsprop': {
          const alpha = hyper.alpha ?? 0.99;
          v[k] = alpha * v[k]! + (1 - alpha) * gk ** 2;
          next[k] = theta[k]! - (eta * gk) / (Math.sqrt(v[k]!) + (hyper.eps ?? 1e-8));
          break;
        }
        case 'adam': {
          const beta1 = hyper.beta1 ?? 0.9;
          const beta2 = hyper.beta2 ?? 0.999;
          m[k] = beta1 * m[k]! + (1 - beta1) * gk;
          v[k] = beta2 * v[k]! + (1 - beta2) * gk ** 2;
          const mHat = m[k]! / (1 - Math.pow(beta1, t));
          const vHat = v[k]! / (1 - Math.pow(beta2, t));
          next[k] = theta[k]! - (eta * mHat) / (Math.sqrt(vHat) + (hyper.eps ?? 1e-8));
          break;
        }
        case 'adagrad':
          v[k] = v[k]! + gk ** 2;
          next[k] = theta[k]! - (eta * gk) / (Math.sqrt(v[k]!) + (hyper.eps ?? 1e-10));
          break;
      }
    }
    theta = next;
    path.push(theta.slice());
  }
  return path;
}

/** |a − b| ≤ 1e-12·max(1, |b|) for every parameter of every epoch. */
function expectSamePath(run: ReturnType<typeof train>, path: number[][], label: string): void {
  const d = run.d;
  expect(run.epochsRun, label).toBe(path.length - 1);
  let worst = 0;
  for (let t = 0; t < path.length; t++) {
    for (let k = 0; k <= d; k++) {
      const actual = k < d ? run.pathW[t * d + k]! : run.pathB[t]!;
      const expected = path[t]![k]!;
      worst = Math.max(worst, Math.abs(actual - expected) / Math.max(1, Math.abs(expected)));
    }
  }
  expect(worst, label).toBeLessThanOrEqual(1e-12);
}

describe('optimizers against a plain implementation from their formulas', () => {
  // RMSprop's steps are about η·g/|g| from the first update on (its first is η/√(1 − α)). At the
  // others' η it hops around the optimum, and there two correct implementations that round in a
  // different order drift apart by a factor of about 1.5 per epoch (seen: 1e-14 at epoch 82 and
  // 3e-3 at 150); at η/30 it settles, and the worst difference is 4e-16.
  const cases: { name: Name; hyper: Hyper }[] = [
    { name: 'gd', hyper: {} },
    { name: 'momentum', hyper: {} },
    { name: 'momentum', hyper: { momentum: 0.5 } },
    { name: 'nesterov', hyper: {} },
    { name: 'nesterov', hyper: { momentum: 0.7 } },
    { name: 'rmsprop', hyper: {} },
    { name: 'rmsprop', hyper: { alpha: 0.9, eps: 1e-6 } },
    { name: 'adam', hyper: {} },
    { name: 'adam', hyper: { beta1: 0.8, beta2: 0.99, eps: 1e-7 } },
    { name: 'adagrad', hyper: {} },
    { name: 'adagrad', hyper: { eps: 1e-3 } },
  ];
  const sets: [Dataset, number][] = [
    [toy, 0.3],
    [fivePoint, 0.05],
    [twoClasses({ n: 9, d: 3, seed: 4 }), 0.02],
  ];

  for (const { name, hyper } of cases) {
    it(`${name} ${JSON.stringify(hyper)} follows the formulas' trajectory to 1e-12 on three data sets, both losses, both reductions, with and without weight decay`, () => {
      let sample = 0;
      for (const [data, eta] of sets) {
        for (const loss of ['se', 'ce'] as const) {
          for (const reduction of ['sum', 'mean'] as const) {
            for (const lambda of [0, 0.05]) {
              // Starts drawn in [−3, 3]: saturated enough for squared error's plateau, not so far that a(1 − a) loses digits.
              const w0 = 6 * uniformAt(7, sample++) - 3;
              const b0 = 6 * uniformAt(7, sample++) - 3;
              const optimizer: OptimizerConfig = { name, ...hyper };
              const scaled = name === 'rmsprop' ? eta / 30 : eta;
              const run = train({ data, loss, eta: scaled, epochs: 150, w0, b0, reduction, optimizer, weightDecay: lambda });
              expectSamePath(run, reference(data, loss, name, hyper, scaled, 150, w0, b0, lambda, reduction), `${data.name} ${loss} ${reduction} λ=${lambda}`);
            }
          }
        }
      }
    });
  }

  it("Adam's first step is η·g/(|g| + ε) for every parameter: the bias corrections cancel 1 − β₁ and 1 − β₂", () => {
    for (const g of [3.7, -1e-3, 2e-6]) {
      const updater = createUpdater({ optimizer: 'adam', eta: 0.01, d: 1 });
      const theta = Float64Array.of(1, -2);
      updater.update(theta, Float64Array.of(g, -g));
      const step = (0.01 * Math.abs(g)) / (Math.abs(g) + 1e-8);
      expect(Math.abs(1 - theta[0]! - Math.sign(g) * step)).toBeLessThanOrEqual(4e-16);
      expect(Math.abs(-2 - theta[1]! + Math.sign(g) * step)).toBeLessThanOrEqual(4e-16);
      expect(updater.t).toBe(1);
    }
  });

  it("momentum's buffer starts at g (PyTorch's first step): the first step is plain descent's, to the bit", () => {
    for (const name of ['momentum', 'nesterov'] as const) {
      const plain = train({ data: toy, loss: 'se', eta: 0.4, w0: -2, b0: -2, epochs: 1 });
      const heavy = train({ data: toy, loss: 'se', eta: 0.4, w0: -2, b0: -2, epochs: 1, optimizer: { name, momentum: 0.9 } });
      if (name === 'momentum') {
        expect(heavy.w).toEqual(plain.w);
        expect(heavy.b).toBe(plain.b);
      } else {
        // Nesterov's first step is η·(1 + μ)·g.
        const { dw } = lossGradient(toy, 'se', -2, -2);
        expect(heavy.w[0]).toBe(-2 - 0.4 * (dw[0]! + 0.9 * dw[0]!));
      }
    }
  });

  it('createTrainer steps every optimizer to the same bits as train, and reset() clears the optimizer state', () => {
    for (const optimizer of optimizers) {
      const options = { data: fivePoint, loss: 'se' as const, eta: 0.05, w0: 2, b0: -1, epochs: 40, optimizer, weightDecay: 0.01 };
      const run = train(options);
      const trainer = createTrainer(options);
      for (let pass = 0; pass < 2; pass++) {
        let last = trainer.step();
        for (let t = 1; t < 40; t++) {
          const result = trainer.step()!;
          expect(result.loss, `${optimizer} epoch ${t}`).toBe(run.losses[t]);
          last = result;
        }
        expect(trainer.step()).toBeNull();
        expect(last!.w).toEqual(run.w);
        expect(last!.b).toBe(run.b);
        trainer.reset();
        expect(trainer.epoch).toBe(0);
      }
    }
  });
});

/** Epochs until the output stays ≤ 0.1, for Nielsen's neuron (x = 1, label 0, summed loss). */
function epochsBelow(loss: 'se' | 'ce', optimizer: OptimizerConfig, eta: number, w0: number, b0: number, epochs = 3000): number | null {
  const run = train({ data: { x: [1], y: [0] }, loss, optimizer, eta, w0, b0, epochs, recordPath: false });
  let from: number | null = null;
  for (let t = 0; t < run.epochsRun; t++) {
    if (run.maxErrors[t]! <= 0.1) from ??= t;
    else from = null;
  }
  return from;
}

describe("Nielsen's one-point neuron (chapter 3: x = 1, label 0)", () => {
  // Gradient flow of z = w·x + b with both trained: dz/dt = −η(1 + x²)·∂loss/∂z, so the time from
  // z₀ to z₁ is (F(z₀) − F(z₁))/(η(1 + x²)) with F = ∫dz/(∂loss/∂z): a²(1 − a) for squared error,
  // a for cross-entropy, a = σ(z).
  const F = {
    se: (z: number) => Math.exp(z) + 3 * z - 3 * Math.exp(-z) - 0.5 * Math.exp(-2 * z),
    ce: (z: number) => z - Math.exp(-z),
  };
  const zThreshold = -Math.log(9); // σ(z) = 0.1

  it('plain descent at η = 0.15 needs the epochs the gradient-flow closed form predicts, within 3', () => {
    for (const [w0, b0] of [
      [0.6, 0.9],
      [2, 2],
      [3, 3],
    ] as const) {
      for (const loss of ['se', 'ce'] as const) {
        const predicted = (F[loss](w0 + b0) - F[loss](zThreshold)) / (0.15 * 2);
        const actual = epochsBelow(loss, 'gd', 0.15, w0, b0);
        expect(actual, `${loss} from w = ${w0}, b = ${b0}: predicted ${predicted}`).not.toBeNull();
        expect(Math.abs(actual! - predicted), `${loss} from w = ${w0}, b = ${b0}: ${actual} vs ${predicted}`).toBeLessThanOrEqual(3);
      }
    }
  });

  it('from w = b = 2 and w = b = 3, Adam at η = 0.01 brings squared error below 0.1 before cross-entropy; plain descent and momentum keep cross-entropy first', () => {
    for (const start of [2, 3]) {
      const adamSe = epochsBelow('se', 'adam', 0.01, start, start);
      const adamCe = epochsBelow('ce', 'adam', 0.01, start, start);
      expect(adamSe, `adam from ${start}`).not.toBeNull();
      expect(adamCe, `adam from ${start}`).not.toBeNull();
      expect(adamSe!, `adam from ${start}: se ${adamSe}, ce ${adamCe}`).toBeLessThan(adamCe!);
      for (const optimizer of ['gd', 'momentum'] as const) {
        for (const eta of [0.01, 0.15]) {
          const se = epochsBelow('se', optimizer, eta, start, start);
          const ce = epochsBelow('ce', optimizer, eta, start, start);
          expect(ce, `${optimizer} η = ${eta} from ${start}`).not.toBeNull();
          // null: squared error is still above 0.1 after 3000 epochs.
          expect(se ?? Infinity, `${optimizer} η = ${eta} from ${start}: se ${se}, ce ${ce}`).toBeGreaterThan(ce!);
        }
      }
    }
  });
});

describe('resolveOptimizer', () => {
  it("fills in PyTorch's defaults", () => {
    expect(resolveOptimizer('gd')).toEqual({ name: 'gd' });
    expect(resolveOptimizer()).toEqual({ name: 'gd' });
    expect(resolveOptimizer('momentum')).toEqual({ name: 'momentum', momentum: 0.9 });
    expect(resolveOptimizer('nesterov')).toEqual({ name: 'nesterov', momentum: 0.9 });
    expect(resolveOptimizer('rmsprop')).toEqual({ name: 'rmsprop', alpha: 0.99, eps: 1e-8 });
    expect(resolveOptimizer('adam')).toEqual({ name: 'adam', beta1: 0.9, beta2: 0.999, eps: 1e-8 });
    expect(resolveOptimizer('adagrad')).toEqual({ name: 'adagrad', eps: 1e-10 });
    expect(resolveOptimizer({ name: 'adam', beta1: 0.8 })).toEqual({ name: 'adam', beta1: 0.8, beta2: 0.999, eps: 1e-8 });
    expect(Object.isFrozen(resolveOptimizer('adam'))).toBe(true);
  });

  it('rejects bad configurations with an error naming the field and the value', () => {
    const bad: [unknown, RegExp, ErrorConstructor][] = [
      ['sgd', /optimizer\.name must be one of 'gd', 'momentum', .* got "sgd"/, RangeError],
      [{ name: 'adam', beta1: 1 }, /optimizer\.beta1 must be a number in \[0, 1\), got 1/, RangeError],
      [{ name: 'adam', beta2: -0.1 }, /optimizer\.beta2 must be a number in \[0, 1\), got -0\.1/, RangeError],
      [{ name: 'adam', eps: 0 }, /optimizer\.eps must be a finite number > 0, got 0/, RangeError],
      [{ name: 'rmsprop', alpha: Number.NaN }, /optimizer\.alpha must be a finite number, got NaN/, RangeError],
      [{ name: 'nesterov', momentum: 0 }, /optimizer\.momentum must be a number in \(0, 1\), got 0/, RangeError],
      [{ name: 'momentum', momentum: '0.9' }, /optimizer\.momentum must be a number, got "0\.9"/, TypeError],
      [{ name: 'momentum', momentum: null }, /optimizer\.momentum must be a number, got null/, TypeError],
      [{ name: 'adam', beta3: 0.5 }, /optimizer\.beta3 is not a hyperparameter of 'adam' \(it has beta1, beta2, eps\)/, RangeError],
      [{ name: 'gd', momentum: 0.9 }, /optimizer\.momentum is not a hyperparameter of 'gd' \(it has none\)/, RangeError],
      [42, /optimizer must be an optimizer name or an object/, TypeError],
      [null, /optimizer must be an optimizer name or an object/, TypeError],
    ];
    for (const [config, message, type] of bad) {
      expect(() => resolveOptimizer(config as OptimizerConfig), JSON.stringify(config)).toThrow(type);
      expect(() => resolveOptimizer(config as OptimizerConfig), JSON.stringify(config)).toThrow(message);
    }
    expect(() => resolveOptimizer({ name: 'adam', eps: -1 }, 'spec.optimizer[2]')).toThrow(/spec\.optimizer\[2\]\.eps/);
  });

  it('train and createTrainer reject every bad new option with an error naming it', () => {
    const base = { data: toy, loss: 'se' as const, eta: 1, epochs: 3 };
    const bad: [Record<string, unknown>, RegExp][] = [
      [{ optimizer: 'adamw' }, /optimizer\.name must be one of .* got "adamw"/],
      [{ optimizer: { name: 'adam', beta1: 2 } }, /optimizer\.beta1 must be a number in \[0, 1\), got 2/],
      [{ batchSize: 0 }, /batchSize must be a positive integer, got 0/],
      [{ batchSize: 1.5 }, /batchSize must be a positive integer, got 1\.5/],
      [{ batchSize: '2' }, /batchSize must be a number, got "2"/],
      [{ weightDecay: -0.1 }, /weightDecay must be a finite number ≥ 0, got -0\.1/],
      [{ weightDecay: Infinity }, /weightDecay must be a finite number, got Infinity/],
      [{ shuffleSeed: -1 }, /shuffleSeed must be an integer from 0 to 2\^53 − 1, got -1/],
      [{ shuffleSeed: 0.5 }, /shuffleSeed must be an integer from 0 to 2\^53 − 1, got 0\.5/],
    ];
    for (const [extra, message] of bad) {
      expect(() => train({ ...base, ...extra } as never), JSON.stringify(extra)).toThrow(message);
      expect(() => createTrainer({ ...base, ...extra } as never), JSON.stringify(extra)).toThrow(message);
    }
  });
});
