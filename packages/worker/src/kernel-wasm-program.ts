// The SIMD kernel's program: the functions of its WebAssembly module (train a group of runs,
// and test helpers that apply its exp and log1p), and the module's bytes.
//
// Why WebAssembly: a training step is ~55 arithmetic operations with two divisions per point, and
// JavaScript has no vector types; f64x2 does each operation for two runs at once, and the runs'
// independent chains keep the CPU busy while one waits on a division (a single run's epoch is one
// long dependency chain: z → exp → σ → gradient → update → next z).
//
// Why it matches core bit for bit: WebAssembly's f64 arithmetic is IEEE 754 with round-to-nearest
// and no fused multiply-add, the same as JavaScript's, and each lane performs exactly the scalar
// operations of core's evaluateInto and train, in the same order (kernel-js.ts lists them). The
// cross-entropy loss is computed differently (see `trainFunction`), within a few ulps, and never
// feeds back into the parameters.
//
// Codegen notes (V8's optimizing wasm compiler, x64): v128 constants are rebuilt at every use
// (three instructions), so they live in a data segment and are loaded once per call; SIMD
// arithmetic takes no memory operands, so with 16 vector registers about a quarter of the loop's
// instructions are spills and reloads whatever the unrolling; two vectors (four runs) with five
// points per iteration measured best (DEFAULT_POINTS says why). See bench/kernel-bench.mjs.

import {
  add, allTrue, assembleModule, block, br, brIf, div, eq, extractLane, f64FromI32, f64Store, finish, FunctionBuilder, ge, get, gt, iAdd, iAnd, iEq, iEqz, iGeS, iGtS, iLeS,
  iLtS, iMul, iSub, i32, i32Load, le, load, loadSplat, loop, lt, mul, pmax, pmin, select, seq, set, splat, sqrt, store, sub, vAnd, vOr, when, bitselect,
  type AssembledFunction, type Expr, type Local, type Stmt, type ValType,
} from './kernel-wasm-assembler.js';
import { ABS_MASK, ConstantTable, Constants, emitExp, emitLog1p, SIGN_BIT } from './kernel-wasm-numerics.js';
import { CE_BLOCK, FAST_MIN } from './kernel-math.js';

/** State fields in memory, each V vectors of two lanes: field f, vector v at state + (f·V + v)·16. */
export const FIELD_W = 0;
export const FIELD_B = 1;
export const FIELD_ETA = 2;
/** The last epoch whose max |ŷ − y| exceeded the tolerance (−1 if none yet), as a double. */
export const FIELD_LAST_MISS = 3;
/** max |ŷ − y| of the last epoch run. */
export const FIELD_MAX_ERROR = 4;
/** The smallest loss recorded so far (+∞ at first). */
export const FIELD_MIN_LOSS = 5;
// The optimizer update's fields (plain descent never touches them): each lane's hyperparameters
// and weight decay, written once per run, and its optimizer state, read and written at each update
// (so none of it is live across the point loop).
/** momentum's and nesterov's μ, rmsprop's α, adam's β₁. */
export const FIELD_H1 = 6;
/** adam's β₂. */
export const FIELD_H2 = 7;
export const FIELD_EPS = 8;
/** 1 − α (rmsprop) or 1 − β₁ (adam), computed once per run in JavaScript, as core's updater does. */
export const FIELD_REST1 = 9;
/** 1 − β₂ (adam). */
export const FIELD_REST2 = 10;
/** The weight decay λ (0: nothing is added to the gradient, as core). */
export const FIELD_DECAY = 11;
/** The first moment (or momentum buffer) of w and of b. */
export const FIELD_MW = 12;
export const FIELD_MB = 13;
/** The second moment (or sum of squares) of w and of b. */
export const FIELD_VW = 14;
export const FIELD_VB = 15;
/** adam's running products β₁ᵗ and β₂ᵗ (1 before the first update). */
export const FIELD_P1 = 16;
export const FIELD_P2 = 17;
export const FIELD_COUNT = 18;

/**
 * The train functions' `opt` argument: which update rule (core's updater.ts), with weight decay and
 * mini-batches; PLAIN (−1) is plain full-batch descent without weight decay, whose update is inline.
 */
export const OPTIMIZER_CODES = { gd: 0, momentum: 1, nesterov: 2, rmsprop: 3, adam: 4, adagrad: 5 } as const;
export const PLAIN = -1;

/**
 * Vectors per call and points per iteration of the point loop: two vectors (four runs side by
 * side) and five points (bench/kernel-bench.mjs --vectors, --points). What counts is that an
 * epoch's points run as one straight block: the loop's back edge and each remainder block are
 * joins where V8 moves the vectors' accumulators through memory, and at the end of a block only
 * its own chains are left to overlap the last point's exp and divisions. On S1's five points,
 * P = 5 (one pass, no remainder) takes 9–10 ns per point-step where P = 2 (two passes and a
 * single point) took 12–13 and P = 8 (a block of four and one of one) 12–15; on 64 points P = 5
 * to 8 take 6.4–7.1 ns against 9–10 for P = 2. V = 3 spills (12 ns), V = 1 leaves too few chains
 * (10 ns).
 */
