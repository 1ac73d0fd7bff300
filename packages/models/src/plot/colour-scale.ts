/**
 * A colour scale for energies, shared by every map of a family (the plain and the denoising
 * autoencoder, F_β at four β, ...) so that one colour means one energy on all of them, and the
 * colour bar that says which.
 */
import { checkCount } from '../check.ts';
import type { Layer } from './figure.ts';
import { sequentialColours } from './palette.ts';
import { el, text } from './svg.ts';

export interface ColourScale {
  /** The levels at which the colour changes, ascending: n levels make n + 1 bands. */
  readonly thresholds: readonly number[];
  /** The colour of the band holding v. */
  colour(v: number): string;
}

/** Two significant digits: the levels are read off the colour bar, and 0.0123 says no more than 0.012. */
const round2 = (v: number): number => (v === 0 ? 0 : Number(v.toPrecision(2)));

/**
 * Levels at the quantiles of all the fields' values (one field per map) pooled, rounded to two significant digits.
 * Quantiles spend the colours where the values are (energies that grow quadratically away from
 * the data would otherwise paint every valley one flat shade); pooling them makes one scale
 * for the family, so a map whose energies are ten times another's shows ten-times colours.
 */
export function quantileScale(fields: readonly ArrayLike<number>[], levels = 14): ColourScale {
  const count = checkCount('quantileScale', 'levels', levels, 1);
  const sorted = Float64Array.from(fields.flatMap((f) => Array.from(f)).filter(Number.isFinite)).sort();
  if (sorted.length === 0) throw new RangeError('quantileScale: the fields have no finite value');
  const picked = Array.from({ length: count }, (_, i) => round2(sorted[Math.floor(((i + 1) * sorted.length) / (count + 1))]));
  const thresholds = [...new Set(picked)].sort((a, b) => a - b);
  const byRank = sequentialColours(0, thresholds.length);
  return { thresholds, colour: (v) => byRank(thresholds.filter((t) => t <= v).length) };
}

/** Width the colour bar needs right of the plot area, labels included. */
export const COLOUR_BAR_WIDTH = 86;

/**
 * The scale as a column of bands right of the plot area (draw it with `Figure.annotate`), one
 * equal step per band, each boundary labelled with its level, `label` running along its side.
 */
export function colourBar(scale: ColourScale, label: string): Layer {
  return (fig) => {
    const { left, top, width, height } = fig.area;
    const x = left + width + 14;
    const bands = scale.thresholds.length + 1;
    const step = height / bands;
    // band i (from the bottom) holds values between thresholds i − 1 and i
    const band = (i: number) => el('rect', {
      x, y: top + height - (i + 1) * step, width: 14, height: step,
      fill: scale.colour(i === 0 ? -Infinity : scale.thresholds[i - 1]),
    });
    const tick = (t: number, i: number) => {
      const y = top + height - (i + 1) * step;
      return el('line', { x1: x + 14, y1: y, x2: x + 18, y2: y, stroke: '#333' }) + text({ x: x + 21, y: y + 4 }, String(t));
    };
    return el('g', { 'font-size': 10, fill: '#333' },
      ...Array.from({ length: bands }, (_, i) => band(i)),
      el('rect', { x, y: top, width: 14, height, fill: 'none', stroke: '#333' }),
      ...scale.thresholds.map(tick),
      text({ transform: `translate(${x + 76},${top + height / 2}) rotate(90)`, 'text-anchor': 'middle', 'font-size': 11 }, label));
  };
}
