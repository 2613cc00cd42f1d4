// Reads back the Parquet files ParquetWriter writes (uncompressed v1 data pages, PLAIN values,
// RLE/bit-packed levels, each page's CRC-32 checked; the column kinds of parquet-writer.ts), a row group at a time, so
// `losslab merge` can join Parquet shards in bounded memory. Anything else (a compression codec, a
// dictionary page, another encoding, a truncated or overlong structure) is refused with a
// ParquetFormatError saying what was found: this is a reader for losslab's own files, not a general one.

import { crc32 } from './crc32.js';
import { ThriftReader, type DecodedStruct, type DecodedValue } from './thrift-compact.js';
import type { ParquetBatch, ParquetColumn, ParquetKind } from './parquet-writer.js';

/** A file that is not one of losslab's Parquet files, or is damaged. */
export class ParquetFormatError extends Error {
  override name = 'ParquetFormatError';
}

/** Reads `length` bytes at `offset` of the file (fewer only at its end). */
export type ReadAt = (offset: number, length: number) => Uint8Array;

/** A row group's place in the file: each column chunk's data page offset and size, and its rows. */
export interface RowGroupInfo {
  readonly rows: number;
  readonly chunks: readonly { readonly offset: number; readonly size: number; readonly values: number }[];
}

/** What the footer says. */
export interface ParquetFooter {
  readonly columns: readonly ParquetColumn[];
  readonly rows: number;
  readonly rowGroups: readonly RowGroupInfo[];
  readonly metadata: ReadonlyMap<string, string>;
}

const decoder = new TextDecoder('utf-8', { fatal: true });
const MAGIC = 0x31524150; // "PAR1" read as a little-endian uint32

/** Footers larger than this are not losslab's (its footers hold a few hundred bytes per row group). */
export const MAX_FOOTER_BYTES = 64 * 1024 * 1024;

function fail(what: string): never {
  throw new ParquetFormatError(`not a losslab Parquet file: ${what}`);
}

function field(s: DecodedStruct, id: number, what: string): DecodedValue {
  const v = s.get(id);
  if (v === undefined) fail(`${what} is missing`);
  return v;
}
const int = (s: DecodedStruct, id: number, what: string): number => {
  const v = field(s, id, what);
  const n = typeof v === 'bigint' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isSafeInteger(n)) fail(`${what} is not an integer`);
  return n;
};
const text = (s: DecodedStruct, id: number, what: string): string => {
  const v = field(s, id, what);
  if (!(v instanceof Uint8Array)) fail(`${what} is not a string`);
  try {
    return decoder.decode(v);
  } catch {
    return fail(`${what} is not UTF-8`);
  }
};
const structs = (s: DecodedStruct, id: number, what: string): DecodedStruct[] => {
  const v = field(s, id, what);
  if (!Array.isArray(v) || !v.every((e) => e instanceof Map)) fail(`${what} is not a list of structs`);
  return v as DecodedStruct[];
};

/** The columns described by the schema elements (after the root). */
function columnsOf(schema: DecodedStruct[]): ParquetColumn[] {
  const root = schema[0];
  if (!root) fail('the schema is empty');
  const count = int(root, 5, 'the schema root’s child count');
  const columns: ParquetColumn[] = [];
  let at = 1;
  for (let c = 0; c < count; c++) {
    const element = schema[at];
    if (!element) fail(`the schema has ${count} columns but ends after ${c}`);
    const name = text(element, 4, `schema element ${at}'s name`);
    const repetition = int(element, 3, `column ${name}'s repetition`);
    if (element.has(5)) {
      // optional group NAME (LIST) { repeated group list { optional double element } }
      const inner = schema[at + 1];
      const leaf = schema[at + 2];
      if (element.get(6) !== 3 || !inner || !leaf || int(inner, 3, 'a list') !== 2 || leaf.get(1) !== 5 || int(leaf, 3, 'a list element') !== 1) fail(`column ${name} is a group that is not a list of optional doubles`);
      columns.push({ name, kind: 'double-list', nullable: true });
      at += 3;
      continue;
    }
    const type = int(element, 1, `column ${name}'s type`);
    const kinds: Record<number, ParquetKind> = { 1: 'int32', 2: 'int64', 5: 'double', 6: 'string' };
    const kind = kinds[type] ?? fail(`column ${name} has physical type ${type}`);
    if (repetition !== 0 && repetition !== 1) fail(`column ${name} is repeated`);
    columns.push({ name, kind, nullable: repetition === 1 });
    at += 1;
  }
  if (at !== schema.length) fail(`the schema has ${schema.length - at} elements past its ${count} columns`);
  return columns;
}

