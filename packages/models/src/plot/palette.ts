/** Colours: one per class, one per curve, the week-7 maps' data and prototypes, and a sequential map for scalar fields such as energies. */
import { scaleLinear } from 'd3-scale';

/** Tableau 10: distinct hues that stay apart for colour-blind readers and in grey print. */
export const CLASS_COLOURS = [
  '#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac',
] as const;

/**
 * Colours for curves of different models or settings, kept apart from the class colours so that
 * a curve is never read as a class: near-black, then darker hues than Tableau's.
 */
export const SERIES_COLOURS = ['#222222', '#c44e52', '#1f5f99', '#8c6d31', '#6b4c9a', '#2f7f5f'] as const;

export const classColour = (c: number): string => CLASS_COLOURS[c % CLASS_COLOURS.length];

/** The training data on week 7's energy maps: the notes draw their training points pink. */
export const DATA_COLOUR = '#e377c2';
/** K-means prototypes, the columns of W, on week 7's energy maps. */
export const PROTOTYPE_COLOUR = '#d62728';

/** Viridis stops: perceptually even and readable in grey, dark for low values. */
const VIRIDIS = ['#440154', '#482878', '#3e4989', '#31688e', '#26828e', '#1f9e89', '#35b779', '#6ece58', '#b5de2b', '#fde725'];

/** A colour for each value in [lo, hi] (viridis: low is dark purple, high is yellow). */
export function sequentialColours(lo: number, hi: number): (v: number) => string {
  const span = hi > lo ? hi - lo : 1;
  const stops = VIRIDIS.map((_, i) => lo + (span * i) / (VIRIDIS.length - 1));
  const scale = scaleLinear<string>().domain(stops).range(VIRIDIS).clamp(true);
  return (v) => scale(v);
}

/** `colour` mixed with white (amount 0 keeps it, 1 gives white): an opaque light shade for areas. */
export const tint = (colour: string, amount: number): string => scaleLinear<string>().domain([0, 1]).range([colour, '#ffffff'])(amount);
