import { describe, expect, it } from 'vitest';
import { logit } from '@losslab/core';
import { validateDraft } from '../../src/lib/draft.js';
import { initPoints } from '../../src/lib/heatmap.js';
import { presetById } from '../../src/lib/presets.js';
import { contourPath, excessAt, fromGrid, mappable, MAX_SURFACE_POINTS, MIN_WINDOW_SPAN, surfaceResolution, logThresholds, nearestConfig, nearestIndex, pathPoints, surfaceExtent, surfacePair, toGrid } from '../../src/lib/surface.js';
import { traceRun } from '../../src/lib/trace.js';

const plan = validateDraft(presetById('lecture-two-point').draft).plan!;
const traces = [0, 1].map((lossIndex) => traceRun(plan, { etaIndex: 0, initIndex: 0 }, lossIndex));
const exactW = (logit(0.9) - logit(0.2)) / 2;
const exactB = logit(0.2) - 0.5 * exactW;

describe('surfaceExtent', () => {
  it('holds the starts, the paths and the fit', () => {
    const extent = surfaceExtent(plan, initPoints(plan), traces);
    for (const trace of traces) {
      for (let t = 0; t < trace.pathW.length; t++) {
        expect(trace.pathW[t]).toBeGreaterThanOrEqual(extent.w[0]);
        expect(trace.pathW[t]).toBeLessThanOrEqual(extent.w[1]);
        expect(trace.pathB[t]).toBeGreaterThanOrEqual(extent.b[0]);
        expect(trace.pathB[t]).toBeLessThanOrEqual(extent.b[1]);
      }
    }
    expect(exactW).toBeLessThan(extent.w[1]);
  });

  it('is at least MIN_WINDOW_SPAN wide along each axis, about the content’s centre, so one start leaves room to drag it', () => {
    // The lecture's one start: its paths and the fit span about 4 in w and 2 in b.
    const extent = surfaceExtent(plan, initPoints(plan), traces);
    let lo = Infinity;
    let hi = -Infinity;
    for (const trace of traces) for (const v of trace.pathB) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
    expect(hi - lo).toBeLessThan(MIN_WINDOW_SPAN / 2);
    expect(extent.b[1] - extent.b[0]).toBeCloseTo(MIN_WINDOW_SPAN, 12);
    // Centred on the padded content (padding is symmetric, so on the content's own centre).
    expect((extent.b[0] + extent.b[1]) / 2).toBeCloseTo((lo + hi) / 2, 12);
    expect(extent.w[1] - extent.w[0]).toBeGreaterThanOrEqual(MIN_WINDOW_SPAN - 1e-12);
    // A wide grid keeps its own window: the saturation sweep's [−6, 6]² padded by 8%.
    const grid = validateDraft(presetById('saturation-sweep').draft).plan!;
    expect(surfaceExtent(grid, initPoints(grid), [])).toEqual({ w: [-6.96, 6.96], b: [-6.96, 6.96] });
  });
});

describe('surfacePair', () => {
  const extent = surfaceExtent(plan, initPoints(plan), traces);
  const pair = surfacePair(plan, extent);

  it('maps both losses over the same window with the same log-spaced thresholds', () => {
    expect(pair.maps.map((m) => m.loss)).toEqual(['se', 'ce']);
    expect(pair.thresholds.length).toBeGreaterThan(4);
    for (let k = 1; k < pair.thresholds.length; k++) expect(pair.thresholds[k]! / pair.thresholds[k - 1]!).toBeCloseTo(Math.sqrt(10), 10);
    for (const map of pair.maps) {
      expect(map.extent).toBe(extent);
      expect(map.bands.length).toBeGreaterThan(0);
      expect(map.bands.every((band) => pair.thresholds.includes(band.threshold))).toBe(true);
      expect(map.min).toBeGreaterThanOrEqual(0);
    }
  });

  it('refuses data with more than one input', () => {
    const twoInputs = validateDraft({ ...presetById('saturation-sweep').draft, dataset: { ...presetById('saturation-sweep').draft.dataset, source: 'generated', generator: 'two-classes', n: '20' } }).plan!;
    expect(twoInputs.data.d).toBe(2);
    expect(() => surfacePair(twoInputs, extent)).toThrow(/d = 2/);
  });
});

describe('surface budget', () => {
  it('maps one-input data up to about a thousand points, finer for fewer', () => {
    expect(surfaceResolution(2)).toBe(96);
    expect(surfaceResolution(500)).toBe(34);
    expect(surfaceResolution(MAX_SURFACE_POINTS)).toBeGreaterThanOrEqual(24);
    expect(surfaceResolution(MAX_SURFACE_POINTS + 1)).toBe(0);
    expect(mappable(plan)).toBe(true);
    expect(mappable({ data: { ...plan.data, d: 2 } })).toBe(false);
  });
});

describe('excessAt', () => {
  it('is 0 at the exact fit for both losses and positive elsewhere', () => {
    expect(excessAt(plan, 'ce', exactW, exactB)).toBeLessThan(1e-15);
    expect(excessAt(plan, 'se', exactW, exactB)).toBeLessThan(1e-15);
    expect(excessAt(plan, 'se', -2, -2)).toBeCloseTo(0.41582, 4);
  });
});

describe('grid coordinates', () => {
  const map = { extent: { w: [-2, 2] as [number, number], b: [0, 4] as [number, number] }, width: 41, height: 21 };
  it('puts sample i at i + 0.5, as d3-contour does, and inverts', () => {
    expect(toGrid(map, -2, 0)).toEqual([0.5, 0.5]);
    expect(toGrid(map, 2, 4)).toEqual([40.5, 20.5]);
    const [w, b] = fromGrid(map, ...toGrid(map, 0.7, 3.1));
    expect(w).toBeCloseTo(0.7, 12);
    expect(b).toBeCloseTo(3.1, 12);
  });

  it('draws a path as grid points, first and last kept', () => {
    const points = pathPoints(map, Float64Array.of(-2, 0, 2), Float64Array.of(0, 2, 4)).split(' ');
    expect(points[0]).toBe('0.5,0.5');
    expect(points.at(-1)).toBe('40.5,20.5');
  });
});

describe('contour helpers', () => {
  it('writes a multipolygon as an SVG path', () => {
    expect(contourPath({ coordinates: [[[[0, 0], [1, 0], [1, 1], [0, 0]]]] })).toBe('M0 0L1 0L1 1L0 0Z');
  });

  it('spaces thresholds two per decade from 1e-8 of the maximum', () => {
    const t = logThresholds(0, 5);
    expect(t[0]).toBeCloseTo(1e-8, 20);
    expect(t.at(-1)).toBeCloseTo(Math.sqrt(10), 12);
    expect(logThresholds(0, 0)).toEqual([]);
  });

  it('finds the config nearest to (η, w0, b0)', () => {
    expect(nearestIndex([0.01, 0.1, 1, 10], 0.5, true)).toBe(2);
    expect(nearestIndex([0.01, 0.1, 1, 10], 0.5)).toBe(1);
    const grid = validateDraft(presetById('saturation-sweep').draft).plan!;
    const config = nearestConfig(grid, initPoints(grid), { eta: 1, w0: -2, b0: -2 });
    expect(grid.eta[config.etaIndex]).toBeCloseTo(1, 10);
    expect(config.initIndex).toBe(10 * 32 + 10);
  });
});
