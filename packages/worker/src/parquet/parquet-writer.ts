// A small Apache Parquet writer: flat columns of doubles, 32- and 64-bit integers and UTF-8
// strings, each optional or required, and optional lists of optional doubles. One uncompressed
// data page (v1, PLAIN values, RLE/bit-packed levels) per column per row group, no statistics,
// key-value metadata in the footer. Written a row group at a time, so memory is bounded by the row
// group, not the file. The same rows and options always give the same bytes.
//
// Format: "PAR1", the row groups' column chunks, the footer (FileMetaData in Thrift's compact
// protocol), its length (4 bytes, little-endian), "PAR1".

import { crc32 } from './crc32.js';
import { ByteSink, binary, encodeStruct, i32, i64, list, struct, type ThriftValue } from './thrift-compact.js';

/** The kinds of column written. */
export type ParquetKind = 'double' | 'int32' | 'int64' | 'string' | 'double-list';

/** A column: its name, kind and whether it may hold nulls (a list column is always optional, its elements too). */
export interface ParquetColumn {
  readonly name: string;
  readonly kind: ParquetKind;
  readonly nullable: boolean;
}

/**
 * One row group's values of one column, as typed arrays (one entry per row; a list column: `width`
 * entries per row, row r's at r·width…). Nulls: a double that is not finite (NaN, ±Infinity: the
 * JSON files' null); an int32 equal to `nullValue`; a string that is null. A column that is not
 * nullable must hold no null.
 */
export type ParquetBatch =
  | { readonly kind: 'double'; readonly values: Float64Array }
  | { readonly kind: 'int32'; readonly values: Int32Array; readonly nullValue?: number }
  | { readonly kind: 'int64'; readonly values: Float64Array }
  | { readonly kind: 'string'; readonly values: readonly (string | null)[] }
  | { readonly kind: 'double-list'; readonly values: Float64Array; readonly width: number };

/** Rows in a batch. */
function batchRows(batch: ParquetBatch): number {
  return batch.kind === 'double-list' ? (batch.width === 0 ? 0 : batch.values.length / batch.width) : batch.values.length;
}

// Parquet's enums (parquet.thrift).
const TYPE = { INT32: 1, INT64: 2, DOUBLE: 5, BYTE_ARRAY: 6 } as const;
const REPETITION = { REQUIRED: 0, OPTIONAL: 1, REPEATED: 2 } as const;
const CONVERTED_UTF8 = 0;
const CONVERTED_LIST = 3;
const ENCODING_PLAIN = 0;
const ENCODING_RLE = 3;
const PAGE_DATA = 0;
const CODEC_UNCOMPRESSED = 0;

const MAGIC = new TextEncoder().encode('PAR1');
const encoder = new TextEncoder();

function physicalType(kind: ParquetKind): number {
  switch (kind) {
    case 'int32':
      return TYPE.INT32;
    case 'int64':
      return TYPE.INT64;
    case 'string':
      return TYPE.BYTE_ARRAY;
    default:
      return TYPE.DOUBLE;
  }
}

/** The schema elements of a column (a list column is three: the group, the repeated group, the element). */
function schemaElements(column: ParquetColumn): ThriftValue[] {
  if (column.kind === 'double-list') {
    return [
      // optional group NAME (LIST) { repeated group list { optional double element } }
      struct({ 3: i32(REPETITION.OPTIONAL), 4: binary(column.name), 5: i32(1), 6: i32(CONVERTED_LIST), 10: struct({ 3: struct({}) }) }),
      struct({ 3: i32(REPETITION.REPEATED), 4: binary('list'), 5: i32(1) }),
      struct({ 1: i32(TYPE.DOUBLE), 3: i32(REPETITION.OPTIONAL), 4: binary('element') }),
    ];
  }
  const fields: Record<number, ThriftValue> = {
    1: i32(physicalType(column.kind)),
    3: i32(column.nullable ? REPETITION.OPTIONAL : REPETITION.REQUIRED),
    4: binary(column.name),
  };
  if (column.kind === 'string') {
    fields[6] = i32(CONVERTED_UTF8);
    fields[10] = struct({ 1: struct({}) });
  }
  return [struct(fields)];
}

