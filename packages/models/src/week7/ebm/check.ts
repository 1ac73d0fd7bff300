import { describeValue, formatShape, normalizeDim } from '@gradschool/tensor';
import { checkData } from '../../check.ts';

/** β is an inverse temperature: any number in (0, ∞]. */
export function checkBeta(op: string, beta: number): number {
  if (typeof beta !== 'number') throw new TypeError(`${op}: beta must be a number > 0 (an inverse temperature; Infinity gives the minimum), got ${describeValue(beta)}`);
  if (!(beta > 0)) throw new RangeError(`${op}: beta must be > 0 (an inverse temperature; Infinity gives the minimum), got ${beta}`);
  return beta;
}

/** The axis that enumerates the values of z (or y), which must not be empty. */
export function checkAxis(op: string, energies: unknown, dim: number, what: string): number {
  checkData(op, 'energies', energies);
  const { shape } = energies;
  const d = normalizeDim(op, dim, shape.length, shape);
  if (shape.length === 0 || shape[d] === 0) {
    throw new RangeError(`${op}: energies of shape ${formatShape(shape)} hold no values of ${what} along dim ${dim}`);
  }
  return d;
}
