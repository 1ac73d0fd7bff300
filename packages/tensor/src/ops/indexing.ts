/** Joining and indexing: concat, stack, gather, indexSelect, scatterAdd, oneHot. */
import { getBackend } from '../backend.ts';
import { type DType, promote } from '../dtype.ts';
import { checkHasDims, checkShape, describeValue, fmt, normalizeDim, sameShape, type Shape, ShapeError } from '../shape.ts';
import { checkTensor, Tensor } from '../tensor.ts';
import { arange, tensor } from './create.ts';
import { binary } from './elementwise.ts';
import { contiguousData, expand, reshape, unsqueeze } from './views.ts';

/** A list of tensors to join: an array (not one tensor), every element a Tensor. */
function checkList(op: string, tensors: unknown): void {
  if (!Array.isArray(tensors)) {
    throw new TypeError(`${op}: expects an array of tensors, as in ${op}([a, b]), got ${describeValue(tensors)}`);
  }
  tensors.forEach((t, i) => checkTensor(op, `element ${i} of the list`, t));
}

export function concat(tensors: readonly Tensor[], dim = 0): Tensor {
  checkList('concat', tensors);
  if (tensors.length === 0) throw new ShapeError('concat: needs at least one tensor');
  const first = tensors[0];
  if (first.ndim === 0) throw new ShapeError(`concat: 0-d tensors (shapes ${tensors.map((x) => fmt(x.shape)).join(', ')}) have no dim to join along; use stack`);
  const d = normalizeDim('concat', dim, first.ndim, first.shape);
  for (const t of tensors) {
    if (t.ndim !== first.ndim || t.shape.some((s, i) => i !== d && s !== first.shape[i])) {
      throw new ShapeError(`concat: shapes ${tensors.map((x) => fmt(x.shape)).join(', ')} differ outside dim ${dim}`);
    }
  }
  const dtype = tensors.map((t) => t.dtype).reduce(promote);
  const be = getBackend();
  const shape = first.shape.map((s, i) => (i === d ? tensors.reduce((n, t) => n + t.shape[d], 0) : s));
  return new Tensor(be.concat(tensors, d, dtype), be, shape);
}

export function stack(tensors: readonly Tensor[], dim = 0): Tensor {
  checkList('stack', tensors);
  if (tensors.length === 0) throw new ShapeError('stack: needs at least one tensor');
  if (tensors.some((t) => !sameShape(t.shape, tensors[0].shape))) {
    throw new ShapeError(`stack: shapes ${tensors.map((x) => fmt(x.shape)).join(', ')} must all be equal`);
  }
  const d = normalizeDim('stack', dim, tensors[0].ndim + 1, tensors[0].shape);
  return concat(tensors.map((t) => unsqueeze(t, d)), d);
}

/** A 0-d tensor has no dim to index along (PyTorch bends this rule; here it is an error). */
/** Indices must be whole numbers in [0, size); checked on the host so a bad one never reads garbage. */
function checkIndices(op: string, index: Tensor, size: number, shape: Shape, dim: number): void {
  checkValues(op, contiguousData(index), size, shape, dim);
}

function checkValues(op: string, values: ArrayLike<number>, size: number, shape: Shape, dim: number): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== 'number') throw new TypeError(`${op}: an index is ${describeValue(v)}, not a number (dim ${dim} of shape ${fmt(shape)})`);
    if (!Number.isInteger(v)) throw new RangeError(`${op}: index ${v} is not a whole number (dim ${dim} of shape ${fmt(shape)})`);
    if (v < 0 || v >= size) throw new RangeError(`${op}: index ${v} is out of range for dim ${dim} of shape ${fmt(shape)} (size ${size})`);
  }
}

/** out[i][j] = x[index[i][j]][j] for dim 0, and so on (torch.gather). */
export function gather(x: Tensor, dim: number, index: Tensor): Tensor {
  checkTensor('gather', 'input', x);
  checkTensor('gather', 'index', index);
  checkHasDims('gather', 'input', x.shape);
  const d = normalizeDim('gather', dim, x.ndim, x.shape);
  if (index.ndim !== x.ndim || index.shape.some((s, i) => i !== d && s > x.shape[i])) {
    throw new ShapeError(`gather: index of shape ${fmt(index.shape)} does not fit input of shape ${fmt(x.shape)} along dim ${dim}`);
  }
  checkIndices('gather', index, x.shape[d], x.shape, d);
  const be = getBackend();
  return new Tensor(be.gather(x, d, index, x.dtype), be, index.shape);
}

