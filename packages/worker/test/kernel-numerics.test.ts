// The kernel's exp against core's expNonPositive (what core's train uses), bit for bit: the
// WebAssembly SIMD exp (both variants; the JavaScript path calls core's function itself), and, in
// Node, core's function against V8's Math.exp, to document that fdlibm's exp is what V8 runs here
// (core's own test checks it too). The kernel's log1p (the same operations in both paths) against
// Math.log1p.

import { expConstants, expNonPositive } from '@losslab/core';
import { describe, expect, it } from 'vitest';
import { EXP_LARGE, FAST_MIN, log1pKernel } from '../src/kernel-math.js';
import { simdKernel } from '../src/kernel-wasm.js';
import { digest, EXP_DIGEST, parityExpArguments } from './support/kernel-parity.js';

/** A small seeded generator (xorshift128+), so that failures reproduce. */
function random(seed: number): () => number {
  let s0 = BigInt(seed) * 0x9e3779b97f4a7c15n + 1n;
  let s1 = s0 ^ 0x6a09e667f3bcc909n;
  const mask = (1n << 64n) - 1n;
  return () => {
    let x = s0;
    const y = s1;
    s0 = y;
    x = (x ^ (x << 23n)) & mask;
    s1 = x ^ y ^ (x >> 17n) ^ (y >> 26n);
    return Number((s1 + y) & ((1n << 53n) - 1n)) / 2 ** 53;
  };
}

const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);

/** Arguments x ≤ 0 for exp: uniform over the ranges that matter, random bit patterns, every boundary of fdlibm's algorithm and special values. */
function expArguments(count: number): Float64Array {
  const next = random(42);
  const xs: number[] = [];
  for (let i = 0; i < count; i++) {
    switch (i % 5) {
      case 0:
        xs.push(-next() * 40);
        break;
      case 1:
        xs.push(-next() * 800);
        break;
      case 2:
        xs.push(-next() * 2);
        break;
      case 3:
        xs.push(-Math.exp(-next() * 700));
        break;
      default:
        words[0] = Math.floor(next() * 2 ** 32);
        words[1] = Math.floor(next() * 2 ** 31) | 0x80000000;
        xs.push(bits[0]!);
    }
  }
  // Neighbourhoods (±2000 ulps) of fdlibm's branch points and of the fast path's own limits.
  const edges = [0.5 * Math.LN2, expConstants.halfLn2Up, 1.5 * Math.LN2, 1.0397205352783203, expConstants.tiny, FAST_MIN, EXP_LARGE, 708.39641853226408, 709.782712893384, 745.1332191019411];
  for (const edge of edges) {
    let up = edge;
    let down = edge;
    for (let j = 0; j < 2000; j++) {
      xs.push(-up, -down);
      up += up * 2 ** -53;
      down -= down * 2 ** -53;
    }
  }
  // Where the reduction's k changes: x = −(m + ½)·ln 2 ± 50 ulps for every m.
  for (let m = 0; m <= 1075; m++) {
    const x = (m + 0.5) * Math.LN2;
    for (let j = -50; j <= 50; j++) xs.push(-(x + j * x * 2 ** -52));
  }
  xs.push(0, -0, -Infinity, Number.NaN, -5e-324, -2.2250738585072014e-308, -1, -2, -Math.LN2, -1e-300, -Number.MAX_VALUE);
  if (xs.length % 2) xs.push(-3);
  return Float64Array.from(xs);
}

/** The first mismatch of got(x) and want(x) over xs ('' if none) and how many there are. */
function compare(xs: ArrayLike<number>, got: (i: number) => number, want: (x: number) => number): { first: string; mismatches: number } {
  let mismatches = 0;
  let first = '';
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i]!;
    if (!Object.is(got(i), want(x))) {
      if (mismatches++ === 0) first = `exp(${x}): ${got(i)} ≠ ${want(x)}`;
    }
  }
  return { first, mismatches };
}

