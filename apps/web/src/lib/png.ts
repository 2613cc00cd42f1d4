// A view's panels as one PNG: each panel's canvases (heatmaps, uPlot charts) and SVGs (surfaces)
// drawn at their place on screen into one canvas, then canvas.toBlob. An SVG is serialized and
// loaded as an image from a blob: URL (allowed by the CSP's img-src), never inserted as markup.

/** The canvases and SVGs under a root, through open shadow roots. */
function drawables(root: Element | ShadowRoot, found: (HTMLCanvasElement | SVGSVGElement)[] = []): (HTMLCanvasElement | SVGSVGElement)[] {
  for (const element of root.querySelectorAll('*')) {
    if (element instanceof HTMLCanvasElement) found.push(element);
    else if (element instanceof SVGSVGElement && !element.parentElement?.closest('svg')) found.push(element);
    if (element.shadowRoot) drawables(element.shadowRoot, found);
  }
  return found;
}

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

/** The elements' canvases and SVGs, drawn where they are on screen relative to the first, on white, as a PNG. */
export async function panelsPng(elements: readonly Element[]): Promise<Blob> {
  const items = elements.flatMap((element) => drawables(element.shadowRoot ?? element).map((drawable) => ({ drawable, box: drawable.getBoundingClientRect() })));
  const boxes = items.map((item) => item.box).filter((box) => box.width > 0 && box.height > 0);
  if (boxes.length === 0) throw new Error('nothing drawn yet in this view');
  const left = Math.min(...boxes.map((b) => b.left));
  const top = Math.min(...boxes.map((b) => b.top));
  const width = Math.max(...boxes.map((b) => b.right)) - left;
  const height = Math.max(...boxes.map((b) => b.bottom)) - top;
  const scale = Math.min(2, Math.max(1, window.devicePixelRatio || 1));
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(width * scale);
  canvas.height = Math.ceil(height * scale);
  const context = canvas.getContext('2d')!;
  context.scale(scale, scale);
  context.fillStyle = '#fff';
  context.fillRect(0, 0, width, height);
  for (const { drawable, box } of items) {
    if (box.width === 0 || box.height === 0) continue;
    const image = drawable instanceof HTMLCanvasElement ? drawable : await svgImage(drawable, box.width, box.height);
    context.drawImage(image, box.left - left, box.top - top, box.width, box.height);
  }
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the canvas gave no PNG'))), 'image/png'));
}
