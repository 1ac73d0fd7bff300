/**
 * The week-7 pictures, built on the package's SVG plots: energy landscapes as topographic maps
 * (the notes' figures 5, 7 and 10) with a colour bar, trajectories on them, reconstruction grids,
 * loss curves, and the conditional predictions of least squares against a latent variable.
 * Each returns a standalone SVG document as text.
 */
import { noGrad } from '@gradschool/autograd';
import { concat, formatShape, linspace, ShapeError, type Tensor } from '@gradschool/tensor';
import type { Dataset } from '../data/dataset.ts';
import {
  COLOUR_BAR_WIDTH, colourBar, type ColourScale, DATA_COLOUR, type Domain, Figure, filledContours, type Grid, gridPoints, imageGrid, type Layer, legend, line, quantileScale,
  scatter, SERIES_COLOURS,
} from '../plot/index.ts';
import { el, text } from '../plot/svg.ts';
import type { LatentPredictor } from './conditional/two-branches.ts';

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

/**
 * A closed curve through `points` [k, 2], each piece coloured by `values` (one per point) on the
 * scale's colours, with the colour bar, on a map's axes: for a distribution whose mass lies on the
 * curve itself, where no grid cell of a topographic map could hold it. `note` says so on the panel.
 */
export function curveMap(x: Domain, y: Domain, points: Tensor, values: readonly number[], opts: MapOptions & { note?: string } = {}): string {
  if (points.ndim !== 2 || points.shape[1] !== 2 || points.shape[0] !== values.length || values.length < 2) {
    throw new ShapeError(`curveMap: points must have shape [k, 2] with k ≥ 2 and one value each, got ${formatShape(points.shape)} and ${values.length} values`);
  }
  const scale = opts.scale ?? quantileScale([values]);
  const width = opts.width ?? 400;
  const p = points.data();
  const k = values.length;
  const pieces: Layer = (fig) => el('g', { 'stroke-width': 5, 'stroke-linecap': 'round' }, ...values.map((v, i) => {
    const j = (i + 1) % k;
    return el('line', { x1: fig.x(p[2 * i]), y1: fig.y(p[2 * i + 1]), x2: fig.x(p[2 * j]), y2: fig.y(p[2 * j + 1]), stroke: scale.colour((v + values[j]) / 2) });
  }));
  const note: Layer = (fig) => (opts.note
    ? text({ x: fig.area.left + fig.area.width / 2, y: fig.area.top + fig.area.height - 12, 'text-anchor': 'middle', 'font-size': 12, fill: '#222' }, opts.note)
    : '');
  return new Figure({ x, y, title: opts.title, equalAspect: true, width, height: width, xLabel: opts.xLabel ?? 'y₁', yLabel: opts.yLabel ?? 'y₂', right: COLOUR_BAR_WIDTH })
    .draw(pieces, note)
    .annotate(colourBar(scale, opts.barLabel ?? 'density'))
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

/**
 * "Given y₁, predict y₂" with two right answers (`twoBranches`): the data, least squares' single
 * prediction ȳ(y₁) (one z), and the latent-variable EBM's prediction for each value of z,
 * G(y₁, z), where F(y₁, y₂) = min_z E(y₁, y₂, z) is 0.
 */
export function branchesFigure(data: Dataset, run: { leastSquares: LatentPredictor; latent: LatentPredictor }, opts: { title?: string } = {}): string {
  const y1 = linspace(-1, 1, 101);
  const predict = (m: LatentPredictor) => noGrad(() => m.forward(y1.reshape(-1, 1))).value;
  const ls = predict(run.leastSquares).squeeze(1).data();
  const lv = predict(run.latent);
  const zs = Array.from({ length: run.latent.latents }, (_, z) => z);
  const colour = (z: number) => SERIES_COLOURS[1 + (z % (SERIES_COLOURS.length - 1))];
  // room above the data for the key
  return new Figure({ x: [-1.1, 1.1], y: [-1, 1.5], equalAspect: true, width: 420, title: opts.title, xLabel: 'y₁ (given)', yLabel: 'y₂ (predicted)' })
    .draw(
      scatter(concat([data.x, data.y], 1), { colour: DATA_COLOUR, radius: 1.6 }),
      line(y1.data(), ls, { colour: SERIES_COLOURS[0], dashed: true, width: 2 }),
      ...zs.map((z) => line(y1.data(), lv.slice(1, z, z + 1).squeeze(1).data(), { colour: colour(z), width: 2 })),
      legend([
        { label: 'data: two answers y₂ for each y₁', colour: DATA_COLOUR, radius: 2 },
        { label: 'least squares: ȳ(y₁), their mean', colour: SERIES_COLOURS[0], mark: 'line', dashed: true },
        ...zs.map((z) => ({ label: `latent EBM: G(y₁, z = ${z + 1})`, colour: colour(z), mark: 'line' as const })),
      ], 'top-left'),
    )
    .toSVG();
}
