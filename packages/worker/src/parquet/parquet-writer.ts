// A small Apache Parquet writer: flat columns of doubles, 32- and 64-bit integers and UTF-8
// strings, each optional or required, and optional lists of optional doubles. One uncompressed
// data page (v1, PLAIN values, RLE/bit-packed levels) per column per row group, no statistics,
// key-value metadata in the footer. Written a row group at a time, so memory is bounded by the row
// group, not the file. The same rows and options always give the same bytes.
//
// Format: "PAR1", the row groups' column chunks, the footer (FileMetaData in Thrift's compact
// protocol), its length (4 bytes, little-endian), "PAR1".

import { ByteSink, binary, encodeStruct, i32, i64, list, struct, type ThriftValue } from './thrift-compact.js';

/** The kinds of column written. */
export type ParquetKind = 'double' | 'int32' | 'int64' | 'string' | 'double-list';

/** A column: its name, kind and whether it may hold nulls (a list column is always optional, its elements too). */
export interface ParquetColumn {
  readonly name: string;
  readonly kind: ParquetKind;
  readonly nullable: boolean;
}

/** One row group's values of one column, one entry per row (null for a null; a list column: an array per row). */
export type ParquetValues = readonly (number | string | null | readonly (number | null)[])[];

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
function encodeLevels(out: ByteSink, levels: Uint8Array, bitWidth: number): void {
  const body = new ByteSink();
  const n = levels.length;
  let same = true;
  for (let i = 1; i < n && same; i++) same = levels[i] === levels[0];
  if (n === 0) {
    // Nothing to encode.
  } else if (same) {
    body.varint(BigInt(n) << 1n);
    body.byte(levels[0]!);
  } else {
    const groups = Math.ceil(n / 8);
    body.varint((BigInt(groups) << 1n) | 1n);
    const packed = new Uint8Array(groups * bitWidth);
    for (let i = 0; i < n; i++) {
      const bit = i * bitWidth;
      const v = levels[i]!;
      for (let b = 0; b < bitWidth; b++) if ((v >> b) & 1) packed[(bit + b) >> 3]! |= 1 << ((bit + b) & 7);
    }
    body.raw(packed);
  }
  const bytes = body.bytes();
  const length = new Uint8Array(4);
  new DataView(length.buffer).setUint32(0, bytes.length, true);
  out.raw(length);
  out.raw(bytes);
}

/** PLAIN values of the non-null entries. */
function encodeValues(out: ByteSink, kind: ParquetKind, values: readonly (number | string)[]): void {
  if (kind === 'string') {
    for (const v of values) {
      const bytes = encoder.encode(v as string);
      const length = new Uint8Array(4);
      new DataView(length.buffer).setUint32(0, bytes.length, true);
      out.raw(length);
      out.raw(bytes);
    }
    return;
  }
  const width = kind === 'int32' ? 4 : 8;
  const bytes = new Uint8Array(values.length * width);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (kind === 'double') view.setFloat64(i * width, v, true);
    else if (kind === 'int32') view.setInt32(i * width, v, true);
    else view.setBigInt64(i * width, BigInt(v), true);
  }
  out.raw(bytes);
}

function checkValue(column: ParquetColumn, v: unknown, row: number): void {
  const ok = column.kind === 'string' ? typeof v === 'string' : column.kind === 'int32' ? Number.isInteger(v) && (v as number) >= -0x80000000 && (v as number) <= 0x7fffffff : column.kind === 'int64' ? Number.isSafeInteger(v) : typeof v === 'number';
  if (!ok) throw new TypeError(`parquet column ${column.name}, row ${row}: expected ${column.kind}, got ${JSON.stringify(v)}`);
}

/** The page of one column chunk: levels and values, plus the count of level entries (the page's num_values). */
function encodePage(column: ParquetColumn, values: ParquetValues): { data: Uint8Array; levelCount: number } {
  const out = new ByteSink();
  if (column.kind === 'double-list') {
    // Max repetition 1 (the repeated group), max definition 3: 0 null list, 1 empty list, 2 null element, 3 element.
    const rep: number[] = [];
    const def: number[] = [];
    const present: number[] = [];
    values.forEach((row, r) => {
      if (row === null) {
        rep.push(0);
        def.push(0);
      } else if (!Array.isArray(row)) {
        throw new TypeError(`parquet column ${column.name}, row ${r}: expected a list, got ${JSON.stringify(row)}`);
      } else if (row.length === 0) {
        rep.push(0);
        def.push(1);
      } else {
        (row as readonly (number | null)[]).forEach((v, k) => {
          rep.push(k === 0 ? 0 : 1);
          if (v === null) def.push(2);
          else {
            checkValue({ ...column, kind: 'double' }, v, r);
            def.push(3);
            present.push(v);
          }
        });
      }
    });
    encodeLevels(out, Uint8Array.from(rep), 1);
    encodeLevels(out, Uint8Array.from(def), 2);
    encodeValues(out, 'double', present);
    return { data: out.bytes(), levelCount: rep.length };
  }
  const present: (number | string)[] = [];
  if (column.nullable) {
    const def = new Uint8Array(values.length);
    values.forEach((v, r) => {
      if (v === null) return;
      checkValue(column, v, r);
      def[r] = 1;
      present.push(v as number | string);
    });
    encodeLevels(out, def, 1);
  } else {
    values.forEach((v, r) => {
      checkValue(column, v, r);
      present.push(v as number | string);
    });
  }
  encodeValues(out, column.kind, present);
  return { data: out.bytes(), levelCount: values.length };
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

  /** The bytes of one row group: `values[c]` holds column c's values, one per row, every column the same length. */
  rowGroup(values: readonly ParquetValues[]): Uint8Array {
    if (this.offset === 0) throw new Error('call start() before rowGroup()');
    if (values.length !== this.columns.length) throw new RangeError(`a row group needs ${this.columns.length} columns of values, got ${values.length}`);
    const rowCount = values[0]!.length;
    const out = new ByteSink();
    const chunks: ThriftValue[] = [];
    this.columns.forEach((column, c) => {
      const columnValues = values[c]!;
      if (columnValues.length !== rowCount) throw new RangeError(`parquet column ${column.name} has ${columnValues.length} values, column ${this.columns[0]!.name} has ${rowCount}`);
      const { data, levelCount } = encodePage(column, columnValues);
      const list_ = column.kind === 'double-list';
      const pageHeader = encodeStruct({
        1: i32(PAGE_DATA),
        2: i32(data.length),
        3: i32(data.length),
        5: struct({ 1: i32(levelCount), 2: i32(ENCODING_PLAIN), 3: i32(ENCODING_RLE), 4: i32(ENCODING_RLE) }),
      });
      const pageOffset = this.offset + out.size;
      out.raw(pageHeader);
      out.raw(data);
      const size = pageHeader.length + data.length;
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
    this.groups.push(struct({ 1: list('struct', chunks), 2: i64(out.size), 3: i64(rowCount) }));
    this.offset += out.size;
    this.rows += rowCount;
    return out.bytes();
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
