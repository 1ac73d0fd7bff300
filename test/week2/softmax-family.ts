/**
 * Shared by the softmax checks (2.3–2.6): float64 oracles computed line by line with the max
 * subtracted first, and inputs with a softmax dim.
 */
import fc from 'fast-check';
import { dimOf, ndOf, shapes } from '../harness/arbitraries.ts';
import { mapLines, type Nd } from '../harness/nd.ts';

export function softmaxLine(v: readonly number[]): number[] {
  const m = Math.max(...v);
  const e = v.map((x) => Math.exp(x - m));
  const total = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / total);
}

export function logSoftmaxLine(v: readonly number[]): number[] {
  const m = Math.max(...v);
  const lse = Math.log(v.reduce((acc, x) => acc + Math.exp(x - m), 0));
  return v.map((x) => x - m - lse);
}

export const softmaxNd = (x: Nd, dim: number): Nd => mapLines(x, dim, softmaxLine);
export const logSoftmaxNd = (x: Nd, dim: number): Nd => mapLines(x, dim, logSoftmaxLine);

export interface LineCase {
  x: Nd;
  dim: number;
}

/**
 * x of rank 1 to 3 with a dim to work along (`opts.dim`, or any, negative half the time). Other
 * axes may be empty (a batch of 0 rows is legal); the dim itself has at least `minLine` entries.
 */
export function lineCases(
  values: fc.Arbitrary<number>,
  opts: { maxSize?: number; minSize?: number; minLine?: number; maxLine?: number; dim?: number } = {},
): fc.Arbitrary<LineCase> {
  const { maxSize = 4, minSize = 0, minLine = 1, maxLine = maxSize } = opts;
  return shapes({ minRank: 1, maxRank: 3, minSize, maxSize }).chain((shape) =>
    fc.tuple(opts.dim === undefined ? dimOf(shape.length) : fc.constant(opts.dim), fc.integer({ min: minLine, max: maxLine })).chain(([dim, line]) => {
      const s = [...shape];
      s[dim < 0 ? dim + s.length : dim] = line;
      return ndOf(s, values).map((x) => ({ x, dim }));
    }),
  );
}
