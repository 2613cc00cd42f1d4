// A view as a PNG figure that explains itself (lib/figure.ts's layout): each chart's canvases
// (heatmaps, uPlot charts) and SVGs (surfaces) drawn at their place, the titles, axes, legend and
// footer drawn as text around them, on white; then the title, the sweep's summary and the share
// link as tEXt chunks (Title, Description, Source). An SVG is serialized and loaded as an image
// from a blob: URL (allowed by the CSP's img-src), never inserted as markup.

import { figureLayout, type FigureText } from './figure.js';
import { chartDrawing, panelAxes } from './figure-panels.js';
import { withTextChunks } from './png-text.js';

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

function svgImage(svg: SVGSVGElement, width: number, height: number): Promise<HTMLImageElement> {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(height));
  const url = URL.createObjectURL(new Blob([new XMLSerializer().serializeToString(copy)], { type: 'image/svg+xml' }));
  const image = new Image();
  return new Promise<HTMLImageElement>((resolve, reject) => {
    image.onload = () => resolve(image);
    image.onerror = () => reject(new Error('the SVG did not load as an image'));
    image.src = url;
  }).finally(() => URL.revokeObjectURL(url));
}

function font(size: number, bold: boolean): string {
  return `${bold ? '600 ' : ''}${size}px ${FONT}`;
}

/**
 * The charts (rows of chart elements, lib/figure-panels.ts's panelRows) as one labelled PNG with
 * tEXt Title = text.title, Description = text.summary, Source = text.url. Rejects when no chart
 * has drawn anything yet.
 */
export async function figurePng(rows: readonly (readonly Element[])[], text: FigureText): Promise<Blob> {
  const drawn = rows.map((row) => row.map((chart) => ({ chart, drawing: chartDrawing(chart) })).filter((c) => c.drawing !== null)).filter((row) => row.length > 0);
  if (drawn.length === 0) throw new Error('nothing drawn yet in this view');
  const measureCanvas = document.createElement('canvas').getContext('2d')!;
  const layout = figureLayout(
    text,
    drawn.map((row) => row.map(({ chart, drawing }) => ({ name: chart.getAttribute('heading') ?? '', width: drawing!.width, height: drawing!.height, axes: panelAxes(chart) }))),
    (value, size, bold) => {
      measureCanvas.font = font(size, bold);
      return measureCanvas.measureText(value).width;
    },
  );
  const charts = drawn.flat();
  const scale = Math.min(2, Math.max(1, window.devicePixelRatio || 1));
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(layout.width * scale);
  canvas.height = Math.ceil(layout.height * scale);
  const context = canvas.getContext('2d')!;
  context.scale(scale, scale);
  context.fillStyle = '#fff';
  context.fillRect(0, 0, layout.width, layout.height);
  for (const item of layout.items) {
    if (item.kind === 'panel') {
      const { drawing } = charts[item.index]!;
      for (const part of drawing!.parts) {
        const image = part.drawable instanceof HTMLCanvasElement ? part.drawable : await svgImage(part.drawable, part.width, part.height);
        context.drawImage(image, item.x + part.x, item.y + part.y, part.width, part.height);
      }
    } else if (item.kind === 'ramp') {
      const steps = 64;
      for (let k = 0; k < steps; k++) {
        context.fillStyle = text.scale!.colorAt((k + 0.5) / steps);
        context.fillRect(item.x + (k * item.width) / steps, item.y, item.width / steps + 0.5, item.height);
      }
    } else {
      context.save();
      context.font = font(item.size, item.bold);
      context.fillStyle = item.role === 'summary' || item.role === 'source' || item.role === 'axis-value' ? '#555' : '#1d1d1b';
      context.textAlign = item.anchor === 'middle' ? 'center' : item.anchor === 'end' ? 'right' : 'left';
      context.translate(item.x, item.y);
      if (item.rotate) context.rotate((item.rotate * Math.PI) / 180);
      context.fillText(item.text, 0, 0);
      context.restore();
    }
  }
  const png = await new Promise<Blob>((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the canvas gave no PNG'))), 'image/png'));
  const bytes = withTextChunks(new Uint8Array(await png.arrayBuffer()), { Title: text.title, Description: text.summary, Source: text.url });
  return new Blob([bytes], { type: 'image/png' });
}
