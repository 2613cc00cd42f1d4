// The SIMD kernel's instance: the WebAssembly module of kernel-wasm-program.ts, compiled and
// instantiated once per JavaScript realm, behind an object that owns its memory layout. The
// kernel (kernel.ts) loads a chunk's data and a group of runs, trains them in epoch slices, and
// reads each lane's results; it never sees an address.
//
// Memory (bytes, 16-aligned): the constant table (the data segment, from 0), then x, y, the
// lanes' state (FIELD_COUNT fields × V vectors of two lanes), the curves (epoch t, lane l at
// curve + (l·epochs + t)·8: each lane's contiguous), for mini-batches the epochs' point orders (n 32-bit indices each),
// and for d > 1 the weights and their gradients (2·d·V vectors, see the program's wide functions).
//
// Where WebAssembly SIMD is missing (or forbidden, e.g. by a Content-Security-Policy), a tiny probe
// module fails to compile and `simdKernel()` returns null: the kernel then uses its JavaScript
// path. Once the probe compiles, the real module must compile and pass its self-check (its exp
// against core's expNonPositive), or `simdKernel()` throws: a bug in the assembler must fail a
// test, not fall back silently to a path six times slower.

import { expNonPositive, type Optimizer } from '@losslab/core';
import { allTrue, assembleModule, f64FromI32, finish, FunctionBuilder, i32, seq, splat } from './kernel-wasm-assembler.js';
import {
  DEFAULT_POINTS, DEFAULT_VECTORS, FIELD_B, FIELD_COUNT, FIELD_DECAY, FIELD_EPS, FIELD_ETA, FIELD_H1, FIELD_H2, FIELD_LAST_MISS, FIELD_MAX_ERROR, FIELD_MB, FIELD_MIN_LOSS, FIELD_MW,
  FIELD_P1, FIELD_P2, FIELD_REST1, FIELD_REST2, FIELD_VB, FIELD_VW, FIELD_W, kernelModule, OPTIMIZER_CODES, PLAIN, type MapKind,
} from './kernel-wasm-program.js';
import { PREASSEMBLED_BASE64, PREASSEMBLED_RESERVED, PREASSEMBLED_SHAPE } from './kernel-wasm-module.generated.js';

type TrainExport = (x: number, y: number, n: number, state: number, curve: number, t0: number, t1: number, mean: number, tolerance: number, nf: number, xMax: number, opt: number, order: number, batch: number, laneBytes: number) => number;
type WideTrainExport = (x: number, y: number, n: number, d: number, state: number, curve: number, t0: number, t1: number, mean: number, tolerance: number, nf: number, weights: number, laneBytes: number) => number;
type MapExport = (ptr: number, count: number) => void;

/**
 * The part of the WebAssembly JS API used here, typed locally: the package compiles without the
 * DOM library, and the global may be missing (or throw) in restricted environments.
 */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
export interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: Record<string, Record<string, unknown>>) => { readonly exports: Record<string, unknown> };
}
interface KernelExports {
  memory: WasmMemory;
  se: TrainExport;
  ce: TrainExport;
  seWide: WideTrainExport;
  ceWide: WideTrainExport;
  exp: MapExport;
  expFast: MapExport;
  log1p: MapExport;
}

const align = (bytes: number) => Math.ceil(bytes / 16) * 16;

/** One lane's state after training: the run's parameters and measures so far. */
export interface LaneState {
  w: number;
  b: number;
  /** The last epoch whose max |ŷ − y| exceeded the tolerance, −1 if none. */
  lastMiss: number;
  minLoss: number;
  /** max |ŷ − y| of the last epoch run. */
  maxError: number;
}

/** A compiled SIMD kernel: trains `lanes` runs side by side (two per f64x2 vector). */
export class SimdKernel {
  /** Runs per group (two per vector). */
  readonly lanes: number;
  private view: Float64Array;
  private n = 0;
  private epochs = 0;
  private xMax = 0;
  private x = 0;
  private y = 0;
  private state = 0;
  private curve = 0;
  private order = 0;
  private orderEpochs = 0;
  private d = 1;
  private weights = 0;
  constructor(
    private readonly exports: KernelExports,
    /** Bytes at the start of memory that hold the constant table. */
    private readonly base: number,
    /** f64x2 vectors per group. */
    readonly vectors: number,
  ) {
    this.lanes = 2 * vectors;
    this.view = new Float64Array(exports.memory.buffer);
  }

