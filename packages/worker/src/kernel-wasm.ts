// The SIMD kernel: a WebAssembly module, assembled here at load time from the instruction lists
// below (no toolchain, no binary blob), that trains several d = 1 runs side by side with f64x2
// vectors: two runs per vector, V vectors per call.
//
// Why WebAssembly: a training step is ~55 arithmetic operations with two divisions per point, and
// JavaScript has no vector types; f64x2 does each operation for two runs at once, and the runs'
// independent chains keep the CPU busy while one waits on a division (a single run's epoch is one
// long dependency chain: z → exp → σ → gradient → update → next z).
//
// Why it matches core bit for bit: WebAssembly's f64 arithmetic is IEEE 754 with round-to-nearest
// and no fused multiply-add, the same as JavaScript's, and each lane performs exactly the scalar
// operations of core's evaluateInto and train, in the same order: z = w·x + b; e = exp(−|z|) by
// core's expNonPositive, fdlibm's algorithm (kernel-math.ts explains it; `emitExp` is the vector
// form); r = 1/(1 + e); ŷ = z ≥ 0 ? r : e·r; the gradient summed over the points in index
// order from 0; w ← w − η·∂L/∂w, b ← b − η·∂L/∂b. The squared-error loss is summed the same way
// too. The cross-entropy loss is computed differently (see `trainFunction`), within a few ulps,
// and never feeds back into the parameters.
//
// Codegen notes (V8's optimizing wasm compiler, x64): v128 constants are rebuilt at every use
// (three instructions), so they live in a data segment and are loaded once per call; SIMD
// arithmetic takes no memory operands, so with 16 vector registers about a quarter of the loop's
// instructions are spills and reloads whatever the unrolling; two vectors (four runs) with two
// points per iteration measured best. See bench/kernel-bench.mjs.
//
// The module is built once per JavaScript realm; if WebAssembly or its SIMD extension is missing
// (or forbidden, e.g. by a Content-Security-Policy), `wasmKernel()` returns null and the kernel
// uses its JavaScript path. Nothing here depends on the engine's Math.exp: the module is used
// wherever it instantiates and passes its self-check (its exp against core's expNonPositive),
// Node and Chromium alike.

import { expNonPositive } from '@losslab/core';
import { CE_BLOCK, EXP_TINY, FAST_MIN, HALF_LN2_UP, INV_LN2, LG1, LG2, LG3, LG4, LG5, LG6, LG7, LN2_HI, LN2_LO, P1, P2, P3, P4, P5 } from './kernel-math.js';

// ---------------------------------------------------------------------------------------------
// A minimal WebAssembly assembler: expressions are byte arrays that leave their value on the stack.

type Code = number[];

const I32 = 0x7f;
const F64 = 0x7c;
const V128 = 0x7b;

function uleb(value: number): Code {
  const out: Code = [];
  let v = value >>> 0;
  do {
    let byte = v & 0x7f;
    v >>>= 7;
    if (v !== 0) byte |= 0x80;
    out.push(byte);
  } while (v !== 0);
  return out;
}

