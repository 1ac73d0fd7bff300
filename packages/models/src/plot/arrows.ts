import { formatShape as fmt, ShapeError, type Tensor } from '@gradschool/tensor';
import type { Layer } from './figure.ts';
import { pairsOf } from './points.ts';
import { el } from './svg.ts';

export interface ArrowOptions {
  colour?: string;
  width?: number;
}

/** An arrow from each row of `from` [n, 2] to the same row of `to`: displacements, such as a corruption or a gradient step. */
export function arrows(from: Tensor, to: Tensor, opts: ArrowOptions = {}): Layer {
  const [a, b] = [pairsOf('arrows', from), pairsOf('arrows', to)];
  if (a.length !== b.length) throw new ShapeError(`arrows: from ${fmt(from.shape)} and to ${fmt(to.shape)} must have as many rows`);
  const colour = opts.colour ?? '#2ca02c';
  // Marker ids are document-wide, so each colour gets its own arrowhead.
  const id = `arrowhead-${colour.replace(/[^a-zA-Z0-9]/g, '')}`;
  return (fig) => {
    const head = el('marker', { id, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 6, markerHeight: 6, orient: 'auto-start-reverse' },
      el('path', { d: 'M0,0L10,5L0,10Z', fill: colour }));
    const shafts = a.map(([x1, y1], i) => el('line', {
      x1: fig.x(x1), y1: fig.y(y1), x2: fig.x(b[i][0]), y2: fig.y(b[i][1]), 'marker-end': `url(#${id})`,
    }));
    return el('g', { stroke: colour, 'stroke-width': opts.width ?? 1.2 }, el('defs', {}, head), ...shafts);
  };
}
