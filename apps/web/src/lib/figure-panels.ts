// Finds a view's chart panels in the page for a figure export: the children of the view's `.pair`
// (one per loss, squared error first) and, inside each, every chart element (those with a
// `heading` attribute: ll-heatmap, ll-curves, ll-surface, ll-gradient-split), through open shadow
// roots. Step mode's panels hold two charts each, so a view gives rows × columns of charts.

import type { PanelAxes } from './figure.js';

/** Looks through open shadow roots, depth first, for the first element matching a selector. */
export function deepQuery(root: ParentNode, selector: string): Element | null {
  const direct = root.querySelector(selector);
  if (direct) return direct;
  for (const element of root.querySelectorAll('*')) {
    if (!element.shadowRoot) continue;
    const found = deepQuery(element.shadowRoot, selector);
    if (found) return found;
  }
  return null;
}

/** Chart elements (with a `heading`) in or under an element, through shadow roots, not inside another chart. */
function charts(element: Element, found: Element[] = []): Element[] {
  if (element.hasAttribute('heading')) {
    found.push(element);
    return found;
  }
  for (const child of element.children) charts(child, found);
  if (element.shadowRoot) for (const child of element.shadowRoot.children) charts(child, found);
  return found;
}

/**
 * The view's charts as rows (row-major; one column per child of its `.pair`), found from the
 * view's root (a section's shadow root). Empty when the view has no `.pair` or no chart.
 */
export function panelRows(root: ParentNode): Element[][] {
  const pair = deepQuery(root, '.pair');
  if (!pair) return [];
  const columns = [...pair.children].map((child) => charts(child)).filter((column) => column.length > 0);
  const rows = Math.max(0, ...columns.map((column) => column.length));
  return Array.from({ length: rows }, (_, r) => columns.flatMap((column) => (column[r] ? [column[r]] : [])));
}

/** The ends and names of a chart's HTML axes (`.x-axis`: min, name, max; `.y-axis`: max, name, min), or null when it has none. */
export function panelAxes(chart: Element): PanelAxes | null {
  const root = chart.shadowRoot ?? chart;
  const spans = (selector: string) => [...(root.querySelector(selector)?.querySelectorAll('span') ?? [])].map((span) => span.textContent?.trim() ?? '');
  const x = spans('.x-axis');
  const y = spans('.y-axis');
  if (x.length !== 3 || y.length !== 3) return null;
  return { x: { min: x[0]!, name: x[1]!, max: x[2]! }, y: { max: y[0]!, name: y[1]!, min: y[2]! } };
}

/** The canvases and outermost SVGs under a root, through open shadow roots, in document order. */
export function drawables(root: Element | ShadowRoot, found: (HTMLCanvasElement | SVGSVGElement)[] = []): (HTMLCanvasElement | SVGSVGElement)[] {
  for (const element of root.querySelectorAll('*')) {
    if (element instanceof HTMLCanvasElement) found.push(element);
    else if (element instanceof SVGSVGElement && !element.parentElement?.closest('svg')) found.push(element);
    if (element.shadowRoot) drawables(element.shadowRoot, found);
  }
  return found;
}

/** A chart's drawables with their boxes relative to their union (CSS px), and the union's size; null when nothing is drawn. */
export function chartDrawing(chart: Element): { width: number; height: number; parts: { drawable: HTMLCanvasElement | SVGSVGElement; x: number; y: number; width: number; height: number }[] } | null {
  const items = drawables(chart.shadowRoot ?? chart)
    .map((drawable) => ({ drawable, box: drawable.getBoundingClientRect() }))
    .filter((item) => item.box.width > 0 && item.box.height > 0);
  if (items.length === 0) return null;
  const left = Math.min(...items.map((i) => i.box.left));
  const top = Math.min(...items.map((i) => i.box.top));
  const right = Math.max(...items.map((i) => i.box.right));
  const bottom = Math.max(...items.map((i) => i.box.bottom));
  return {
    width: right - left,
    height: bottom - top,
    parts: items.map(({ drawable, box }) => ({ drawable, x: box.left - left, y: box.top - top, width: box.width, height: box.height })),
  };
}
