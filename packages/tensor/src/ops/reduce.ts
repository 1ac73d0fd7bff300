/** Reductions over one or several dims (PyTorch's `dim` and `keepdim`), and the stable softmax family. */
import { getBackend, type ReduceOp } from '../backend.ts';
import { type DType, floatOf } from '../dtype.ts';
import { fmt, normalizeDim, normalizeDims } from '../shape.ts';
import { checkTensor, Tensor } from '../tensor.ts';
import type { Dims, KeepDim, ValuesIndices, VarOptions } from './table.ts';
import { zeros } from './create.ts';
import { binary, where } from './elementwise.ts';
import { reshape, squeeze } from './views.ts';


/** max, min and their indices have no value on an empty slice (sum and prod do: 0 and 1). */
function checkNonEmpty(name: string, t: Tensor, dims: readonly number[]): void {
  const empty = dims.find((d) => t.shape[d] === 0);
  if (empty !== undefined) throw new RangeError(`${name}: cannot reduce dim ${empty} of shape ${fmt(t.shape)}, which has no elements`);
}

function reduceOne(op: ReduceOp, t: Tensor, dim: number, dtype: DType): Tensor {
  const b = getBackend();
  const shape = t.shape.map((d, i) => (i === dim ? 1 : d));
  return new Tensor(b.reduce(op, t, dim, dtype), b, shape);
}

function reduce(op: ReduceOp, name: string, t: Tensor, dim: Dims | undefined, opts: KeepDim = {}, dtype: DType = t.dtype): Tensor {
  const dims = normalizeDims(name, dim, t.ndim, t.shape);
  if (op !== 'sum' && op !== 'prod') checkNonEmpty(name, t, dims);
  if (t.ndim === 0) return t.dtype === dtype ? t : t.to(dtype);
  let out = t;
  for (const d of [...dims].reverse()) out = reduceOne(op, out, d, dtype);
  return opts.keepdim ? out : squeeze(out, dims);
}

export const sum = (t: Tensor, dim?: Dims, opts?: KeepDim): Tensor => (checkTensor('sum', 'input', t), reduce('sum', 'sum', t, dim, opts));
export const prod = (t: Tensor, dim?: Dims, opts?: KeepDim): Tensor => (checkTensor('prod', 'input', t), reduce('prod', 'prod', t, dim, opts));
export const max = (t: Tensor, dim?: Dims, opts?: KeepDim): Tensor => (checkTensor('max', 'input', t), reduce('max', 'max', t, dim, opts));
export const min = (t: Tensor, dim?: Dims, opts?: KeepDim): Tensor => (checkTensor('min', 'input', t), reduce('min', 'min', t, dim, opts));


function argReduce(op: 'argmax' | 'argmin', t: Tensor, dim: number | null | undefined, opts: KeepDim = {}): Tensor {
  if (dim === null || dim === undefined) {
    if (t.size === 0) throw new RangeError(`${op}: cannot reduce an empty tensor of shape ${fmt(t.shape)}`);
    const flat = reduceOne(op, reshape(t, [t.size]), 0, 'int32');
    return opts.keepdim ? reshape(flat, t.shape.map(() => 1)) : reshape(flat, []);
  }
  const d = normalizeDim(op, dim, t.ndim, t.shape);
  checkNonEmpty(op, t, [d]);
  if (t.ndim === 0) return reshape(reduceOne(op, reshape(t, [1]), 0, 'int32'), []);
  const out = reduceOne(op, t, d, 'int32');
  return opts.keepdim ? out : squeeze(out, d);
}

export const argmax = (t: Tensor, dim?: number | null, opts?: KeepDim): Tensor => (checkTensor('argmax', 'input', t), argReduce('argmax', t, dim, opts));
export const argmin = (t: Tensor, dim?: number | null, opts?: KeepDim): Tensor => (checkTensor('argmin', 'input', t), argReduce('argmin', t, dim, opts));


/**
 * The max along `dims` where it is finite, else 0: subtracting it keeps exp in range without
 * making inf - inf. An empty slice has no max, and needs no shift.
 */
function finiteShift(t: Tensor, dims: readonly number[]): Tensor {
  if (dims.some((d) => t.shape[d] === 0)) return zeros(t.shape.map((s, i) => (dims.includes(i) ? 1 : s)), { dtype: t.dtype });
  const m = max(t, dims, { keepdim: true });
  return where(binary('lt', m.abs(), Infinity), m, 0);
}

/** log(sum(exp(x))) without overflow: m + log(sum(exp(x - m))); -inf over an empty slice. */
export function logsumexp(t: Tensor, dim?: Dims, opts: KeepDim = {}): Tensor {
  checkTensor('logsumexp', 'input', t);
  const dims = normalizeDims('logsumexp', dim, t.ndim, t.shape);
  if (t.ndim === 0) return t.to(floatOf(t.dtype));
  const m = finiteShift(t, dims);
  const s = sum(binary('sub', t, m).exp(), dims, { keepdim: true }).log().add(m);
  return opts.keepdim ? s : squeeze(s, dims);
}

export function softmax(t: Tensor, dim = -1): Tensor {
  checkTensor('softmax', 'input', t);
  const d = normalizeDim('softmax', dim, t.ndim, t.shape);
  const e = binary('sub', t, finiteShift(t, [d])).exp();
  return binary('div', e, sum(e, d, { keepdim: true }));
}

/**
 * The function forms below call the method written once in the op table (ops/table.ts) for Tensors
 * and Variables alike, so a Variable is taken too (and keeps its gradient); anything without the
 * method is refused as a Tensor would be.
 */
function checkHasMethod(op: string, method: string, t: unknown): void {
  if (typeof (t as Record<string, unknown> | null | undefined)?.[method] !== 'function') checkTensor(op, 'input', t);
}
export const mean = (t: Tensor, dim?: Dims, opts?: KeepDim): Tensor => (checkHasMethod('mean', 'mean', t), t.mean(dim, opts));
export const variance = (t: Tensor, dim?: Dims, opts?: VarOptions): Tensor => (checkHasMethod('variance', 'var', t), t.var(dim, opts));
export const std = (t: Tensor, dim?: Dims, opts?: VarOptions): Tensor => (checkHasMethod('std', 'std', t), t.std(dim, opts));
export const logSoftmax = (t: Tensor, dim?: number): Tensor => (checkHasMethod('logSoftmax', 'logSoftmax', t), t.logSoftmax(dim));
export const maxWithIndices = (t: Tensor, dim: number, opts?: KeepDim): ValuesIndices => (checkHasMethod('maxWithIndices', 'maxWithIndices', t), t.maxWithIndices(dim, opts));
export const minWithIndices = (t: Tensor, dim: number, opts?: KeepDim): ValuesIndices => (checkHasMethod('minWithIndices', 'minWithIndices', t), t.minWithIndices(dim, opts));
