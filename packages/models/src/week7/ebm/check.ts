import { formatShape, normalizeDim } from '@gradschool/tensor';

/** β is an inverse temperature: any number in (0, ∞]. */
export function checkBeta(op: string, beta: number): number {
  if (!(beta > 0)) throw new RangeError(`${op}: beta must be > 0 (an inverse temperature; Infinity gives the minimum), got ${beta}`);
  return beta;
}

/** The axis that enumerates the values of z (or y), which must not be empty. */
export function checkAxis(op: string, shape: readonly number[], dim: number, what: string): number {
  const d = normalizeDim(op, dim, shape.length, shape);
  if (shape.length === 0 || shape[d] === 0) {
    throw new RangeError(`${op}: energies of shape ${formatShape(shape)} hold no values of ${what} along dim ${dim}`);
  }
  return d;
}
