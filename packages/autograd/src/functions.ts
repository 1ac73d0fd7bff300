/**
 * The ops that are functions rather than methods: they take several Variables (or a mask and
 * two values), so each writes its forward and its vjps here, side by side. Every other op is a
 * method made from the tensor package's op table, with its vjps in `derivatives.ts`.
 */
import {
  concat as concatTensors, describeValue, normalizeDim, scatterAdd as scatterAddTensor, stack as stackTensors, type Tensor,
  where as whereTensor,
} from '@gradschool/tensor';
import { record } from './record.ts';
import { unbroadcast } from './unbroadcast.ts';
import { type Input, lift, liftPair, Variable } from './variable.ts';

/** cond != 0 ? a : b, broadcast over all three; `cond` is a constant mask. */
export function where(cond: Tensor | Variable, x: Input, y: Input): Variable {
  const mask = cond instanceof Variable ? cond.value : cond;
  const [a, b] = liftPair('where', x, y);
  return record('where', whereTensor(mask, a.value, b.value), [a, b], [
    (g) => unbroadcast(where(mask, g, 0), a.shape),
    (g) => unbroadcast(where(mask, 0, g), b.shape),
  ]);
}

/** zeros(shape), then src added at the positions `index` names along `dim` (torch.scatter_add). */
export function scatterAdd(shape: readonly number[], dim: number, index: Tensor, src: Variable | Tensor): Variable {
  const x = lift('scatterAdd', src);
  return record('scatterAdd', scatterAddTensor(shape, dim, index, x.value), [x], [(g) => g.gather(dim, index)]);
}

/** The list of a join: an array (not one Variable), each element lifted by name. */
function listOf(op: string, xs: readonly (Variable | Tensor)[]): Variable[] {
  if (!Array.isArray(xs)) throw new TypeError(`${op}: expects an array of Variables or Tensors, as in ${op}([a, b]), got ${describeValue(xs)}`);
  return xs.map((x) => lift(op, x));
}

/** Join along `dim`; each input's gradient is its own stretch of the output's gradient. */
export function concat(xs: readonly (Variable | Tensor)[], dim = 0): Variable {
  const vars = listOf('concat', xs);
  const value = concatTensors(vars.map((v) => v.value), dim);
  const d = normalizeDim('concat', dim, value.ndim, value.shape);
  const starts = vars.map((_, i) => vars.slice(0, i).reduce((n, v) => n + v.shape[d], 0));
  return record('concat', value, vars, vars.map((v, i) => (g: Variable) => g.narrow(d, starts[i], v.shape[d])));
}

/** Join along a new axis `dim`; input i's gradient is slice i of the output's gradient. */
export function stack(xs: readonly (Variable | Tensor)[], dim = 0): Variable {
  const vars = listOf('stack', xs);
  const value = stackTensors(vars.map((v) => v.value), dim);
  const d = normalizeDim('stack', dim, value.ndim, value.shape);
  return record('stack', value, vars, vars.map((_, i) => (g: Variable) => g.narrow(d, i, 1).squeeze(d)));
}

// function forms of methods, for either operand a Variable, a Tensor or a number (which takes the other's dtype)
export const maximum = (x: Input, y: Input): Variable => liftPair('maximum', x, y)[0].maximum(y);
export const minimum = (x: Input, y: Input): Variable => liftPair('minimum', x, y)[0].minimum(y);
export const matmul = (x: Variable | Tensor, y: Variable | Tensor): Variable => lift('matmul', x).matmul(y);
export const dot = (x: Variable | Tensor, y: Variable | Tensor): Variable => lift('dot', x).dot(y);
export const outer = (x: Variable | Tensor, y: Variable | Tensor): Variable => lift('outer', x).outer(y);
export const gather = (x: Variable | Tensor, dim: number, index: Tensor): Variable => lift('gather', x).gather(dim, index);
