import { describe, expect, it } from 'vitest';
import { expNonPositive, uniformAt } from '../src/index.js';
import { refExp, ulp } from './reference.js';

// Arguments spread over the whole domain: (−2^−28, 0], the k = 0 and k = −1 ranges, the bulk,
// the subnormal results past −708 and the underflow threshold, and fdlibm's branch points ± ulps.
function sample(count: number, seed: number): number[] {
  const xs: number[] = [];
  for (let i = 0; i < count; i++) {
    const u = uniformAt(seed, i);
    switch (i % 6) {
      case 0: xs.push(-u * 2); break;
      case 1: xs.push(-u * 40); break;
      case 2: xs.push(-u * 708); break;
      case 3: xs.push(-(708 + u * 38)); break;
      case 4: xs.push(-(2 ** (-60 * u))); break;
      default: xs.push(-u * 0.7); break;
    }
  }
  const edges = [2 ** -28, 0.3465735912322998, Math.LN2 / 2, 1.5 * Math.LN2, 708, 709.782712893384, 745.1332191019411];
  for (const edge of edges) for (let k = -3; k <= 3; k++) xs.push(-edge * (1 + k * Number.EPSILON));
  return xs;
}

describe('expNonPositive', () => {
  it('is within one ulp of exp(x) computed to 70 digits, from 0 down to the underflow threshold', () => {
    for (const x of sample(600, 11)) {
      const want = refExp(x);
      const got = expNonPositive(x);
      expect(Math.abs(got - want), `exp(${x}) = ${got}, reference ${want}`).toBeLessThanOrEqual(ulp(want));
    }
  });

  it("is fdlibm's exp to the bit: equal to Node 20's Math.exp (V8's port of fdlibm's e_exp.c) on 200,000 arguments", () => {
    let mismatches = 0;
    let first = '';
    for (const x of sample(200_000, 12)) {
      if (!Object.is(expNonPositive(x), Math.exp(x))) {
        if (mismatches++ === 0) first = `x = ${x}: ${expNonPositive(x)} vs Math.exp ${Math.exp(x)}`;
      }
    }
    expect(mismatches, first).toBe(0);
  });

  it('handles the ends of its domain: 0, −0, −Infinity, NaN and subnormal results', () => {
    expect(expNonPositive(0)).toBe(1);
    expect(expNonPositive(-0)).toBe(1);
    expect(expNonPositive(-Infinity)).toBe(0);
    expect(expNonPositive(Number.NaN)).toBeNaN();
    expect(expNonPositive(-1e308)).toBe(0);
    expect(expNonPositive(-745)).toBe(5e-324);
    expect(expNonPositive(-740)).toBe(refExp(-740));
  });
});
