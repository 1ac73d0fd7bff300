import type { Layer } from './figure.ts';
import { el } from './svg.ts';

export interface BarOptions {
  colour?: string;
  /** Width of each bar, in data units along x (default 0.7). */
  width?: number;
  /** Where the bar's centre sits relative to its x, in data units: side by side bars of a group (default 0). */
  offset?: number;
}

/** A bar from 0 up to heights[i] at each xs[i] (below 0 for a negative height). */
export function bars(xs: ArrayLike<number>, heights: ArrayLike<number>, opts: BarOptions = {}): Layer {
  if (xs.length !== heights.length) throw new RangeError(`bars: ${xs.length} x values but ${heights.length} heights`);
  const width = opts.width ?? 0.7;
  const offset = opts.offset ?? 0;
  return (fig) => el('g', { fill: opts.colour ?? '#4e79a7', stroke: '#222', 'stroke-width': 0.4 }, ...Array.from(xs, (x, i) => {
    const [left, right] = [fig.x(x + offset - width / 2), fig.x(x + offset + width / 2)];
    const [a, b] = [fig.y(heights[i]), fig.y(0)];
    return el('rect', { x: left, y: Math.min(a, b), width: right - left, height: Math.abs(b - a) });
  }));
}
