// The SIMD kernel's numerics, emitted per f64x2 vector: exp(−|z|) (core's expNonPositive, lane by
// lane) and log1p(q) (kernel-math.ts's log1pKernel, lane by lane), and the constant table they
// load their constants from. kernel-math.ts explains both algorithms.

import { expConstants } from '@losslab/core';
import { add, bitselect, div, f64Bytes, get, gt, i32, i64Add, i64Bytes, i64Shl, i64ShrU, le, load, lt, mul, seq, set, sub, trunc, vAnd, andNot, vOr, vXor, type Expr, type FunctionBuilder, type Local, type Stmt, type ValType } from './kernel-wasm-assembler.js';
import { LG1, LG2, LG3, LG4, LG5, LG6, LG7 } from './kernel-math.js';

/**
 * The module's vector constants, in a table at the start of linear memory (a data segment), each
 * loaded once per call into a local. Written inline (v128.const), V8 rebuilds a constant at each
 * use inside a loop, three instructions apiece, more than the arithmetic it feeds; a local set to
 * a constant is propagated the same way. A value loaded from memory is opaque to the compiler, so
 * it stays in a register or one reload away.
 */
export class ConstantTable {
  private readonly offsets = new Map<string, number>();
  private readonly bytes: number[] = [];
  /** The byte offset of a constant (added on first use; `bytes` is only called then). */
  offset(key: string, bytes: () => number[]): number {
    let offset = this.offsets.get(key);
    if (offset === undefined) {
      offset = this.bytes.length;
      this.offsets.set(key, offset);
      this.bytes.push(...bytes());
    }
    return offset;
  }
  /** The data segment's bytes (placed at address 0). */
  data(): number[] {
    return this.bytes;
  }
  /** Bytes at the start of memory that the table takes, rounded up to 16. */
  reserved(): number {
    return Math.ceil(this.bytes.length / 16) * 16;
  }
}

/** The constants one function uses: a local each, loaded from the table at the function's start (`init`). */
export class Constants {
  private readonly locals = new Map<number, Local<'v128'>>();
  constructor(
    private readonly fn: FunctionBuilder<Record<string, ValType>, ValType | null>,
    private readonly table: ConstantTable,
  ) {}
  private get(key: string, label: string, bytes: () => number[]): Expr<'v128'> {
    const offset = this.table.offset(key, bytes);
    let local = this.locals.get(offset);
    if (local === undefined) {
      local = this.fn.local('v128', label);
      this.locals.set(offset, local);
    }
    return get(local);
  }
  /** The f64 value v in both lanes. */
  f(v: number): Expr<'v128'> {
    const key = Object.is(v, -0) ? '-0' : String(v);
    return this.get(`f${key}`, `k_${key}`, () => f64Bytes(v, v));
  }
  /** The i64 value v in both lanes. */
  i(v: bigint): Expr<'v128'> {
    return this.get(`i${v}`, `k_i${v}`, () => i64Bytes(v, v));
  }
  /** The code that loads every constant used so far; put it first in the function. */
  init(): Stmt {
    return seq(...[...this.locals].map(([offset, local]) => set(local, load(i32(0), offset))));
  }
}

/** 1.5·2^52: adding it to an integer-valued double k with |k| < 2^51 leaves k in the low bits. */
const ROUND_MAGIC = 6755399441055744;
/** Its bits, 0x4338000000000000. */
const ROUND_MAGIC_BITS = 0x4338000000000000n;
/** The sign bit of a double, and all the other bits, as i64 lane values. */
export const SIGN_BIT = -(1n << 63n);
export const ABS_MASK = (1n << 63n) - 1n;

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
 * subnormals); x below the underflow threshold gives 0 (so does −∞); NaN stays NaN. The fast
 * variant is exact for 2^-27 < |x| < 708 (FAST_MIN, EXP_LARGE).
 */
export function emitExp(fn: FunctionBuilder<Record<string, ValType>, ValType | null>, C: Constants, xn: Local<'v128'>, e: Local<'v128'>, exact: boolean): Stmt {
  const { ln2Hi, ln2Lo, invLn2, p, halfLn2Up, tiny, underflow } = expConstants;
  const [P1, P2, P3, P4, P5] = p as [number, number, number, number, number];
  const { k, hi, lo, r, t, c, y, low } = fn.locals('v128', 'k', 'hi', 'lo', 'r', 't', 'c', 'y', 'low');
  // fdlibm's Horner order; operands of + and · may be swapped freely (they commute exactly).
  const poly = add(mul(add(mul(add(mul(add(mul(C.f(P5), get(t)), C.f(P4)), get(t)), C.f(P3)), get(t)), C.f(P2)), get(t)), C.f(P1));
  // 2^k from k's bits: k + (1.5·2^52 + 1023) holds 1023 + k ∈ [1, 2046] in its low 11 bits, and the
  // shift left by 52 moves exactly those into the exponent field (the rest is shifted out).
  const scale = (exponent: Expr<'v128'>) => i64Shl(add(exponent, C.f(ROUND_MAGIC + 1023)), 52);
  const common = seq(
    set(k, vAnd(trunc(add(mul(get(xn), C.f(invLn2)), C.f(-0.5))), le(get(xn), C.f(-halfLn2Up)))),
    set(hi, sub(get(xn), mul(get(k), C.f(ln2Hi)))),
    set(lo, mul(get(k), C.f(ln2Lo))),
    set(r, sub(get(hi), get(lo))),
    set(t, mul(get(r), get(r))),
    set(c, sub(get(r), mul(get(t), poly))),
    set(y, sub(C.f(1), sub(sub(get(lo), div(mul(get(r), get(c)), sub(C.f(2), get(c)))), get(hi)))),
  );
  if (!exact) return seq(common, set(e, mul(get(y), scale(get(k)))));
  return seq(
    common,
    set(low, lt(get(k), C.f(-1021))),
    set(e, mul(mul(get(y), scale(add(get(k), vAnd(get(low), C.f(1000))))), bitselect(C.f(2 ** -1000), C.f(1), get(low)))),
    set(e, bitselect(add(get(xn), C.f(1)), get(e), gt(get(xn), C.f(-tiny)))),
    set(e, andNot(get(e), lt(get(xn), C.f(underflow)))),
  );
}

/**
 * Emits out = log1p(q) for a vector q ≥ 0 (finite, below 2^1023): per lane exactly the operations
 * of kernel-math.ts's log1pKernel (which explains the algorithm), within 2.5e-16 of Math.log1p.
 */
export function emitLog1p(fn: FunctionBuilder<Record<string, ValType>, ValType | null>, C: Constants, q: Local<'v128'>, out: Local<'v128'>): Stmt {
  const { ln2Hi, ln2Lo } = expConstants;
  const { u, bits, hm, k, f, hfsq, s, z, w } = fn.locals('v128', 'u', 'bits', 'hm', 'k', 'f', 'hfsq', 's', 'z', 'w');
  return seq(
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
        sub(mul(get(k), C.f(ln2Hi)), sub(sub(get(hfsq), add(mul(get(s), add(get(hfsq), get(w))), mul(get(k), C.f(ln2Lo)))), get(f))),
        div(sub(get(q), sub(get(u), C.f(1))), get(u)),
      ),
    ),
  );
}
