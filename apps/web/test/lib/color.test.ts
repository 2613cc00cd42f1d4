import { interpolateCividis, interpolateViridis } from 'd3-scale-chromatic';
import { describe, expect, it } from 'vitest';
import { epochsScale, excessScale, lookupTable, packColor, packRgb, parseColor } from '../../src/lib/color.js';

describe('colour scales', () => {
  it('colours few epochs bright (viridis’s yellow end) and many dark', () => {
    const scale = epochsScale(1000);
    expect(scale.packed(0)).toBe(packColor(interpolateViridis(1)));
    expect(scale.packed(1000)).toBe(packColor(interpolateViridis(0)));
    expect(scale.position(10)).toBeLessThan(scale.position(100));
    expect(scale.position(5000)).toBe(1);
    expect(scale.ticks().map((t) => t.label)).toEqual(['0', '1', '10', '100', '1,000']);
  });

  it('colours excess on a log scale with cividis, small bright', () => {
    const scale = excessScale(1e-12, 3);
    expect(scale.domain).toEqual([1e-12, 10]);
    expect(scale.packed(1e-12)).toBe(packColor(interpolateCividis(1)));
    expect(scale.position(1e-6)).toBeCloseTo(6 / 13, 12);
    expect(() => excessScale(0, 1)).toThrow(/lo = 0/);
  });

  it('packs colours as ImageData bytes read little-endian', () => {
    expect(parseColor('#0a0b0c')).toEqual([10, 11, 12]);
    expect(parseColor('rgb(1, 2, 3)')).toEqual([1, 2, 3]);
    const bytes = new Uint8Array(Uint32Array.of(packRgb(1, 2, 3)).buffer);
    expect(Array.from(bytes)).toEqual([1, 2, 3, 255]);
    expect(lookupTable(interpolateViridis, 4)).toHaveLength(4);
    expect(() => parseColor('red')).toThrow(TypeError);
  });
});
