// SHA-256 (FIPS 180-4), incremental, in plain TypeScript: result files are written and read in
// chunks, in Node and in browsers, and crypto.subtle.digest takes one whole buffer (and is async),
// so the integrity check of a streamed file needs a hash that can be fed piece by piece. Text is
// hashed as its UTF-8 bytes, encoded here (lone surrogates as U+FFFD, as TextEncoder does), so no
// copy of a chunk is made to hash it.

/** Round constants: the first 32 bits of the fractional parts of the cube roots of the first 64 primes. */
const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

/** Initial hash value: the first 32 bits of the fractional parts of the square roots of the first 8 primes. */
const H0 = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

/**
 * An incremental SHA-256: `update` with bytes or text (as UTF-8) any number of times, then
 * `digestHex()` once. The digest equals node:crypto's createHash('sha256') over the same bytes.
 */
export class Sha256 {
  private readonly state = new Int32Array(H0);
  private readonly block = new Uint8Array(64);
  private readonly w = new Int32Array(64);
  private filled = 0;
  /** Bytes hashed so far (exact up to 2^53, far beyond any file). */
  private length = 0;
  private finished = false;
  /** A high surrogate that ended the last text, waiting for its low half. */
  private high = 0;

  /** Adds bytes. */
  update(bytes: Uint8Array): this {
    this.check();
    this.flushHigh();
    for (let i = 0; i < bytes.length; i++) this.push(bytes[i]!);
    return this;
  }

  /**
   * Adds the UTF-8 bytes of `text`. A high surrogate that ends one piece and the low surrogate that
   * starts the next are one code point, as in the joined text.
   */
  updateText(text: string): this {
    this.check();
    const block = this.block;
    const n = text.length;
    for (let i = 0; i < n; i++) {
      let c = text.charCodeAt(i);
      if (c < 0x80 && this.high === 0) {
        // ASCII, nearly all of a result file: straight into the block (the per-byte path below is ~10× slower).
        let filled = this.filled;
        let j = i;
        while (j < n && c < 0x80) {
          block[filled++] = c;
          if (filled === 64) {
            this.compress();
            filled = 0;
          }
          c = ++j < n ? text.charCodeAt(j) : 0x80;
        }
        this.length += j - i;
        this.filled = filled;
        i = j - 1;
        continue;
      }
      if (this.high !== 0) {
        const high = this.high;
        this.high = 0;
        if (c >= 0xdc00 && c <= 0xdfff) {
          this.pushCodePoint(0x10000 + ((high - 0xd800) << 10) + (c - 0xdc00));
          continue;
        }
        this.pushCodePoint(0xfffd);
      }
      if (c < 0x80) {
        this.push(c);
        continue;
      }
      if (c < 0x800) {
        this.push(0xc0 | (c >> 6));
        this.push(0x80 | (c & 63));
        continue;
      }
      if (c >= 0xd800 && c <= 0xdbff && i + 1 === text.length) {
        this.high = c; // its low half may start the next piece
        continue;
      }
      if (c >= 0xd800 && c <= 0xdfff) {
        const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
        if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
          c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
          i++;
        } else c = 0xfffd; // a lone surrogate, as TextEncoder encodes it
      }
      this.pushCodePoint(c);
    }
    return this;
  }

  /** A code point ≥ 0x800 as 3 or 4 UTF-8 bytes. */
  private pushCodePoint(c: number): void {
    if (c >= 0x10000) {
      this.push(0xf0 | (c >> 18));
      this.push(0x80 | ((c >> 12) & 63));
    } else this.push(0xe0 | (c >> 12));
    this.push(0x80 | ((c >> 6) & 63));
    this.push(0x80 | (c & 63));
  }

  /** A high surrogate left at the end of the last text, as U+FFFD (nothing followed it). */
  private flushHigh(): void {
    if (this.high === 0) return;
    this.high = 0;
    this.pushCodePoint(0xfffd);
  }

  /** The digest as 64 lowercase hex digits; the hash cannot be updated afterwards. */
  digestHex(): string {
    this.check();
    this.flushHigh();
    const bits = this.length * 8;
    this.push(0x80);
    while (this.filled !== 56) this.push(0);
    // The message length in bits, big-endian in 64 bits (split: bit operations are 32-bit).
    const high = Math.floor(bits / 0x100000000);
    for (let s = 24; s >= 0; s -= 8) this.push((high >>> s) & 255);
    for (let s = 24; s >= 0; s -= 8) this.push((bits >>> s) & 255);
    this.finished = true;
    let hex = '';
    for (let i = 0; i < 8; i++) hex += (this.state[i]! >>> 0).toString(16).padStart(8, '0');
    return hex;
  }

  private check(): void {
    if (this.finished) throw new Error('Sha256: the digest was taken; start a new hash');
  }

  private push(byte: number): void {
    this.block[this.filled++] = byte;
    this.length++;
    if (this.filled === 64) {
      this.compress();
      this.filled = 0;
    }
  }

  /** One 64-byte block into the state (FIPS 180-4 §6.2.2); Int32 arithmetic wraps mod 2^32 with `| 0`. */
  private compress(): void {
    const { w, block, state } = this;
    for (let t = 0; t < 16; t++) w[t] = (block[4 * t]! << 24) | (block[4 * t + 1]! << 16) | (block[4 * t + 2]! << 8) | block[4 * t + 3]!;
    for (let t = 16; t < 64; t++) {
      const x = w[t - 15]!;
      const y = w[t - 2]!;
      const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
      const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
      w[t] = (w[t - 16]! + s0 + w[t - 7]! + s1) | 0;
    }
    let a = state[0]!;
    let b = state[1]!;
    let c = state[2]!;
    let d = state[3]!;
    let e = state[4]!;
    let f = state[5]!;
    let g = state[6]!;
    let h = state[7]!;
    for (let t = 0; t < 64; t++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const ch = (e & f) ^ (~e & g);
      const t1 = (h + S1 + ch + K[t]! + w[t]!) | 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const maj = (a & b) ^ (a & c) ^ (b & c);
      const t2 = (S0 + maj) | 0;
      h = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    state[0] = (state[0]! + a) | 0;
    state[1] = (state[1]! + b) | 0;
    state[2] = (state[2]! + c) | 0;
    state[3] = (state[3]! + d) | 0;
    state[4] = (state[4]! + e) | 0;
    state[5] = (state[5]! + f) | 0;
    state[6] = (state[6]! + g) | 0;
    state[7] = (state[7]! + h) | 0;
  }
}
