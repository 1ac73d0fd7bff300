/**
 * Views rearrange elements without changing them, so their vjps rearrange the gradient back:
 * a reshape is undone by a reshape, a permutation by its inverse, an expand by a sum
 * (`unbroadcast`), and a slice by putting the gradient back into zeros at the sliced positions.
 */
import { arange, type Dims, normalizeDim, type Tensor } from '@gradschool/tensor';
import { record } from '../record.ts';
import { unbroadcast } from '../unbroadcast.ts';
import type { Variable } from '../variable.ts';
import { scatterAdd } from './indexing.ts';

/** Any op that only changes the shape: its vjp reshapes the gradient back. */
const reshaped = (op: string, x: Variable, value: Tensor): Variable =>
  record(op, value, [x], [(g) => g.reshape(x.shape)]);

export const reshape = (x: Variable, shape: readonly number[]): Variable => reshaped('reshape', x, x.value.reshape(shape));
export const view = (x: Variable, shape: readonly number[]): Variable => reshaped('view', x, x.value.view(shape));
export const flatten = (x: Variable, startDim: number, endDim: number): Variable =>
  reshaped('flatten', x, x.value.flatten(startDim, endDim));
export const squeeze = (x: Variable, dim?: Dims): Variable => reshaped('squeeze', x, x.value.squeeze(dim));
export const unsqueeze = (x: Variable, dim: number): Variable => reshaped('unsqueeze', x, x.value.unsqueeze(dim));

export function permute(x: Variable, dims: readonly number[]): Variable {
  const value = x.value.permute(dims);
  const inverse = new Array<number>(dims.length);
  dims.forEach((d, i) => { inverse[d < 0 ? d + x.ndim : d] = i; });
  return record('permute', value, [x], [(g) => g.permute(inverse)]);
}

export function transpose(x: Variable, dim0: number, dim1: number): Variable {
  const value = x.value.transpose(dim0, dim1); // checks both dims, with transpose's message, whatever the rank
  if (x.ndim < 2) return x; // as for tensors: nothing to swap
  return record('transpose', value, [x], [(g) => g.transpose(dim0, dim1)]);
}

export const expand = (x: Variable, shape: readonly number[]): Variable =>
  record('expand', x.value.expand(shape), [x], [(g) => unbroadcast(g, x.shape)]);

/** Elements start, start+step, ... below end along `dim` (Python slicing). */
export function slice(x: Variable, dim: number, start = 0, end?: number, step = 1): Variable {
  const value = x.value.slice(dim, start, end, step);
  const d = normalizeDim('slice', dim, x.ndim, x.shape);
  const n = x.shape[d];
  const first = Math.min(Math.max(start < 0 ? start + n : start, 0), n);
  return record('slice', value, [x], [
    (g) => {
      const picked = arange(first, first + value.shape[d] * step, step).reshape(value.shape.map((s, i) => (i === d ? s : 1)));
      return scatterAdd(x.shape, d, picked.expand(value.shape), g);
    },
  ]);
}

export function narrow(x: Variable, dim: number, start: number, length: number): Variable {
  x.value.narrow(dim, start, length); // checks the bounds, with narrow's own message
  const d = normalizeDim('narrow', dim, x.ndim, x.shape);
  const s = start < 0 ? start + x.shape[d] : start;
  return slice(x, d, s, s + length);
}