export const DEFAULT_VECTORS = 2;
export const DEFAULT_POINTS = 5;

/**
 * The fast variant of exp is exact for 2^-27 < |x| < 708 (FAST_MIN, EXP_LARGE in kernel-math.ts):
 * there k ≥ −1021 (no subnormal result) and fdlibm's 1 + x shortcut for |x| < 2^-28 does not
 * apply. The kernel checks the lower bound per point and the upper one per epoch, from
 * |w|·max|x| + |b| < FAST_BOUND (with ample margin for rounding).
 */
const FAST_BOUND = 700;

/**
 * Stores an epoch's losses of vector v's two runs in their curves, run 2v + l's at
 * address + (2v + l)·laneBytes (address: the curves' start + t·8): each run's curve is contiguous,
 * so the caller reads it in place (interleaved by epoch, it had to be copied out run by run, ~10 %
 * of a worker's time).
 */
function curveStores(address: Local<'i32'>, laneBytes: Local<'i32'>, loss: Local<'v128'>, v: number): Stmt[] {
  return ([0, 1] as const).map((l) => f64Store(v === 0 && l === 0 ? get(address) : iAdd(get(address), iMul(get(laneBytes), i32(2 * v + l))), extractLane(get(loss), l)));
}

/** The per-run state fields both train functions keep in locals, by the name of their local. */
const STATE_FIELDS = { w: FIELD_W, b: FIELD_B, eta: FIELD_ETA, miss: FIELD_LAST_MISS, maxError: FIELD_MAX_ERROR, minLoss: FIELD_MIN_LOSS } as const;
type StateName = keyof typeof STATE_FIELDS;

/** A vector's locals for the state fields it reads or writes, and its index. */
type StateLocals<K extends StateName> = { readonly [F in K]: Local<'v128'> } & { readonly v: number };

/** Loads each vector's `names` fields from the state (vector by vector, field by field, in the given order). */
function loadState<K extends StateName>(state: Local<'i32'>, V: number, lanes: readonly StateLocals<K>[], names: readonly K[]): Stmt[] {
  return lanes.flatMap((L) => names.map((name) => set(L[name] as Local<'v128'>, load(get(state), (STATE_FIELDS[name] * V + L.v) * 16))));
}

/** Stores each vector's `names` fields back into the state, in the same order as loadState. */
function storeState<K extends StateName>(state: Local<'i32'>, V: number, lanes: readonly StateLocals<K>[], names: readonly K[]): Stmt[] {
  return lanes.flatMap((L) => names.map((name) => store(get(state), get(L[name] as Local<'v128'>), (STATE_FIELDS[name] * V + L.v) * 16)));
}

/** The locals one epoch's record reads and updates. */
type RecordLocals = { readonly loss: Local<'v128'>; readonly miss: Local<'v128'>; readonly maxError: Local<'v128'>; readonly minLoss: Local<'v128'>; readonly v: number };

/**
 * Records epoch t of every vector: its loss in the curves (curveStores), the last epoch that
 * missed the tolerance (miss ← t where max |ŷ − y| > tolerance), and the lowest loss so far.
 */
function recordEpoch(r: { t: Local<'i32'>; tf: Local<'v128'>; address: Local<'i32'>; curve: Local<'i32'>; laneBytes: Local<'i32'>; tol: Local<'v128'> }, lanes: readonly RecordLocals[]): Stmt[] {
  return [
    set(r.tf, splat(f64FromI32(get(r.t)))),
    set(r.address, iAdd(get(r.curve), iMul(get(r.t), i32(8)))),
    ...lanes.flatMap((L) => [
      ...curveStores(r.address, r.laneBytes, L.loss, L.v),
      set(L.miss, bitselect(get(r.tf), get(L.miss), gt(get(L.maxError), get(r.tol)))),
      set(L.minLoss, pmin(get(L.minLoss), get(L.loss))),
    ]),
  ];
}

/**
 * One pass over the points [i, end) (byte offsets): squared error's point loop as is; for
 * cross-entropy, blocks of CE_BLOCK points, after each of which every vector's product q goes into
 * log1p and its running sum (see trainFunction), that sum joining the loss after the last block.
 */
