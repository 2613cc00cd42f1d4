// A vector view (loss curves, surfaces, step mode's charts) as a standalone SVG figure with the
// same layout as the PNG (lib/figure.ts): title, subtitle, panel names, axis names and ends,
// legend, summary and source are real <text> elements (searchable, selectable, translatable).
// Surfaces are the app's own SVG, copied in; loss curves are drawn from their traces as polylines
// (uPlot paints a canvas); any other canvas is embedded as a PNG image.

import { SELECTION_COLORS } from '../components/shared-styles.js';
import { figureLayout, estimateWidth, type FigureText, type PanelAxes } from './figure.js';
import { chartDrawing, panelAxes } from './figure-panels.js';
import { formatNumber } from './format.js';
import type { RunTrace } from './trace.js';

const SVG_NS = 'http://www.w3.org/2000/svg';
const FONT = 'system-ui, -apple-system, Segoe UI, Roboto, sans-serif';
/** Most points per polyline: a curve of 10⁵ epochs is sampled every ⌈T/1500⌉ epochs. */
const MAX_POINTS = 1500;

/** What an ll-curves element exposes (its properties). */
interface CurvesChart extends Element {
  traces: readonly RunTrace[];
  epochs: number;
  logScale: boolean;
  yRange: readonly [number, number];
}

function isCurves(chart: Element): chart is CurvesChart {
  return chart.localName === 'll-curves' && Array.isArray((chart as Partial<CurvesChart>).traces);
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** The curves' axes: epochs along x, the shared y range up the side. */
function curvesAxes(chart: CurvesChart): PanelAxes {
  const [lo, hi] = chart.yRange;
  return {
    x: { name: 'epoch', min: '0', max: formatNumber(Math.max(1, chart.epochs - 1)) },
    y: { name: chart.logScale ? 'excess loss, max |ŷ − y| (log)' : 'excess loss, max |ŷ − y|', min: formatNumber(lo), max: formatNumber(hi) },
  };
}

/**
 * The curves of a chart as SVG markup in a width × height box: per selected run (its selection
 * colour) the excess loss solid and max |ŷ − y| dashed, on the chart's y range (log10 when
 * logScale; values at or below the bottom are drawn at the bottom, as uPlot clips them).
 */
function curvesMarkup(chart: CurvesChart, width: number, height: number): string {
  const [lo, hi] = chart.yRange;
  const span = Math.max(1, chart.epochs - 1);
  const toY = chart.logScale
    ? (v: number) => (v > 0 ? (Math.log10(hi) - Math.log10(Math.min(hi, Math.max(lo, v)))) / (Math.log10(hi) - Math.log10(lo)) : 1) * height
    : (v: number) => ((hi - Math.min(hi, Math.max(lo, v))) / (hi - lo)) * height;
  const polyline = (values: Float64Array, stroke: string, extra: string) => {
    const stride = Math.max(1, Math.ceil(values.length / MAX_POINTS));
    const points: string[] = [];
    for (let t = 0; t < values.length; t += stride) if (Number.isFinite(values[t]!)) points.push(`${((t / span) * width).toFixed(2)},${toY(values[t]!).toFixed(2)}`);
    return `<polyline fill="none" stroke="${stroke}" ${extra} points="${points.join(' ')}"/>`;
  };
  const lines = chart.traces.map((trace, k) => {
    const stroke = SELECTION_COLORS[k % SELECTION_COLORS.length]!;
    return polyline(trace.excess, stroke, 'stroke-width="2"') + polyline(trace.maxError, stroke, 'stroke-width="1.25" stroke-dasharray="5 4"');
  });
  return `<rect width="${width}" height="${height}" fill="none" stroke="#bbb"/>${lines.join('')}`;
}

/** A canvas as an embedded PNG (heatmaps are pixels by nature). */
function canvasMarkup(canvas: HTMLCanvasElement, x: number, y: number, width: number, height: number): string {
  return `<image x="${x}" y="${y}" width="${width}" height="${height}" href="${canvas.toDataURL('image/png')}"/>`;
}

/**
 * The charts (rows of chart elements) as one SVG document's text, with the figure's words as
 * <text> elements. Throws when no chart has drawn anything yet.
 */
export function figureSvg(rows: readonly (readonly Element[])[], text: FigureText): string {
  const drawn = rows.map((row) => row.map((chart) => ({ chart, drawing: chartDrawing(chart) })).filter((c) => c.drawing !== null)).filter((row) => row.length > 0);
  if (drawn.length === 0) throw new Error('nothing drawn yet in this view');
  const layout = figureLayout(
    text,
    drawn.map((row) => row.map(({ chart, drawing }) => ({ name: chart.getAttribute('heading') ?? '', width: drawing!.width, height: drawing!.height, axes: isCurves(chart) ? curvesAxes(chart) : panelAxes(chart) }))),
    estimateWidth,
  );
  const charts = drawn.flat();
  const serializer = new XMLSerializer();
  const body: string[] = [];
  for (const item of layout.items) {
    if (item.kind === 'panel') {
      const { chart, drawing } = charts[item.index]!;
      if (isCurves(chart)) {
        body.push(`<g class="panel" transform="translate(${item.x} ${item.y})">${curvesMarkup(chart, item.width, item.height)}</g>`);
        continue;
      }
      for (const part of drawing!.parts) {
        if (part.drawable instanceof HTMLCanvasElement) {
          body.push(canvasMarkup(part.drawable, item.x + part.x, item.y + part.y, part.width, part.height));
          continue;
        }
        const copy = part.drawable.cloneNode(true) as SVGSVGElement;
        copy.removeAttribute('style');
        copy.removeAttribute('class');
        copy.setAttribute('x', String(item.x + part.x));
        copy.setAttribute('y', String(item.y + part.y));
        copy.setAttribute('width', String(part.width));
        copy.setAttribute('height', String(part.height));
        body.push(serializer.serializeToString(copy));
      }
    } else if (item.kind === 'ramp') {
      const stops = Array.from({ length: 11 }, (_, k) => `<stop offset="${k * 10}%" stop-color="${text.scale!.colorAt(k / 10)}"/>`).join('');
      body.push(`<defs><linearGradient id="ramp">${stops}</linearGradient></defs><rect x="${item.x}" y="${item.y}" width="${item.width}" height="${item.height}" fill="url(#ramp)"/>`);
    } else {
      const rotate = item.rotate ? ` transform="rotate(${item.rotate} ${item.x} ${item.y})"` : '';
      const fill = item.role === 'summary' || item.role === 'source' || item.role === 'axis-value' ? '#555' : '#1d1d1b';
      body.push(`<text class="${item.role}" x="${item.x}" y="${item.y}" font-size="${item.size}"${item.bold ? ' font-weight="600"' : ''} text-anchor="${item.anchor}" fill="${fill}"${rotate}>${escapeXml(item.text)}</text>`);
    }
  }
  return [
    `<svg xmlns="${SVG_NS}" width="${layout.width}" height="${layout.height}" viewBox="0 0 ${layout.width} ${layout.height}" font-family="${FONT}">`,
    `<title>${escapeXml(text.title)}</title>`,
    `<desc>${escapeXml(`${text.summary}. Source: ${text.url}`)}</desc>`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    ...body,
    '</svg>',
  ].join('\n');
}
