// A small WebAssembly assembler, typed: an expression carries the type of the value it leaves on
// the stack (i32, f64 or v128) in its TypeScript type, so that an f64 cannot be passed where a
// v128 is expected (the module would fail validation at load time; here it fails to type-check).
// Only the instructions the SIMD kernel uses are here. A module gets a name section (function and
// local names), so a disassembler (scripts/print-kernel-wat.mjs) shows readable text.

/** A WebAssembly value type. */
export type ValType = 'i32' | 'f64' | 'v128';

/**
 * Instruction bytes as a tree: bytes and the code of sub-expressions, in order. An expression keeps
 * its parts instead of copying them, and a function's body is flattened once (flatten): copying at
 * every node made assembly quadratic in the depth of the kernel's expressions (~70 ms for its
 * 35 KB, a serial cost at the start of every sweep).
 */
export type Code = readonly (number | Code)[];

/** Code that leaves one value of type T on the stack. */
export interface Expr<T extends ValType> {
  readonly type: T;
  readonly code: Code;
}

/** Code that leaves nothing on the stack. */
export interface Stmt {
  readonly type: 'stmt';
  readonly code: Code;
}

/** A local variable (or parameter) of type T. */
export interface Local<T extends ValType> {
  readonly type: T;
  readonly index: number;
}

const TYPE_BYTE: Record<ValType, number> = { i32: 0x7f, f64: 0x7c, v128: 0x7b };

/**
 * The parts' bytes, one after the other. A plain loop: Array.prototype.flat takes its generic path
 * (a property lookup per element) and cost ~20x more, which made assembling the kernel a visible
 * share of a worker's start (hundreds of ms on a busy machine).
 */
function concat(parts: readonly (readonly number[])[]): number[] {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Array<number>(length);
  let at = 0;
  for (const part of parts) for (let i = 0; i < part.length; i++) out[at++] = part[i]!;
  return out;
}

/** The bytes of a code tree, in order, appended to `out`. */
function flatten(code: Code, out: number[] = []): number[] {
  for (const part of code) {
    if (typeof part === 'number') out.push(part);
    else flatten(part, out);
  }
  return out;
}

const expr = <T extends ValType>(type: T, ...parts: Code[]): Expr<T> => ({ type, code: parts });
const stmt = (...parts: Code[]): Stmt => ({ type: 'stmt', code: parts });

/** Unsigned LEB128. */
export function uleb(value: number): number[] {
  const out: number[] = [];
  let v = value >>> 0;
  do {
    let byte = v & 0x7f;
    v >>>= 7;
    if (v !== 0) byte |= 0x80;
    out.push(byte);
  } while (v !== 0);
  return out;
}