function pointsPass(
  kind: 'se' | 'ce',
  fn: FunctionBuilder<Record<string, ValType>, ValType | null>,
  C: Constants,
  r: { i: Local<'i32'>; end: Local<'i32'>; blockEnd: Local<'i32'> },
  lanes: readonly { readonly q: Local<'v128'>; readonly logSum: Local<'v128'>; readonly loss: Local<'v128'> }[],
  pointLoop: (limit: Local<'i32'>) => Stmt,
): Stmt {
  if (kind === 'se') return pointLoop(r.end);
  return seq(
    block(
      loop(
        brIf(1, iGeS(get(r.i), get(r.end))),
        set(r.blockEnd, iAdd(get(r.i), i32(CE_BLOCK * 8))),
        set(r.blockEnd, select(get(r.blockEnd), get(r.end), iLtS(get(r.blockEnd), get(r.end)))),
        pointLoop(r.blockEnd),
        ...lanes.map((L) => {
          const lg = fn.local('v128', 'log1p');
          return seq(emitLog1p(fn, C, L.q, lg), set(L.logSum, add(get(L.logSum), get(lg))), set(L.q, C.f(0)));
        }),
        br(0),
      ),
    ),
    ...lanes.map((L) => set(L.loss, add(get(L.loss), get(L.logSum)))),
  );
}

/** A vector's per-epoch sums (see trainFunction): the loss, cross-entropy's product q, max |ŷ − y|, ∂L/∂b, and the largest −|z| (fast exp only). */
interface PointSums {
  loss: Local<'v128'>;
  q: Local<'v128'>;
  maxError: Local<'v128'>;
  db: Local<'v128'>;
  top: Local<'v128'>;
}

/**
 * One point's terms for one vector, given its logit z: the loss, max |ŷ − y| and ∂/∂z = g (core's
 * operations, see trainFunction), then `dw(g)` (∂L/∂w's terms) and db += g.
 */
function pointTerms(fn: FunctionBuilder<Record<string, ValType>, ValType | null>, C: Constants, kind: 'se' | 'ce', L: PointSums, z: Local<'v128'>, yv: Local<'v128'>, exact: boolean, dw: (g: Local<'v128'>) => Stmt): Stmt {
  const { xn, e, r, yHat, g, pos } = fn.locals('v128', 'xn', 'e', 'r', 'yHat', 'g', 'pos');
  const common = seq(
    // xn = −|z|: z with its sign bit set.
    set(xn, vOr(get(z), C.i(SIGN_BIT))),
    // The fast exp needs |z| > 2^-27, checked after the pass: keep the largest −|z| (NaN is ignored).
    exact ? seq() : set(L.top, pmax(get(L.top), get(xn))),
    emitExp(fn, C, xn, e, exact),
    set(r, div(C.f(1), add(get(e), C.f(1)))),
    // ŷ = z ≥ 0 ? r : e·r. Squared error needs e·r anyway (for σ′); cross-entropy picks the
    // factor instead, with one operation less: max(e, pos) with pos = [z ≥ 0 ? 1 : 0] is 1 or e,
    // as e ∈ [0, 1] (NaN stays NaN), and r·1 = r, r·e = e·r exactly.
    kind === 'se'
      ? set(yHat, bitselect(get(r), mul(get(e), get(r)), ge(get(z), C.f(0))))
      : seq(set(pos, vAnd(ge(get(z), C.f(0)), C.f(1))), set(yHat, mul(get(r), pmax(get(e), get(pos))))),
  );
  if (kind === 'se') {
    // error = ŷ − y; loss += ½·error·error; ∂/∂z = error·(e·r·r) (σ′ = e/(1 + e)², relatively exact in both tails).
    return seq(
      common,
      set(g, sub(get(yHat), get(yv))),
      set(L.loss, add(get(L.loss), mul(mul(get(g), C.f(0.5)), get(g)))),
      set(L.maxError, pmax(get(L.maxError), vAnd(get(g), C.i(ABS_MASK)))),
      set(g, mul(get(g), mul(mul(get(e), get(r)), get(r)))),
      dw(g),
      set(L.db, add(get(L.db), get(g))),
    );
  }
  // ∂/∂z = ŷ − y; the loss's first part, core's z ≥ 0 ? z·(1 − y) : −y·z, is z·(pos − y), summed
  // in `loss`; exp's part goes into q.
  return seq(
    common,
    set(g, sub(get(yHat), get(yv))),
    set(L.loss, add(get(L.loss), mul(get(z), sub(get(pos), get(yv))))),
    set(L.q, add(add(get(L.q), get(e)), mul(get(L.q), get(e)))),
    set(L.maxError, pmax(get(L.maxError), vAnd(get(g), C.i(ABS_MASK)))),
    dw(g),
    set(L.db, add(get(L.db), get(g))),
  );
}

