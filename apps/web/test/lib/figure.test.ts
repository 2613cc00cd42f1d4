import { describe, expect, it } from 'vitest';
import { epochsScale } from '../../src/lib/color.js';
import { figureLayout, type FigureText, type FigureTextItem } from '../../src/lib/figure.js';

const text: FigureText = {
  title: 'Where each start converges',
  subtitle: 'Squared error (left) vs Cross-entropy (right) · η = 0.15',
  legend: ['Each cell is one start.'],
  scale: null,
  summary: 'toy data (2 points, 1 input) · squared error vs cross-entropy',
  url: 'http://localhost/?v=1&run=1',
};
const axes = { x: { name: 'w0', min: '−4', max: '4' }, y: { name: 'b0', min: '−4', max: '4' } };

const texts = (items: ReturnType<typeof figureLayout>['items']) => items.filter((i): i is FigureTextItem => i.kind === 'text');

describe('figureLayout', () => {
  it('puts every word of the figure in it: title, subtitle, each panel’s name, both axes with their ends, legend, summary, source', () => {
    const layout = figureLayout(text, [[{ name: 'Squared error', width: 300, height: 200, axes }, { name: 'Cross-entropy', width: 300, height: 200, axes }]]);
    const byRole = (role: FigureTextItem['role']) => texts(layout.items).filter((t) => t.role === role).map((t) => t.text);
    expect(byRole('title')).toEqual([text.title]);
    expect(byRole('subtitle')).toEqual([text.subtitle]);
    expect(byRole('panel')).toEqual(['Squared error', 'Cross-entropy']);
    expect(byRole('axis-name')).toEqual(['b0', 'w0', 'b0', 'w0']);
    expect(byRole('axis-value')).toEqual(['4', '−4', '−4', '4', '4', '−4', '−4', '4']);
    expect(byRole('legend')).toEqual(['Each cell is one start.']);
    expect(byRole('summary')).toEqual([text.summary]);
    expect(byRole('source')).toEqual([`Source: ${text.url}`]);
  });

  it('places the panels side by side without overlapping each other or any text, inside the figure', () => {
    const layout = figureLayout(text, [[{ name: 'Squared error', width: 300, height: 200, axes }, { name: 'Cross-entropy', width: 320, height: 180, axes }]]);
    const panels = layout.items.filter((i) => i.kind === 'panel');
    expect(panels.map((p) => [p.width, p.height])).toEqual([[300, 200], [320, 180]]);
    const [a, b] = panels as [(typeof panels)[0], (typeof panels)[0]];
    expect(b.x).toBeGreaterThanOrEqual(a.x + a.width);
    for (const p of panels) {
      expect(p.x).toBeGreaterThanOrEqual(0);
      expect(p.x + p.width).toBeLessThanOrEqual(layout.width);
      expect(p.y + p.height).toBeLessThanOrEqual(layout.height);
      // No horizontal text's baseline falls inside a panel (text sits around the charts).
      for (const t of texts(layout.items)) if (t.rotate === 0 && t.x > p.x && t.x < p.x + p.width) expect(t.y <= p.y || t.y - t.size * 0.8 >= p.y + p.height).toBe(true);
    }
    // The title is above the panels; summary and source below them.
    const title = texts(layout.items).find((t) => t.role === 'title')!;
    const source = texts(layout.items).find((t) => t.role === 'source')!;
    expect(title.y).toBeLessThan(a.y);
    expect(source.y).toBeGreaterThan(a.y + a.height);
    expect(source.y).toBeLessThan(layout.height);
  });

  it('grows to fit its longest line, and stacks rows (step mode) in one column per loss', () => {
    const long = { ...text, url: `http://localhost/?${'x'.repeat(400)}` };
    const measure = (value: string, size: number) => value.length * size * 0.5;
    const layout = figureLayout(long, [[{ name: 'a', width: 100, height: 50, axes: null }]], measure);
    const source = texts(layout.items).find((t) => t.role === 'source')!;
    expect(layout.width).toBeGreaterThanOrEqual(source.x + measure(source.text, source.size));
    const grid = figureLayout(text, [
      [{ name: 'SE surface', width: 200, height: 200, axes }, { name: 'CE surface', width: 200, height: 200, axes }],
      [{ name: 'SE curves', width: 200, height: 100, axes: null }, { name: 'CE curves', width: 200, height: 100, axes: null }],
    ]);
    const panels = grid.items.filter((i) => i.kind === 'panel');
    expect(panels.map((p) => p.index)).toEqual([0, 1, 2, 3]);
    expect(panels[2]!.y).toBeGreaterThan(panels[0]!.y + 200);
    expect(panels[1]!.x).toBeGreaterThan(panels[0]!.x + 200);
    expect(() => figureLayout(text, [])).toThrow(RangeError);
  });

  it('draws a colour scale as a ramp with its title and every tick label', () => {
    const scale = epochsScale(300);
    const layout = figureLayout({ ...text, scale }, [[{ name: 'Squared error', width: 300, height: 200, axes }]]);
    expect(layout.items.filter((i) => i.kind === 'ramp')).toHaveLength(1);
    const legend = texts(layout.items).filter((t) => t.role === 'legend').map((t) => t.text);
    expect(legend).toContain(scale.title);
    for (const tick of scale.ticks()) expect(legend).toContain(tick.label);
  });
});
