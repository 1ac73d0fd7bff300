/**
 * The week-7 pictures, built on the package's SVG plots: energy landscapes as topographic maps
 * (the notes' figures 5, 7 and 10) with a colour bar, trajectories on them, reconstruction grids
 * and loss curves.
 * Each returns a standalone SVG document as text.
 */
import { concat, formatShape, ShapeError, type Tensor } from '@gradschool/tensor';
import {
  COLOUR_BAR_WIDTH, colourBar, type ColourScale, Figure, filledContours, type Grid, gridPoints, imageGrid, type Layer, line, quantileScale,
} from '../plot/index.ts';
import { el } from '../plot/svg.ts';

export interface MapOptions {
  title?: string;
  /**
   * The colours: give every map of a family the same scale (`quantileScale` of all their
   * fields), so that one colour is one energy on all of them. Default: this map's own quantiles.
   */
  scale?: ColourScale;
  /** What the colour bar measures (default 'energy'). */
  barLabel?: string;
  /** Axis labels (default y₁ and y₂, the two coordinates of y). */
  xLabel?: string;
  yLabel?: string;
  /** Width of the plot area in pixels (default 400). */
  width?: number;
}

/** The energy at every cell of `g` ([nx·ny], in gridPoints' order): a map's field. */
export const energyOnGrid = (g: Grid, energy: (points: Tensor) => Tensor): Tensor => energy(gridPoints(g));

/**
 * Filled contours of an energy field over the plane (from `energyOnGrid`), with a colour bar
 * and `layers` (data, prototypes, arrows, trajectories, a legend) drawn on top.
 */
export function topographicMap(g: Grid, field: Tensor, layers: readonly Layer[], opts: MapOptions = {}): string {
  const scale = opts.scale ?? quantileScale([field.data()]);
  const width = opts.width ?? 400;
  const fig = new Figure({
    x: g.x, y: g.y, title: opts.title, equalAspect: true, width, height: width,
    xLabel: opts.xLabel ?? 'y₁', yLabel: opts.yLabel ?? 'y₂', right: COLOUR_BAR_WIDTH,
  });
  return fig
    .draw(filledContours(g, field, { thresholds: [...scale.thresholds], colours: (v) => scale.colour(v), lines: true }), ...layers)
    .annotate(colourBar(scale, opts.barLabel ?? 'energy'))
    .toSVG();
}

/** Trajectories [steps + 1, n, 2] as polylines, each ending in a dot where it landed. */
export function trajectories(paths: Tensor, opts: { colour?: string } = {}): Layer {
  if (paths.ndim !== 3 || paths.shape[2] !== 2) {
    throw new ShapeError(`trajectories: paths must have shape [steps + 1, n, 2], got ${formatShape(paths.shape)}`);
  }
  const [steps, n] = paths.shape;
  const p = paths.data();
  const colour = opts.colour ?? '#2ca02c';
  return (fig) => {
    const tracks = Array.from({ length: n }, (_, i) => {
      const at = (t: number, c: number) => p[(t * n + i) * 2 + c];
      const xs = Array.from({ length: steps }, (_, t) => at(t, 0));
      const ys = Array.from({ length: steps }, (_, t) => at(t, 1));
      const end = el('circle', { cx: fig.x(xs[steps - 1]), cy: fig.y(ys[steps - 1]), r: 2.2, fill: colour, stroke: 'white', 'stroke-width': 0.5 });
      return line(xs, ys, { colour, width: 1.1 })(fig) + end;
    });
    return el('g', {}, ...tracks);
  };
}

/** Rows of images [n, side·side] (clean / corrupted / reconstructed ...), one row each, in one grid. */
export function imageRows(rows: readonly Tensor[], side: number, opts: { title?: string; scale?: number; labels?: readonly string[] } = {}): string {
  const n = rows[0]?.shape[0] ?? 0;
  if (n === 0 || rows.some((r) => r.ndim !== 2 || r.shape[0] !== n || r.shape[1] !== side * side)) {
    throw new ShapeError(`imageRows: every row must have shape [n, ${side * side}] with the same n ≥ 1, got ${rows.map((r) => formatShape(r.shape)).join(', ')}`);
  }
  const images = concat(rows.map((r) => r.reshape(n, side, side)), 0);
  return imageGrid(images, { columns: n, scale: opts.scale ?? 2, range: [0, 1], title: opts.title, rowLabels: opts.labels });
}

/**
 * Filters [n, side·side] (rows of a layer's weights, each a picture of what its unit looks for)
 * tiled in a grid, each on its own symmetric scale: mid-grey is 0, white its largest positive
 * weight, black its largest negative one.
 */
export function filterGrid(weights: Tensor, side: number, opts: { title?: string; columns?: number; scale?: number } = {}): string {
  if (weights.ndim !== 2 || weights.shape[1] !== side * side) {
    throw new ShapeError(`filterGrid: weights must have shape [n, ${side * side}], got ${formatShape(weights.shape)}`);
  }
  const peak = weights.abs().max(1, { keepdim: true }).maximum(1e-12);
  const images = weights.div(peak).add(1).div(2).reshape(weights.shape[0], side, side);
  return imageGrid(images, { columns: opts.columns ?? 8, scale: opts.scale ?? 2, range: [0, 1], title: opts.title });
}

// Loss curves serve both weeks: they live with the plots and keep their week-7 import path.
export { type Curve, type CurveOptions, lossCurves } from '../plot/curves.ts';
