/**
 * Picking and joining. gather and scatterAdd are each other's adjoint: gather reads x at the
 * indices, so its vjp adds the gradient back at the same indices (several reads of one element
 * add up), and the vjp of scatterAdd reads the gradient at the indices.
 */
import {
  concat as concatTensors, indexVector, normalizeDim, scatterAdd as scatterAddTensor, stack as stackTensors, type Tensor,
} from '@gradschool/tensor';
import { record } from '../record.ts';
import { lift, type Variable } from '../variable.ts';

/** out[..., i, ...] = x[..., index[..., i, ...], ...] along `dim` (torch.gather). */
export function gather(x: Variable, dim: number, index: Tensor): Variable {
  return record('gather', x.value.gather(dim, index), [x], [(g) => scatterAdd(x.shape, dim, index, g)]);
}

/** zeros(shape), then src added at the positions `index` names along `dim` (torch.scatter_add). */
export function scatterAdd(shape: readonly number[], dim: number, index: Tensor, src: Variable): Variable {
  return record('scatterAdd', scatterAddTensor(shape, dim, index, src.value), [src], [(g) => g.gather(dim, index)]);
}

/** The slices of x at `index` along `dim`: a gather with the index spread across the other axes. */
export function indexSelect(x: Variable, dim: number, index: Tensor | readonly number[]): Variable {
  const value = x.value.indexSelect(dim, index); // checks x, dim and index, with indexSelect's messages
  const d = normalizeDim('indexSelect', dim, x.ndim, x.shape);
  const idx = indexVector('indexSelect', index, x.shape, d); // the same index as a tensor, made as the Tensor makes it
  const spread = idx.reshape(value.shape.map((s, i) => (i === d ? s : 1))).expand(value.shape);
  return record('indexSelect', value, [x], [(g) => scatterAdd(x.shape, d, spread, g)]);
}

/** Join along `dim`; each input's gradient is its own stretch of the output's gradient. */
export function concat(xs: readonly (Variable | Tensor)[], dim = 0): Variable {
  const vars = xs.map((x) => lift('concat', x));
  const value = concatTensors(vars.map((v) => v.value), dim);
  const d = normalizeDim('concat', dim, value.ndim, value.shape);
  const starts = vars.map((_, i) => vars.slice(0, i).reduce((n, v) => n + v.shape[d], 0));
  return record('concat', value, vars, vars.map((v, i) => (g: Variable) => g.narrow(d, starts[i], v.shape[d])));
}

/** Join along a new axis `dim`; input i's gradient is slice i of the output's gradient. */
export function stack(xs: readonly (Variable | Tensor)[], dim = 0): Variable {
  const vars = xs.map((x) => lift('stack', x));
  const value = stackTensors(vars.map((v) => v.value), dim);
  const d = normalizeDim('stack', dim, value.ndim, value.shape);
  return record('stack', value, vars, vars.map((_, i) => (g: Variable) => g.narrow(d, i, 1).squeeze(d)));
}
