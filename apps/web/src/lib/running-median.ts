// The median of a growing multiset of numbers, exact, in O(log n) per value added.

/**
 * The median of the values added so far: two binary heaps, the lower half (a max-heap, holding
 * the extra value when the count is odd) and the upper half (a min-heap). The median is the lower
 * half's largest value for an odd count and (lower's largest + upper's smallest) / 2 for an even
 * one: the same double as sorting all values and taking (v[n/2 − 1] + v[n/2]) / 2, as the
 * summary's medianOf does. Values only come in (a run finishes once), so nothing is removed.
 */
export class RunningMedian {
  // Both heaps are min-heaps in growable arrays; the lower half is stored negated.
  #lower = new Float64Array(16);
  #upper = new Float64Array(16);
  #lowerSize = 0;
  #upperSize = 0;

  /** How many values were added. */
  get size(): number {
    return this.#lowerSize + this.#upperSize;
  }

  /** Adds one value (not NaN: it has no place in an order). */
  add(value: number): void {
    if (this.#lowerSize === 0 || value <= -this.#lower[0]!) this.#lower = heapPush(this.#lower, this.#lowerSize++, -value);
    else this.#upper = heapPush(this.#upper, this.#upperSize++, value);
    // Rebalance so that lowerSize − upperSize ∈ {0, 1}.
    if (this.#lowerSize > this.#upperSize + 1) {
      const moved = -heapPop(this.#lower, this.#lowerSize--);
      this.#upper = heapPush(this.#upper, this.#upperSize++, moved);
    } else if (this.#upperSize > this.#lowerSize) {
      const moved = heapPop(this.#upper, this.#upperSize--);
      this.#lower = heapPush(this.#lower, this.#lowerSize++, -moved);
    }
  }

  /** The median, or null when nothing was added. */
  median(): number | null {
    if (this.#lowerSize === 0) return null;
    const low = -this.#lower[0]!;
    return this.#lowerSize > this.#upperSize ? low : (low + this.#upper[0]!) / 2;
  }
}

/** Pushes `value` onto the min-heap of `size` entries in `heap` (grown if full); returns the heap. */
function heapPush(heap: Float64Array<ArrayBuffer>, size: number, value: number): Float64Array<ArrayBuffer> {
  let h = heap;
  if (size === h.length) {
    h = new Float64Array(size * 2);
    h.set(heap);
  }
  let i = size;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    const p = h[parent]!;
    if (p <= value) break;
    h[i] = p;
    i = parent;
  }
  h[i] = value;
  return h;
}

/** Removes and returns the smallest of the `size` (≥ 1) entries of the min-heap `heap`. */
function heapPop(heap: Float64Array, size: number): number {
  const top = heap[0]!;
  const last = heap[size - 1]!;
  const n = size - 1;
  let i = 0;
  for (;;) {
    const left = 2 * i + 1;
    if (left >= n) break;
    const right = left + 1;
    const child = right < n && heap[right]! < heap[left]! ? right : left;
    if (heap[child]! >= last) break;
    heap[i] = heap[child]!;
    i = child;
  }
  heap[i] = last;
  return top;
}
