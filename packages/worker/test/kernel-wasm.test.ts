// The SIMD kernel's module and instance: what the assembler emits (exports, a name section), and
// that a module that does not compile, or whose exp is not core's, throws instead of leaving the
// kernel on its JavaScript path without a word.

import { expConstants } from '@losslab/core';
import { describe, expect, it } from 'vitest';
import { add, f64FromI32, i32, splat } from '../src/kernel-wasm-assembler.js';
import { kernelModule } from '../src/kernel-wasm-program.js';
import { compileKernel, simdKernel, type WasmApi } from '../src/kernel-wasm.js';

const api = WebAssembly as unknown as WasmApi;

/** Reads an unsigned LEB128 at bytes[at]: [value, next position]. */
function readUleb(bytes: Uint8Array, at: number): [number, number] {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[at++]!;
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (byte < 0x80) return [value, at];
  }
}

/** The function names of a name section's subsection 1, by function index (decoded here, by the binary format's rules). */
function functionNames(section: ArrayBuffer): string[] {
  const bytes = new Uint8Array(section);
  const names: string[] = [];
  let at = 0;
  while (at < bytes.length) {
    const id = bytes[at++]!;
    let size: number;
    [size, at] = readUleb(bytes, at);
    const end = at + size;
    if (id === 1) {
      let count: number;
      [count, at] = readUleb(bytes, at);
      for (let k = 0; k < count; k++) {
        let index: number;
        let length: number;
        [index, at] = readUleb(bytes, at);
        [length, at] = readUleb(bytes, at);
        names[index] = String.fromCharCode(...bytes.subarray(at, at + length));
        at += length;
      }
    }
    at = end;
  }
  return names;
}

describe("the SIMD kernel's module", () => {
  it('exports its memory and functions, and names them in a name section', () => {
    const module = new WebAssembly.Module(kernelModule().bytes);
    const functions = ['se', 'ce', 'seWide', 'ceWide', 'exp', 'expFast', 'log1p'];
    expect(WebAssembly.Module.exports(module).map((e) => e.name)).toEqual(['memory', ...functions]);
    const sections = WebAssembly.Module.customSections(module, 'name');
    expect(sections.length).toBe(1);
    expect(functionNames(sections[0]!)).toEqual(functions);
  });

  it('has typed expressions: an f64 cannot be passed where a v128 is expected (checked by tsc)', () => {
    const f64 = f64FromI32(i32(1));
    // @ts-expect-error an f64 expression where f64x2.add takes v128 operands
    const wrong = add(f64, splat(f64));
    expect(wrong.type).toBe('v128'); // what the (rejected) call would have claimed
    expect(add(splat(f64), splat(f64)).type).toBe('v128');
  });
});

describe('compiling the SIMD kernel', () => {
  it('gives an instance where WebAssembly SIMD is available (Node 20)', () => {
    expect(simdKernel()).not.toBeNull();
    expect(simdKernel()).toBe(simdKernel());
  });

  it('throws if the module does not compile, instead of falling back to the JavaScript path', () => {
    const { bytes, reserved } = kernelModule();
    const cut = bytes.slice(0, bytes.length - 100);
    expect(() => compileKernel(api, { bytes: cut, reserved }, 2)).toThrow(/does not compile here, though WebAssembly SIMD does/);
  });

  it("throws if the module's exp is not core's expNonPositive (a wrong constant in its table)", () => {
    const { bytes, reserved } = kernelModule();
    // P1 in both lanes, as the constant table holds it; change a bit of the second lane's copy (2^-10 relative).
    const p1 = new Uint8Array(Float64Array.of(expConstants.p[0]!, expConstants.p[0]!).buffer);
    let at = -1;
    for (let i = 0; i + 16 <= bytes.length && at < 0; i++) if (p1.every((b, j) => bytes[i + j] === b)) at = i;
    expect(at).toBeGreaterThan(0);
    const wrong = bytes.slice();
    wrong[at + 14] = wrong[at + 14]! ^ 0x04;
    expect(() => compileKernel(api, { bytes: wrong, reserved }, 2)).toThrow(/but core's expNonPositive gives/);
    expect(() => compileKernel(api, { bytes, reserved }, 2)).not.toThrow();
  });
});