/**
 * Levels (repetition or definition) in the RLE/bit-packed hybrid encoding, preceded by their
 * length (4 bytes, little-endian) as data page v1 stores them. All-equal levels become one RLE run;
 * otherwise one bit-packed run, padded with zeros to a multiple of 8 values (readers stop at the
 * page's value count).
 */
function encodeLevels(out: Parts, levels: Uint8Array, bitWidth: number): void {
  const n = levels.length;
  let same = true;
  for (let i = 1; i < n && same; i++) same = levels[i] === levels[0];
  const body = new ByteSink();
  if (n > 0 && same) {
    body.varint(BigInt(n) << 1n);
    body.byte(levels[0]!);
  } else if (n > 0) {
    const groups = Math.ceil(n / 8);
    body.varint((BigInt(groups) << 1n) | 1n);
    // Level i takes bits [i·bitWidth, (i + 1)·bitWidth), least significant first: shifted into
    // an accumulator that hands over a byte whenever it holds eight bits (bitWidth ≤ 8).
    const packed = new Uint8Array(groups * bitWidth);
    let acc = 0;
    let bits = 0;
    let at = 0;
    for (let i = 0; i < n; i++) {
      acc |= levels[i]! << bits;
      bits += bitWidth;
      if (bits >= 8) {
        packed[at++] = acc & 0xff;
        acc >>>= 8;
        bits -= 8;
      }
    }
    if (bits > 0) packed[at] = acc;
    body.raw(packed);
  }
  const length = new ByteSink();
  length.uint32(body.size);
  out.push(length.bytes(), body.bytes());
}

/** A page's bytes as a list of pieces, concatenated once when the row group is assembled. */
type Parts = Uint8Array[];

function partsSize(parts: Parts): number {
  let n = 0;
  for (const p of parts) n += p.length;
  return n;
}

/** Little-endian bytes of doubles (typed arrays use the platform's order; every platform Node and browsers run on is little-endian, checked once). */
const LITTLE_ENDIAN = new Uint8Array(new Float64Array([1]).buffer)[7] === 0x3f;

function doubleBytes(values: Float64Array): Uint8Array {
  if (LITTLE_ENDIAN) return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  const bytes = new Uint8Array(values.length * 8);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat64(i * 8, values[i]!, true);
  return bytes;
}

/** The entries of `values` whose definition level is `defined` (all of them, without a copy, when every one is). */
function definedValues(values: Float64Array, def: Uint8Array, defined: number, present: number): Float64Array {
  if (present === values.length) return values;
  const out = new Float64Array(present);
  let k = 0;
  for (let i = 0; i < values.length; i++) if (def[i] === defined) out[k++] = values[i]!;
  return out;
}

/** UTF-8 bytes of a string, cached: result columns repeat a few strings ("se", "done") on every row. */
function utf8(cache: Map<string, Uint8Array>, text: string): Uint8Array {
  let bytes = cache.get(text);
  if (bytes === undefined) {
    bytes = encoder.encode(text);
    if (cache.size < 1024) cache.set(text, bytes);
  }
  return bytes;
}

