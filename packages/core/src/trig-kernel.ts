// fdlibm's pieces shared by cos and sin: the reduction of x modulo π/2 for |x| ≤ 2^19·π/2
// (__ieee754_rem_pio2's small and medium paths) and the kernels on [−π/4, π/4] (__kernel_cos,
// __kernel_sin, in the version V8 ports). Internal to cos.ts and sin.ts.

import { fromWords, highWord } from './words.js';

/** High word of the largest |x| that {@link reduceHalfPi} handles: 2^19·π/2 ≈ 823,549.66. */
export const REDUCE_MAX_HIGH = 0x413921fb;

const INV_PIO2 = 6.36619772367581382433e-1; // 0x3FE45F30 6DC9C883: 53 bits of 2/π
const PIO2_1 = 1.57079632673412561417; // 0x3FF921FB 54400000: first 33 bits of π/2
const PIO2_1T = 6.07710050650619224932e-11; // 0x3DD0B461 1A626331: π/2 − PIO2_1
const PIO2_2 = 6.07710050630396597660e-11; // 0x3DD0B461 1A600000: second 33 bits
const PIO2_2T = 2.02226624879595063154e-21; // 0x3BA3198A 2E037073: π/2 − (PIO2_1 + PIO2_2)
const PIO2_3 = 2.02226624871116645580e-21; // 0x3BA3198A 2E000000: third 33 bits
const PIO2_3T = 8.47842766036889956997e-32; // 0x397B839A 252049C1: π/2 − (PIO2_1 + PIO2_2 + PIO2_3)

/** High words of n·π/2 for n = 1..32: an x this close to one of them needs the longer reduction. */
const NPIO2_HW = Int32Array.of(
  0x3ff921fb, 0x400921fb, 0x4012d97c, 0x401921fb, 0x401f6a7a, 0x4022d97c, 0x4025fdbb, 0x402921fb,
  0x402c463a, 0x402f6a7a, 0x4031475c, 0x4032d97c, 0x40346b9c, 0x4035fdbb, 0x40378fdb, 0x403921fb,
  0x403ab41b, 0x403c463a, 0x403dd85a, 0x403f6a7a, 0x40407e4c, 0x4041475c, 0x4042106c, 0x4042d97c,
  0x4043a28c, 0x40446b9c, 0x404534ac, 0x4045fdbb, 0x4046c6cb, 0x40478fdb, 0x404858eb, 0x404921fb,
);

/** The reduced argument of the last {@link reduceHalfPi}: x − n·π/2 = REDUCED[0] + REDUCED[1]. */
export const REDUCED = new Float64Array(2);

/**
 * n with x − n·π/2 = REDUCED[0] + REDUCED[1] ∈ [−π/4, π/4] (to about 2^−118 relative), for
 * π/4 < |x| ≤ 2^19·π/2. π/2 is taken in 33-bit pieces so that n·piece is exact; a second and third
 * piece are used only when the first subtraction cancels many bits (x near a multiple of π/2).
 */
