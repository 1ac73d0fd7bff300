/**
 * logsumexp, softmax and logSoftmax. Forwards are the tensor package's stable versions (they
 * subtract the max first); the vjps only ever exponentiate numbers <= 0, so they are stable too.
 */
import { type Dims, type KeepDim, normalizeDim } from '@gradschool/tensor';
import { record } from '../record.ts';
import type { Variable } from '../variable.ts';
import { keptShape } from './reduce.ts';

/** d logsumexp(x) / dx = exp(x - logsumexp(x)) = softmax(x). */
export function logsumexp(x: Variable, dim?: Dims, opts?: KeepDim): Variable {
  const kept = keptShape('logsumexp', x, dim);
  const out = record('logsumexp', x.value.logsumexp(dim, opts), [x], [
    (g) => g.reshape(kept).mul(x.sub(out.reshape(kept)).exp()),
  ]);
  return out;
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
  const out = record('logSoftmax', x.value.logSoftmax(d), [x], [
    (g) => g.sub(out.exp().mul(g.sum(d, { keepdim: true }))),
  ]);
  return out;
}
