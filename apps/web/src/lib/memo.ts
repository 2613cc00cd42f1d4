// The app's one memo helper: every value derived from the state or a sweep result is recomputed
// only when one of its inputs changed (by identity), the way Lit compares properties.

/**
 * Wraps `compute` so that it runs again only when an argument differs (`Object.is`) from the last
 * call's; otherwise the last value is returned. It keeps one entry (the last call), so it suits a
 * value that follows the current state, not a lookup table. Pass plain strings or numbers as keys
 * for values compared by content (e.g. a selection as "2.31_3.4").
 */
export function memo<A extends readonly unknown[], R>(compute: (...args: A) => R): (...args: A) => R {
  let last: { args: A; value: R } | null = null;
  return (...args: A): R => {
    if (last && last.args.length === args.length && last.args.every((arg, k) => Object.is(arg, args[k]))) return last.value;
    const value = compute(...args);
    last = { args, value };
    return value;
  };
}
