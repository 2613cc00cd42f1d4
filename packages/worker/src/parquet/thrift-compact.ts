// Thrift's compact protocol, the encoding of every Parquet header and footer: only what Parquet's
// structures use (i32/i64 as zigzag varints, binary, lists, nested structs). Values are written
// as a tree of typed fields, so the encoder cannot pair a field id with the wrong wire type.

/** A value in a Thrift struct, tagged with its wire type. */
export type ThriftValue =
  | { readonly type: 'i32'; readonly value: number }
  | { readonly type: 'i64'; readonly value: number | bigint }
  | { readonly type: 'binary'; readonly value: string | Uint8Array }
  | { readonly type: 'struct'; readonly value: ThriftStruct }
  | { readonly type: 'list'; readonly element: 'i32' | 'binary' | 'struct'; readonly value: readonly ThriftValue[] };

/** A struct: its fields by id (ascending order is not required; they are sorted when written). Undefined fields are left out. */
export type ThriftStruct = ReadonlyMap<number, ThriftValue> | { readonly [id: number]: ThriftValue | undefined };

export const i32 = (value: number): ThriftValue => ({ type: 'i32', value });
export const i64 = (value: number | bigint): ThriftValue => ({ type: 'i64', value });
export const binary = (value: string | Uint8Array): ThriftValue => ({ type: 'binary', value });
export const struct = (value: ThriftStruct): ThriftValue => ({ type: 'struct', value });
export const list = (element: 'i32' | 'binary' | 'struct', value: readonly ThriftValue[]): ThriftValue => ({ type: 'list', element, value });

/** Compact-protocol type codes. */
const CODE = { i32: 5, i64: 6, binary: 8, list: 9, struct: 12 } as const;

const encoder = new TextEncoder();

/** Grows as written; `bytes()` returns the written prefix. */
export class ByteSink {
  private buffer = new Uint8Array(256);
  private length = 0;

  get size(): number {
    return this.length;
  }

  private reserve(n: number): void {
    if (this.length + n <= this.buffer.length) return;
    let capacity = this.buffer.length * 2;
    while (capacity < this.length + n) capacity *= 2;
    const next = new Uint8Array(capacity);
    next.set(this.buffer.subarray(0, this.length));
    this.buffer = next;
  }

  byte(b: number): void {
    this.reserve(1);
    this.buffer[this.length++] = b;
  }

  raw(bytes: Uint8Array): void {
    this.reserve(bytes.length);
    this.buffer.set(bytes, this.length);
    this.length += bytes.length;
  }

  /** A 32-bit unsigned integer, little-endian. */
  uint32(value: number): void {
    this.reserve(4);
    const b = this.buffer;
    const at = this.length;
    b[at] = value & 0xff;
    b[at + 1] = (value >>> 8) & 0xff;
    b[at + 2] = (value >>> 16) & 0xff;
    b[at + 3] = (value >>> 24) & 0xff;
    this.length += 4;
  }

  /** An unsigned varint (LEB128) of a non-negative integer below 2^64. */
  varint(value: number | bigint): void {
    let v = BigInt(value);
    if (v < 0n) throw new RangeError(`a varint must be ≥ 0, got ${v}`);
    // Numbers below 2^31 take the fast path; larger ones go through BigInt.
    if (v < 0x80000000n) {
      let n = Number(v);
      while (n >= 0x80) {
        this.byte((n & 0x7f) | 0x80);
        n >>>= 7;
      }
      this.byte(n);
      return;
    }
    while (v >= 0x80n) {
      this.byte(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    this.byte(Number(v));
  }

  /** A zigzag varint: 0, −1, 1, −2 … ↦ 0, 1, 2, 3 … */
  zigzag(value: number | bigint): void {
    const v = BigInt(value);
    this.varint(v >= 0n ? v << 1n : (-v << 1n) - 1n);
  }

  bytes(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }
}

function entries(s: ThriftStruct): [number, ThriftValue][] {
  const list: [number, ThriftValue][] = [];
  if (s instanceof Map) for (const [id, v] of s) list.push([id, v]);
  else for (const [key, v] of Object.entries(s)) if (v !== undefined) list.push([Number(key), v as ThriftValue]);
  return list.sort((a, b) => a[0] - b[0]);
}

function writeValue(out: ByteSink, v: ThriftValue): void {
  switch (v.type) {
    case 'i32':
      if (!Number.isInteger(v.value) || v.value < -0x80000000 || v.value > 0x7fffffff) throw new RangeError(`an i32 must be an integer in [−2^31, 2^31), got ${v.value}`);
      out.zigzag(v.value);
      return;
    case 'i64':
      out.zigzag(v.value);
      return;
    case 'binary': {
      const bytes = typeof v.value === 'string' ? encoder.encode(v.value) : v.value;
      out.varint(bytes.length);
      out.raw(bytes);
      return;
    }
    case 'struct':
      writeStruct(out, v.value);
      return;
    case 'list': {
      const n = v.value.length;
      const code = CODE[v.element];
      if (n < 15) out.byte((n << 4) | code);
      else {
        out.byte(0xf0 | code);
        out.varint(n);
      }
      for (const item of v.value) {
        if (item.type !== v.element) throw new TypeError(`a list of ${v.element} holds a ${item.type}`);
        writeValue(out, item);
      }
    }
  }
}

/** Writes a struct: each field as a header (id delta and type) and its value, then the stop byte. */
export function writeStruct(out: ByteSink, s: ThriftStruct): void {
  let last = 0;
  for (const [id, v] of entries(s)) {
    const delta = id - last;
    const code = CODE[v.type];
    if (delta > 0 && delta <= 15) out.byte((delta << 4) | code);
    else {
      out.byte(code);
      out.zigzag(id);
    }
    writeValue(out, v);
    last = id;
  }
  out.byte(0);
}

/** A struct's compact-protocol bytes. */
export function encodeStruct(s: ThriftStruct): Uint8Array {
  const out = new ByteSink();
  writeStruct(out, s);
  return out.bytes();
}