/**
 * train(x, y, n, state, curve, t0, t1, mean, tolerance, nf, xMax, opt, order, batch, laneBytes) → t: runs epochs
 * t0, t0 + 1, … < t1 of the 2V runs whose state is at `state`, writing epoch t's loss of run 2v + l at
 * curve + (2v + l)·laneBytes + t·8 (each run's curve contiguous), and returns t1, or the first epoch at which some run's loss was not
 * ≤ 1e300 or its w + b was not finite. That epoch is then left unrecorded and its update undone
 * (the state holds the parameters it started from), so the caller can redo it exactly.
 * xMax = max |xᵢ| bounds |z| per epoch (see FAST_BOUND). `opt` is PLAIN (−1: w ← w − η·∂L/∂w, b ← b −
 * η·∂L/∂b, inline) or an OPTIMIZER_CODES value (each lane's hyperparameters, weight decay and
 * optimizer state in the state fields, see `updateLane`); `batch` < n makes mini-batches, whose
 * orders are at `order` (see `optimizerStep`). The epoch's loss is always the whole data's, before
 * its updates, as core records it.
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
 * epoch replaces one per point. Every CE_BLOCK (64) points q is flushed into the sum (log1p of a
 * product of at most 64 factors ≤ 2 cannot overflow, and 64 steps keep q within ~200 ulps). Both
 * the sum and the log1p are relatively accurate, so the loss is too, also when it is tiny (all
 * points saturated on the right side, where the first sum is 0 or tiny and the loss is
 * log1p(q) ≈ Σ eᵢ).
 */
