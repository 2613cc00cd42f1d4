import { describe, expect, it } from 'vitest';
import { allocateRuns, chunkBuffers } from '../src/index.js';

describe('chunkBuffers', () => {
  it('lists each array buffer of a chunk once', () => {
    const runs = allocateRuns(5, 2, 3);
    expect(chunkBuffers(runs)).toHaveLength(13);
    const shared = new ArrayBuffer(5 * 8 * 2);
    const sharing = { ...runs, finalLoss: new Float64Array(shared, 0, 5), minLoss: new Float64Array(shared, 40, 5) };
    const buffers = chunkBuffers(sharing);
    expect(buffers).toHaveLength(12);
    expect(new Set(buffers).size).toBe(12);
    // postMessage accepts the list: no duplicate transferables.
    const { port1, port2 } = new MessageChannel();
    expect(() => port1.postMessage(sharing, buffers)).not.toThrow();
    port1.close();
    port2.close();
  });
});
