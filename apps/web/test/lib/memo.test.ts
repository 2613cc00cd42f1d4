import { describe, expect, it } from 'vitest';
import { memo } from '../../src/lib/memo.js';

describe('memo', () => {
  it('computes once while the arguments stay the same (by identity) and again when one changes', () => {
    const calls: unknown[][] = [];
    const sum = memo((a: number[], b: number) => {
      calls.push([a, b]);
      return a.reduce((s, x) => s + x, b);
    });
    const list = [1, 2, 3];
    expect(sum(list, 10)).toBe(16);
    expect(sum(list, 10)).toBe(16);
    expect(calls).toHaveLength(1);
    // An equal array is a different input: compared by identity, as Lit compares properties.
    expect(sum([1, 2, 3], 10)).toBe(16);
    expect(calls).toHaveLength(2);
    expect(sum([1, 2, 3], 0)).toBe(6);
    expect(calls).toHaveLength(3);
  });

  it('keeps only the last call, and treats NaN as equal to NaN (Object.is)', () => {
    let count = 0;
    const twice = memo((x: number) => {
      count++;
      return 2 * x;
    });
    twice(1);
    twice(2);
    twice(1);
    expect(count).toBe(3);
    twice(Number.NaN);
    twice(Number.NaN);
    expect(count).toBe(4);
    // +0 and -0 are different inputs for Object.is.
    expect(Object.is(twice(-0), -0)).toBe(true);
    twice(0);
    expect(count).toBe(6);
  });
});
