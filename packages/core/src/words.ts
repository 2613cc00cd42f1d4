// The two 32-bit halves of a double, as fdlibm reads and writes them (its GET_HIGH_WORD,
// GET_LOW_WORD, INSERT_WORDS, SET_HIGH_WORD). Internal to the deterministic math functions.
//
// One shared 8-byte buffer, viewed as a double and as two words; which word is the high one
// depends on the platform's byte order, found once here. The high word is returned as a signed
// 32-bit integer (fdlibm's int32_t hx: negative for negative x), the low word unsigned.

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const HI = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1 ? 1 : 0;
const LO = 1 - HI;

/** The sign, exponent and top 20 fraction bits of x, as a signed 32-bit integer. */
export function highWord(x: number): number {
  f64[0] = x;
  return u32[HI]! | 0;
}

/** The low 32 fraction bits of x, unsigned. */
export function lowWord(x: number): number {
  f64[0] = x;
  return u32[LO]!;
}

/** The double with these two words. */
export function fromWords(high: number, low: number): number {
  u32[HI] = high;
  u32[LO] = low;
  return f64[0]!;
}

/** x with its high word replaced. */
export function withHighWord(x: number, high: number): number {
  f64[0] = x;
  u32[HI] = high;
  return f64[0]!;
}
