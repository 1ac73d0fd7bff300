/**
 * Showing the plot modules' SVG documents in a page. Every Figure names its clip path
 * `plot-area`, and a document's ids are shared by all its inline SVGs, so two figures on one page
 * would clip each other; each figure gets a shadow root of its own, where ids are private.
 */

const TRANSPARENT = '<style>svg > rect:first-child { fill: none; }</style>';

export interface ShowOptions {
  /** Let what lies under the figure show through its white background (a canvas of cells). */
  transparent?: boolean;
}

/** Replace what `host` shows with `svg` (a standalone document from the plot modules). */
export function showSvg(host: HTMLElement, svg: string, opts: ShowOptions = {}): void {
  const root = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  root.innerHTML = (opts.transparent ? TRANSPARENT : '') + svg;
}

/** The plot area of the figure `host` shows, in its pixels: the rectangle its clip path cuts. */
export function plotArea(host: HTMLElement): { left: number; top: number; width: number; height: number } {
  const rect = host.shadowRoot?.querySelector('#plot-area rect');
  if (!rect) throw new Error('plotArea: the element shows no figure');
  const at = (name: string) => Number(rect.getAttribute(name));
  return { left: at('x'), top: at('y'), width: at('width'), height: at('height') };
}

/** Where a pointer event falls in the data coordinates of the figure `host` shows, whose ranges are `x` and `y`. */
export function dataPoint(host: HTMLElement, event: PointerEvent, x: readonly [number, number], y: readonly [number, number]): [number, number] {
  const svg = host.shadowRoot!.querySelector('svg')!.getBoundingClientRect();
  const area = plotArea(host);
  const u = (event.clientX - svg.left - area.left) / area.width;
  const v = (event.clientY - svg.top - area.top) / area.height;
  return [x[0] + u * (x[1] - x[0]), y[1] - v * (y[1] - y[0])];
}
