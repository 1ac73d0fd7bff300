/**
 * Reductions over `dim` (all axes when left out), with `keepdim`. Their vjps first put the
 * reduced axes back as size 1 (`keptShape`), so the gradient broadcasts over what was reduced.
 */
import { type Dims, type KeepDim, normalizeDims, sizeOf, type VarOptions } from '@gradschool/tensor';
import { record } from '../record.ts';
import type { Variable } from '../variable.ts';

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

/** How many elements `dim` folds together. */
const countOf = (x: Variable, dim: Dims | undefined): number =>
  sizeOf(normalizeDims('mean', dim, x.ndim, x.shape).map((d) => x.shape[d]));

export const mean = (x: Variable, dim?: Dims, opts?: KeepDim): Variable => sum(x, dim, opts).div(countOf(x, dim));

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

/** Built from differentiable ops, so its gradient needs no code of its own. */
export function variance(x: Variable, dim?: Dims, opts: VarOptions = {}): Variable {
  const centered = x.sub(x.mean(dim, { keepdim: true }));
  const n = countOf(x, dim) - (opts.correction ?? 1);
  return centered.square().sum(dim, { keepdim: opts.keepdim }).div(Math.max(n, 0));
}

export const std = (x: Variable, dim?: Dims, opts?: VarOptions): Variable => variance(x, dim, opts).sqrt();
