/**
 * Filled contours of fields sampled on a grid (d3-contour's marching squares): energy
 * landscapes as topographic maps, and a classifier's decision regions.
 */
import { formatShape as fmt, ShapeError, type Tensor } from '@gradschool/tensor';
import { contours, type ContourMultiPolygon } from 'd3-contour';
import { curveLinearClosed, line } from 'd3-shape';
import type { Figure, Layer } from './figure.ts';
import type { Grid } from './grid.ts';
import { classColour, sequentialColours, tint } from './palette.ts';
import { el } from './svg.ts';

/**
 * The field with its border repeated one cell further out on every side. Marching squares
 * treats everything outside the array as below every level, so level sets would cut a
 * corner off each cell where a boundary meets the edge; padded, those cuts fall outside the
 * grid, where the clip hides them.
 */
function padded(values: ArrayLike<number>, g: Grid): number[] {
  const [w, h] = [g.nx + 2, g.ny + 2];
  const out = new Array<number>(w * h);
  for (let j = 0; j < h; j++) {
    const row = Math.min(Math.max(j - 1, 0), g.ny - 1);
    for (let i = 0; i < w; i++) out[j * w + i] = values[row * g.nx + Math.min(Math.max(i - 1, 0), g.nx - 1)];
  }
  return out;
}

/** Level sets of a field on the padded grid. */
const contoursOf = (g: Grid) => contours().size([g.nx + 2, g.ny + 2]);

/**
 * d3-contour puts value i + j·w at (i + ½, j + ½), so padded cell (i, j) is grid cell
 * (i - 1, j - 1): shift back one cell, scale onto the grid's rectangle, then to pixels.
 */
function pathOf(fig: Figure, g: Grid, shape: ContourMultiPolygon): string {
  const sx = (g.x[1] - g.x[0]) / g.nx;
  const sy = (g.y[1] - g.y[0]) / g.ny;
  const ring = line<number[]>((p) => fig.x(g.x[0] + (p[0] - 1) * sx), (p) => fig.y(g.y[0] + (p[1] - 1) * sy))
    .curve(curveLinearClosed);
  return shape.coordinates.flatMap((polygon) => polygon.map((r) => ring(r) ?? '')).join('');
}

/** A group clipped to the grid's rectangle (ids are document-wide, so the rectangle names it). */
function clipped(fig: Figure, g: Grid, ...children: string[]): string {
  const [x, y] = [fig.x(g.x[0]), fig.y(g.y[1])];
  const [width, height] = [fig.x(g.x[1]) - x, fig.y(g.y[0]) - y];
  const id = `grid-${[x, y, width, height].map((v) => Math.round(v)).join('-')}`;
  const clip = el('clipPath', { id }, el('rect', { x, y, width, height }));
  return el('g', {}, el('defs', {}, clip), el('g', { 'clip-path': `url(#${id})` }, ...children));
}

function checkCells(op: string, g: Grid, field: Tensor, ok: boolean, expected: string): void {
  if (!ok) throw new ShapeError(`${op}: a ${g.nx}×${g.ny} grid needs values of shape ${expected}, got ${fmt(field.shape)}`);
}

export interface ContourOptions {
  /** Levels at which the colour changes: a count (rounded to nice values) or the values themselves. */
  thresholds?: number | number[];
  /** Colour of each level; viridis over the field's range by default. */
  colours?: (level: number) => string;
  /** Draw the level lines too (a topographic map). */
  lines?: boolean;
}

/** The field [nx·ny] (from a model run on gridPoints) as nested filled level sets, low to high. */
export function filledContours(g: Grid, field: Tensor, opts: ContourOptions = {}): Layer {
  checkCells('filledContours', g, field, field.size === g.nx * g.ny, `[${g.nx * g.ny}] (one per cell)`);
  const values = field.data();
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) if (Number.isFinite(v)) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
  if (!(lo <= hi)) throw new RangeError('filledContours: the field has no finite value to draw');
  const colour = opts.colours ?? sequentialColours(lo, hi);
  const levels = contoursOf(g).thresholds(opts.thresholds ?? 12)(padded(values, g));
  return (fig) => {
    // Each level set covers where the field is >= its level; below the first one, the lowest colour.
    const base = el('rect', { x: fig.area.left, y: fig.area.top, width: fig.area.width, height: fig.area.height, fill: colour(lo) });
    const fills = levels.map((c) => el('path', {
      d: pathOf(fig, g, c), fill: colour(c.value),
      stroke: opts.lines ? 'white' : colour(c.value), 'stroke-width': opts.lines ? 0.6 : 0.3, 'stroke-opacity': opts.lines ? 0.6 : 1,
    }));
    return clipped(fig, g, base, ...fills);
  };
}

/**
 * Where the classifier picks each class, from its scores [nx·ny, K] on gridPoints. Class k's
 * region is where s_k - max_{j≠k} s_j >= 0; contouring that margin (not the argmax itself)
 * lets marching squares interpolate smooth boundaries between cells.
 */
export function decisionRegions(g: Grid, scores: Tensor, opts: { shade?: number } = {}): Layer {
  const cells = g.nx * g.ny;
  const ok = scores.ndim === 2 && scores.shape[0] === cells && scores.shape[1] >= 1;
  checkCells('decisionRegions', g, scores, ok, `[${cells}, K] (K class scores per cell)`);
  const k = scores.shape[1];
  const s = scores.data();
  const regions = Array.from({ length: k }, (_, c) => {
    const margin = new Array<number>(cells);
    for (let i = 0; i < cells; i++) {
      let best = -Infinity;
      for (let j = 0; j < k; j++) if (j !== c) best = Math.max(best, s[i * k + j]);
      margin[i] = s[i * k + c] - best;
    }
    return contoursOf(g).contour(padded(margin, g), 0);
  });
  // Opaque light shades, outlined in themselves: where three regions meet, their separately
  // interpolated borders leave slivers that a thin stroke covers.
  return (fig) => clipped(fig, g, ...regions.map((r, c) => {
    const shade = tint(classColour(c), opts.shade ?? 0.6);
    return el('path', { d: pathOf(fig, g, r), fill: shade, stroke: shade, 'stroke-width': 1 });
  }));
}