/** The page of one column chunk: levels and PLAIN values, plus the count of level entries (the page's num_values). */
function encodePage(column: ParquetColumn, batch: ParquetBatch): { data: Parts; levelCount: number } {
  if (batch.kind !== column.kind) throw new TypeError(`parquet column ${column.name} is ${column.kind}, got a ${batch.kind} batch`);
  const out: Parts = [];
  const notNullable = (row: number) => new RangeError(`parquet column ${column.name} is not nullable, but row ${row} is null`);
  switch (batch.kind) {
    case 'double-list': {
      // Max repetition 1 (the repeated group), max definition 3: 3 an element, 2 a null element (never a null or empty list here).
      const { values, width } = batch;
      const rep = new Uint8Array(values.length);
      const def = new Uint8Array(values.length);
      let present = 0;
      for (let i = 0, k = 0; i < values.length; i++, k++) {
        if (k === width) k = 0;
        if (k !== 0) rep[i] = 1;
        const v = values[i]!;
        // v − v is 0 for a finite v and NaN otherwise: a cheaper Number.isFinite.
        if (v - v === 0) {
          def[i] = 3;
          present++;
        } else def[i] = 2;
      }
      encodeLevels(out, rep, 1);
      encodeLevels(out, def, 2);
      out.push(doubleBytes(definedValues(values, def, 3, present)));
      return { data: out, levelCount: values.length };
    }
    case 'double': {
      const { values } = batch;
      const def = new Uint8Array(values.length);
      let present = 0;
      for (let i = 0; i < values.length; i++) {
        const v = values[i]!;
        if (v - v === 0) {
          def[i] = 1;
          present++;
        } else if (!column.nullable) throw notNullable(i);
      }
      if (column.nullable) encodeLevels(out, def, 1);
      out.push(doubleBytes(definedValues(values, def, 1, present)));
      return { data: out, levelCount: values.length };
    }
    case 'int32': {
      const { values, nullValue } = batch;
      const def = new Uint8Array(values.length);
      const present = new Int32Array(values.length);
      let count = 0;
      for (let i = 0; i < values.length; i++) {
        if (values[i] !== nullValue || nullValue === undefined) {
          def[i] = 1;
          present[count++] = values[i]!;
        } else if (!column.nullable) throw notNullable(i);
      }
      if (column.nullable) encodeLevels(out, def, 1);
      if (LITTLE_ENDIAN) out.push(new Uint8Array(present.buffer, 0, count * 4));
      else {
        const body = new ByteSink();
        for (let i = 0; i < count; i++) body.uint32(present[i]! >>> 0);
        out.push(body.bytes());
      }
      return { data: out, levelCount: values.length };
    }
    case 'int64': {
      const { values } = batch;
      const bytes = new Uint8Array(values.length * 8);
      const view = new DataView(bytes.buffer);
      for (let i = 0; i < values.length; i++) {
        const v = values[i]!;
        if (!Number.isSafeInteger(v)) throw new TypeError(`parquet column ${column.name}, row ${i}: expected an integer, got ${v}`);
        view.setBigInt64(i * 8, BigInt(v), true);
      }
      if (column.nullable) encodeLevels(out, new Uint8Array(values.length).fill(1), 1);
      out.push(bytes);
      return { data: out, levelCount: values.length };
    }
    case 'string': {
      const { values } = batch;
      const def = new Uint8Array(values.length);
      const body = new ByteSink();
      const cache = new Map<string, Uint8Array>();
      values.forEach((v, i) => {
        if (v === null) {
          if (!column.nullable) throw notNullable(i);
          return;
        }
        def[i] = 1;
        const bytes = utf8(cache, v);
        body.uint32(bytes.length);
        body.raw(bytes);
      });
      if (column.nullable) encodeLevels(out, def, 1);
      out.push(body.bytes());
      return { data: out, levelCount: values.length };
    }
  }
}

/** Key-value metadata of the footer. */
export interface ParquetMetadata {
  readonly key: string;
  readonly value: string;
}

/**
 * Writes a Parquet file in pieces: `start()` gives the leading magic, `rowGroup()` each row
 * group's bytes, `finish()` the footer. Concatenated in order, the pieces are the file.
 */
export class ParquetWriter {
  private offset = 0;
  private rows = 0;
  private readonly groups: ThriftValue[] = [];

