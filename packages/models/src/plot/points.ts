import { checkTensor, formatShape as fmt, ShapeError, type Tensor } from '@gradschool/tensor';

/** Rows of a [n, 2] tensor as host pairs, for drawing. */
export function pairsOf(op: string, points: Tensor): [number, number][] {
  checkTensor(op, 'points', points);
  if (points.ndim !== 2 || points.shape[1] !== 2) {
    throw new ShapeError(`${op}: points must have shape [n, 2], got ${fmt(points.shape)}`);
  }
  const d = points.data();
  return Array.from({ length: points.shape[0] }, (_, i) => [d[2 * i], d[2 * i + 1]]);
}