/** Reads and checks the footer of a file of `size` bytes. */
export function readParquetFooter(readAt: ReadAt, size: number): ParquetFooter {
  if (size < 12) fail(`${size} bytes is too short`);
  const head = readAt(0, 4);
  const tail = readAt(size - 8, 8);
  const view = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (head.length < 4 || view(head).getUint32(0, true) !== MAGIC || tail.length < 8 || view(tail).getUint32(4, true) !== MAGIC) fail('it does not start and end with PAR1');
  const footerSize = view(tail).getUint32(0, true);
  if (footerSize > size - 12 || footerSize > MAX_FOOTER_BYTES) fail(`its footer length ${footerSize} does not fit`);
  const footerBytes = readAt(size - 8 - footerSize, footerSize);
  const reader = new ThriftReader(footerBytes);
  let meta: DecodedStruct;
  try {
    meta = reader.struct();
  } catch (error) {
    return fail(`its footer is damaged (${(error as Error).message})`);
  }
  if (reader.offset !== footerBytes.length) fail('its footer has trailing bytes');
  const columns = columnsOf(structs(meta, 2, 'the schema'));
  const rows = int(meta, 3, 'the row count');
  const metadata = new Map<string, string>();
  if (meta.has(5)) for (const kv of structs(meta, 5, 'the key-value metadata')) metadata.set(text(kv, 1, 'a metadata key'), text(kv, 2, 'a metadata value'));
  let counted = 0;
  const rowGroups = structs(meta, 4, 'the row groups').map((g, k): RowGroupInfo => {
    const groupRows = int(g, 3, `row group ${k}'s row count`);
    counted += groupRows;
    const chunks = structs(g, 1, `row group ${k}'s columns`).map((chunk, c) => {
      const m = field(chunk, 3, `row group ${k} column ${c}'s metadata`);
      if (!(m instanceof Map)) fail(`row group ${k} column ${c}'s metadata is not a struct`);
      if (int(m, 4, 'a codec') !== 0) fail(`row group ${k} column ${c} is compressed (codec ${int(m, 4, 'a codec')})`);
      if (m.has(11)) fail(`row group ${k} column ${c} has a dictionary page`);
      const offset = int(m, 9, 'a data page offset');
      const chunkSize = int(m, 7, 'a column chunk size');
      if (offset < 4 || chunkSize < 0 || offset + chunkSize > size - 8 - footerSize) fail(`row group ${k} column ${c} lies outside the file`);
      return { offset, size: chunkSize, values: int(m, 5, 'a value count') };
    });
    if (chunks.length !== columns.length) fail(`row group ${k} has ${chunks.length} columns, the schema ${columns.length}`);
    return { rows: groupRows, chunks };
  });
  if (counted !== rows) fail(`its row groups hold ${counted} rows, the footer says ${rows}`);
  return { columns, rows, rowGroups, metadata };
}

/** Decodes `count` levels in the RLE/bit-packed hybrid encoding from `bytes`. */
function decodeLevels(bytes: Uint8Array, bitWidth: number, count: number, what: string): Uint8Array {
  const out = new Uint8Array(count);
  const reader = new ThriftReader(bytes);
  let n = 0;
  while (n < count) {
    const header = Number(reader.varint());
    if (header & 1) {
      const groups = header >>> 1;
      const start = reader.offset;
      if (start + groups * bitWidth > bytes.length) fail(`${what}: a bit-packed run runs past its levels`);
      for (let i = 0; i < groups * 8 && n < count; i++, n++) {
        let v = 0;
        for (let b = 0; b < bitWidth; b++) {
          const bit = i * bitWidth + b;
          if ((bytes[start + (bit >> 3)]! >> (bit & 7)) & 1) v |= 1 << b;
        }
        out[n] = v;
      }
      reader.offset = start + groups * bitWidth;
    } else {
      const run = header >>> 1;
      if (reader.offset >= bytes.length) fail(`${what}: an RLE run has no value`);
      const v = bytes[reader.offset++]!;
      if (run === 0 || n + run > count) fail(`${what}: an RLE run of ${run} levels does not fit`);
      out.fill(v, n, n + run);
      n += run;
    }
  }
  return out;
}

/** Splits off a length-prefixed levels block at `at`; returns its bytes and the offset after it. */
function levelsBlock(data: Uint8Array, at: number, what: string): { bytes: Uint8Array; next: number } {
  if (at + 4 > data.length) fail(`${what}: the levels are cut short`);
  const length = new DataView(data.buffer, data.byteOffset + at, 4).getUint32(0, true);
  if (at + 4 + length > data.length) fail(`${what}: the levels run past the page`);
  return { bytes: data.subarray(at + 4, at + 4 + length), next: at + 4 + length };
}

function doublesAt(data: Uint8Array, at: number, count: number, what: string): Float64Array {
  if (data.length - at !== count * 8) fail(`${what}: ${data.length - at} value bytes for ${count} doubles`);
  const out = new Float64Array(count);
  new Uint8Array(out.buffer).set(data.subarray(at));
  return out;
}

