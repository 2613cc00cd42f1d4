// Evenly spaced values, linear or logarithmic, endpoints included.

import { exp10 } from './exp10.js';
import { log10 } from './log10.js';
import { requireNumber, requireOneOf, requirePositive, requirePositiveInteger } from './validate.js';

/** A range of values: `count` values from `from` to `to`, both included. */
export interface AxisRange {
  from: number;
  to: number;
  count: number;
  /** 'linear' (default) or 'log' (evenly spaced in log10; from and to must be > 0). */
  scale?: 'linear' | 'log';
}

/**
 * The values of an {@link AxisRange}: value k = from + (to − from)·k/(count − 1), computed in log10
 * space for scale 'log' (10^(log10 from + (log10 to − log10 from)·k/(count − 1))), k = 0..count−1.
 * The endpoints are exactly `from` and `to`; count = 1 gives [from]. `name` labels errors. Log
 * scales use core's log10 and exp10, so the values are the same bits in every engine.
 */
export function axisValues(range: AxisRange, name = 'axis'): Float64Array {
  if (range === null || typeof range !== 'object') throw new TypeError(`${name} must be {from, to, count, scale}, got ${String(range)}`);
  const scale = requireOneOf(`${name}.scale`, range.scale ?? 'linear', ['linear', 'log'] as const);
  const count = requirePositiveInteger(`${name}.count`, range.count);
  const from = scale === 'log' ? requirePositive(`${name}.from`, range.from) : requireNumber(`${name}.from`, range.from);
  const to = scale === 'log' ? requirePositive(`${name}.to`, range.to) : requireNumber(`${name}.to`, range.to);
  return axisValuesUnchecked(from, to, count, scale);
}

/** {@link axisValues} without validation, for callers that validated already. */
export function axisValuesUnchecked(from: number, to: number, count: number, scale: 'linear' | 'log'): Float64Array {
  const out = new Float64Array(count);
  if (count === 1) {
    out[0] = from;
    return out;
  }
  const last = count - 1;
  if (scale === 'log') {
    // core's log10 and exp10, not Math.log10 and `**`: these values become learning rates, and
    // engines round `10 ** x` differently in the last bit (about one exponent in ten).
    const a = log10(from);
    const span = log10(to) - a;
    for (let k = 0; k < count; k++) out[k] = exp10(a + (span * k) / last);
  } else {
    const span = to - from;
    for (let k = 0; k < count; k++) out[k] = from + (span * k) / last;
  }
  out[0] = from;
  out[last] = to;
  return out;
}
