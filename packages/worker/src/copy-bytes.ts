// The copy both byte sinks use (result-run-text.ts's for run text, parquet/thrift-compact.ts's
// for Parquet pages and headers): most of what they append is a few bytes (a key, a word, a run
// without a curve, a Parquet string), where a plain loop beats the call into TypedArray.set; a
// long piece (a curve, a page) goes through set().

/** Below this many bytes a loop copies; from it on, set() (measured on run text, see ResultTextWriter). */
const LOOP_BELOW = 256;

/** Copies bytes [from, to) of `source` into `target` at `at` (which must have room); returns the index after them. */
export function copyBytes(target: Uint8Array, at: number, source: Uint8Array, from: number, to: number): number {
  if (to - from < LOOP_BELOW) {
    for (let i = from; i < to; i++) target[at++] = source[i]!;
    return at;
  }
  target.set(source.subarray(from, to), at);
  return at + (to - from);
}