/**
 * indexSelect's index into dim `dim` (normalized) of `shape`, as a 1-D tensor. Plain numbers are
 * checked here, before they become int32, which would truncate 1.5 to 1 and wrap 2^32 to 0; a
 * Tensor's values are left to indexSelect to check (reading them is a copy back from a gpu).
 */
export function indexVector(op: string, index: Tensor | readonly number[], shape: Shape, dim: number): Tensor {
  if (index instanceof Tensor) {
    if (index.ndim !== 1) throw new ShapeError(`${op}: index must be 1-D, got shape ${fmt(index.shape)}`);
    return index;
  }
  if (!Array.isArray(index)) {
    throw new TypeError(`${op}: index must be a Tensor or an array of whole numbers, got ${describeValue(index)}`);
  }
  if (index.some(Array.isArray)) throw new ShapeError(`${op}: index must be 1-D, got a nested array`);
  checkValues(op, index, shape[dim], shape, dim);
  return tensor(index, { dtype: 'int32' });
}

/** The slices of x at `index` along `dim`, in that order (torch.index_select). */
export function indexSelect(x: Tensor, dim: number, index: Tensor | readonly number[]): Tensor {
  checkTensor('indexSelect', 'input', x);
  checkHasDims('indexSelect', 'input', x.shape);
  const d = normalizeDim('indexSelect', dim, x.ndim, x.shape);
  const idx = indexVector('indexSelect', index, x.shape, d);
  if (index instanceof Tensor) checkIndices('indexSelect', idx, x.shape[d], x.shape, d);
  const shape = x.shape.map((s, i) => (i === d ? idx.shape[0] : s));
  const spread = reshape(idx, x.shape.map((_, i) => (i === d ? idx.shape[0] : 1)));
  const be = getBackend();
  return new Tensor(be.gather(x, d, expand(spread, shape), x.dtype), be, shape);
}

/** zeros(shape), then add src[p] at p with its dim-coordinate replaced by index[p]: the adjoint of gather. */
export function scatterAdd(shape: readonly number[], dim: number, index: Tensor, src: Tensor, dtype?: DType): Tensor {
  checkShape('scatterAdd', shape);
  checkTensor('scatterAdd', 'index', index);
  checkTensor('scatterAdd', 'src', src);
  checkHasDims('scatterAdd', 'output', shape);
  const d = normalizeDim('scatterAdd', dim, shape.length, shape);
  if (!sameShape(index.shape, src.shape) || index.ndim !== shape.length) {
    throw new ShapeError(`scatterAdd: index ${fmt(index.shape)} and src ${fmt(src.shape)} must have one shape of rank ${shape.length}`);
  }
  // an index wider than the output outside `dim` would write into the next row
  if (index.shape.some((s, i) => i !== d && s > shape[i])) {
    throw new ShapeError(`scatterAdd: index of shape ${fmt(index.shape)} does not fit output of shape ${fmt(shape)} outside dim ${dim}`);
  }
  checkIndices('scatterAdd', index, shape[d], shape, d);
  const be = getBackend();
  return new Tensor(be.scatterAdd(shape, d, index, src, dtype ?? src.dtype), be, shape);
}

/** Class indices of any shape -> [...shape, numClasses] rows of 0 and 1 (float32). */
export function oneHot(indices: Tensor, numClasses: number): Tensor {
  checkTensor('oneHot', 'indices', indices);
  if (!Number.isInteger(numClasses) || numClasses <= 0) throw new RangeError(`oneHot: numClasses must be a positive integer, got ${numClasses}`);
  checkIndices('oneHot', indices, numClasses, [...indices.shape, numClasses], indices.ndim);
  return binary('eq', unsqueeze(indices, -1).to('float32'), arange(numClasses).to('float32'));
}
