// The Parquet writer's CRC-32 against node:zlib's (zlib's own C implementation) and the standard
// check value, over lengths around its 16-byte steps, at every alignment of the 32-bit words it
// reads, and chained in pieces.

import { crc32 as zlibCrc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32 } from '../src/parquet/crc32.js';

/** Seeded bytes (a linear congruential generator). */
function bytes(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let s = seed >>> 0;
  for (let i = 0; i < length; i++) out[i] = (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) >>> 24;
  return out;
}

describe('crc32', () => {
  it('gives the standard check value of "123456789" (0xCBF43926) and 0 for no bytes', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });

  it('equals zlib.crc32 for every length from 0 to 100 and for 1 MB, at every offset into a buffer mod 4', () => {
    for (let offset = 0; offset < 4; offset++) {
      for (let length = 0; length <= 100; length++) {
        const data = bytes(length + offset, length).subarray(offset);
        expect(crc32(data), `length ${length} at offset ${offset}`).toBe(zlibCrc32(data));
      }
      const big = bytes((1 << 20) + offset, 7).subarray(offset);
      expect(crc32(big), `1 MB at offset ${offset}`).toBe(zlibCrc32(big));
    }
  });

  it('continues over pieces: crc32(b, crc32(a)) = crc32(a + b), split anywhere', () => {
    const data = bytes(1000, 3);
    for (const cut of [0, 1, 7, 8, 9, 500, 999, 1000]) expect(crc32(data.subarray(cut), crc32(data.subarray(0, cut))), `cut at ${cut}`).toBe(zlibCrc32(data));
  });
});
