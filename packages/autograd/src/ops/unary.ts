/**
 * Elementwise math: each derivative beside its function. Where the output is cheaper than the
 * input (exp, sqrt, tanh, sigmoid), the vjp reuses it.
 */
import type { DType, Tensor } from '@gradschool/tensor';
import { record } from '../record.ts';
import type { Variable } from '../variable.ts';

type UnaryVjp = (g: Variable, x: Variable, out: Variable) => Variable;

function unaryOp(op: string, forward: (x: Tensor) => Tensor, vjp: UnaryVjp) {
  return (x: Variable): Variable => {
    const out = record(op, forward(x.value), [x], [(g) => vjp(g, x, out)]);
    return out;
  };
}

export const neg = unaryOp('neg', (x) => x.neg(), (g) => g.neg());
export const exp = unaryOp('exp', (x) => x.exp(), (g, _x, out) => g.mul(out));
export const expm1 = unaryOp('expm1', (x) => x.expm1(), (g, _x, out) => g.mul(out.add(1)));
export const log = unaryOp('log', (x) => x.log(), (g, x) => g.div(x));
export const log1p = unaryOp('log1p', (x) => x.log1p(), (g, x) => g.div(x.add(1)));
export const sqrt = unaryOp('sqrt', (x) => x.sqrt(), (g, _x, out) => g.div(out.mul(2)));
export const square = unaryOp('square', (x) => x.square(), (g, x) => g.mul(x).mul(2));
export const reciprocal = unaryOp('reciprocal', (x) => x.reciprocal(), (g, _x, out) => g.mul(out.square()).neg());
export const sin = unaryOp('sin', (x) => x.sin(), (g, x) => g.mul(x.cos()));
export const cos = unaryOp('cos', (x) => x.cos(), (g, x) => g.mul(x.sin()).neg());
export const tanh = unaryOp('tanh', (x) => x.tanh(), (g, _x, out) => g.mul(out.square().neg().add(1)));
export const sigmoid = unaryOp('sigmoid', (x) => x.sigmoid(), (g, _x, out) => g.mul(out).mul(out.neg().add(1)));

/** |x|' = sign(x), taken as 0 at x = 0 (the middle of the subgradient [-1, 1]). */
export const abs = unaryOp('abs', (x) => x.abs(), (g, x) => g.mul(x.value.sign()));

/** relu'(x) = 1 for x > 0 and 0 otherwise, including at x = 0 (as in PyTorch). */
export const relu = unaryOp('relu', (x) => x.relu(), (g, x) => g.mul(x.value.gt(0)));

/** A change of dtype; the gradient goes back in the input's dtype. */
export function to(x: Variable, dtype: DType): Variable {
  if (dtype === x.dtype) return x;
  return record('to', x.value.to(dtype), [x], [(g) => g.to(x.dtype)]);
}
