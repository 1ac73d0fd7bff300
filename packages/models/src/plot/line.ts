import { line as linePath } from 'd3-shape';
import type { Layer } from './figure.ts';
import { el } from './svg.ts';

export interface LineOptions {
  colour?: string;
  width?: number;
  dashed?: boolean;
}

/** The polyline through (xs[i], ys[i]), e.g. a loss curve; non-finite values leave a gap. */
export function line(xs: ArrayLike<number>, ys: ArrayLike<number>, opts: LineOptions = {}): Layer {
  if (xs.length !== ys.length) throw new RangeError(`line: ${xs.length} x values but ${ys.length} y values`);
  const points = Array.from(xs, (x, i): [number, number] => [x, ys[i]]);
  return (fig) => {
    const path = linePath<[number, number]>((p) => fig.x(p[0]), (p) => fig.y(p[1]))
      .defined((p) => Number.isFinite(p[0]) && Number.isFinite(p[1]));
    return el('path', {
      d: path(points) ?? '', fill: 'none', stroke: opts.colour ?? '#4e79a7', 'stroke-width': opts.width ?? 1.8,
      'stroke-dasharray': opts.dashed ? '6 4' : undefined, 'stroke-linejoin': 'round',
    });
  };
}
