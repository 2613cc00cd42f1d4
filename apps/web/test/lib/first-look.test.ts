import { describe, expect, it } from 'vitest';
import { firstLook, neuronAt, plateauNote } from '../../src/lib/first-look.js';

// A second, plain implementation of the lecture's run (summed gradients, one update per pass), written
// here with Math.exp, to check the measures the first look quotes.
function plainRun(loss: 'se' | 'ce', epochs: number) {
  const x = [0.5, 2.5];
  const y = [0.2, 0.9];
  let w = -2;
  let b = -2;
  const losses: number[] = [];
  const path: [number, number][] = [];
  for (let t = 0; t < epochs; t++) {
    path.push([w, b]);
    let L = 0;
    let gw = 0;
    let gb = 0;
    for (let i = 0; i < 2; i++) {
      const a = 1 / (1 + Math.exp(-(w * x[i]! + b)));
      const dz = loss === 'se' ? (a - y[i]!) * a * (1 - a) : a - y[i]!;
      L += loss === 'se' ? 0.5 * (a - y[i]!) ** 2 : -(y[i]! * Math.log(a) + (1 - y[i]!) * Math.log(1 - a));
      gw += dz * x[i]!;
      gb += dz;
    }
    losses.push(L);
    w -= gw;
    b -= gb;
  }
  path.push([w, b]);
  return { losses, path };
}

describe("firstLook on the lecture's two points", () => {
  const look = firstLook();
  const [se, ce] = look.runs;

  it('runs squared error then cross-entropy from w = b = −2 at η = 1 for 1000 epochs, on the same path as a plain loop', () => {
    expect([se.loss, ce.loss]).toEqual(['se', 'ce']);
    const plain = plainRun('se', 1000);
    for (const t of [0, 1, 50, 70, 100, 1000]) {
      expect(se.pathW[t]).toBeCloseTo(plain.path[t]![0], 9);
      expect(se.pathB[t]).toBeCloseTo(plain.path[t]![1], 9);
    }
  });

  it('finds squared error’s plateau where the lecture has it: the loss ≥ 0.40 through epoch 63 and below 0.39 by 71', () => {
    const plain = plainRun('se', 1000).losses;
    expect(plain[63]).toBeGreaterThanOrEqual(0.4);
    expect(se.plateau).toBeGreaterThan(63);
    expect(se.plateau).toBeLessThanOrEqual(71);
    // 5% of the total decrease (plain losses) is first made and kept at the plateau's end.
    const target = plain[0]! - 0.05 * (plain[0]! - plain[999]!);
    expect(plain[se.plateau]).toBeLessThanOrEqual(target);
    expect(plain[se.plateau - 1]).toBeGreaterThan(target);
  });

  it('averages ŷ(1−ŷ) over the plateau’s epochs and points like a plain sum does', () => {
    const { path } = plainRun('se', se.plateau);
    let sum = 0;
    for (const [w, b] of path.slice(0, se.plateau)) {
      for (const x of [0.5, 2.5]) {
        const a = 1 / (1 + Math.exp(-(w * x + b)));
        sum += a * (1 - a);
      }
    }
    expect(se.plateauSlope).toBeCloseTo(sum / (2 * se.plateau), 12);
    expect(se.plateauSlope).toBeLessThan(0.05);
  });

  it('has cross-entropy leave at once and fit long before squared error', () => {
    expect(ce.plateau).toBeLessThan(2);
    expect(ce.epochsToFit).not.toBeNull();
    expect(ce.epochsToFit!).toBeLessThan(44);
    expect(se.epochsToFit!).toBeGreaterThan(83);
  });

  it('writes the annotation from the numbers', () => {
    expect(plateauNote(se)).toBe(`squared error: ${se.plateau} epochs on the plateau — ŷ(1−ŷ) ≈ ${Number(se.plateauSlope.toPrecision(2))} here`);
    expect(plateauNote(se)).toMatch(/^squared error: 6\d epochs on the plateau — ŷ\(1−ŷ\) ≈ 0\.0\d+ here$/);
    expect(plateauNote(ce)).toBe(`cross-entropy: no plateau, leaves at once — fit by epoch ${ce.epochsToFit}`);
  });

  it('gives the neuron at an epoch: σ(w·x + b) per point, clamped to the run', () => {
    const at = neuronAt(look, se, 70);
    const [w, b] = plainRun('se', 70).path[70]!;
    expect(at.epoch).toBe(70);
    for (const [i, x] of [0.5, 2.5].entries()) {
      const a = 1 / (1 + Math.exp(-(w * x + b)));
      expect(at.yHat[i]).toBeCloseTo(a, 9);
      expect(at.slope[i]).toBeCloseTo(a * (1 - a), 9);
    }
    expect(neuronAt(look, se, -5).epoch).toBe(0);
    expect(neuronAt(look, se, 1e9).epoch).toBe(1000);
  });

  it('refuses bad settings naming the field', () => {
    expect(() => firstLook({ eta: 0 })).toThrow(/eta .*got 0/);
    expect(() => firstLook({ epochs: 1.5 })).toThrow(/epochs .*got 1.5/);
    expect(() => firstLook({ w0: Number.NaN })).toThrow(/w0 and b0/);
  });
});