function trainFunction(kind: 'se' | 'ce', V: number, P: number, table: ConstantTable): AssembledFunction {
  const fn = new FunctionBuilder(
    kind,
    { x: 'i32', y: 'i32', n: 'i32', state: 'i32', curve: 'i32', t0: 'i32', t1: 'i32', mean: 'i32', tolerance: 'f64', nf: 'f64', xMax: 'f64', opt: 'i32', order: 'i32', batch: 'i32', laneBytes: 'i32' },
    'i32',
  );
  const { x: xPtr, y: yPtr, n, state, curve: curvePtr, t0, t1, mean, tolerance, nf, xMax, laneBytes } = fn.params;
  const { t, i, end, blockEnd, address, slow } = fn.locals('i32', 't', 'i', 'end', 'blockEnd', 'address', 'slow');
  const { tol, tf, nv, xm } = fn.locals('v128', 'tol', 'tf', 'nv', 'xm');
  const xs = Array.from({ length: P }, (_, p) => fn.local('v128', `x${p}`));
  const ys = Array.from({ length: P }, (_, p) => fn.local('v128', `y${p}`));
  const lanes = Array.from({ length: V }, (_, v) => {
    const L = fn.locals('v128', 'w', 'b', 'eta', 'miss', 'maxError', 'minLoss', 'dw', 'db', 'loss', 'q', 'logSum', 'top');
    return { ...L, v };
  });
  type Lane = (typeof lanes)[number];
  const field = (f: number, v: number) => (f * V + v) * 16;
  const C = new Constants(fn, table);
  /** An i32: 1 if `test` gives all ones in every lane of every vector. */
  const everyLane = (test: (L: Lane) => Expr<'v128'>): Expr<'i32'> => allTrue(lanes.map(test).reduce((a, m) => vAnd(a, m)));

  /** One point's step for one vector. */
  const pointBody = (L: Lane, xv: Local<'v128'>, yv: Local<'v128'>, exact: boolean): Stmt => {
    const z = fn.local('v128', 'z');
    return seq(set(z, add(mul(get(L.w), get(xv)), get(L.b))), pointTerms(fn, C, kind, L, z, yv, exact, (g) => set(L.dw, add(get(L.dw), mul(get(g), get(xv))))));
  };
  // One pass over the points [i, limit): P points per iteration (unrolled: V8 schedules the
  // independent work itself), then the rest r < P in at most one straight block per power of two
  // below P (r's binary digits, largest first: r = 3 of P = 5 runs a block of 2, then one of 1).
  // Each vector's sums take the points in index order, whatever the blocks.
  const pointLoop = (limit: Local<'i32'>, exact: boolean): Stmt => {
    const points = (count: number): Stmt[] => [
      ...Array.from({ length: count }, (_, p) => seq(set(xs[p]!, loadSplat(iAdd(get(xPtr), get(i)), 8 * p)), set(ys[p]!, loadSplat(iAdd(get(yPtr), get(i)), 8 * p)))),
      ...Array.from({ length: count }, (_, p) => seq(...lanes.map((L) => pointBody(L, xs[p]!, ys[p]!, exact)))),
      set(i, iAdd(get(i), i32(8 * count))),
    ];
    const fits = (count: number) => iLeS(iAdd(get(i), i32(8 * count)), get(limit));
    const rest: Stmt[] = [];
    for (let count = P > 1 ? 2 ** Math.floor(Math.log2(P - 1)) : 0; count >= 1; count /= 2) rest.push(when(fits(count), ...points(count)));
    return seq(block(loop(brIf(1, iEqz(fits(P))), ...points(P), br(0))), ...rest);
  };

  // One pass over all points, from zeroed accumulators.
  const points = (exact: boolean): Stmt =>
    seq(
      ...lanes.flatMap((L) => [set(L.dw, C.f(0)), set(L.db, C.f(0)), set(L.loss, C.f(0)), set(L.maxError, C.f(0)), set(L.q, C.f(0)), set(L.logSum, C.f(0)), set(L.top, C.f(-Infinity))]),
      set(i, i32(0)),
      pointsPass(kind, fn, C, { i, end, blockEnd }, lanes, (limit) => pointLoop(limit, exact)),
    );

  // ------------------------------------------------------------------------------------------
  // The update of runs that are not plain descent: core's updater.ts, operation for operation, per lane.

  const { opt, order: orderPtr, batch } = fn.params;
  const ld = (f: number, v: number): Expr<'v128'> => load(get(state), field(f, v));
  const st = (f: number, v: number, value: Expr<'v128'>): Stmt => store(get(state), value, field(f, v));
  const isOpt = (name: keyof typeof OPTIMIZER_CODES): Expr<'i32'> => iEq(get(opt), i32(OPTIMIZER_CODES[name]));

  /**
   * One update of lane vector L with the gradient in L.dw, L.db: first g_w ← g_w + λ·w where λ ≠ 0
   * (core adds nothing at all for λ = 0: a −0 gradient stays −0), then the optimizer's rule for w
   * and for b. `first`: this is the run's first update (PyTorch's momentum buffer starts as g).
   */
  const updateLane = (L: Lane, first: Expr<'i32'>): Stmt => {
    const { gk, buf, mom, sq, step, corr } = fn.locals('v128', 'gk', 'buf', 'mom', 'sq', 'step', 'corr');
    const decay = ld(FIELD_DECAY, L.v);
    // Each rule for one parameter θ with gradient gk, its moments in fields mf and vf.
    const rule = (name: keyof typeof OPTIMIZER_CODES, theta: Local<'v128'>, mf: number, vf: number): Stmt => {
      const v = L.v;
      switch (name) {
        case 'gd':
          return set(theta, sub(get(theta), mul(get(L.eta), get(gk))));
        case 'momentum':
        case 'nesterov':
          return seq(
            set(buf, select(get(gk), add(mul(ld(FIELD_H1, v), ld(mf, v)), get(gk)), first)),
            st(mf, v, get(buf)),
            set(theta, sub(get(theta), mul(get(L.eta), name === 'nesterov' ? add(get(gk), mul(ld(FIELD_H1, v), get(buf))) : get(buf)))),
          );
        case 'rmsprop':
          return seq(
            set(sq, add(mul(ld(FIELD_H1, v), ld(vf, v)), mul(ld(FIELD_REST1, v), mul(get(gk), get(gk))))),
            st(vf, v, get(sq)),
            set(theta, sub(get(theta), mul(get(L.eta), div(get(gk), add(sqrt(get(sq)), ld(FIELD_EPS, v)))))),
          );
        case 'adam':
          return seq(
            set(mom, add(mul(ld(FIELD_H1, v), ld(mf, v)), mul(ld(FIELD_REST1, v), get(gk)))),
            set(sq, add(mul(ld(FIELD_H2, v), ld(vf, v)), mul(ld(FIELD_REST2, v), mul(get(gk), get(gk))))),
            st(mf, v, get(mom)),
            st(vf, v, get(sq)),
            set(theta, sub(get(theta), mul(get(step), div(get(mom), add(div(sqrt(get(sq)), get(corr)), ld(FIELD_EPS, v)))))),
          );
        case 'adagrad':
          return seq(
            set(sq, add(ld(vf, v), mul(get(gk), get(gk)))),
            st(vf, v, get(sq)),
            set(theta, sub(get(theta), mul(get(L.eta), div(get(gk), add(sqrt(get(sq)), ld(FIELD_EPS, v)))))),
          );
      }
    };
    const both = (name: keyof typeof OPTIMIZER_CODES, ...before: Stmt[]): Stmt =>
      when(isOpt(name), ...before, set(gk, get(L.dw)), rule(name, L.w, FIELD_MW, FIELD_VW), set(gk, get(L.db)), rule(name, L.b, FIELD_MB, FIELD_VB));
    return seq(
      set(L.dw, bitselect(get(L.dw), add(get(L.dw), mul(decay, get(L.w))), eq(decay, C.f(0)))),
      both('gd'),
      both('momentum'),
      both('nesterov'),
      both('rmsprop'),
      // βᵗ as running products (p ← p·β, once per update); the step size η/(1 − β₁ᵗ) and √(1 − β₂ᵗ) once per update.
      both(
        'adam',
        set(mom, mul(ld(FIELD_P1, L.v), ld(FIELD_H1, L.v))),
        set(sq, mul(ld(FIELD_P2, L.v), ld(FIELD_H2, L.v))),
        st(FIELD_P1, L.v, get(mom)),
        st(FIELD_P2, L.v, get(sq)),
        set(step, div(get(L.eta), sub(C.f(1), get(mom)))),
        set(corr, sqrt(sub(C.f(1), get(sq)))),
      ),
      both('adagrad'),
    );
  };

  /** One point's gradient term in a mini-batch (exact exp: the batch's parameters are not bounded in advance). */
  const batchPoint = (L: Lane, xv: Local<'v128'>, yv: Local<'v128'>): Stmt => {
    const { z, xn, e, r, g, pos } = fn.locals('v128', 'z', 'xn', 'e', 'r', 'g', 'pos');
    return seq(
      set(z, add(mul(get(L.w), get(xv)), get(L.b))),
      set(xn, vOr(get(z), C.i(SIGN_BIT))),
      emitExp(fn, C, xn, e, true),
      set(r, div(C.f(1), add(get(e), C.f(1)))),
      kind === 'se'
        ? seq(set(g, sub(bitselect(get(r), mul(get(e), get(r)), ge(get(z), C.f(0))), get(yv))), set(g, mul(get(g), mul(mul(get(e), get(r)), get(r)))))
        : seq(set(pos, vAnd(ge(get(z), C.f(0)), C.f(1))), set(g, sub(mul(get(r), pmax(get(e), get(pos))), get(yv)))),
      set(L.dw, add(get(L.dw), mul(get(g), get(xv)))),
      set(L.db, add(get(L.db), get(g))),
    );
  };

  /**
   * After the epoch is recorded: one update with the whole data's gradient (batch ≥ n), or one per
   * batch of the epoch's order (core's batch loop: the order of epoch t is at order + (t − t0)·n·4,
   * written there by the caller; the last batch holds the n mod batch points left).
   */
  const optimizerStep = (): Stmt => {
    const { k0, k1, k, row, at } = fn.locals('i32', 'k0', 'k1', 'k', 'row', 'at');
    const size = fn.local('v128', 'size');
    return seq(
      set(row, iAdd(get(orderPtr), iMul(iSub(get(t), get(t0)), iMul(get(n), i32(4))))),
      set(k0, i32(0)),
      loop(
        // The batch [k0, k1): the whole data (its gradient, the epoch's, is in dw, db already) or
        // the next `batch` points of the epoch's order.
        when(iGeS(get(batch), get(n)), set(k1, get(n))),
        when(
          iLtS(get(batch), get(n)),
          set(k1, iAdd(get(k0), get(batch))),
          set(k1, select(get(k1), get(n), iLtS(get(k1), get(n)))),
          ...lanes.flatMap((L) => [set(L.dw, C.f(0)), set(L.db, C.f(0))]),
          set(k, get(k0)),
          block(
            loop(
              brIf(1, iGeS(get(k), get(k1))),
              set(at, iMul(i32Load(iAdd(get(row), iMul(get(k), i32(4)))), i32(8))),
              set(xs[0]!, loadSplat(iAdd(get(xPtr), get(at)))),
              set(ys[0]!, loadSplat(iAdd(get(yPtr), get(at)))),
              ...lanes.map((L) => batchPoint(L, xs[0]!, ys[0]!)),
              set(k, iAdd(get(k), i32(1))),
              br(0),
            ),
          ),
          // 'mean': over the batch, as core.
          when(get(mean), set(size, splat(f64FromI32(iSub(get(k1), get(k0))))), ...lanes.flatMap((L) => [set(L.dw, div(get(L.dw), get(size))), set(L.db, div(get(L.db), get(size)))])),
        ),
        ...lanes.map((L) => updateLane(L, iAnd(iEqz(get(t)), iEqz(get(k0))))),
        set(k0, get(k1)),
        brIf(0, iLtS(get(k0), get(n))),
      ),
    );
  };

  const body = seq(
    set(tol, splat(get(tolerance))),
    set(nv, splat(get(nf))),
    set(xm, splat(get(xMax))),
    set(end, iMul(get(n), i32(8))),
    ...loadState(state, V, lanes, ['w', 'b', 'eta', 'miss', 'maxError', 'minLoss']),
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
        when(get(mean), ...lanes.flatMap((L) => [set(L.loss, div(get(L.loss), get(nv))), set(L.dw, div(get(L.dw), get(nv))), set(L.db, div(get(L.db), get(nv)))])),
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
        ...recordEpoch({ t, tf, address, curve: curvePtr, laneBytes, tol }, lanes),
        // Plain descent inline; any other update (weight decay, mini-batches included) from the optimizer code.
        when(iLtS(get(opt), i32(0)), ...lanes.flatMap((L) => [set(L.w, sub(get(L.w), mul(get(L.eta), get(L.dw)))), set(L.b, sub(get(L.b), mul(get(L.eta), get(L.db))))])),
        when(iGeS(get(opt), i32(0)), optimizerStep()),
        set(t, iAdd(get(t), i32(1))),
        br(0),
      ),
    ),
    ...storeState(state, V, lanes, ['w', 'b', 'miss', 'maxError', 'minLoss']),
  );
  return finish(fn, seq(C.init(), body), get(t));
}