  constructor(
    private readonly columns: readonly ParquetColumn[],
    private readonly metadata: readonly ParquetMetadata[] = [],
    private readonly createdBy = 'losslab',
  ) {
    if (columns.length === 0) throw new RangeError('a parquet file needs at least one column');
  }

  /** The bytes that start the file. */
  start(): Uint8Array {
    if (this.offset !== 0) throw new Error('start() was called twice');
    this.offset = MAGIC.length;
    return MAGIC.slice();
  }

  /** The bytes of one row group: `values[c]` holds column c's values, every column the same number of rows. */
  rowGroup(values: readonly ParquetBatch[]): Uint8Array {
    if (this.offset === 0) throw new Error('call start() before rowGroup()');
    if (values.length !== this.columns.length) throw new RangeError(`a row group needs ${this.columns.length} columns of values, got ${values.length}`);
    const rowCount = batchRows(values[0]!);
    const out: Parts = [];
    let groupSize = 0;
    const chunks: ThriftValue[] = [];
    this.columns.forEach((column, c) => {
      const columnValues = values[c]!;
      if (batchRows(columnValues) !== rowCount) throw new RangeError(`parquet column ${column.name} has ${batchRows(columnValues)} rows, column ${this.columns[0]!.name} has ${rowCount}`);
      const { data, levelCount } = encodePage(column, columnValues);
      const list_ = column.kind === 'double-list';
      const dataSize = partsSize(data);
      let crc = 0;
      for (const part of data) crc = crc32(part, crc);
      const pageHeader = encodeStruct({
        1: i32(PAGE_DATA),
        2: i32(dataSize),
        3: i32(dataSize),
        // The page's CRC-32, a signed i32 in Thrift.
        4: i32(crc | 0),
        5: struct({ 1: i32(levelCount), 2: i32(ENCODING_PLAIN), 3: i32(ENCODING_RLE), 4: i32(ENCODING_RLE) }),
      });
      const pageOffset = this.offset + groupSize;
      out.push(pageHeader, ...data);
      const size = pageHeader.length + dataSize;
      groupSize += size;
      const path = list_ ? [column.name, 'list', 'element'] : [column.name];
      chunks.push(
        struct({
          2: i64(pageOffset),
          3: struct({
            1: i32(physicalType(column.kind)),
            2: list('i32', [i32(ENCODING_PLAIN), i32(ENCODING_RLE)]),
            3: list('binary', path.map((p) => binary(p))),
            4: i32(CODEC_UNCOMPRESSED),
            5: i64(levelCount),
            6: i64(size),
            7: i64(size),
            9: i64(pageOffset),
          }),
        }),
      );
    });
    this.groups.push(struct({ 1: list('struct', chunks), 2: i64(groupSize), 3: i64(rowCount) }));
    this.offset += groupSize;
    this.rows += rowCount;
    const bytes = new Uint8Array(groupSize);
    let at = 0;
    for (const part of out) {
      bytes.set(part, at);
      at += part.length;
    }
    return bytes;
  }

  /** The footer: the file's metadata, its length and the closing magic. */
  finish(): Uint8Array {
    if (this.offset === 0) throw new Error('call start() before finish()');
    const schema = [struct({ 4: binary('schema'), 5: i32(this.columns.length) }), ...this.columns.flatMap(schemaElements)];
    const footer = encodeStruct({
      1: i32(1),
      2: list('struct', schema),
      3: i64(this.rows),
      4: list('struct', this.groups),
      5: this.metadata.length > 0 ? list('struct', this.metadata.map((m) => struct({ 1: binary(m.key), 2: binary(m.value) }))) : undefined,
      6: binary(this.createdBy),
    });
    const out = new Uint8Array(footer.length + 8);
    out.set(footer, 0);
    new DataView(out.buffer).setUint32(footer.length, footer.length, true);
    out.set(MAGIC, footer.length + 4);
    this.offset += out.length;
    return out;
  }
}
