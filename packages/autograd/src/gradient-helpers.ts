/** Gradients that need more than one line: the product of the others, and softmax over several dims. */
import { ones, sizeOf } from '@gradschool/tensor';
import { concat } from './functions.ts';
import type { Variable } from './variable.ts';

/**
 * `f` applied to x with the axes `dims` moved to the end and merged into one, so that each row is
 * one slice along `dims`; the result is put back in x's shape. A 0-d x folds its one element.
 */
function overRows(x: Variable, dims: readonly number[], f: (rows: Variable) => Variable): Variable {
  if (x.ndim === 0) return f(x.reshape([1])).reshape([]);
  const rest = [...x.shape.keys()].filter((d) => !dims.includes(d));
  const order = [...rest, ...dims];
  const moved = x.permute(order);
  const rows = moved.reshape([...rest.map((d) => x.shape[d]), sizeOf(dims.map((d) => x.shape[d]))]);
  return f(rows).reshape(moved.shape).permute(order.map((_, i) => order.indexOf(i)));
}

/**
 * softmax over several dims at once, by the softmax op itself: the same stable forward (shifted
 * by the max), and differentiable again. (exp(x - logsumexp(x)) would not do: for logits so large
 * that adding log(n) to them is lost to rounding, every weight would be exp(0) = 1.)
 */
export const softmaxOver = (x: Variable, dims: readonly number[]): Variable => overRows(x, dims, (rows) => rows.softmax(-1));

/**
 * At each element: the product of the other elements of its slice along `dims`. Dividing the
 * product by x_i would be NaN at a zero (and inf where the product overflows but the others' does
 * not), so it is built from multiplications only; then every order of derivative of it is right
 * too, zeros included (PyTorch gets the same values by a case analysis on the count of zeros).
 */
export const productOfOthers = (x: Variable, dims: readonly number[]): Variable =>
  overRows(x, dims, (rows) => exclusiveProducts(rows).mul(reversed(exclusiveProducts(reversed(rows)))));

/**
 * out_i = x_0·…·x_{i-1} along the last axis (1 for i = 0), in log2(n) rounds of a scan
 * (Hillis–Steele): shift right by one, then in each round multiply every entry by the one s places
 * back, doubling s, so each entry gathers the products of ever longer runs before it.
 */
function exclusiveProducts(rows: Variable): Variable {
  const n = rows.shape[rows.ndim - 1];
  if (n === 0) return rows;
  const one = ones([...rows.shape.slice(0, -1), 1], { dtype: rows.dtype });
  let out = concat([one, rows.narrow(-1, 0, n - 1)], -1);
  for (let s = 1; s < n; s *= 2) out = concat([out.narrow(-1, 0, s), out.narrow(-1, s, n - s).mul(out.narrow(-1, 0, n - s))], -1);
  return out;
}

const reversed = (rows: Variable): Variable => rows.indexSelect(-1, [...Array(rows.shape[rows.ndim - 1]).keys()].reverse());