/** Signed LEB128 (32-bit values). */
function sleb(value: number): number[] {
  const out: number[] = [];
  let v = value | 0;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    if ((v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

/** Little-endian bytes of f64 values. */
export function f64Bytes(...values: number[]): number[] {
  const view = new DataView(new ArrayBuffer(8 * values.length));
  values.forEach((v, i) => view.setFloat64(8 * i, v, true));
  return [...new Uint8Array(view.buffer)];
}

/** Little-endian bytes of i64 values. */
export function i64Bytes(...values: bigint[]): number[] {
  const view = new DataView(new ArrayBuffer(8 * values.length));
  values.forEach((v, i) => view.setBigInt64(8 * i, v, true));
  return [...new Uint8Array(view.buffer)];
}

/** A name (ASCII only: every name here is). */
const name = (s: string): number[] => [...uleb(s.length), ...Array.from(s, (ch) => ch.charCodeAt(0))];
const vec = (items: (readonly number[])[]): number[] => concat([uleb(items.length), ...items]);
const section = (id: number, content: readonly number[]): number[] => concat([[id], uleb(content.length), content]);

const simd = (op: number, ...immediates: number[]): number[] => [0xfd, ...uleb(op), ...immediates];
const v2 = (op: number) => (a: Expr<'v128'>, b: Expr<'v128'>): Expr<'v128'> => expr('v128', a.code, b.code, simd(op));
const v1 = (op: number) => (a: Expr<'v128'>): Expr<'v128'> => expr('v128', a.code, simd(op));
const i2 = (op: number) => (a: Expr<'i32'>, b: Expr<'i32'>): Expr<'i32'> => expr('i32', a.code, b.code, [op]);

// Locals, constants, memory.
export const get = <T extends ValType>(local: Local<T>): Expr<T> => expr(local.type, [0x20, ...uleb(local.index)]);
export const set = <T extends ValType>(local: Local<T>, value: Expr<T>): Stmt => stmt(value.code, [0x21, ...uleb(local.index)]);
export const i32 = (v: number): Expr<'i32'> => expr('i32', [0x41, ...sleb(v)]);
/** v128.load (align 16) at address + offset. */
export const load = (address: Expr<'i32'>, offset = 0): Expr<'v128'> => expr('v128', address.code, simd(0x00, 4, ...uleb(offset)));
/** v128.store (align 16) at address + offset. */
export const store = (address: Expr<'i32'>, value: Expr<'v128'>, offset = 0): Stmt => stmt(address.code, value.code, simd(0x0b, 4, ...uleb(offset)));
/** v128.load64_splat: the f64 at address + offset in both lanes. */
export const loadSplat = (address: Expr<'i32'>, offset = 0): Expr<'v128'> => expr('v128', address.code, simd(0x0a, 3, ...uleb(offset)));
export const f64Load = (address: Expr<'i32'>): Expr<'f64'> => expr('f64', address.code, [0x2b, 3, 0]);
/** f64.store (align 8) at address + offset. */
export const f64Store = (address: Expr<'i32'>, value: Expr<'f64'>, offset = 0): Stmt => stmt(address.code, value.code, [0x39, 3, ...uleb(offset)]);
/** i32.load (align 4) at address + offset. */
export const i32Load = (address: Expr<'i32'>, offset = 0): Expr<'i32'> => expr('i32', address.code, [0x28, 2, ...uleb(offset)]);

// i32 and f64 scalar operations.
export const iAdd = i2(0x6a);
export const iSub = i2(0x6b);
export const iMul = i2(0x6c);
export const iLtS = i2(0x48);
export const iGtS = i2(0x4a);
export const iLeS = i2(0x4c);
export const iGeS = i2(0x4e);
export const iEq = i2(0x46);
export const iAnd = i2(0x71);
export const iEqz = (a: Expr<'i32'>): Expr<'i32'> => expr('i32', a.code, [0x45]);
export const f64Sub = (a: Expr<'f64'>, b: Expr<'f64'>): Expr<'f64'> => expr('f64', a.code, b.code, [0xa1]);
export const f64Ge = (a: Expr<'f64'>, b: Expr<'f64'>): Expr<'i32'> => expr('i32', a.code, b.code, [0x66]);
export const f64FromI32 = (a: Expr<'i32'>): Expr<'f64'> => expr('f64', a.code, [0xb7]);
export const select = <T extends ValType>(ifTrue: Expr<T>, ifFalse: Expr<T>, condition: Expr<'i32'>): Expr<T> => expr(ifTrue.type, ifTrue.code, ifFalse.code, condition.code, [0x1b]);

// f64x2 and v128 operations.
export const add = v2(0xf0);
export const sub = v2(0xf1);
export const mul = v2(0xf2);
export const div = v2(0xf3);
/** pmin(a, b) = b < a ? b : a, per lane. */
export const pmin = v2(0xf6);
/** pmax(a, b) = a < b ? b : a, per lane. */
export const pmax = v2(0xf7);
export const trunc = v1(0x7a);
/** f64x2.sqrt: correctly rounded, as Math.sqrt. */
export const sqrt = v1(0xef);
export const eq = v2(0x47);
export const lt = v2(0x49);
export const gt = v2(0x4a);
export const le = v2(0x4b);
export const ge = v2(0x4c);
export const bitselect = (ifOnes: Expr<'v128'>, ifZeros: Expr<'v128'>, mask: Expr<'v128'>): Expr<'v128'> => expr('v128', ifOnes.code, ifZeros.code, mask.code, simd(0x52));
/** i64x2.all_true: 1 if both lanes are non-zero. */
export const allTrue = (a: Expr<'v128'>): Expr<'i32'> => expr('i32', a.code, simd(0xc3));
export const i64Add = v2(0xce);
export const i64Shl = (a: Expr<'v128'>, bits: number): Expr<'v128'> => expr('v128', a.code, i32(bits).code, simd(0xcb));
export const i64ShrU = (a: Expr<'v128'>, bits: number): Expr<'v128'> => expr('v128', a.code, i32(bits).code, simd(0xcd));
/** f64x2.extract_lane: lane 0 or 1 of a vector. */
export const extractLane = (a: Expr<'v128'>, lane: 0 | 1): Expr<'f64'> => expr('f64', a.code, simd(0x21, lane));
/** f64x2.splat. */
export const splat = (a: Expr<'f64'>): Expr<'v128'> => expr('v128', a.code, simd(0x14));
export const vAnd = v2(0x4e);
/** a & ~b. */
export const andNot = v2(0x4f);
export const vOr = v2(0x50);
export const vXor = v2(0x51);

// Control.
/** Statements in sequence. */
export const seq = (...body: Stmt[]): Stmt => stmt(...body.map((s) => s.code));
export const block = (...body: Stmt[]): Stmt => stmt([0x02, 0x40], ...body.map((s) => s.code), [0x0b]);
export const loop = (...body: Stmt[]): Stmt => stmt([0x03, 0x40], ...body.map((s) => s.code), [0x0b]);
export const when = (condition: Expr<'i32'>, ...body: Stmt[]): Stmt => stmt(condition.code, [0x04, 0x40], ...body.map((s) => s.code), [0x0b]);
export const br = (depth: number): Stmt => stmt([0x0c, ...uleb(depth)]);
export const brIf = (depth: number, condition: Expr<'i32'>): Stmt => stmt(condition.code, [0x0d, ...uleb(depth)]);

/** The value types of a parameter list, by name. */
type Params = Record<string, ValType>;

/** A function under construction: its parameters and locals (typed, named), then its body. */
export class FunctionBuilder<P extends Params, R extends ValType | null> {
  /** The parameters, as locals, by name. */
  readonly params: { readonly [K in keyof P]: Local<P[K]> };
  private readonly types: ValType[] = [];
  private readonly names: string[] = [];
  private readonly paramCount: number;
  private readonly used = new Map<string, number>();
  constructor(
    readonly name: string,
    params: P,
    readonly result: R,
  ) {
    const out: Record<string, Local<ValType>> = {};
    for (const [key, type] of Object.entries(params)) out[key] = this.local(type, key);
    this.params = out as { readonly [K in keyof P]: Local<P[K]> };
    this.paramCount = this.types.length;
  }
  /** A new local of one type; `label` names it in the name section (numbered if already used). */
  local<T extends ValType>(type: T, label: string): Local<T> {
    const count = this.used.get(label) ?? 0;
    this.used.set(label, count + 1);
    this.types.push(type);
    this.names.push(count === 0 ? label : `${label}.${count}`);
    return { type, index: this.types.length - 1 };
  }
  /** New locals of one type, by name. */
  locals<K extends string, T extends ValType>(type: T, ...labels: K[]): Record<K, Local<T>> {
    const out = {} as Record<K, Local<T>>;
    for (const label of labels) out[label] = this.local(type, label);
    return out;
  }
  /** The function's type entry. */
  typeEntry(): number[] {
    const params = this.types.slice(0, this.paramCount).map((t) => [TYPE_BYTE[t]]);
    return [0x60, ...vec(params), ...vec(this.result === null ? [] : [[TYPE_BYTE[this.result]]])];
  }
  /** The code entry for `body` (statements, then the result's expression if the function has one). */
  code(body: R extends ValType ? readonly [Stmt, Expr<R>] : readonly [Stmt]): number[] {
    const runs: number[][] = [];
    const declared = this.types.slice(this.paramCount);
    for (let i = 0; i < declared.length; ) {
      let j = i;
      while (j < declared.length && declared[j] === declared[i]) j++;
      runs.push([...uleb(j - i), TYPE_BYTE[declared[i]!]]);
      i = j;
    }
    const content = concat([vec(runs), ...body.map((part) => flatten(part.code)), [0x0b]]);
    return concat([uleb(content.length), content]);
  }
  /** The local names (name section, subsection 2 entry). */
  localNames(): number[] {
    return vec(this.names.map((label, i) => [...uleb(i), ...name(label)]));
  }
}

/** A function ready to assemble: its builder and body. */
export interface AssembledFunction {
  readonly builder: FunctionBuilder<Params, ValType | null>;
  readonly code: number[];
}

/** Finishes a function: the builder and its body, checked against its result type. */
export function finish<P extends Params, R extends ValType | null>(builder: FunctionBuilder<P, R>, ...body: R extends ValType ? [Stmt, Expr<R>] : [Stmt]): AssembledFunction {
  return { builder: builder as unknown as FunctionBuilder<Params, ValType | null>, code: builder.code(body) };
}

/**
 * A module's bytes: the functions (each exported under its name), one memory (exported as
 * `memory`, `pages` 64 KiB pages to start, growable), a data segment at address 0, and a name
 * section naming the module, the functions and their locals.
 */
export function assembleModule(moduleName: string, functions: readonly AssembledFunction[], pages: number, data: readonly number[]): Uint8Array<ArrayBuffer> {
  const names = functions.map((f) => f.builder.name);
  const nameSection = [
    ...name('name'),
    ...[0, ...uleb(name(moduleName).length), ...name(moduleName)],
    ...(() => {
      const content = vec(names.map((n, k) => [...uleb(k), ...name(n)]));
      return [1, ...uleb(content.length), ...content];
    })(),
    ...(() => {
      const content = vec(functions.map((f, k) => [...uleb(k), ...f.builder.localNames()]));
      return [2, ...uleb(content.length), ...content];
    })(),
  ];
  const sections = [
    [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    section(1, vec(functions.map((f) => f.builder.typeEntry()))),
    section(3, vec(functions.map((_, k) => uleb(k)))),
    section(5, vec([[0x00, ...uleb(pages)]])),
    section(7, vec([[...name('memory'), 0x02, 0], ...names.map((n, k) => [...name(n), 0x00, ...uleb(k)])])),
    section(10, vec(functions.map((f) => f.code))),
    section(11, vec([[0x00, ...flatten(i32(0).code), 0x0b, ...vec(data.map((byte) => [byte]))]])),
    section(0, nameSection),
  ];
  return Uint8Array.from(concat(sections));
}