  /** Makes the memory at least `bytes` long (growing detaches the old view); false if it cannot grow. */
  private reserve(bytes: number): boolean {
    const memory = this.exports.memory;
    const have = memory.buffer.byteLength;
    try {
      if (bytes > have) memory.grow(Math.ceil((bytes - have) / 65536));
    } catch {
      return false;
    }
    if (this.view.buffer !== memory.buffer) this.view = new Float64Array(memory.buffer);
    return true;
  }

  /**
   * Lays out memory for n points of d inputs (x, row-major, and y: the first n·d and n values are
   * used), the orders of `orderEpochs` mini-batch epochs, and curves of `epochs`
   * epochs, and copies the points in. False, having changed nothing the caller sees, if the memory
   * cannot grow that far (the caller then uses the JavaScript path).
   */
  prepare(x: Float64Array, y: Float64Array, n: number, epochs: number, orderEpochs = 0, d = 1): boolean {
    const xAt = this.base;
    const yAt = align(xAt + 8 * n * d);
    const stateAt = align(yAt + 8 * n);
    const curveAt = align(stateAt + FIELD_COUNT * this.vectors * 16);
    const orderAt = align(curveAt + 16 * this.vectors * epochs);
    const weightsAt = align(orderAt + 4 * n * orderEpochs);
    if (!this.reserve(weightsAt + (d > 1 ? 2 * d * this.vectors * 16 : 0))) return false;
    this.order = orderAt;
    this.orderEpochs = orderEpochs;
    this.d = d;
    this.weights = weightsAt;
    this.n = n;
    this.epochs = epochs;
    this.x = xAt;
    this.y = yAt;
    this.state = stateAt;
    this.curve = curveAt;
    this.view.set(x.subarray(0, n * d), xAt / 8);
    this.view.set(y.subarray(0, n), yAt / 8);
    let xMax = 0;
    for (let i = 0; i < n * d; i++) xMax = Math.max(xMax, Math.abs(x[i]!));
    this.xMax = xMax;
    return true;
  }

  private at(field: number, lane: number): number {
    return this.state / 8 + field * 2 * this.vectors + lane;
  }

  /** Puts a run at epoch 0 into `lane`: its parameters and η, no misses, no loss yet. */
  setRun(lane: number, w: number, b: number, eta: number): void {
    const view = this.view;
    view[this.at(FIELD_W, lane)] = w;
    view[this.at(FIELD_B, lane)] = b;
    view[this.at(FIELD_ETA, lane)] = eta;
    view[this.at(FIELD_LAST_MISS, lane)] = -1;
    view[this.at(FIELD_MAX_ERROR, lane)] = Number.NaN;
    view[this.at(FIELD_MIN_LOSS, lane)] = Infinity;
  }

  /**
   * Sets lane's optimizer (its hyperparameters, and 1 − α, 1 − β₁, 1 − β₂ computed as core's
   * updater does) and weight decay λ, with zero moments: the state of core's createUpdater before
   * the first update. After setRun, for trainOptimizer.
   */
  setOptimizer(lane: number, optimizer: Optimizer, decay: number): void {
    const view = this.view;
    const put = (field: number, value: number) => (view[this.at(field, lane)] = value);
    let h1 = 0;
    let h2 = 0;
    let eps = 1;
    let rest1 = 0;
    let rest2 = 0;
    switch (optimizer.name) {
      case 'gd':
        break;
      case 'momentum':
      case 'nesterov':
        h1 = optimizer.momentum;
        break;
      case 'rmsprop':
        h1 = optimizer.alpha;
        rest1 = 1 - optimizer.alpha;
        eps = optimizer.eps;
        break;
      case 'adam':
        h1 = optimizer.beta1;
        h2 = optimizer.beta2;
        rest1 = 1 - optimizer.beta1;
        rest2 = 1 - optimizer.beta2;
        eps = optimizer.eps;
        break;
      case 'adagrad':
        eps = optimizer.eps;
        break;
    }
    put(FIELD_H1, h1);
    put(FIELD_H2, h2);
    put(FIELD_EPS, eps);
    put(FIELD_REST1, rest1);
    put(FIELD_REST2, rest2);
    put(FIELD_DECAY, decay);
    for (const field of [FIELD_MW, FIELD_MB, FIELD_VW, FIELD_VB]) put(field, 0);
    put(FIELD_P1, 1);
    put(FIELD_P2, 1);
  }

