// A seeded source of random integers for tests that try many orders or values: the same seed gives
// the same sequence on every run and machine.

/**
 * Integers in [0, n) from a 32-bit linear congruential generator (Numerical Recipes' a = 1664525,
 * c = 1013904223, mod 2^32), scaled from the state's top bits. Not for statistics: for test cases.
 */
export function randomInts(seed: number): (n: number) => number {
  let state = seed >>> 0;
  return (n) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return Math.floor((state / 4294967296) * n);
  };
}
