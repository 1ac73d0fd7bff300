/**
 * logsumexp, softmax and logSoftmax. Forwards are the tensor package's stable versions (they
 * subtract the max first). The vjps need softmax(x), and compute it the same stable way rather
 * than as exp(x - logsumexp(x)): for logits so large that adding log(n) to them is lost to
 * rounding (|x| > 1e16 in float64), that difference would be 0 and every weight exp(0) = 1.
 */
import { type Dims, type KeepDim, normalizeDim, normalizeDims, type Tensor, where } from '@gradschool/tensor';
import { record } from '../record.ts';
import type { Variable } from '../variable.ts';
import { keptShape } from './reduce.ts';

/** The max over `dims` where it is finite, else 0: a shift that keeps exp in range and never makes inf - inf. */
function stableShift(x: Tensor, dims: number[]): Tensor {
  const m = x.max(dims, { keepdim: true });
  return where(m.abs().lt(Infinity), m, 0);
}

/** softmax over several dims at once. The shift is a constant: softmax is unchanged by it, so its derivative is exact. */
function softmaxOver(x: Variable, dims: number[]): Variable {
  const e = x.sub(stableShift(x.value, dims)).exp();
  return e.div(e.sum(dims, { keepdim: true }));
}

/** d logsumexp(x) / dx = softmax(x). */
export function logsumexp(x: Variable, dim?: Dims, opts?: KeepDim): Variable {
  const kept = keptShape('logsumexp', x, dim);
  const dims = normalizeDims('logsumexp', dim, x.ndim, x.shape);
  return record('logsumexp', x.value.logsumexp(dim, opts), [x], [(g) => g.reshape(kept).mul(softmaxOver(x, dims))]);
}

/** With s = softmax(x): ds_i/dx_j = s_i (δ_ij - s_j), so the vjp is s * (g - sum(g * s)). */
export function softmax(x: Variable, dim = -1): Variable {
  const d = normalizeDim('softmax', dim, x.ndim, x.shape);
  const out = record('softmax', x.value.softmax(d), [x], [
    (g) => out.mul(g.sub(g.mul(out).sum(d, { keepdim: true }))),
  ]);
  return out;
}

/** With y = logSoftmax(x): dy_i/dx_j = δ_ij - softmax(x)_j, so the vjp is g - softmax(x) * sum(g). */
export function logSoftmax(x: Variable, dim = -1): Variable {
  const d = normalizeDim('logSoftmax', dim, x.ndim, x.shape);
  return record('logSoftmax', x.value.logSoftmax(d), [x], [
    (g) => g.sub(softmax(x, d).mul(g.sum(d, { keepdim: true }))),
  ]);
}
