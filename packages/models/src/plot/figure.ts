/**
 * A figure: a plot area with d3 linear scales from data to pixels, axes with ticks, and
 * layers (regions, points, lines, ...) drawn in order, clipped to the plot area.
 */
import { type ScaleLinear, scaleLinear } from 'd3-scale';
import { el, svgDocument, text } from './svg.ts';

export type Domain = readonly [number, number];

export interface FigureOptions {
  /** Data range shown along x, [left, right]. */
  x: Domain;
  /** Data range shown along y, [bottom, top]. */
  y: Domain;
  /** Size of the plot area in pixels (the file adds margins for axes and titles). */
  width?: number;
  height?: number;
  title?: string;
  xLabel?: string;
  yLabel?: string;
  /** One data unit as long on x as on y, so circles look round; the area shrinks to fit. */
  equalAspect?: boolean;
  /** Frame, ticks and labels; off for pictures where coordinates mean nothing. */
  axes?: boolean;
  /** Pixels right of the plot area for what `annotate` draws there, e.g. a colour bar (default 16). */
  right?: number;
}

/** Something drawn on a figure: it reads the scales and returns SVG. */
export type Layer = (fig: Figure) => string;

interface Box { left: number; top: number; width: number; height: number }

function checkDomain(name: string, d: Domain): Domain {
  if (!(Number.isFinite(d[0]) && Number.isFinite(d[1]) && d[0] < d[1])) {
    throw new RangeError(`Figure: ${name} range [${d[0]}, ${d[1]}] must be finite with ${name}[0] < ${name}[1]`);
  }
  return d;
}

export class Figure {
  /** Data x -> pixel x. */
  readonly x: ScaleLinear<number, number>;
  /** Data y -> pixel y (pointing down, as pixels do). */
  readonly y: ScaleLinear<number, number>;
  /** The plot area, in pixels. */
  readonly area: Box;
  readonly options: FigureOptions;
  #layers: string[] = [];
  #annotations: string[] = [];
  #margin: { top: number; right: number; bottom: number; left: number };

  constructor(options: FigureOptions) {
    const [x, y] = [checkDomain('x', options.x), checkDomain('y', options.y)];
    let width = options.width ?? 420;
    let height = options.height ?? 420;
    if (options.equalAspect) {
      const unit = Math.min(width / (x[1] - x[0]), height / (y[1] - y[0]));
      [width, height] = [unit * (x[1] - x[0]), unit * (y[1] - y[0])];
    }
    const axes = options.axes ?? true;
    this.#margin = {
      top: options.title ? 34 : 12,
      right: options.right ?? 16,
      bottom: axes ? (options.xLabel ? 46 : 30) : 12,
      left: axes ? (options.yLabel ? 62 : 46) : 12,
    };
    this.options = options;
    this.area = { left: this.#margin.left, top: this.#margin.top, width, height };
    this.x = scaleLinear().domain(x).range([this.area.left, this.area.left + width]);
    this.y = scaleLinear().domain(y).range([this.area.top + height, this.area.top]);
  }

  /** Draw layers on top of what is there. */
  draw(...layers: Layer[]): this {
    for (const layer of layers) this.#layers.push(layer(this));
    return this;
  }

  /** Draw layers outside the plot area's clip: keys and colour bars in the margins. */
  annotate(...layers: Layer[]): this {
    for (const layer of layers) this.#annotations.push(layer(this));
    return this;
  }

  get width(): number { return this.area.left + this.area.width + this.#margin.right; }
  get height(): number { return this.area.top + this.area.height + this.#margin.bottom; }

  toSVG(): string {
    const { left, top, width, height } = this.area;
    const clip = el('clipPath', { id: 'plot-area' }, el('rect', { x: left, y: top, width, height }));
    const body = el('g', { 'clip-path': 'url(#plot-area)' }, ...this.#layers);
    const title = this.options.title
      ? text({ x: left + width / 2, y: 22, 'text-anchor': 'middle', 'font-size': 15, 'font-weight': 'bold' }, this.options.title)
      : '';
    const axes = (this.options.axes ?? true) ? this.#axes() : '';
    return svgDocument(this.width, this.height, el('defs', {}, clip), body, axes, title, ...this.#annotations);
  }

  #axes(): string {
    const { left, top, width, height } = this.area;
    const bottom = top + height;
    const frame = el('rect', { x: left, y: top, width, height, fill: 'none', stroke: '#333' });
    const tick = (x1: number, y1: number, x2: number, y2: number) => el('line', { x1, y1, x2, y2, stroke: '#333' });
    const xTicks = this.x.ticks(6).map((v) => {
      const at = this.x(v);
      return tick(at, bottom, at, bottom + 5) + text({ x: at, y: bottom + 18, 'text-anchor': 'middle' }, this.x.tickFormat(6)(v));
    });
    const yTicks = this.y.ticks(6).map((v) => {
      const at = this.y(v);
      return tick(left - 5, at, left, at) + text({ x: left - 8, y: at + 4, 'text-anchor': 'end' }, this.y.tickFormat(6)(v));
    });
    const labels = [
      this.options.xLabel ? text({ x: left + width / 2, y: bottom + 38, 'text-anchor': 'middle' }, this.options.xLabel) : '',
      this.options.yLabel
        ? text({ transform: `translate(${left - 46},${top + height / 2}) rotate(-90)`, 'text-anchor': 'middle' }, this.options.yLabel)
        : '',
    ];
    return el('g', { 'font-size': 11, fill: '#333' }, frame, ...xTicks, ...yTicks, ...labels);
  }
}
