// copyBytes against a plain slice, for lengths on both sides of the loop/set() threshold, at
// offsets into both buffers.

import { describe, expect, it } from 'vitest';
import { copyBytes } from '../src/copy-bytes.js';

describe('copyBytes', () => {
  it('copies bytes [from, to) to `at` and returns the end, leaving the rest of the target alone, for lengths 0 to 600', () => {
    const source = Uint8Array.from({ length: 700 }, (_, i) => (i * 37 + 11) & 0xff);
    for (const length of [0, 1, 15, 16, 17, 255, 256, 257, 600]) {
      const target = new Uint8Array(800).fill(0xaa);
      const end = copyBytes(target, 5, source, 3, 3 + length);
      expect(end, `length ${length}`).toBe(5 + length);
      expect(Array.from(target.subarray(5, end)), `length ${length}`).toEqual(Array.from(source.slice(3, 3 + length)));
      expect(target.subarray(0, 5).every((b) => b === 0xaa) && target.subarray(end).every((b) => b === 0xaa), `length ${length}: outside untouched`).toBe(true);
    }
  });
});