function sleb(value: number): Code {
  const out: Code = [];
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

function f64Bytes(...values: number[]): Code {
  const view = new DataView(new ArrayBuffer(8 * values.length));
  values.forEach((v, i) => view.setFloat64(8 * i, v, true));
  return [...new Uint8Array(view.buffer)];
}

function i64Bytes(...values: bigint[]): Code {
  const view = new DataView(new ArrayBuffer(8 * values.length));
  values.forEach((v, i) => view.setBigInt64(8 * i, v, true));
  return [...new Uint8Array(view.buffer)];
}

const name = (s: string): Code => [...uleb(s.length), ...Array.from(s, (ch) => ch.charCodeAt(0))];
const vec = (items: Code[]): Code => [...uleb(items.length), ...items.flat()];
const section = (id: number, content: Code): Code => [id, ...uleb(content.length), ...content];
const cat = (...parts: Code[]): Code => parts.flat();

const simd = (op: number, ...immediates: number[]): Code => [0xfd, ...uleb(op), ...immediates];
const unary = (op: number) => (a: Code): Code => [...a, ...simd(op)];
const binary = (op: number) => (a: Code, b: Code): Code => [...a, ...b, ...simd(op)];

// Locals, constants, memory.
const get = (local: number): Code => [0x20, ...uleb(local)];
const set = (local: number, value: Code): Code => [...value, 0x21, ...uleb(local)];
const i32 = (v: number): Code => [0x41, ...sleb(v)];
const load = (address: Code, offset = 0): Code => [...address, ...simd(0x00, 4, ...uleb(offset))];
const store = (address: Code, value: Code, offset = 0): Code => [...address, ...value, ...simd(0x0b, 4, ...uleb(offset))];
const loadSplat = (address: Code, offset = 0): Code => [...address, ...simd(0x0a, 3, ...uleb(offset))];

// i32 scalar operations.
const iAdd = (a: Code, b: Code): Code => [...a, ...b, 0x6a];
const iMul = (a: Code, b: Code): Code => [...a, ...b, 0x6c];
const iGeS = (a: Code, b: Code): Code => [...a, ...b, 0x4e];
const iLtS = (a: Code, b: Code): Code => [...a, ...b, 0x48];
const iGtS = (a: Code, b: Code): Code => [...a, ...b, 0x4a];
const iEqz = (a: Code): Code => [...a, 0x45];
const iSub = (a: Code, b: Code): Code => [...a, ...b, 0x6b];
const iLeS = (a: Code, b: Code): Code => [...a, ...b, 0x4c];
const f64Load = (address: Code): Code => [...address, 0x2b, 3, 0];
const f64Sub = (a: Code, b: Code): Code => [...a, ...b, 0xa1];
const f64Ge = (a: Code, b: Code): Code => [...a, ...b, 0x66];
const select = (ifTrue: Code, ifFalse: Code, condition: Code): Code => [...ifTrue, ...ifFalse, ...condition, 0x1b];
const f64FromI32 = (a: Code): Code => [...a, 0xb7];

// f64x2 / v128 operations.
const add = binary(0xf0);
const sub = binary(0xf1);
const mul = binary(0xf2);
const div = binary(0xf3);
const pmin = binary(0xf6); // pmin(a, b) = b < a ? b : a
const pmax = binary(0xf7); // pmax(a, b) = a < b ? b : a
const trunc = unary(0x7a);
const eq = binary(0x47);
const lt = binary(0x49);
const gt = binary(0x4a);
const le = binary(0x4b);
const ge = binary(0x4c);
const bitselect = (ifOnes: Code, ifZeros: Code, mask: Code): Code => [...ifOnes, ...ifZeros, ...mask, ...simd(0x52)];
const allTrue = unary(0xc3); // i64x2.all_true → i32
const i64Add = binary(0xce);
const i64Shl = (a: Code, bits: number): Code => [...a, ...i32(bits), ...simd(0xcb)];
const i64ShrU = (a: Code, bits: number): Code => [...a, ...i32(bits), ...simd(0xcd)];
const splat = (a: Code): Code => [...a, ...simd(0x14)];
const vAnd = binary(0x4e);
const vOr = binary(0x50);
const vXor = binary(0x51);
const andNot = binary(0x4f); // a & ~b

// Control.
const block = (...body: Code[]): Code => [0x02, 0x40, ...body.flat(), 0x0b];
const loop = (...body: Code[]): Code => [0x03, 0x40, ...body.flat(), 0x0b];
const when = (condition: Code, ...body: Code[]): Code => [...condition, 0x04, 0x40, ...body.flat(), 0x0b];
const br = (depth: number): Code => [0x0c, ...uleb(depth)];
const brIf = (depth: number, condition: Code): Code => [...condition, 0x0d, ...uleb(depth)];

/** A function under construction: parameter and local types, in index order. */
class Fn {
  readonly types: number[];
  private readonly paramCount: number;
  constructor(readonly params: number[], readonly results: number[]) {
    this.types = [...params];
    this.paramCount = params.length;
  }
  local(type: number): number {
    this.types.push(type);
    return this.types.length - 1;
  }
  /** New locals of one type, by name. */
  named<K extends string>(type: number, ...names: K[]): Record<K, number> {
    const out = {} as Record<K, number>;
    for (const key of names) out[key] = this.local(type);
    return out;
  }
  /** The function's code entry: local declarations (runs of one type) and body. */
  encode(body: Code): Code {
    const runs: Code[] = [];
    const declared = this.types.slice(this.paramCount);
    for (let i = 0; i < declared.length; ) {
      let j = i;
      while (j < declared.length && declared[j] === declared[i]) j++;
      runs.push([...uleb(j - i), declared[i]!]);
      i = j;
    }
    const content = cat(vec(runs), body, [0x0b]);
    return [...uleb(content.length), ...content];
  }
}

// ---------------------------------------------------------------------------------------------
// The numerics, emitted per vector.

/**
 * The module's vector constants, in a table at the start of linear memory (a data segment), each
 * loaded once per call into a local. Written inline (v128.const), V8 rebuilds a constant at each
 * use inside a loop, three instructions apiece, more than the arithmetic it feeds; a local set to
 * a constant is propagated the same way. A value loaded from memory is opaque to the compiler, so
 * it stays in a register or one reload away.
 */
class ConstantTable {
  private readonly offsets = new Map<string, number>();
  private readonly bytes: number[] = [];
  offset(key: string, value: Code): number {
    let offset = this.offsets.get(key);
    if (offset === undefined) {
      offset = this.bytes.length;
      this.offsets.set(key, offset);
      this.bytes.push(...value);
    }
    return offset;
  }
  /** The data segment's bytes (placed at address 0). */
  data(): Code {
    return this.bytes;
  }
}

/** The constants one function uses: a local each, loaded from the table at the function's start (`init`). */
class Constants {
  private readonly locals = new Map<number, number>();
  constructor(
    private readonly fn: Fn,
    private readonly table: ConstantTable,
  ) {}
  private get(key: string, value: Code): Code {
    const offset = this.table.offset(key, value);
    let local = this.locals.get(offset);
    if (local === undefined) {
      local = this.fn.local(V128);
      this.locals.set(offset, local);
    }
    return get(local);
  }
  /** The f64 value v in both lanes. */
  f(v: number): Code {
    return this.get(`f${Object.is(v, -0) ? '-0' : v}`, f64Bytes(v, v));
  }
  /** The i64 value v in both lanes. */
  i(v: bigint): Code {
    return this.get(`i${v}`, i64Bytes(v, v));
  }
  /** The code that loads every constant used so far; put it first in the function. */
  init(): Code {
    return cat(...[...this.locals].map(([offset, local]) => set(local, load(i32(0), offset))));
  }
}

/** 1.5·2^52: adding it to an integer-valued double k with |k| < 2^51 leaves k in the low bits. */
const ROUND_MAGIC = 6755399441055744;
/** The sign bit of a double, and all the other bits, as i64 lane values. */
const SIGN_BIT = -(1n << 63n);
const ABS_MASK = (1n << 63n) - 1n;
/** Its bits, 0x4338000000000000. */
const ROUND_MAGIC_BITS = 0x4338000000000000n;

/** Below it exp underflows to 0 (fdlibm's u_threshold, 0xC0874910 D52D3051). */
const U_THRESHOLD = -7.45133219101941108420e2;
/**
 * The fast variant of exp is exact for 2^-27 < |x| < 708 (FAST_MIN, kernel-math.ts): there
 * k ≥ −1021 (no subnormal result) and fdlibm's 1 + x shortcut for |x| < 2^-28 does not apply. The
 * kernel checks the lower bound per point and the upper one per epoch, from
 * |w|·max|x| + |b| < FAST_BOUND (with ample margin for rounding).
 */
const FAST_BOUND = 700;

/**
 * Emits e = exp(xn) for a vector xn = −|z| ≤ 0 (or NaN) into local `e`, bit-identical to core's
 * expNonPositive per lane: fdlibm's algorithm as kernel-math.ts explains, without branches.
 *
 * k is fdlibm's: trunc(invln2·x − 0.5), forced to 0 where fdlibm's high-word test says |x| is
 * below 0.5·ln2 (the general rule agrees everywhere else, see kernel-math.ts). The scale 2^k is
 * built from k's bits (see `scale`), valid for −1022 ≤ k ≤ 1023.
 *
 * The `exact` variant adds fdlibm's remaining cases, for any x ≤ 0: |x| < 2^-28 gives 1 + x;
 * k < −1021 scales by 2^(k+1000) and then by 2^-1000 (two roundings, as fdlibm, into the
 * subnormals); x below u_threshold gives 0 (so does −∞); NaN stays NaN. The fast variant is exact
 * for 2^-27 < |x| < 708 (see FAST_MIN, FAST_BOUND).
 */
function emitExp(fn: Fn, C: Constants, xn: number, e: number, exact: boolean): Code[] {
  const { k, hi, lo, r, t, c, y, low } = fn.named(V128, 'k', 'hi', 'lo', 'r', 't', 'c', 'y', 'low');
  // fdlibm's Horner order; operands of + and · may be swapped freely (they commute exactly).
  const poly = add(mul(add(mul(add(mul(add(mul(C.f(P5), get(t)), C.f(P4)), get(t)), C.f(P3)), get(t)), C.f(P2)), get(t)), C.f(P1));
  // 2^k from k's bits: k + (1.5·2^52 + 1023) holds 1023 + k ∈ [1, 2046] in its low 11 bits, and the
  // shift left by 52 moves exactly those into the exponent field (the rest is shifted out).
  const scale = (exponent: Code) => i64Shl(add(exponent, C.f(ROUND_MAGIC + 1023)), 52);
  const common = [
    set(k, vAnd(trunc(add(mul(get(xn), C.f(INV_LN2)), C.f(-0.5))), le(get(xn), C.f(-HALF_LN2_UP)))),
    set(hi, sub(get(xn), mul(get(k), C.f(LN2_HI)))),
    set(lo, mul(get(k), C.f(LN2_LO))),
    set(r, sub(get(hi), get(lo))),
    set(t, mul(get(r), get(r))),
    set(c, sub(get(r), mul(get(t), poly))),
    set(y, sub(C.f(1), sub(sub(get(lo), div(mul(get(r), get(c)), sub(C.f(2), get(c)))), get(hi)))),
  ];
  if (!exact) return [...common, set(e, mul(get(y), scale(get(k))))];
  return [
    ...common,
    set(low, lt(get(k), C.f(-1021))),
    set(e, mul(mul(get(y), scale(add(get(k), vAnd(get(low), C.f(1000))))), bitselect(C.f(2 ** -1000), C.f(1), get(low)))),
    set(e, bitselect(add(get(xn), C.f(1)), get(e), gt(get(xn), C.f(-EXP_TINY)))),
    set(e, andNot(get(e), lt(get(xn), C.f(U_THRESHOLD)))),
  ];
}

/**
 * Emits out = log1p(q) for a vector q ≥ 0 (finite, below 2^1023): per lane exactly the operations
 * of kernel-math.ts's log1pKernel (which explains the algorithm), within 2.5e-16 of Math.log1p.
 */
function emitLog1p(fn: Fn, C: Constants, q: number, out: number): Code {
  const { u, bits, hm, k, f, hfsq, s, z, w } = fn.named(V128, 'u', 'bits', 'hm', 'k', 'f', 'hfsq', 's', 'z', 'w');
  return cat(
    set(u, add(C.f(1), get(q))),
    set(bits, get(u)),
    // hm: the high word's mantissa bits. Adding 0x95F64 carries into bit 20 exactly when the
    // mantissa is ≥ √2 − 1 (fdlibm's test); that bit, i, halves m and bumps k.
    set(hm, vAnd(i64ShrU(get(bits), 32), C.i(0xfffffn))),
    set(k, vAnd(i64Add(get(hm), C.i(0x95f64n)), C.i(0x100000n))), // i (0 or 2^20)
    // m's bits: exponent 0x3FF (or 0x3FE when i is set), same mantissa.
    set(f, sub(vOr(i64Shl(vOr(get(hm), vXor(get(k), C.i(0x3ff00000n))), 32), vAnd(get(bits), C.i(0xffffffffn))), C.f(1))),
    // k = (hx >> 20) − 1023 + (i >> 20), converted to a double through the 1.5·2^52 trick.
    set(k, i64Add(i64Add(i64ShrU(get(bits), 52), i64ShrU(get(k), 20)), C.i(ROUND_MAGIC_BITS - 1023n))),
    set(k, sub(get(k), C.f(ROUND_MAGIC))),
    set(hfsq, mul(mul(C.f(0.5), get(f)), get(f))),
    set(s, div(get(f), add(C.f(2), get(f)))),
    set(z, mul(get(s), get(s))),
    set(w, mul(get(z), get(z))),
    // R = t2 + t1 with t1 = w·(Lg2 + w·(Lg4 + w·Lg6)), t2 = z·(Lg1 + w·(Lg3 + w·(Lg5 + w·Lg7))); kept in w.
    set(
      w,
      add(
        mul(get(z), add(C.f(LG1), mul(get(w), add(C.f(LG3), mul(get(w), add(C.f(LG5), mul(get(w), C.f(LG7)))))))),
        mul(get(w), add(C.f(LG2), mul(get(w), add(C.f(LG4), mul(get(w), C.f(LG6)))))),
      ),
    ),
    set(
      out,
      add(
        sub(mul(get(k), C.f(LN2_HI)), sub(sub(get(hfsq), add(mul(get(s), add(get(hfsq), get(w))), mul(get(k), C.f(LN2_LO)))), get(f))),
        div(sub(get(q), sub(get(u), C.f(1))), get(u)),
      ),
    ),
  );
}


/** State fields in memory, each V vectors of two lanes: field f, vector v at statePtr + (f·V + v)·16. */
export const FIELD_W = 0;
export const FIELD_B = 1;
export const FIELD_ETA = 2;
/** The last epoch whose max |ŷ − y| exceeded the tolerance (−1 if none yet), as a double. */
export const FIELD_LAST_MISS = 3;
/** max |ŷ − y| of the last epoch run. */
export const FIELD_MAX_ERROR = 4;
/** The smallest loss recorded so far (+∞ at first). */
export const FIELD_MIN_LOSS = 5;
export const FIELD_COUNT = 6;


/**
 * train(x, y, n, state, curve, t0, t1, mean, tolerance, nf, xMax) → t: runs epochs t0, t0 + 1, …
 * < t1 of the 2V runs whose state is at `state`, writing epoch t's loss of run 2v + l at
 * curve + ((t·V + v)·2 + l)·8, and returns t1, or the first epoch at which some run's loss was not
 * ≤ 1e300 or its w + b was not finite. That epoch is then left unrecorded and its update undone
 * (the state holds the parameters it started from), so the caller can redo it exactly.
 * xMax = max |xᵢ| bounds |z| per epoch (see FAST_BOUND).
 *
 * Each epoch runs the points with the fast exp when |w|·xMax + |b| < 700 (so every |z| < 708),
 * and runs them again with the exact variant if some |z| turned out to be ≤ 2^-27; epochs that
 * fail the bound use the exact variant directly. Both give core's expNonPositive's values, so the
 * choice only affects speed.
 *
 * Cross-entropy's loss Σ [(max(z, 0) − y·z) + log1p(eᵢ)] (e = exp(−|z|) ∈ [0, 1]) is evaluated as
 * Σ z·(pos − y) + log1p(q) with pos = [z ≥ 0 ? 1 : 0] and q = Π(1 + eᵢ) − 1 accumulated as
 * q ← q + e + q·e. The first sum's terms are core's per-sign form, z·(1 − y) for z ≥ 0 and −y·z
 * for z < 0 (0 − y is −y exactly; only a zero term's sign can differ, invisible in a sum that
 * starts at +0), so labels near 1 lose nothing to cancellation, as in core. Every term is ≥ 0,
 * so each step has a relative error of at most a few ulps and nothing cancels, and one log1p per
 * epoch replaces one per point. Every 64 points q is flushed into the sum (log1p of a product of
 * at most 64 factors ≤ 2 cannot overflow, and 64 steps keep q within ~200 ulps). Both the sum and
 * the log1p are relatively accurate, so the loss is too, also when it is tiny (all points
 * saturated on the right side, where the first sum is 0 or tiny and the loss is log1p(q) ≈ Σ eᵢ).
 */
function trainFunction(kind: 'se' | 'ce', V: number, P: number, table: ConstantTable): { fn: Fn; body: Code } {
  const fn = new Fn([I32, I32, I32, I32, I32, I32, I32, I32, F64, F64, F64], [I32]);
  const [xPtr, yPtr, n, state, curvePtr, t0, t1, mean, tolerance, nf, xMax] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;
  const { t, i, end, blockEnd, address, slow } = fn.named(I32, 't', 'i', 'end', 'blockEnd', 'address', 'slow');
  const { tol, tf, nv, xm } = fn.named(V128, 'tol', 'tf', 'nv', 'xm');
  const xs = Array.from({ length: P }, () => fn.local(V128));
  const ys = Array.from({ length: P }, () => fn.local(V128));
  const lanes = Array.from({ length: V }, () =>
    fn.named(V128, 'w', 'b', 'eta', 'miss', 'maxError', 'minLoss', 'dw', 'db', 'loss', 'q', 'logSum', 'top'),
  );
  type Lane = (typeof lanes)[number];
  const field = (f: number, v: number) => (f * V + v) * 16;
  const C = new Constants(fn, table);
  /** An i32: 1 if `test` gives all ones in every lane of every vector. */
  const everyLane = (test: (L: Lane) => Code): Code => allTrue(lanes.map(test).reduce((a, m) => vAnd(a, m)));

  /** One point's step for one vector. */
  const pointBody = (L: Lane, xv: number, yv: number, exact: boolean): Code[] => {
    const { z, xn, e, r, yHat, g, pos } = fn.named(V128, 'z', 'xn', 'e', 'r', 'yHat', 'g', 'pos');
    const common = [
      set(z, add(mul(get(L.w), get(xv)), get(L.b))),
      // xn = −|z|: z with its sign bit set.
      set(xn, vOr(get(z), C.i(SIGN_BIT))),
      // The fast exp needs |z| > 2^-27, checked after the pass: keep the largest −|z| (NaN is ignored).
      exact ? [] : set(L.top, pmax(get(L.top), get(xn))),
      ...emitExp(fn, C, xn, e, exact),
      set(r, div(C.f(1), add(get(e), C.f(1)))),
      // ŷ = z ≥ 0 ? r : e·r. Squared error needs e·r anyway (for σ′); cross-entropy picks the
      // factor instead, with one operation less: max(e, pos) with pos = [z ≥ 0 ? 1 : 0] is 1 or e,
      // as e ∈ [0, 1] (NaN stays NaN), and r·1 = r, r·e = e·r exactly.
      ...(kind === 'se'
        ? [set(yHat, bitselect(get(r), mul(get(e), get(r)), ge(get(z), C.f(0))))]
        : [set(pos, vAnd(ge(get(z), C.f(0)), C.f(1))), set(yHat, mul(get(r), pmax(get(e), get(pos))))]),
    ];
    if (kind === 'se') {
      // error = ŷ − y; loss += ½·error·error; ∂/∂z = error·(e·r·r) (σ′ = e/(1 + e)², relatively exact in both tails).
      return [
        ...common,
        set(g, sub(get(yHat), get(yv))),
        set(L.loss, add(get(L.loss), mul(mul(get(g), C.f(0.5)), get(g)))),
        set(L.maxError, pmax(get(L.maxError), vAnd(get(g), C.i(ABS_MASK)))),
        set(g, mul(get(g), mul(mul(get(e), get(r)), get(r)))),
        set(L.dw, add(get(L.dw), mul(get(g), get(xv)))),
        set(L.db, add(get(L.db), get(g))),
      ];
    }
    // ∂/∂z = ŷ − y; the loss's first part, core's z ≥ 0 ? z·(1 − y) : −y·z, is z·(pos − y), summed
    // in `loss` (see `trainFunction`); exp's part goes into q.
    return [
      ...common,
      set(g, sub(get(yHat), get(yv))),
      set(L.loss, add(get(L.loss), mul(get(z), sub(get(pos), get(yv))))),
      set(L.q, add(add(get(L.q), get(e)), mul(get(L.q), get(e)))),
      set(L.maxError, pmax(get(L.maxError), vAnd(get(g), C.i(ABS_MASK)))),
      set(L.dw, add(get(L.dw), mul(get(g), get(xv)))),
      set(L.db, add(get(L.db), get(g))),
    ];
  };
  // One pass over the points [i, limit): P points per iteration (unrolled: fewer loop overheads;
  // V8 schedules the independent work itself), then the rest one at a time. Each vector's sums
  // take the points in index order.
  const pointLoop = (limit: number, exact: boolean): Code => {
    const step = (count: number): Code =>
      block(
        loop(
          brIf(1, iGtS(iAdd(get(i), i32(8 * count)), get(limit))),
          ...Array.from({ length: count }, (_, p) => cat(set(xs[p]!, loadSplat(iAdd(get(xPtr), get(i)), 8 * p)), set(ys[p]!, loadSplat(iAdd(get(yPtr), get(i)), 8 * p)))),
          ...Array.from({ length: count }, (_, p) => cat(...lanes.map((L) => cat(...pointBody(L, xs[p]!, ys[p]!, exact))))),
          set(i, iAdd(get(i), i32(8 * count))),
          br(0),
        ),
      );
    return P > 1 ? cat(step(P), step(1)) : step(1);
  };

  // One pass over all points, from zeroed accumulators.
  const points = (exact: boolean): Code =>
    cat(
      ...lanes.flatMap((L) => [set(L.dw, C.f(0)), set(L.db, C.f(0)), set(L.loss, C.f(0)), set(L.maxError, C.f(0)), set(L.q, C.f(0)), set(L.logSum, C.f(0)), set(L.top, C.f(-Infinity))]),
      set(i, i32(0)),
      kind === 'se'
        ? pointLoop(end, exact)
        : cat(
            block(
              loop(
                brIf(1, iGeS(get(i), get(end))),
                set(blockEnd, iAdd(get(i), i32(CE_BLOCK * 8))),
                set(blockEnd, select(get(blockEnd), get(end), iLtS(get(blockEnd), get(end)))),
                pointLoop(blockEnd, exact),
                ...lanes.map((L) => {
                  const lg = fn.local(V128);
                  return cat(emitLog1p(fn, C, L.q, lg), set(L.logSum, add(get(L.logSum), get(lg))), set(L.q, C.f(0)));
                }),
                br(0),
              ),
            ),
            ...lanes.map((L) => set(L.loss, add(get(L.loss), get(L.logSum)))),
          ),
    );

  const body = cat(
    set(tol, splat(get(tolerance))),
    set(nv, splat(get(nf))),
    set(xm, splat(get(xMax))),
    set(end, iMul(get(n), i32(8))),
    ...lanes.flatMap((L, v) => [
      set(L.w, load(get(state), field(FIELD_W, v))),
      set(L.b, load(get(state), field(FIELD_B, v))),
      set(L.eta, load(get(state), field(FIELD_ETA, v))),
      set(L.miss, load(get(state), field(FIELD_LAST_MISS, v))),
      set(L.maxError, load(get(state), field(FIELD_MAX_ERROR, v))),
      set(L.minLoss, load(get(state), field(FIELD_MIN_LOSS, v))),
    ]),
    set(t, get(t0)),
    block(
      loop(
        brIf(1, iGeS(get(t), get(t1))),
        // The fast pass if |z| < 708 is certain (|w|·max|x| + |b| < 700, false for NaN and ∞) and
        // every |z| turns out to be > 2^-27; otherwise (rarely) the exact pass.
        set(slow, iEqz(everyLane((L) => lt(add(mul(vAnd(get(L.w), C.i(ABS_MASK)), get(xm)), vAnd(get(L.b), C.i(ABS_MASK))), C.f(FAST_BOUND))))),
        when(iEqz(get(slow)), points(false), set(slow, iEqz(everyLane((L) => lt(get(L.top), C.f(-FAST_MIN)))))),
        when(get(slow), points(true)),
        // 'mean': divide the loss and the gradient by n, as core does.
        when(
          get(mean),
          ...lanes.flatMap((L) => [set(L.loss, div(get(L.loss), get(nv))), set(L.dw, div(get(L.dw), get(nv))), set(L.db, div(get(L.db), get(nv)))]),
        ),
        // Stop (unrecorded) unless every run's loss is ≤ 1e300 and its w + b finite (s − s = 0 iff s is
        // finite). The caller then decides divergence exactly as core does.
        brIf(
          1,
          iEqz(
            everyLane((L) => {
              const s = add(get(L.w), get(L.b));
              return vAnd(le(get(L.loss), C.f(1e300)), eq(sub(s, s), C.f(0)));
            }),
          ),
        ),
        // Record the epoch, then update the parameters.
        set(tf, splat(f64FromI32(get(t)))),
        set(address, iAdd(get(curvePtr), iMul(get(t), i32(V * 16)))),
        ...lanes.flatMap((L, v) => [
          store(get(address), get(L.loss), v * 16),
          set(L.miss, bitselect(get(tf), get(L.miss), gt(get(L.maxError), get(tol)))),
          set(L.minLoss, pmin(get(L.minLoss), get(L.loss))),
          set(L.w, sub(get(L.w), mul(get(L.eta), get(L.dw)))),
          set(L.b, sub(get(L.b), mul(get(L.eta), get(L.db)))),
        ]),
        set(t, iAdd(get(t), i32(1))),
        br(0),
      ),
    ),
    ...lanes.flatMap((L, v) => [
      store(get(state), get(L.w), field(FIELD_W, v)),
      store(get(state), get(L.b), field(FIELD_B, v)),
      store(get(state), get(L.miss), field(FIELD_LAST_MISS, v)),
      store(get(state), get(L.maxError), field(FIELD_MAX_ERROR, v)),
      store(get(state), get(L.minLoss), field(FIELD_MIN_LOSS, v)),
    ]),
    get(t),
  );
  return { fn, body: cat(C.init(), body) };
}

/**
 * scan(curve, stride, from, first, target) → t: core's backward scan of epochsToDecrease (and so
 * of epochsTo99 and plateauLength) over one lane's curve, L[t′] being the f64 at curve + t′·stride
 * (bytes): the smallest t ≤ from such that first − L[t′] ≥ target for every t′ in [t, from).
 */
function scanFunction(): { fn: Fn; body: Code } {
  const fn = new Fn([I32, I32, I32, F64, F64], [I32]);
  const [curve, stride, from, first, target] = [0, 1, 2, 3, 4] as const;
  const { t, address } = fn.named(I32, 't', 'address');
  const body = cat(
    set(t, get(from)),
    set(address, iAdd(get(curve), iMul(iSub(get(t), i32(1)), get(stride)))),
    block(
      loop(
        brIf(1, iLeS(get(t), i32(0))),
        brIf(1, iEqz(f64Ge(f64Sub(get(first), f64Load(get(address))), get(target)))),
        set(t, iSub(get(t), i32(1))),
        set(address, iSub(get(address), get(stride))),
        br(0),
      ),
    ),
    get(t),
  );
  return { fn, body };
}

/**
 * Test helpers: apply the kernel's vector exp (of −|x|: the exact variant, or the fast one,
 * valid for 2^-27 < |x| < 708) or log1p in place to `count` doubles at `ptr` (count even).
 */
function mapFunction(kind: 'exp' | 'expFast' | 'log1p', table: ConstantTable): { fn: Fn; body: Code } {
  const fn = new Fn([I32, I32], []);
  const [ptr, count] = [0, 1] as const;
  const { end } = fn.named(I32, 'end');
  const { x, xn, out } = fn.named(V128, 'x', 'xn', 'out');
  const C = new Constants(fn, table);
  const compute = kind === 'log1p' ? emitLog1p(fn, C, x, out) : cat(set(xn, vOr(get(x), C.i(SIGN_BIT))), ...emitExp(fn, C, xn, out, kind === 'exp'));
  const body = cat(
    set(end, iAdd(get(ptr), iMul(get(count), i32(8)))),
    block(loop(brIf(1, iGeS(get(ptr), get(end))), set(x, load(get(ptr))), compute, store(get(ptr), get(out)), set(ptr, iAdd(get(ptr), i32(16))), br(0))),
  );
  return { fn, body: cat(C.init(), body) };
}

/**
 * The module's bytes (no imports; exports memory, se, ce, exp, expFast, log1p, scan) and the number of bytes at
 * the start of its memory that hold the constant table (callers use memory from there on).
 */
export function kernelModule(V: number, P: number = DEFAULT_POINTS): { bytes: Uint8Array; reserved: number } {
  const table = new ConstantTable();
  const functions = [trainFunction('se', V, P, table), trainFunction('ce', V, P, table), mapFunction('exp', table), mapFunction('expFast', table), mapFunction('log1p', table), scanFunction()];
  const exportNames = ['se', 'ce', 'exp', 'expFast', 'log1p', 'scan'];
  const typeOf = (fn: Fn) => [0x60, ...vec(fn.params.map((p) => [p])), ...vec(fn.results.map((r) => [r]))];
  const types: Code[] = functions.map(({ fn }) => typeOf(fn));
  const bytes = cat(
    [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    section(1, vec(types)),
    section(3, vec(functions.map((_, k) => uleb(k)))),
    section(5, vec([[0x00, ...uleb(1)]])),
    section(7, vec([[...name('memory'), 0x02, 0], ...exportNames.map((s, k) => [...name(s), 0x00, ...uleb(k)])])),
    section(10, vec(functions.map(({ fn, body }) => fn.encode(body)))),
    section(11, vec([[0x00, ...i32(0), 0x0b, ...vec(table.data().map((byte) => [byte]))]])),
  );
  return { bytes: Uint8Array.from(bytes), reserved: Math.ceil(table.data().length / 16) * 16 };
}

// ---------------------------------------------------------------------------------------------
// Instantiation and memory management.

type TrainExport = (x: number, y: number, n: number, state: number, curve: number, t0: number, t1: number, mean: number, tolerance: number, nf: number, xMax: number) => number;

/**
 * The part of the WebAssembly JS API used here, typed locally: the package compiles without the
 * DOM library, and the global may be missing (or throw) in restricted environments.
 */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: Record<string, Record<string, unknown>>) => { readonly exports: Record<string, unknown> };
}

