/** Curves against the training step (losses, mean energies), several on shared axes with a key. */
import { type Corner, legend } from './legend.ts';
import { type Domain, Figure } from './figure.ts';
import { line } from './line.ts';
import { SERIES_COLOURS } from './palette.ts';

export interface Curve {
  label: string;
  values: readonly number[];
  colour?: string;
  dashed?: boolean;
}

export interface CurveOptions {
  title?: string;
  xLabel?: string;
  yLabel?: string;
  /**
   * The x of each curve's first value (default 0: a value before any step, then one after each).
   * Per-epoch means start at 1, so the axis reads epochs 1..N.
   */
  first?: number;
  /** Where the key goes, clear of the curves (default top-right). */
  corner?: Corner;
}

/** Loss (or any measure) against the training step, several curves on shared axes with a key. */
export function lossCurves(curves: readonly Curve[], opts: CurveOptions = {}): string {
  const all = curves.flatMap((c) => c.values.filter(Number.isFinite));
  if (all.length === 0) throw new RangeError('lossCurves: no finite value to draw');
  const first = opts.first ?? 0;
  const last = first + Math.max(1, ...curves.map((c) => c.values.length - 1));
  const [lo, hi] = [Math.min(0, ...all), Math.max(...all)];
  const y: Domain = [lo, hi > lo ? hi * 1.05 : lo + 1];
  const fig = new Figure({ x: [first, last], y, width: 460, height: 280, title: opts.title, xLabel: opts.xLabel ?? 'step', yLabel: opts.yLabel ?? 'loss' });
  const colourOf = (c: Curve, i: number) => c.colour ?? SERIES_COLOURS[i % SERIES_COLOURS.length];
  return fig.draw(
    ...curves.map((c, i) => line(c.values.map((_, t) => first + t), c.values, { colour: colourOf(c, i), dashed: c.dashed })),
    legend(curves.map((c, i) => ({ label: c.label, colour: colourOf(c, i), mark: 'line' as const, dashed: c.dashed })), opts.corner),
  ).toSVG();
}
