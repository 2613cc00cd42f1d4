// The SIMD kernel's module assembled ahead of time (src/kernel-wasm-module.generated.ts) is, byte
// for byte, what the assembler emits now for the default vectors and points, with the same constant
// table size: a change to the kernel's program, assembler or numerics that was not followed by
// `pnpm --filter @losslab/worker kernel:generate` fails here instead of shipping stale bytes.

import { describe, expect, it } from 'vitest';
import { DEFAULT_POINTS, DEFAULT_VECTORS, kernelModule } from '../src/kernel-wasm-program.js';
import { PREASSEMBLED_BASE64, PREASSEMBLED_RESERVED, PREASSEMBLED_SHAPE } from '../src/kernel-wasm-module.generated.js';

const REGENERATE = 'the pre-assembled kernel is stale: run `pnpm --filter @losslab/worker kernel:generate`';

describe('the pre-assembled SIMD kernel module', () => {
  it('is kernelModule(DEFAULT_VECTORS, DEFAULT_POINTS), byte for byte, with its reserved size', () => {
    expect(PREASSEMBLED_SHAPE, REGENERATE).toEqual({ vectors: DEFAULT_VECTORS, points: DEFAULT_POINTS });
    const { bytes, reserved } = kernelModule(DEFAULT_VECTORS, DEFAULT_POINTS);
    const stored = new Uint8Array(Buffer.from(PREASSEMBLED_BASE64, 'base64'));
    expect(stored.length, REGENERATE).toBe(bytes.length);
    const first = stored.findIndex((b, i) => b !== bytes[i]);
    expect(first, `${REGENERATE} (first different byte at ${first})`).toBe(-1);
    expect(PREASSEMBLED_RESERVED, REGENERATE).toBe(reserved);
  });
});
