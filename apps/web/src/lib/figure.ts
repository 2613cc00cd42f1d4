// A figure that explains itself: the title, what is compared and at which η, each panel under its
// loss's name with its axes named and their ends labelled, the legend, and a footer with the
// sweep's one-line summary and its share link. One layout (in CSS pixels) that two renderers draw:
// lib/png.ts onto a canvas, lib/svg-export.ts as SVG elements with real <text>.

import type { ColorScale } from './color.js';

/** The axes of a panel whose chart draws none itself (heatmaps, surfaces): names and end values. */
export interface PanelAxes {
  x: { name: string; min: string; max: string };
  y: { name: string; min: string; max: string };
}

/** One panel of a figure: its loss's name, its drawn size, and its axes when the chart lacks them. */
export interface FigurePanel {
  name: string;
  width: number;
  height: number;
  axes: PanelAxes | null;
}

/** What a figure says besides its panels. */
export interface FigureText {
  /** The view's title, e.g. "Where each start converges". */
  title: string;
  /** What is compared and at which η, e.g. "Squared error vs cross-entropy · η = 0.15". */
  subtitle: string;
  /** Legend lines (what each mark means). */
  legend: readonly string[];
  /** A colour scale to draw as a ramp with its ticks (heatmaps), or null. */
  scale: ColorScale | null;
  /** The sweep in one line (lib/spec-summary.ts). */
  summary: string;
  /** The link that opens this view. */
  url: string;
}

/** A positioned text: (x, y) is its baseline's anchor point; `rotate` −90 turns it to read upwards. */
export interface FigureTextItem {
  kind: 'text';
  text: string;
  x: number;
  y: number;
  size: number;
  bold: boolean;
  anchor: 'start' | 'middle' | 'end';
  rotate: 0 | -90;
  role: 'title' | 'subtitle' | 'panel' | 'axis-name' | 'axis-value' | 'legend' | 'summary' | 'source';
}

/** Where a panel's image goes. */
export interface FigurePanelItem {
  kind: 'panel';
  index: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The colour scale's ramp, drawn as `steps` rectangles of scale.colorAt. */
export interface FigureRampItem {
  kind: 'ramp';
  x: number;
  y: number;
  width: number;
  height: number;
}

export type FigureItem = FigureTextItem | FigurePanelItem | FigureRampItem;

/** A laid-out figure: its size in CSS pixels and what goes where. */
export interface FigureLayout {
  width: number;
  height: number;
  items: FigureItem[];
}

const PAD = 16;
const GAP = 28;
const AXIS_GUTTER = 46;
const AXIS_ROW = 30;
const RAMP_WIDTH = 320;

/** A text's width in CSS pixels at a font size (the renderer's measure; an estimate in tests). */
export type MeasureText = (text: string, size: number, bold: boolean) => number;

/** Width estimate without a canvas: 0.6 em per character (wide enough for the app's sans-serif). */
export const estimateWidth: MeasureText = (text, size) => text.length * size * 0.6;

/**
 * Lays out a figure: title (18 px bold), subtitle, the panels in a grid of rows (one column per
 * loss; each panel under its name, with its y axis to the left and x axis below when `axes` is set), the legend lines and ramp,
 * then the summary and the source link (11 px). The width grows to fit the longest line, so no
 * text is clipped.
 */
export function figureLayout(text: FigureText, rows: readonly (readonly FigurePanel[])[], measure: MeasureText = estimateWidth): FigureLayout {
  const columns = Math.max(0, ...rows.map((row) => row.length));
  if (columns === 0) throw new RangeError('figureLayout: a figure needs at least one panel');
  const items: FigureItem[] = [];
  const line = (role: FigureTextItem['role'], value: string, x: number, y: number, size: number, options: Partial<Pick<FigureTextItem, 'bold' | 'anchor' | 'rotate'>> = {}) =>
    items.push({ kind: 'text', role, text: value, x, y, size, bold: options.bold ?? false, anchor: options.anchor ?? 'start', rotate: options.rotate ?? 0 });
  let y = PAD;
  line('title', text.title, PAD, (y += 18), 18, { bold: true });
  line('subtitle', text.subtitle, PAD, (y += 22), 13);
  y += 14;
  // A grid: each column as wide as its widest panel (with its axis gutter), each row as tall as its tallest.
  const cellWidth = Array.from({ length: columns }, (_, c) => Math.max(0, ...rows.map((row) => (row[c] ? row[c].width + (row[c].axes ? AXIS_GUTTER : 0) : 0))));
  let index = 0;
  let x = PAD;
  for (const row of rows) {
    let bottom = y;
    x = PAD;
    row.forEach((panel, c) => {
      const left = panel.axes ? AXIS_GUTTER : 0;
      line('panel', panel.name, x + left, y + 14, 14, { bold: true });
      const top = y + 22;
      items.push({ kind: 'panel', index: index++, x: x + left, y: top, width: panel.width, height: panel.height });
      if (panel.axes) {
        const { x: ax, y: ay } = panel.axes;
        line('axis-value', ay.max, x + left - 4, top + 10, 11, { anchor: 'end' });
        line('axis-value', ay.min, x + left - 4, top + panel.height, 11, { anchor: 'end' });
        line('axis-name', ay.name, x + 14, top + panel.height / 2, 13, { anchor: 'middle', rotate: -90, bold: true });
        line('axis-value', ax.min, x + left, top + panel.height + 14, 11);
        line('axis-value', ax.max, x + left + panel.width, top + panel.height + 14, 11, { anchor: 'end' });
        line('axis-name', ax.name, x + left + panel.width / 2, top + panel.height + 26, 13, { anchor: 'middle', bold: true });
      }
      bottom = Math.max(bottom, top + panel.height + (panel.axes ? AXIS_ROW : 8));
      x += cellWidth[c]! + GAP;
    });
    y = bottom + 6;
  }
  let width = PAD + cellWidth.reduce((sum, w) => sum + w, 0) + GAP * (columns - 1) + PAD;
  for (const legend of text.legend) line('legend', legend, PAD, (y += 17), 12);
  if (text.scale) {
    line('legend', text.scale.title, PAD, (y += 19), 12, { bold: true });
    items.push({ kind: 'ramp', x: PAD, y: y + 6, width: RAMP_WIDTH, height: 12 });
    y += 18;
    for (const tick of text.scale.ticks()) line('legend', tick.label, PAD + tick.position * RAMP_WIDTH, y + 13, 10, { anchor: tick.position < 0.02 ? 'start' : tick.position > 0.98 ? 'end' : 'middle' });
    y += 14;
    width = Math.max(width, RAMP_WIDTH + 2 * PAD);
  }
  line('summary', text.summary, PAD, (y += 24), 11);
  line('source', `Source: ${text.url}`, PAD, (y += 16), 11);
  for (const item of items) {
    if (item.kind !== 'text' || item.rotate !== 0 || item.anchor !== 'start') continue;
    width = Math.max(width, item.x + measure(item.text, item.size, item.bold) + PAD);
  }
  return { width: Math.ceil(width), height: Math.ceil(y + PAD), items };
}