  /** Epochs whose point orders the memory holds (prepare's `orderEpochs`). */
  get orderCapacity(): number {
    return this.orderEpochs;
  }

  /** Writes point orders (n indices per epoch, one epoch or several) from the k-th epoch slot on (within orderCapacity). */
  setOrder(k: number, orders: Uint32Array): void {
    if (k * this.n + orders.length > this.orderEpochs * this.n) throw new RangeError(`the SIMD kernel holds the orders of ${this.orderEpochs} epochs, not ${k} + ${orders.length / this.n}`);
    new Uint32Array(this.view.buffer, this.order, this.orderEpochs * this.n).set(orders, k * this.n);
  }

  /**
   * As `train`, for lanes that all use one optimizer (`name`; each lane's hyperparameters and
   * decay from setOptimizer) and `batch` points per update (≥ n: full batch). With mini-batches,
   * epoch t's order must be in slot t − slot0 (setOrder) for every t in [t0, t1).
   */
  trainOptimizer(ce: boolean, name: Optimizer['name'], t0: number, t1: number, mean: boolean, tolerance: number, batch: number, slot0: number): number {
    const train = ce ? this.exports.ce : this.exports.se;
    const order = this.order + 4 * this.n * (t0 - slot0);
    return train(this.x, this.y, this.n, this.state, this.curve, t0, t1, mean ? 1 : 0, tolerance, this.n, this.xMax, OPTIMIZER_CODES[name], order, Math.min(batch, this.n), 8 * this.epochs);
  }

  /**
   * Runs epochs t0 … t1 − 1 of every lane (see the program's `trainFunction`) and returns t1, or the
   * first epoch at which some lane's loss was not ≤ 1e300 or its w + b not finite (left unrecorded,
   * its update undone).
   */
  train(ce: boolean, t0: number, t1: number, mean: boolean, tolerance: number): number {
    if (this.d > 1) {
      const wide = ce ? this.exports.ceWide : this.exports.seWide;
      return wide(this.x, this.y, this.n, this.d, this.state, this.curve, t0, t1, mean ? 1 : 0, tolerance, this.n, this.weights, 8 * this.epochs);
    }
    const train = ce ? this.exports.ce : this.exports.se;
    return train(this.x, this.y, this.n, this.state, this.curve, t0, t1, mean ? 1 : 0, tolerance, this.n, this.xMax, PLAIN, 0, this.n, 8 * this.epochs);
  }

  /** With d > 1: puts a run's d weights into `lane` (after setRun, which sets the rest). */
  setWeights(lane: number, w: Float64Array): void {
    for (let j = 0; j < this.d; j++) this.view[this.weights / 8 + j * 2 * this.vectors + lane] = w[j]!;
  }

  /** With d > 1: a lane's d weights (after `train`), into `out`. */
  weightsOf(lane: number, out: Float64Array): void {
    for (let j = 0; j < this.d; j++) out[j] = this.view[this.weights / 8 + j * 2 * this.vectors + lane]!;
  }