export function reduceHalfPi(x: number): number {
  const hx = highWord(x);
  const ix = hx & 0x7fffffff;
  if (ix < 0x4002d97c) {
    // |x| < 3π/4: n = ±1
    const sign = hx > 0 ? 1 : -1;
    let z = x - sign * PIO2_1;
    if (ix !== 0x3ff921fb) {
      REDUCED[0] = z - sign * PIO2_1T;
      REDUCED[1] = (z - REDUCED[0]) - sign * PIO2_1T;
    } else {
      // near π/2: 33 + 33 + 53 bits of π/2
      z -= sign * PIO2_2;
      REDUCED[0] = z - sign * PIO2_2T;
      REDUCED[1] = (z - REDUCED[0]) - sign * PIO2_2T;
    }
    return sign;
  }
  const t = Math.abs(x);
  const n = (t * INV_PIO2 + 0.5) | 0;
  let r = t - n * PIO2_1;
  let w = n * PIO2_1T; // the first piece is good to 85 bits
  if (n < 32 && ix !== NPIO2_HW[n - 1]) {
    REDUCED[0] = r - w;
  } else {
    const j = ix >> 20;
    REDUCED[0] = r - w;
    let i = j - ((highWord(REDUCED[0]) >> 20) & 0x7ff);
    if (i > 16) {
      // more than 16 bits cancelled: second piece, good to 118 bits
      let u = r;
      w = n * PIO2_2;
      r = u - w;
      w = n * PIO2_2T - ((u - r) - w);
      REDUCED[0] = r - w;
      i = j - ((highWord(REDUCED[0]) >> 20) & 0x7ff);
      if (i > 49) {
        // third piece, 151 bits: covers every double in range
        u = r;
        w = n * PIO2_3;
        r = u - w;
        w = n * PIO2_3T - ((u - r) - w);
        REDUCED[0] = r - w;
      }
    }
  }
  REDUCED[1] = (r - REDUCED[0]) - w;
  if (hx < 0) {
    REDUCED[0] = -REDUCED[0];
    REDUCED[1] = -REDUCED[1];
    return -n;
  }
  return n;
}

const C1 = 4.16666666666666019037e-2; // 0x3FA55555 5555554C
const C2 = -1.38888888888741095749e-3; // 0xBF56C16C 16C15177
const C3 = 2.48015872894767294178e-5; // 0x3EFA01A0 19CB1590
const C4 = -2.75573143513906633035e-7; // 0xBE927E4F 809C52AD
const C5 = 2.08757232129817482790e-9; // 0x3E21EE9E BDB4B1C4
const C6 = -1.13596475577881948265e-11; // 0xBDA8FAE9 BE8838D4

/**
 * cos(x + y) for |x| ≤ π/4, y the tail of x: 1 − (x²/2 − (x²·r − x·y)) with r a degree-14
 * polynomial (error below 2^−58); for |x| ≥ 0.3, qx ≈ x²/4 is split off first so that the
 * subtraction from 1 is exact.
 */
export function kernelCos(x: number, y: number): number {
  const ix = highWord(x) & 0x7fffffff;
  if (ix < 0x3e400000) return 1; // |x| < 2^−27
  const z = x * x;
  const r = z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
  if (ix < 0x3fd33333) return 1 - (0.5 * z - (z * r - x * y));
  const qx = ix > 0x3fe90000 ? 0.28125 : fromWords(ix - 0x00200000, 0); // x/4 with the low word cleared
  const iz = 0.5 * z - qx;
  const a = 1 - qx;
  return a - (iz - (z * r - x * y));
}

const S1 = -1.66666666666666324348e-1; // 0xBFC55555 55555549
const S2 = 8.33333333332248946124e-3; // 0x3F811111 1110F8A6
const S3 = -1.98412698298579493134e-4; // 0xBF2A01A0 19C161D5
const S4 = 2.75573137070700676789e-6; // 0x3EC71DE3 57B1FE7D
const S5 = -2.50507602534068634195e-8; // 0xBE5AE5E6 8A2B9CEB
const S6 = 1.58969099521155010221e-10; // 0x3DE5D93A 5ACFD57C

/**
 * sin(x + y) for |x| ≤ π/4, y the tail of x (ignored when hasTail is false): x + x³·(S1 + x²·r)
 * with r a degree-8 polynomial in x (error below 2^−58), plus the tail's first-order term.
 */
export function kernelSin(x: number, y: number, hasTail: boolean): number {
  const ix = highWord(x) & 0x7fffffff;
  if (ix < 0x3e400000) return x; // |x| < 2^−27
  const z = x * x;
  const v = z * x;
  const r = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)));
  if (!hasTail) return x + v * (S1 + z * r);
  return x - ((z * (0.5 * y - v * r) - y) - v * S1);
}
