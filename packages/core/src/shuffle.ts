// The order in which mini-batch descent visits the points in one epoch: a permutation computed
// directly from (seed, epoch) with the counter-based generator, so epoch e's order needs none of
// the draws of epochs 0..e−1, and every platform gets the same permutation (integer operations only).

import { philox4x32 } from './random.js';
import { requireNonNegativeInteger, requirePositiveInteger, show } from './validate.js';

// Stream tag (word c2 of the counter) of the shuffles, apart from the initializers' and generators'.
const STREAM_SHUFFLE = 0x5f1e;
const TWO_POW_32 = 4294967296;
const block = new Uint32Array(4);

/**
 * An integer uniform on 0..m−1 (1 ≤ m ≤ 2³²), unbiased, for draw `k` of epoch `epoch`: the words of
 * the Philox4x32-10 blocks for counter (k, epoch, STREAM_SHUFFLE, a), a = 0, 1, …, key = seed, taken
 * in order. A 32-bit word x is accepted when x < 2³² − (2³² mod m), the largest multiple of m
 * that fits, and gives x mod m: every residue then has exactly ⌊2³²/m⌋ accepted words. A word is
 * rejected with probability (2³² mod m)/2³² < m/2³², so for a dataset of n points a whole block of
 * four is rejected with probability below (n/2³²)⁴.
 */
export function drawBelow(m: number, seed: number, epoch: number, k: number): number {
  const reject = TWO_POW_32 % m;
  const limit = TWO_POW_32 - reject;
  const k0 = seed % TWO_POW_32;
  const k1 = Math.floor(seed / TWO_POW_32);
  for (let attempt = 0; ; attempt++) {
    philox4x32(k, epoch, STREAM_SHUFFLE, attempt, k0, k1, block);
    for (let i = 0; i < 4; i++) {
      const x = block[i]!;
      if (x < limit) return x % m;
    }
  }
}

/**
 * The order of the n points in epoch `epoch` (0, 1, …) of mini-batch descent with shuffle seed
 * `seed`: a permutation of 0..n−1 by Fisher–Yates (Durstenfeld's form) from the identity, for
 * k = n−1 down to 1 swapping entry k with entry j, j uniform on 0..k by an unbiased draw (see
 * drawBelow: counter (k, epoch, stream, attempt), key seed). Every one of the n! orders is equally
 * likely, and any epoch's order is computed directly. Written into `out` when given (length n).
 * Throws a RangeError naming the parameter for n not in 1..2³², epoch not in 0..2³² − 1, or seed not
 * an integer from 0 to 2⁵³ − 1.
 */
export function epochPermutation(seed: number, epoch: number, n: number, out: Uint32Array = new Uint32Array(n)): Uint32Array {
  requireNonNegativeInteger('seed', seed);
  requireNonNegativeInteger('epoch', epoch);
  if (epoch >= TWO_POW_32) throw new RangeError(`epoch must be below 2^32, got ${show(epoch)}`);
  requirePositiveInteger('n', n);
  if (n > TWO_POW_32) throw new RangeError(`n must be at most 2^32, got ${show(n)}`);
  if (!(out instanceof Uint32Array) || out.length !== n) throw new RangeError(`out must be a Uint32Array of length n = ${n}, got ${show(out)}`);
  return permuteInto(seed, epoch, n, out);
}

/** {@link epochPermutation} without validation, for callers that validated already. */
export function permuteInto(seed: number, epoch: number, n: number, out: Uint32Array): Uint32Array {
  for (let i = 0; i < n; i++) out[i] = i;
  for (let k = n - 1; k > 0; k--) {
    const j = drawBelow(k + 1, seed, epoch, k);
    const held = out[k]!;
    out[k] = out[j]!;
    out[j] = held;
  }
  return out;
}