/** An instantiated SIMD kernel: 2·vectors runs per call. */
export interface WasmKernel {
  /** Runs per call (two per vector). */
  readonly lanes: number;
  /** The first byte of memory free for the caller (the constant table comes before it). */
  readonly base: number;
  readonly vectors: number;
  readonly se: TrainExport;
  readonly ce: TrainExport;
  readonly exp: (ptr: number, count: number) => void;
  readonly expFast: (ptr: number, count: number) => void;
  readonly log1p: (ptr: number, count: number) => void;
  /** See `scanFunction`. */
  readonly scan: (curve: number, stride: number, from: number, first: number, target: number) => number;
  /** Makes the memory at least `bytes` long (growing invalidates earlier views) and returns a view of all of it. */
  reserve(bytes: number): Float64Array;
}

/**
 * Vectors per call and points per iteration of the point loop: two vectors (four runs side by
 * side) and two points measured best of 1–4 × 1–3 here (bench/kernel-bench.mjs --vectors,
 * --points); more of either only adds spills.
 */
export const DEFAULT_VECTORS = 2;
export const DEFAULT_POINTS = 2;

const instances = new Map<number, WasmKernel | null>();

/**
 * The SIMD kernel with `vectors` f64x2 vectors per call, or null where WebAssembly SIMD is not
 * available. Built and compiled synchronously on first use (a few kilobytes), then cached.
 */