/** Reads one row group back as batches in the writer's form (nulls as NaN for doubles, −1 for int32, null for strings). */
export function readRowGroup(readAt: ReadAt, footer: ParquetFooter, g: number): ParquetBatch[] {
  const group = footer.rowGroups[g] ?? fail(`there is no row group ${g}`);
  return footer.columns.map((column, c) => {
    const chunk = group.chunks[c]!;
    const what = `row group ${g}, column ${column.name}`;
    const bytes = readAt(chunk.offset, chunk.size);
    if (bytes.length !== chunk.size) fail(`${what}: the file ends inside the column`);
    const reader = new ThriftReader(bytes);
    let header: DecodedStruct;
    try {
      header = reader.struct();
    } catch (error) {
      return fail(`${what}: its page header is damaged (${(error as Error).message})`);
    }
    if (int(header, 1, 'a page type') !== 0) fail(`${what}: the page is not a v1 data page`);
    const dataSize = int(header, 3, 'a page size');
    const dph = field(header, 5, 'a data page header');
    if (!(dph instanceof Map)) fail(`${what}: the data page header is not a struct`);
    const values = int(dph, 1, 'a page value count');
    if (int(dph, 2, 'an encoding') !== 0) fail(`${what}: values are not PLAIN`);
    if (reader.offset + dataSize !== bytes.length || values !== chunk.values) fail(`${what}: the page does not fill its column chunk`);
    const data = bytes.subarray(reader.offset);
    if (!header.has(4) || (crc32(data) | 0) !== header.get(4)) fail(`${what}: the page's CRC-32 does not match its bytes (the file was changed or damaged)`);
    const rows = group.rows;
    if (column.kind === 'double-list') {
      const rep = levelsBlock(data, 0, what);
      const def = levelsBlock(data, rep.next, what);
      const repLevels = decodeLevels(rep.bytes, 1, values, what);
      const defLevels = decodeLevels(def.bytes, 2, values, what);
      let starts = 0;
      let present = 0;
      for (let i = 0; i < values; i++) {
        if (repLevels[i] === 0) starts++;
        if (defLevels[i]! < 2) fail(`${what}: a null or empty list`);
        if (defLevels[i] === 3) present++;
      }
      if (starts !== rows || values % rows !== 0) fail(`${what}: lists of unequal lengths`);
      const width = values / rows;
      for (let i = 0; i < values; i++) if ((repLevels[i] === 0) !== (i % width === 0)) fail(`${what}: lists of unequal lengths`);
      const dense = doublesAt(data, def.next, present, what);
      const out = new Float64Array(values).fill(Number.NaN);
      for (let i = 0, k = 0; i < values; i++) if (defLevels[i] === 3) out[i] = dense[k++]!;
      return { kind: 'double-list', values: out, width };
    }
    if (values !== rows) fail(`${what}: ${values} values for ${rows} rows`);
    let at = 0;
    let defLevels: Uint8Array | undefined;
    if (column.nullable) {
      const def = levelsBlock(data, 0, what);
      defLevels = decodeLevels(def.bytes, 1, rows, what);
      at = def.next;
    }
    const isPresent = (i: number) => defLevels === undefined || defLevels[i] === 1;
    let present = 0;
    for (let i = 0; i < rows; i++) if (isPresent(i)) present++;
    const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    switch (column.kind) {
      case 'double': {
        const dense = doublesAt(data, at, present, what);
        const out = new Float64Array(rows).fill(Number.NaN);
        for (let i = 0, k = 0; i < rows; i++) if (isPresent(i)) out[i] = dense[k++]!;
        for (const v of dense) if (!Number.isFinite(v)) fail(`${what}: a stored value is not finite`);
        return { kind: 'double', values: out };
      }
      case 'int32': {
        if (data.length - at !== present * 4) fail(`${what}: ${data.length - at} value bytes for ${present} int32s`);
        const out = new Int32Array(rows).fill(-1);
        for (let i = 0, k = 0; i < rows; i++) if (isPresent(i)) out[i] = view.getInt32(at + 4 * k++, true);
        return { kind: 'int32', values: out, nullValue: -1 };
      }
      case 'int64': {
        if (data.length - at !== present * 8 || present !== rows) fail(`${what}: ${data.length - at} value bytes for ${present} int64s`);
        const out = new Float64Array(rows);
        for (let i = 0; i < rows; i++) {
          const v = view.getBigInt64(at + 8 * i, true);
          if (v < 0n || v > BigInt(Number.MAX_SAFE_INTEGER)) fail(`${what}: ${v} is not a run index`);
          out[i] = Number(v);
        }
        return { kind: 'int64', values: out };
      }
      case 'string': {
        const out: (string | null)[] = [];
        for (let i = 0; i < rows; i++) {
          if (!isPresent(i)) {
            out.push(null);
            continue;
          }
          if (at + 4 > data.length) fail(`${what}: the strings are cut short`);
          const n = view.getUint32(at, true);
          if (at + 4 + n > data.length) fail(`${what}: a string runs past the page`);
          try {
            out.push(decoder.decode(data.subarray(at + 4, at + 4 + n)));
          } catch {
            fail(`${what}: a string is not UTF-8`);
          }
          at += 4 + n;
        }
        if (at !== data.length) fail(`${what}: bytes left after the strings`);
        return { kind: 'string', values: out };
      }
    }
  });
}
