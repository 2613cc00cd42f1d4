// The median of a growing multiset given as (value, count) pairs, exact. A worker sends a chunk's
// epochs to fit as distinct values with their counts, so merging costs O(distinct · log entries),
// not O(runs).

/** A value with its multiplicity, as a heap entry (`key` is the value, negated in the lower heap). */
interface Entry {
  key: number;
  count: number;
}

/**
 * The median of the values added so far, each added with a count: two binary heaps of entries,
 * the lower half (a max-heap) and the upper half (a min-heap), balanced by counts so that the
 * lower half holds ⌈n/2⌉ values (an entry is split when the balance cuts through it). The median
 * is the lower half's largest value for an odd n and (lower's largest + upper's smallest) / 2 for
 * an even one: the same double as sorting all n values and taking v[(n−1)/2], or
 * (v[n/2 − 1] + v[n/2]) / 2, as the summary's medianOf does.
 */
export class CountedMedian {
  readonly #lower: Entry[] = [];
  readonly #upper: Entry[] = [];
  #lowerCount = 0;
  #upperCount = 0;

  /** How many values were added (counts summed). */
  get size(): number {
    return this.#lowerCount + this.#upperCount;
  }

  /** Adds `value` (not NaN) `count` times (an integer ≥ 0). */
  add(value: number, count = 1): void {
    if (count <= 0) return;
    const top = this.#lower[0];
    if (top === undefined || value <= -top.key) {
      push(this.#lower, { key: -value, count });
      this.#lowerCount += count;
    } else {
      push(this.#upper, { key: value, count });
      this.#upperCount += count;
    }
    const want = Math.ceil((this.#lowerCount + this.#upperCount) / 2);
    if (this.#lowerCount > want) this.#move(this.#lower, this.#upper, this.#lowerCount - want, -1);
    else if (this.#lowerCount < want) this.#move(this.#upper, this.#lower, want - this.#lowerCount, 1);
  }

  /** The median, or null when nothing was added. */
  median(): number | null {
    const low = this.#lower[0];
    if (low === undefined) return null;
    const high = this.#upper[0];
    return this.#lowerCount > this.#upperCount || high === undefined ? -low.key : (-low.key + high.key) / 2;
  }

  /** Moves `units` values from the top of `from` to `to`; `sign` −1 moves lower → upper. */
  #move(from: Entry[], to: Entry[], units: number, sign: -1 | 1): void {
    let left = units;
    while (left > 0) {
      const top = from[0]!;
      const moved = Math.min(top.count, left);
      if (moved === top.count) pop(from);
      else top.count -= moved;
      push(to, { key: -top.key, count: moved });
      left -= moved;
    }
    // sign −1: lower lost `units`; +1: upper lost them.
    this.#lowerCount += sign * units;
    this.#upperCount -= sign * units;
  }
}

/** Pushes onto a min-heap by key. */
function push(heap: Entry[], entry: Entry): void {
  let i = heap.length;
  heap.push(entry);
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (heap[parent]!.key <= entry.key) break;
    heap[i] = heap[parent]!;
    i = parent;
  }
  heap[i] = entry;
}

/** Removes the smallest key of a non-empty min-heap. */
function pop(heap: Entry[]): void {
  const last = heap.pop()!;
  const n = heap.length;
  if (n === 0) return;
  let i = 0;
  for (;;) {
    const left = 2 * i + 1;
    if (left >= n) break;
    const right = left + 1;
    const child = right < n && heap[right]!.key < heap[left]!.key ? right : left;
    if (heap[child]!.key >= last.key) break;
    heap[i] = heap[child]!;
    i = child;
  }
  heap[i] = last;
}