/**
 * wide(x, y, n, d, state, curve, t0, t1, mean, tolerance, nf, weights, laneBytes) → t: plain descent for
 * d > 1 inputs (x row-major, n × d), as `train` with opt = PLAIN does for d = 1: the same
 * per-point terms (pointTerms) and checks, with z = w₀x₀ + w₁x₁ + … + b summed in core's order
 * and ∂L/∂wⱼ += g·xⱼ for each j. The weights live in memory, not in locals (d is a runtime value):
 * wⱼ of vector v at weights + (j·V + v)·16, ∂L/∂wⱼ at weights + ((d + j)·V + v)·16; the state
 * fields' FIELD_W is unused. Its exp is always the exact variant: with d terms the fast one's
 * bound on |z| would cost a pass over the weights for a few percent.
 */
function wideTrainFunction(kind: 'se' | 'ce', V: number, table: ConstantTable): AssembledFunction {
  const fn = new FunctionBuilder(
    `${kind}Wide`,
    { x: 'i32', y: 'i32', n: 'i32', d: 'i32', state: 'i32', curve: 'i32', t0: 'i32', t1: 'i32', mean: 'i32', tolerance: 'f64', nf: 'f64', weights: 'i32', laneBytes: 'i32' },
    'i32',
  );
  const { x: xPtr, y: yPtr, n, d, state, curve: curvePtr, t0, t1, mean, tolerance, nf, weights, laneBytes } = fn.params;
  const { t, i, j, end, blockEnd, address, row, wj, dwj, stride } = fn.locals('i32', 't', 'i', 'j', 'end', 'blockEnd', 'address', 'row', 'wj', 'dwj', 'stride');
  const { tol, tf, nv, xv, yv } = fn.locals('v128', 'tol', 'tf', 'nv', 'xv', 'yv');
  const lanes = Array.from({ length: V }, (_, v) => {
    const L = fn.locals('v128', 'b', 'eta', 'miss', 'maxError', 'minLoss', 'db', 'loss', 'q', 'logSum', 'top', 'z', 'sum');
    return { ...L, v, g: L.z };
  });
  type Lane = (typeof lanes)[number];
  const field = (f: number, v: number) => (f * V + v) * 16;
  const C = new Constants(fn, table);
  const everyLane = (test: (L: Lane) => Expr<'v128'>): Expr<'i32'> => allTrue(lanes.map(test).reduce((a, m) => vAnd(a, m)));
  /** For j = from … d − 1, with wj (and dwj) at wⱼ's (and ∂L/∂wⱼ's) vectors: `body`. */
  const forWeights = (from: number, ...body: Stmt[]): Stmt =>
    seq(
      set(j, i32(from)),
      set(wj, iAdd(get(weights), iMul(get(j), get(stride)))),
      set(dwj, iAdd(get(wj), iMul(get(d), get(stride)))),
      block(loop(brIf(1, iGeS(get(j), get(d))), ...body, set(j, iAdd(get(j), i32(1))), set(wj, iAdd(get(wj), get(stride))), set(dwj, iAdd(get(dwj), get(stride))), br(0))),
    );
  const xj = (): Expr<'v128'> => loadSplat(iAdd(get(row), iMul(get(j), i32(8))));

  // One point (at byte offset i of y; its row at x + i·d): z, the terms, then ∂L/∂wⱼ += g·xⱼ.
  const point = (): Stmt =>
    seq(
      set(row, iAdd(get(xPtr), iMul(get(i), get(d)))),
      set(yv, loadSplat(iAdd(get(yPtr), get(i)))),
      set(xv, loadSplat(get(row))),
      ...lanes.map((L) => set(L.z, mul(load(get(weights), L.v * 16), get(xv)))),
      forWeights(1, set(xv, xj()), ...lanes.map((L) => set(L.z, add(get(L.z), mul(load(get(wj), L.v * 16), get(xv)))))),
      ...lanes.map((L) => {
        let g: Local<'v128'> | undefined;
        const terms = pointTerms(fn, C, kind, L, L.z, yv, true, (slope) => {
          g = slope;
          return seq();
        });
        L.g = g!;
        return seq(set(L.z, add(get(L.z), get(L.b))), terms);
      }),
      forWeights(0, set(xv, xj()), ...lanes.map((L) => store(get(dwj), add(load(get(dwj), L.v * 16), mul(get(L.g), get(xv))), L.v * 16))),
    );
  const pointLoop = (limit: Local<'i32'>): Stmt => block(loop(brIf(1, iGeS(get(i), get(limit))), point(), set(i, iAdd(get(i), i32(8))), br(0)));

  const body = seq(
    set(tol, splat(get(tolerance))),
    set(nv, splat(get(nf))),
    set(end, iMul(get(n), i32(8))),
    set(stride, i32(V * 16)),
    ...loadState(state, V, lanes, ['b', 'eta', 'miss', 'maxError', 'minLoss']),
    set(t, get(t0)),
    block(
      loop(
        brIf(1, iGeS(get(t), get(t1))),
        ...lanes.flatMap((L) => [set(L.db, C.f(0)), set(L.loss, C.f(0)), set(L.maxError, C.f(0)), set(L.q, C.f(0)), set(L.logSum, C.f(0))]),
        forWeights(0, ...lanes.map((L) => store(get(dwj), C.f(0), L.v * 16))),
        set(i, i32(0)),
        pointsPass(kind, fn, C, { i, end, blockEnd }, lanes, pointLoop),
        when(
          get(mean),
          ...lanes.flatMap((L) => [set(L.loss, div(get(L.loss), get(nv))), set(L.db, div(get(L.db), get(nv)))]),
          forWeights(0, ...lanes.map((L) => store(get(dwj), div(load(get(dwj), L.v * 16), get(nv)), L.v * 16))),
        ),
        // Stop (unrecorded) unless every run's loss is ≤ 1e300 and b + Σ wⱼ is finite (kernel-js.ts's test).
        ...lanes.map((L) => set(L.sum, get(L.b))),
        forWeights(0, ...lanes.map((L) => set(L.sum, add(get(L.sum), load(get(wj), L.v * 16))))),
        brIf(1, iEqz(everyLane((L) => vAnd(le(get(L.loss), C.f(1e300)), eq(sub(get(L.sum), get(L.sum)), C.f(0)))))),
        ...recordEpoch({ t, tf, address, curve: curvePtr, laneBytes, tol }, lanes),
        forWeights(0, ...lanes.map((L) => store(get(wj), sub(load(get(wj), L.v * 16), mul(get(L.eta), load(get(dwj), L.v * 16))), L.v * 16))),
        ...lanes.map((L) => set(L.b, sub(get(L.b), mul(get(L.eta), get(L.db))))),
        set(t, iAdd(get(t), i32(1))),
        br(0),
      ),
    ),
    ...storeState(state, V, lanes, ['b', 'miss', 'maxError', 'minLoss']),
  );
  return finish(fn, seq(C.init(), body), get(t));
}

