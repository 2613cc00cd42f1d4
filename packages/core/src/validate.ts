// Parameter checks shared by the public functions. Every message names the parameter and the
// value it got, because only an error's message crosses a worker boundary.

/** Arrays nested deeper than this are shown as `[…]`: a message needs no more, and a hostile 5000-deep value must not overflow the stack. */
const SHOW_DEPTH = 4;

/** Formats a value for an error message: strings quoted, arrays abbreviated (nested arrays beyond 4 levels as `[…]`). */
export function show(value: unknown, depth = 0): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 200 ? `${value.slice(0, 200)}…` : value);
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (Array.isArray(value)) {
    if (depth >= SHOW_DEPTH) return value.length === 0 ? '[]' : '[…]';
    const items = value.slice(0, 6).map((v: unknown) => show(v, depth + 1));
    return value.length > 6 ? `[${items.join(', ')}, …] (length ${value.length})` : `[${items.join(', ')}]`;
  }
  if (ArrayBuffer.isView(value)) return `${value.constructor.name}(length ${(value as unknown as ArrayLike<number>).length})`;
  if (value === null || value === undefined) return String(value);
  try {
    const text = JSON.stringify(value);
    return text === undefined ? String(value) : text.length > 80 ? `${text.slice(0, 77)}…` : text;
  } catch {
    return String(value);
  }
}

export function requireNumber(name: string, value: unknown): number {
  if (typeof value !== 'number') throw new TypeError(`${name} must be a number, got ${show(value)}`);
  if (!Number.isFinite(value)) throw new RangeError(`${name} must be a finite number, got ${show(value)}`);
  return value;
}

export function requirePositive(name: string, value: unknown): number {
  const x = requireNumber(name, value);
  if (!(x > 0)) throw new RangeError(`${name} must be a finite number > 0, got ${show(value)}`);
  return x;
}

export function requireNonNegative(name: string, value: unknown): number {
  const x = requireNumber(name, value);
  if (!(x >= 0)) throw new RangeError(`${name} must be a finite number ≥ 0, got ${show(value)}`);
  return x;
}

export function requirePositiveInteger(name: string, value: unknown): number {
  const x = requireNumber(name, value);
  if (!Number.isInteger(x) || x < 1) throw new RangeError(`${name} must be a positive integer, got ${show(value)}`);
  return x;
}

export function requireNonNegativeInteger(name: string, value: unknown): number {
  if (typeof value !== 'number') throw new TypeError(`${name} must be a number, got ${show(value)}`);
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be an integer from 0 to 2^53 − 1, got ${show(value)}`);
  return value;
}

export function requireLabel(name: string, value: unknown): number {
  const y = requireNumber(name, value);
  if (!(y >= 0 && y <= 1)) throw new RangeError(`${name} must be a label in [0, 1], got ${show(value)}`);
  return y;
}

export function requireOneOf<T extends string>(name: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new RangeError(`${name} must be one of ${allowed.map((a) => `'${a}'`).join(', ')}, got ${show(value)}`);
  }
  return value as T;
}

/** Reads a number or a list of numbers as a Float64Array of length d (a number is repeated). */
export function vectorOf(name: string, value: number | ArrayLike<number> | undefined, d: number, fallback: number): Float64Array {
  const out = new Float64Array(d);
  if (value === undefined) return out.fill(fallback);
  if (typeof value === 'number') return out.fill(requireNumber(name, value));
  if (typeof value !== 'object' || value === null || typeof value.length !== 'number') {
    throw new TypeError(`${name} must be a number or a list of ${d} numbers, got ${show(value)}`);
  }
  if (value.length !== d) throw new RangeError(`${name} must have ${d} entries (one per input), got ${value.length}`);
  for (let j = 0; j < d; j++) out[j] = requireNumber(`${name}[${j}]`, value[j]);
  return out;
}
