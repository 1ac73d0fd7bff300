import { formatShape as fmt, ShapeError, type Tensor } from '@gradschool/tensor';
import { scaleLinear } from 'd3-scale';
import { checkCount } from '../check.ts';
import { el, plainText, svgDocument, text } from './svg.ts';

export interface ImageGridOptions {
  columns?: number;
  /** Pixels on screen per image pixel. */
  scale?: number;
  /** Values shown as black and as white; the images' own min and max by default. */
  range?: readonly [number, number];
  title?: string;
  /** A label left of each row of images (what the row shows: clean, masked, a model's output). */
  rowLabels?: readonly string[];
}

/** Greyscale images [n, h, w] (digits, reconstructions, filters) tiled in a grid, as a standalone SVG. */
export function imageGrid(images: Tensor, opts: ImageGridOptions = {}): string {
  if (images.ndim !== 3) throw new ShapeError(`imageGrid: images must have shape [n, h, w], got ${fmt(images.shape)}`);
  const [n, h, w] = images.shape;
  const columns = checkCount('imageGrid', 'columns', opts.columns ?? Math.max(1, Math.min(n, 8)), 1);
  const scale = opts.scale ?? 3;
  const data = images.data();
  let [lo, hi] = opts.range ?? [Infinity, -Infinity];
  if (!opts.range) for (const v of data) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
  const grey = scaleLinear<string>().domain([lo, hi > lo ? hi : lo + 1]).range(['#000', '#fff']).clamp(true);
  const gap = 2;
  const top = opts.title ? 28 : gap;
  // 7px a character: Helvetica at 12px averages about 6.5, and a label cut at the edge is worse than a wide margin
  const left = opts.rowLabels ? 12 + 7 * Math.max(0, ...opts.rowLabels.map((l) => plainText(l).length)) : gap;
  const tiles = Array.from({ length: n }, (_, k) => {
    const x0 = left + (k % columns) * (w * scale + gap);
    const y0 = top + Math.floor(k / columns) * (h * scale + gap);
    const pixels: string[] = [el('rect', { x: x0, y: y0, width: w * scale, height: h * scale, fill: grey(lo) })];
    for (let i = 0; i < h; i++) {
      for (let j = 0; j < w; j++) {
        const v = data[k * h * w + i * w + j];
        // The tile is already painted in the lowest colour: only brighter pixels need a rect.
        if (v > lo) pixels.push(el('rect', { x: x0 + j * scale, y: y0 + i * scale, width: scale, height: scale, fill: grey(v) }));
      }
    }
    return el('g', {}, ...pixels);
  });
  const rows = Math.ceil(n / columns);
  const labels = (opts.rowLabels ?? []).slice(0, rows).map((l, r) =>
    text({ x: left - 8, y: top + r * (h * scale + gap) + (h * scale) / 2 + 4, 'text-anchor': 'end' }, l));
  const width = left + columns * (w * scale + gap);
  const height = top + rows * (h * scale + gap);
  const title = opts.title ? text({ x: (left + width) / 2, y: 19, 'text-anchor': 'middle', 'font-size': 14, 'font-weight': 'bold' }, opts.title) : '';
  return svgDocument(width, height, el('g', { 'shape-rendering': 'crispEdges' }, ...tiles), title, ...labels);
}
