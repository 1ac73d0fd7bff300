/**
 * The week-7 pictures, built on the package's SVG plots: energy landscapes as topographic maps
 * (the notes' figures 5, 7 and 10), trajectories on them, reconstruction grids and loss curves.
 * Each returns a standalone SVG document as text.
 */
import { concat, formatShape, ShapeError, type Tensor } from '@gradschool/tensor';
import {
  CLASS_COLOURS, type Domain, Figure, filledContours, type Grid, gridPoints, imageGrid, type Layer, legend, line, sequentialColours,
} from '../plot/index.ts';
import { el } from '../plot/svg.ts';
import { checkCount } from '../check.ts';

export interface MapOptions {
  title?: string;
  /** How many level sets (default 14). */
  levels?: number;
}

/**
 * Filled contours of an energy over the plane, `energy` evaluated at every cell of `g`, with
 * `layers` (data, prototypes, arrows, trajectories) drawn on top.
 * The levels are quantiles of the energy over the grid, so every colour band covers about as
 * much of the map: energies that grow quadratically away from the data would otherwise spend
 * all their colours far away and paint the interesting valleys one flat shade.
 */
export function topographicMap(g: Grid, energy: (points: Tensor) => Tensor, layers: readonly Layer[], opts: MapOptions = {}): string {
  const field = energy(gridPoints(g));
  const sorted = Float64Array.from(field.data()).filter(Number.isFinite).sort();
  if (sorted.length === 0) throw new RangeError('topographicMap: the energy has no finite value on the grid');
  const count = checkCount('topographicMap', 'levels', opts.levels ?? 14, 1);
  const thresholds = [...new Set(Array.from({ length: count }, (_, i) => sorted[Math.floor(((i + 1) * sorted.length) / (count + 1))]))];
  const byRank = sequentialColours(0, thresholds.length);
  const colours = (v: number) => byRank(thresholds.filter((t) => t <= v).length);
  const fig = new Figure({ x: g.x, y: g.y, title: opts.title, equalAspect: true, width: 440, height: 440 });
  return fig.draw(filledContours(g, field, { thresholds, colours, lines: true }), ...layers).toSVG();
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
export function imageRows(rows: readonly Tensor[], side: number, opts: { title?: string; scale?: number } = {}): string {
  const n = rows[0]?.shape[0] ?? 0;
  if (n === 0 || rows.some((r) => r.ndim !== 2 || r.shape[0] !== n || r.shape[1] !== side * side)) {
    throw new ShapeError(`imageRows: every row must have shape [n, ${side * side}] with the same n ≥ 1, got ${rows.map((r) => formatShape(r.shape)).join(', ')}`);
  }
  const images = concat(rows.map((r) => r.reshape(n, side, side)), 0);
  return imageGrid(images, { columns: n, scale: opts.scale ?? 2, range: [0, 1], title: opts.title });
}

export interface Curve {
  label: string;
  values: readonly number[];
  colour?: string;
  dashed?: boolean;
}

/** Loss (or any measure) against the training step, several curves on shared axes with a key. */
export function lossCurves(curves: readonly Curve[], opts: { title?: string; xLabel?: string; yLabel?: string } = {}): string {
  const all = curves.flatMap((c) => c.values.filter(Number.isFinite));
  const steps = Math.max(1, ...curves.map((c) => c.values.length - 1));
  if (all.length === 0) throw new RangeError('lossCurves: no finite value to draw');
  const [lo, hi] = [Math.min(0, ...all), Math.max(...all)];
  const y: Domain = [lo, hi > lo ? hi * 1.05 : lo + 1];
  const fig = new Figure({ x: [0, steps], y, width: 460, height: 280, title: opts.title, xLabel: opts.xLabel ?? 'step', yLabel: opts.yLabel ?? 'loss' });
  const colourOf = (c: Curve, i: number) => c.colour ?? CLASS_COLOURS[i % CLASS_COLOURS.length];
  return fig.draw(
    ...curves.map((c, i) => line(c.values.map((_, t) => t), c.values, { colour: colourOf(c, i), dashed: c.dashed })),
    legend(curves.map((c, i) => ({ label: c.label, colour: colourOf(c, i), mark: 'line' as const, dashed: c.dashed }))),
  ).toSVG();
}
