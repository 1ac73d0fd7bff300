/**
 * Reductions over `dim` (all axes when left out), with `keepdim`. Their vjps first put the
 * reduced axes back as size 1 (`keptShape`), so the gradient broadcasts over what was reduced.
 */
import { type Dims, type KeepDim, normalizeDims, ones, reducedCount, sizeOf, type VarOptions } from '@gradschool/tensor';
import { record } from '../record.ts';
import type { Variable } from '../variable.ts';
import { concat } from './indexing.ts';

/** The output's shape with keepdim: every reduced axis kept with size 1. */
export function keptShape(op: string, x: Variable, dim: Dims | undefined): number[] {
  const dims = normalizeDims(op, dim, x.ndim, x.shape);
  return x.shape.map((d, i) => (dims.includes(i) ? 1 : d));
}

/** Each summed element gets the whole gradient of its sum. */
export function sum(x: Variable, dim?: Dims, opts?: KeepDim): Variable {
  const kept = keptShape('sum', x, dim);
  return record('sum', x.value.sum(dim, opts), [x], [(g) => g.reshape(kept).expand(x.shape)]);
}

/**
 * d(x_0·…·x_{n-1})/dx_i is the product of the others. Dividing the product by x_i would be NaN at
 * a zero (and inf where the product overflows but the others' does not), so the others' product
 * is built from multiplications only; then every order of derivative of it is right too, zeros
 * included (PyTorch gets the same values by a case analysis on the count of zeros).
 */
export function prod(x: Variable, dim?: Dims, opts?: KeepDim): Variable {
  const kept = keptShape('prod', x, dim);
  const dims = normalizeDims('prod', dim, x.ndim, x.shape);
  return record('prod', x.value.prod(dim, opts), [x], [(g) => g.reshape(kept).expand(x.shape).mul(productOfOthers(x, dims))]);
}

/** At each element: the product of the other elements of its slice along `dims`. */
function productOfOthers(x: Variable, dims: readonly number[]): Variable {
  // a 0-d tensor's dim 0 folds its one element, as a [1] would: the product of no others, 1
  if (x.ndim === 0) return productOfOthers(x.reshape([1]), dims).reshape([]);
  const rest = [...x.shape.keys()].filter((d) => !dims.includes(d));
  const order = [...rest, ...dims];
  const inverse = order.map((_, i) => order.indexOf(i));
  // the folded axes side by side at the end, as one axis: each row is one slice
  const moved = x.permute(order);
  const rows = moved.reshape([...rest.map((d) => x.shape[d]), sizeOf(dims.map((d) => x.shape[d]))]);
  const before = exclusiveProducts(rows);
  const after = reversed(exclusiveProducts(reversed(rows)));
  return before.mul(after).reshape(moved.shape).permute(inverse);
}

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

/**
 * How many elements `dim` folds together, counted as the tensor package counts them (a 0-d
 * tensor's dim 0 folds its one element). It checks `dim` first, so a bad one is reported as
 * `op`'s, not as the sum's that the op is built from.
 */
const countOf = (op: string, x: Variable, dim: Dims | undefined): number =>
  reducedCount(x.shape, normalizeDims(op, dim, x.ndim, x.shape));

export function mean(x: Variable, dim?: Dims, opts?: KeepDim): Variable {
  const n = countOf('mean', x, dim);
  return sum(x, dim, opts).div(n);
}

/**
 * max/min pass the gradient to the extreme element. When several elements tie for the extreme,
 * each gets an equal share (PyTorch's amax does the same), so the gradient stays a gradient of
 * the same value whichever tied element a kernel happens to pick.
 */
function extreme(op: 'max' | 'min', x: Variable, dim: Dims | undefined, opts: KeepDim | undefined): Variable {
  const kept = keptShape(op, x, dim);
  const dims = normalizeDims(op, dim, x.ndim, x.shape);
  const out = record(op, op === 'max' ? x.value.max(dim, opts) : x.value.min(dim, opts), [x], [
    (g) => {
      const isExtreme = x.value.eq(out.value.reshape(kept));
      return g.reshape(kept).mul(isExtreme.div(isExtreme.sum(dims, { keepdim: true })));
    },
  ]);
  return out;
}

export const max = (x: Variable, dim?: Dims, opts?: KeepDim): Variable => extreme('max', x, dim, opts);
export const min = (x: Variable, dim?: Dims, opts?: KeepDim): Variable => extreme('min', x, dim, opts);

/** Built from differentiable ops, so its gradient needs no code of its own; `op` is the op errors name. */
function spread(op: 'var' | 'std', x: Variable, dim: Dims | undefined, opts: VarOptions): Variable {
  const n = countOf(op, x, dim) - (opts.correction ?? 1);
  const centered = x.sub(x.mean(dim, { keepdim: true }));
  return centered.square().sum(dim, { keepdim: opts.keepdim }).div(Math.max(n, 0));
}

export const variance = (x: Variable, dim?: Dims, opts: VarOptions = {}): Variable => spread('var', x, dim, opts);
export const std = (x: Variable, dim?: Dims, opts: VarOptions = {}): Variable => spread('std', x, dim, opts).sqrt();