/** What a test helper applies: the exact exp of −|x|, the fast one (2^-27 < |x| < 708), or log1p. */
export type MapKind = 'exp' | 'expFast' | 'log1p';

/** Test helpers: apply the kernel's vector exp (of −|x|) or log1p in place to `count` doubles at `ptr` (count even). */
function mapFunction(kind: MapKind, table: ConstantTable): AssembledFunction {
  const fn = new FunctionBuilder(kind, { ptr: 'i32', count: 'i32' }, null);
  const { ptr, count } = fn.params;
  const { end } = fn.locals('i32', 'end');
  const { x, xn, out } = fn.locals('v128', 'x', 'xn', 'out');
  const C = new Constants(fn, table);
  const compute = kind === 'log1p' ? emitLog1p(fn, C, x, out) : seq(set(xn, vOr(get(x), C.i(SIGN_BIT))), emitExp(fn, C, xn, out, kind === 'exp'));
  const body = seq(
    set(end, iAdd(get(ptr), iMul(get(count), i32(8)))),
    block(loop(brIf(1, iGeS(get(ptr), get(end))), set(x, load(get(ptr))), compute, store(get(ptr), get(out)), set(ptr, iAdd(get(ptr), i32(16))), br(0))),
  );
  return finish(fn, seq(C.init(), body));
}

/**
 * The module's bytes (no imports; exports memory, se, ce, exp, expFast, log1p; a name
 * section) for V vectors per call and P points per loop iteration, and the number of bytes at the
 * start of its memory that hold the constant table (callers use memory from there on).
 */
export function kernelModule(V: number = DEFAULT_VECTORS, P: number = DEFAULT_POINTS): { bytes: Uint8Array<ArrayBuffer>; reserved: number } {
  const table = new ConstantTable();
  const functions = [
    trainFunction('se', V, P, table),
    trainFunction('ce', V, P, table),
    wideTrainFunction('se', V, table),
    wideTrainFunction('ce', V, table),
    mapFunction('exp', table),
    mapFunction('expFast', table),
    mapFunction('log1p', table),
  ];
  return { bytes: assembleModule(`losslab-kernel-v${V}p${P}`, functions, 1, table.data()), reserved: table.reserved() };
}
