import { describe, expect, it } from 'vitest';
import { describeError } from '../../src/lib/describe-error.js';

describe('describeError', () => {
  it("words an Error by its message (not its stack), anything else by String, with an optional context", () => {
    expect(describeError(new RangeError('eta must be > 0, got 0'))).toBe('eta must be > 0, got 0');
    expect(describeError(new DOMException('', 'QuotaExceededError'))).toBe('QuotaExceededError');
    expect(describeError('plain text')).toBe('plain text');
    expect(describeError(42, 'Export failed')).toBe('Export failed: 42');
    expect(describeError(new Error('bad header'), 'Could not import s1.json')).toBe('Could not import s1.json: bad header');
  });

  it('never throws, even for a value whose toString throws', () => {
    const hostile = {
      toString() {
        throw new Error('no');
      },
    };
    expect(describeError(hostile)).toBe('unknown error');
    expect(describeError(Object.create(null))).toBe('unknown error');
  });
});