export function wasmKernel(vectors: number = DEFAULT_VECTORS, points: number = DEFAULT_POINTS): WasmKernel | null {
  const key = vectors * 100 + points;
  const cached = instances.get(key);
  if (cached !== undefined) return cached;
  let kernel: WasmKernel | null = null;
  try {
    const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
    const { bytes, reserved } = kernelModule(vectors, points);
    if (api && api.validate(bytes)) {
      const instance = new api.Instance(new api.Module(bytes), {});
      const ex = instance.exports as unknown as { memory: WasmMemory; se: TrainExport; ce: TrainExport; exp: WasmKernel['exp']; expFast: WasmKernel['expFast']; log1p: WasmKernel['log1p']; scan: WasmKernel['scan'] };
      let view = new Float64Array(ex.memory.buffer);
      kernel = {
        lanes: 2 * vectors,
        base: reserved,
        vectors,
        se: ex.se,
        ce: ex.ce,
        exp: ex.exp,
        expFast: ex.expFast,
        log1p: ex.log1p,
        scan: ex.scan,
        reserve(bytes: number): Float64Array {
          const have = ex.memory.buffer.byteLength;
          if (bytes > have) ex.memory.grow(Math.ceil((bytes - have) / 65536));
          if (view.buffer !== ex.memory.buffer) view = new Float64Array(ex.memory.buffer);
          return view;
        },
      };
      if (!agreesWithCoreExp(kernel)) kernel = null;
    }
  } catch {
    kernel = null;
  }
  instances.set(key, kernel);
  return kernel;
}

/**
 * A last check of a new instance: both variants of its exp against core's expNonPositive (what
 * core's train uses) on 512 arguments spread over the fast variant's range, bit for bit. It cannot
 * fail unless the engine's WebAssembly arithmetic is not IEEE 754's; then the JavaScript path runs.
 */
function agreesWithCoreExp(kernel: WasmKernel): boolean {
  const count = 512;
  const at = kernel.base;
  const memory = kernel.reserve(at + 16 * count);
  const xs = Array.from({ length: count }, (_, i) => -(2 ** -26 + 707 * ((i * 0.6180339887498949) % 1) ** 3));
  memory.set(xs, at / 8);
  memory.set(xs, at / 8 + count);
  kernel.expFast(at, count);
  kernel.exp(at + 8 * count, count);
  return xs.every((x, i) => Object.is(memory[at / 8 + i], expNonPositive(x)) && Object.is(memory[at / 8 + count + i], expNonPositive(x)));
}
