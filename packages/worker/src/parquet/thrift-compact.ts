// Thrift's compact protocol, the encoding of every Parquet header and footer: only what Parquet's
// structures use (i32/i64 as zigzag varints, binary, lists, nested structs). Values are written
// as a tree of typed fields, so the encoder cannot pair a field id with the wrong wire type.

import { copyBytes } from '../copy-bytes.js';

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
    this.length = copyBytes(this.buffer, this.length, bytes, 0, bytes.length);
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

/** A decoded struct: field id → value (numbers for i32, bigint for i64, bytes for binary, arrays for lists, maps for structs). */
export type DecodedStruct = Map<number, DecodedValue>;
export type DecodedValue = number | bigint | boolean | Uint8Array | DecodedStruct | DecodedValue[];

/** Reads compact-protocol values from `bytes` starting at `offset`; refuses anything malformed with a RangeError. */
export class ThriftReader {
  /** Nesting depth limit: Parquet's footer nests a few levels; a deeper one is not a footer. */
  private static readonly MAX_DEPTH = 32;

  constructor(
    private readonly bytes: Uint8Array,
    public offset = 0,
  ) {}

  private byte(): number {
    if (this.offset >= this.bytes.length) throw new RangeError(`thrift: unexpected end of data at byte ${this.offset}`);
    return this.bytes[this.offset++]!;
  }

  varint(): bigint {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      const b = this.byte();
      result |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) return result;
      shift += 7n;
      if (shift > 63n) throw new RangeError(`thrift: varint longer than 64 bits at byte ${this.offset}`);
    }
  }

  zigzag(): bigint {
    const v = this.varint();
    return (v & 1n) === 0n ? v >> 1n : -((v + 1n) >> 1n);
  }

  private value(type: number, depth: number): DecodedValue {
    switch (type) {
      case 1:
        return true;
      case 2:
        return false;
      case 3:
        return this.byte();
      case 4:
      case 5: {
        const v = this.zigzag();
        if (v < -0x80000000n || v > 0x7fffffffn) throw new RangeError(`thrift: i32 out of range at byte ${this.offset}`);
        return Number(v);
      }
      case 6:
        return this.zigzag();
      case 7: {
        if (this.offset + 8 > this.bytes.length) throw new RangeError(`thrift: unexpected end of data at byte ${this.offset}`);
        const v = new DataView(this.bytes.buffer, this.bytes.byteOffset + this.offset, 8).getFloat64(0, true);
        this.offset += 8;
        return v;
      }
      case 8: {
        const n = Number(this.varint());
        if (this.offset + n > this.bytes.length) throw new RangeError(`thrift: a binary of ${n} bytes runs past the end at byte ${this.offset}`);
        const out = this.bytes.subarray(this.offset, this.offset + n);
        this.offset += n;
        return out;
      }
      case 9:
      case 10: {
        const header = this.byte();
        let n = header >> 4;
        const element = header & 0x0f;
        if (n === 15) n = Number(this.varint());
        if (n > this.bytes.length - this.offset) throw new RangeError(`thrift: a list of ${n} elements cannot fit in the data at byte ${this.offset}`);
        const out: DecodedValue[] = [];
        for (let k = 0; k < n; k++) out.push(element === 1 || element === 2 ? this.byte() === 1 : this.value(element, depth + 1));
        return out;
      }
      case 12:
        return this.struct(depth + 1);
      default:
        throw new RangeError(`thrift: unknown type ${type} at byte ${this.offset - 1}`);
    }
  }

  /** Reads one struct (to its stop byte). */
  struct(depth = 0): DecodedStruct {
    if (depth > ThriftReader.MAX_DEPTH) throw new RangeError(`thrift: structs nested deeper than ${ThriftReader.MAX_DEPTH}`);
    const out: DecodedStruct = new Map();
    let last = 0;
    for (;;) {
      const header = this.byte();
      if (header === 0) return out;
      const type = header & 0x0f;
      const delta = header >> 4;
      const id = delta === 0 ? Number(this.zigzag()) : last + delta;
      out.set(id, this.value(type, depth));
      last = id;
    }
  }
}
