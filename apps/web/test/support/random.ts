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

/** [0, count) cut in order into chunks of 1 to `most` runs, each size drawn from `random`. */
export function randomChunks(count: number, most: number, random: (n: number) => number): { start: number; end: number }[] {
  const chunks: { start: number; end: number }[] = [];
  for (let start = 0; start < count; ) {
    const end = Math.min(count, start + 1 + random(most));
    chunks.push({ start, end });
    start = end;
  }
  return chunks;
}

/** Shuffles `items` in place (Fisher–Yates from the last index down, drawing from `random`); returns them. */
export function shuffle<T>(items: T[], random: (n: number) => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = random(i + 1);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}