  /** A lane's state (after `train`). */
  lane(lane: number): LaneState {
    const view = this.view;
    return {
      w: view[this.at(FIELD_W, lane)]!,
      b: view[this.at(FIELD_B, lane)]!,
      // An epoch (−1 ≤ lastMiss < epochs ≤ 10^7): stored as a double, read back as a small integer,
      // so that the measures derived from it stay small integers (a double there made V8 deoptimize
      // finishRun once per worker, ~25 ms of compiling again).
      lastMiss: view[this.at(FIELD_LAST_MISS, lane)]! | 0,
      minLoss: view[this.at(FIELD_MIN_LOSS, lane)]!,
      maxError: view[this.at(FIELD_MAX_ERROR, lane)]!,
    };
  }

  /** Lane l's curve of `epochs` losses (prepare's), in place in the kernel's memory: valid until the next prepare or train call. */
  curveOf(lane: number): Float64Array {
    return this.view.subarray(this.curve / 8 + lane * this.epochs, this.curve / 8 + (lane + 1) * this.epochs);
  }

  /** The kernel's vector exp(−|x|) ('exp' exact, 'expFast' for 2^-27 < |x| < 708) or log1p of each value (for tests). */
  apply(kind: MapKind, values: ArrayLike<number>): Float64Array {
    const count = values.length + (values.length % 2);
    const at = this.base;
    if (!this.reserve(at + 8 * count)) throw new RangeError(`the SIMD kernel's memory cannot hold ${count} values`);
    this.view.fill(0, at / 8, at / 8 + count);
    this.view.set(values, at / 8);
    this.exports[kind](at, count);
    return this.view.slice(at / 8, at / 8 + values.length);
  }
}

/** Whether this realm compiles WebAssembly with SIMD: a module of one function using f64x2 and i64x2. */
function probeSimd(api: WasmApi | undefined): boolean {
  if (!api) return false;
  const fn = new FunctionBuilder('probe', {}, 'i32');
  const bytes = assembleModule('losslab-probe', [finish(fn, seq(), allTrue(splat(f64FromI32(i32(1)))))], 1, []);
  try {
    const instance = new api.Instance(new api.Module(bytes), {});
    return (instance.exports.probe as () => number)() === 1;
  } catch {
    return false;
  }
}

let simdAvailable: boolean | undefined;
const instances = new Map<string, SimdKernel>();
const compiled = new Map<string, CompiledKernel>();

/**
 * A compiled kernel module and what an instance of it needs: structured-cloneable, so a pool posts
 * it to its workers (postMessage shares a WebAssembly.Module's compiled code with the receiving
 * thread), which then instantiate it instead of assembling and compiling their own.
 */
export interface CompiledKernel {
  /** The compiled WebAssembly.Module of kernelModule(vectors, points). */
  readonly module: object;
  /** Bytes at the start of memory that hold the constant table. */
  readonly reserved: number;
  readonly vectors: number;
  readonly points: number;
}

