import { checkTensor, formatShape as fmt, ShapeError, type Tensor } from '@gradschool/tensor';
import type { Layer } from './figure.ts';
import { classColour } from './palette.ts';
import { pairsOf } from './points.ts';
import { el } from './svg.ts';

export interface ScatterOptions {
  /** Class index of each point [n]: colours the points by class. */
  classes?: Tensor;
  /** One colour for all points (when there are no classes). */
  colour?: string;
  radius?: number;
  opacity?: number;
}

/** Points [n, 2] as dots, coloured by class. */
export function scatter(points: Tensor, opts: ScatterOptions = {}): Layer {
  const xy = pairsOf('scatter', points);
  if (opts.classes !== undefined) checkTensor('scatter', 'classes', opts.classes);
  if (opts.classes && (opts.classes.ndim !== 1 || opts.classes.shape[0] !== xy.length)) {
    throw new ShapeError(`scatter: classes must have shape [${xy.length}] to match points ${fmt(points.shape)}, got ${fmt(opts.classes.shape)}`);
  }
  const classes = opts.classes?.data();
  return (fig) => el(
    'g',
    { stroke: '#222', 'stroke-width': 0.4, 'fill-opacity': opts.opacity ?? 0.9 },
    ...xy.map(([x, y], i) => el('circle', {
      cx: fig.x(x), cy: fig.y(y), r: opts.radius ?? 2.5, fill: classes ? classColour(classes[i]) : (opts.colour ?? '#333'),
    })),
  );
}