describe("the kernel's exp is core's expNonPositive, bit for bit", () => {
  const xs = expArguments(400_000);

  it(`WebAssembly SIMD exp over ${xs.length} arguments`, () => {
    const kernel = simdKernel();
    expect(kernel).not.toBeNull(); // Node has WebAssembly SIMD: the fast path must be the one tested
    // The kernel computes exp(−|x|); every argument here is ≤ 0 or NaN.
    const got = kernel!.apply('exp', xs);
    const { first, mismatches } = compare(xs, (i) => got[i]!, expNonPositive);
    expect(first).toBe('');
    expect(mismatches).toBe(0);
  });

  it(`core's expNonPositive is Node's Math.exp (V8's fdlibm) over the same ${xs.length} arguments`, () => {
    // Documentation, not a requirement of the kernel: it shows that here, in Node 20, core's
    // JavaScript exp and the engine's agree; in Chromium 156 they do not (glibc's exp), and the
    // kernel follows core, not Math.exp (test/kernel.browser.test.ts).
    const { first, mismatches } = compare(xs, (i) => expNonPositive(xs[i]!), Math.exp);
    expect(first).toBe('');
    expect(mismatches).toBe(0);
  });
});

describe('the exp digest that the browser test checks (test/support/kernel-parity.ts)', () => {
  it("is Node's Math.exp, core's expNonPositive and the SIMD kernel's exp over the same arguments", () => {
    const xs = parityExpArguments();
    expect(digest(Array.from(xs, (x) => Math.exp(x))), 'Math.exp').toBe(EXP_DIGEST);
    expect(digest(Array.from(xs, expNonPositive)), 'expNonPositive').toBe(EXP_DIGEST);
    expect(digest(simdKernel()!.apply('exp', xs)), 'SIMD exp').toBe(EXP_DIGEST);
  });
});

describe("the SIMD kernel's fast exp (the variant its training loop uses for 2^-27 < |x| < 708)", () => {
  it("is core's expNonPositive, bit for bit, over its range", () => {
    const next = random(3);
    const xs: number[] = [];
    for (let i = 0; i < 300_000; i++) {
      const kind = i % 4;
      const ax = kind === 0 ? next() * 40 : kind === 1 ? next() * 708 : kind === 2 ? next() * 2 : Math.exp(-next() * 18);
      if (ax > 2 ** -27 && ax < 708) xs.push(-ax);
    }
    // Every boundary inside the range: fdlibm's 0.5·ln2 and 1.5·ln2 tests and where k changes.
    for (const edge of [0.5 * Math.LN2, 0.3465735912322998, 1.5 * Math.LN2, 1.0397205352783203, 2 ** -27 * 1.0001, 707.9999]) {
      let x = edge;
      for (let j = 0; j < 2000; j++) xs.push(-(x += x * 2 ** -53));
    }
    for (let m = 0; m < 1020; m++) {
      const x = (m + 0.5) * Math.LN2;
      for (let j = -50; j <= 50; j++) if (x + j * x * 2 ** -52 > 2 ** -27) xs.push(-(x + j * x * 2 ** -52));
    }
    if (xs.length % 2) xs.push(-1);
    const got = simdKernel()!.apply('expFast', xs);
    const { first, mismatches } = compare(xs, (i) => got[i]!, expNonPositive);
    expect(first).toBe('');
    expect(mismatches).toBe(0);
  });
});

describe("the kernel's log1p", () => {
  it('is within 2.5e-16 relative of Math.log1p for q from 0 to 2^64, the same bits in JavaScript and WebAssembly', () => {
    const next = random(7);
    const qs: number[] = [0, 5e-324, 1e-300, 2 ** -60, 2 ** -53, 1e-16, 1e-10, Math.SQRT2 - 1, Math.SQRT1_2, 1, 2, 31, 2 ** 53, 2 ** 64];
    for (let i = 0; i < 200_000; i++) {
      const kind = i % 4;
      qs.push(kind === 0 ? next() * 40 : kind === 1 ? Math.exp(-next() * 700) : kind === 2 ? next() * 1e-3 : 2 ** (next() * 64) - 1);
    }
    if (qs.length % 2) qs.push(0.5);
    const got = simdKernel()!.apply('log1p', qs);
    let worst = 0;
    let differences = 0;
    qs.forEach((q, i) => {
      const want = Math.log1p(q);
      const value = got[i]!;
      if (!Object.is(log1pKernel(q), value)) differences++;
      const rel = want === 0 ? Math.abs(value) : Math.abs(value - want) / want;
      if (!(rel <= worst)) worst = rel;
    });
    expect(differences).toBe(0);
    expect(worst).toBeLessThanOrEqual(2.5e-16);
  });
});