function wasmApi(): WasmApi | undefined {
  try {
    return (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  } catch {
    return undefined;
  }
}

/**
 * The module's bytes: for the default vectors and points, the ones assembled ahead of time
 * (kernel-wasm-module.generated.ts: decoding them takes well under a millisecond, where assembling
 * takes ~100 ms of JavaScript that has not been optimized yet); for others, assembled now.
 */
function moduleBytes(vectors: number, points: number): { bytes: Uint8Array<ArrayBuffer>; reserved: number } {
  if (vectors !== PREASSEMBLED_SHAPE.vectors || points !== PREASSEMBLED_SHAPE.points) return kernelModule(vectors, points);
  const text = atob(PREASSEMBLED_BASE64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return { bytes, reserved: PREASSEMBLED_RESERVED };
}

/**
 * The kernel module for `vectors` and `points`, assembled and compiled once per JavaScript realm
 * (cached), or one given to this realm by {@link adoptCompiledKernel}; null where WebAssembly SIMD
 * is not available. Throws if SIMD is available but the module does not compile.
 */
export function compiledKernel(vectors: number = DEFAULT_VECTORS, points: number = DEFAULT_POINTS): CompiledKernel | null {
  const key = `${vectors}x${points}`;
  const cached = compiled.get(key);
  if (cached !== undefined) return cached;
  const api = wasmApi();
  simdAvailable ??= probeSimd(api);
  if (!simdAvailable || !api) return null;
  const { bytes, reserved } = moduleBytes(vectors, points);
  let module: object;
  try {
    module = new api.Module(bytes);
  } catch (error) {
    throw new Error(`the SIMD kernel's WebAssembly module does not compile here, though WebAssembly SIMD does: ${String(error)}`, { cause: error });
  }
  const kernel: CompiledKernel = { module, reserved, vectors, points };
  compiled.set(key, kernel);
  return kernel;
}

/**
 * Makes this realm's {@link simdKernel} for the module's vectors and points an instance of
 * `kernel`, compiled elsewhere (a worker given its pool's module): no assembly, no compile, no
 * SIMD probe (the module compiled, so SIMD is there). The instance still passes the exp self-check.
 */
export function adoptCompiledKernel(kernel: CompiledKernel): void {
  const key = `${kernel.vectors}x${kernel.points}`;
  if (compiled.has(key)) return;
  compiled.set(key, kernel);
  simdAvailable = true;
}

/**
 * The SIMD kernel with `vectors` f64x2 vectors per group and `points` points per loop iteration,
 * or null where WebAssembly SIMD is not available. Built and compiled synchronously on first use
 * (a few kilobytes; see {@link compiledKernel}), or instantiated from a module given by
 * {@link adoptCompiledKernel}, then cached. Throws if SIMD is available but the module does not
 * compile or its exp is not core's.
 */
export function simdKernel(vectors: number = DEFAULT_VECTORS, points: number = DEFAULT_POINTS): SimdKernel | null {
  const key = `${vectors}x${points}`;
  const cached = instances.get(key);
  if (cached !== undefined) return cached;
  const module = compiledKernel(vectors, points);
  const api = wasmApi();
  if (module === null || !api) return null;
  const kernel = instantiateKernel(api, module);
  instances.set(key, kernel);
  return kernel;
}

/**
 * Compiles and instantiates a kernel module (kernelModule's bytes for `vectors` vectors) and
 * checks its exp against core's. Throws if it does not compile or its exp is not core's.
 */
export function compileKernel(api: WasmApi, module: { bytes: Uint8Array; reserved: number }, vectors: number): SimdKernel {
  let compiledModule: object;
  try {
    compiledModule = new api.Module(module.bytes);
  } catch (error) {
    throw new Error(`the SIMD kernel's WebAssembly module does not compile here, though WebAssembly SIMD does: ${String(error)}`, { cause: error });
  }
  return instantiateKernel(api, { module: compiledModule, reserved: module.reserved, vectors, points: DEFAULT_POINTS });
}

/** An instance of a compiled kernel, checked against core's exp. Throws if it cannot be instantiated or its exp is not core's. */
function instantiateKernel(api: WasmApi, compiledKernel: CompiledKernel): SimdKernel {
  let exports: KernelExports;
  try {
    exports = new api.Instance(compiledKernel.module, {}).exports as unknown as KernelExports;
  } catch (error) {
    throw new Error(`the SIMD kernel's WebAssembly module does not instantiate here: ${String(error)}`, { cause: error });
  }
  const kernel = new SimdKernel(exports, compiledKernel.reserved, compiledKernel.vectors);
  checkExp(kernel);
  return kernel;
}

/**
 * A last check of a new instance: both variants of its exp against core's expNonPositive (what
 * core's train uses) on 512 arguments spread over the fast variant's range, bit for bit. It fails
 * only if the module's arithmetic is not core's (an assembler bug): then it throws.
 */
function checkExp(kernel: SimdKernel): void {
  const xs = Array.from({ length: 512 }, (_, i) => -(2 ** -26 + 707 * ((i * 0.6180339887498949) % 1) ** 3));
  for (const kind of ['expFast', 'exp'] as const) {
    const got = kernel.apply(kind, xs);
    const bad = xs.findIndex((x, i) => !Object.is(got[i], expNonPositive(x)));
    if (bad >= 0) throw new Error(`the SIMD kernel's ${kind}(${xs[bad]}) is ${got[bad]}, but core's expNonPositive gives ${expNonPositive(xs[bad]!)}`);
  }
}
