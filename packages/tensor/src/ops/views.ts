/** Views share storage: they only change shape, strides and offset. Plus host read-out. */
import { getBackend } from '../backend.ts';
import { checkDType, type DType, type TypedArray } from '../dtype.ts';
import { broadcastStrides, checkHasDims, contiguousStrides, fmt, normalizeDim, normalizeDims, ShapeError, sizeOf } from '../shape.ts';
import { checkTensor, Tensor } from '../tensor.ts';
import { isContiguous } from '../layout.ts';

/** Accept both `reshape(2, 3)` and `reshape([2, 3])`. */
export const shapeArgs = (args: number[] | [readonly number[]]): number[] =>
  Array.isArray(args[0]) ? [...(args[0] as readonly number[])] : (args as number[]);

export function contiguous(t: Tensor): Tensor {
  checkTensor('contiguous', 'input', t);
  if (isContiguous(t.shape, t.strides)) return t;
  return cast(t, t.dtype, true);
}

export function clone(t: Tensor): Tensor {
  return cast(t, t.dtype, true);
}

/** Convert to another dtype (a copy; int32 truncates toward zero, like PyTorch). */
export function cast(t: Tensor, dtype: DType, force = false): Tensor {
  checkDType('to', dtype);
  if (dtype === t.dtype && !force) return t;
  const b = getBackend();
  return new Tensor(b.copy(t, dtype), b, t.shape);
}

export function contiguousData(t: Tensor): TypedArray {
  return getBackend().download(clone(t).storage);
}

export function toNested(t: Tensor): unknown {
  const data = contiguousData(t);
  const build = (dim: number, at: number): unknown => {
    if (dim === t.ndim) return data[at];
    const step = sizeOf(t.shape.slice(dim + 1));
    return Array.from({ length: t.shape[dim] }, (_, i) => build(dim + 1, at + i * step));
  };
  return build(0, 0);
}

export function item(t: Tensor): number {
  if (t.size !== 1) throw new ShapeError(`item: only a tensor with one element has an item; got shape ${fmt(t.shape)}`);
  return contiguousData(t)[0];
}

/** Resolve one -1 and check the element count. */
function resolveShape(op: string, t: Tensor, shape: readonly number[]): number[] {
  const out = [...shape];
  const free = out.indexOf(-1);
  if (out.some((d, i) => !Number.isInteger(d) || (d < 0 && !(d === -1 && i === free))) || out.lastIndexOf(-1) !== free) {
    throw new ShapeError(`${op}: invalid shape ${fmt(shape)} (sizes must be non-negative integers, with at most one -1)`);
  }
  if (free >= 0) {
    const rest = sizeOf(out.filter((_, i) => i !== free));
    if (rest === 0 || t.size % rest !== 0) {
      throw new ShapeError(`${op}: shape ${fmt(shape)} is invalid for a tensor of shape ${fmt(t.shape)} (${t.size} elements)`);
    }
    out[free] = t.size / rest;
  }
  if (sizeOf(out) !== t.size) {
    throw new ShapeError(`${op}: shape ${fmt(shape)} is invalid for a tensor of shape ${fmt(t.shape)} (${t.size} elements)`);
  }
  return out;
}

/**
 * Strides that read `t` as `shape` without copying, or null when the layout forbids it.
 * PyTorch's rule (computeStride): each run of old axes merged into new ones must be contiguous
 * within itself.
 */
function viewStrides(t: Tensor, shape: readonly number[]): number[] | null {
  const [old, oldStrides] = [t.shape, t.strides];
  if (old.length === 0) return shape.map(() => 1);
  const strides = new Array<number>(shape.length);
  let v = shape.length - 1;
  let base = oldStrides[old.length - 1];
  let oldNumel = 1;
  let newNumel = 1;
  for (let d = old.length - 1; d >= 0; d--) {
    oldNumel *= old[d];
    const chunkEnds = d === 0 || (old[d - 1] !== 1 && oldStrides[d - 1] !== oldNumel * base);
    if (!chunkEnds) continue;
    while (v >= 0 && (newNumel < oldNumel || shape[v] === 1)) {
      strides[v] = newNumel * base;
      newNumel *= shape[v];
      v--;
    }
    if (newNumel !== oldNumel) return null;
    if (d > 0) {
      base = oldStrides[d - 1];
      oldNumel = 1;
      newNumel = 1;
    }
  }
  return v === -1 ? strides : null;
}

export function view(t: Tensor, shape: readonly number[]): Tensor {
  checkTensor('view', 'input', t);
  const out = resolveShape('view', t, shape);
  if (t.size === 0) return t.withView(out, contiguousStrides(out));
  const strides = viewStrides(t, out);
  if (!strides) {
    throw new ShapeError(`view: shape ${fmt(t.shape)} with strides ${fmt(t.strides)} cannot be viewed as ${fmt(out)} without a copy; use reshape`);
  }
  return t.withView(out, strides);
}

/** A view where the layout allows one, else a contiguous copy (PyTorch's reshape). */
export function reshape(t: Tensor, shape: readonly number[]): Tensor {
  checkTensor('reshape', 'input', t);
  const out = resolveShape('reshape', t, shape);
  const strides = t.size === 0 ? contiguousStrides(out) : viewStrides(t, out);
  if (strides) return t.withView(out, strides);
  return contiguous(t).withView(out, contiguousStrides(out));
}

export function flatten(t: Tensor, startDim: number, endDim: number): Tensor {
  checkTensor('flatten', 'input', t);
  if (t.ndim === 0) return reshape(t, [1]);
  const s = normalizeDim('flatten', startDim, t.ndim, t.shape);
  const e = normalizeDim('flatten', endDim, t.ndim, t.shape);
  if (s > e) throw new RangeError(`flatten: startDim ${startDim} comes after endDim ${endDim} for shape ${fmt(t.shape)}`);
  return reshape(t, [...t.shape.slice(0, s), sizeOf(t.shape.slice(s, e + 1)), ...t.shape.slice(e + 1)]);
}

export function permute(t: Tensor, dims: readonly number[]): Tensor {
  checkTensor('permute', 'input', t);
  if (dims.length !== t.ndim) {
    throw new ShapeError(`permute: ${dims.length} dims ${fmt(dims)} given for a tensor of shape ${fmt(t.shape)}`);
  }
  const ds = dims.map((d) => normalizeDim('permute', d, t.ndim, t.shape));
  if (new Set(ds).size !== ds.length) throw new RangeError(`permute: dims ${fmt(dims)} repeat an axis`);
  return t.withView(ds.map((d) => t.shape[d]), ds.map((d) => t.strides[d]));
}

export function transpose(t: Tensor, dim0: number, dim1: number): Tensor {
  checkTensor('transpose', 'input', t);
  const a = normalizeDim('transpose', dim0, t.ndim, t.shape);
  const b = normalizeDim('transpose', dim1, t.ndim, t.shape);
  if (t.ndim < 2) return t;
  const order = [...t.shape.keys()];
  [order[a], order[b]] = [order[b], order[a]];
  return permute(t, order);
}

export function squeeze(t: Tensor, dim?: number | readonly number[] | null): Tensor {
  checkTensor('squeeze', 'input', t);
  const dims = dim === undefined || dim === null
    ? t.shape.flatMap((d, i) => (d === 1 ? [i] : []))
    : normalizeDims('squeeze', dim, t.ndim, t.shape).filter((d) => t.shape[d] === 1);
  return t.withView(t.shape.filter((_, i) => !dims.includes(i)), t.strides.filter((_, i) => !dims.includes(i)));
}

export function unsqueeze(t: Tensor, dim: number): Tensor {
  checkTensor('unsqueeze', 'input', t);
  const d = normalizeDim('unsqueeze', dim, t.ndim + 1, t.shape);
  const shape = [...t.shape];
  const strides = [...t.strides];
  shape.splice(d, 0, 1);
  strides.splice(d, 0, d < t.ndim ? t.strides[d] * t.shape[d] : 1);
  return t.withView(shape, strides);
}

/** Broadcast to a larger shape without copying (-1 keeps a size). */
export function expand(t: Tensor, shape: readonly number[]): Tensor {
  checkTensor('expand', 'input', t);
  if (shape.length < t.ndim) {
    throw new ShapeError(`expand: shape ${fmt(t.shape)} cannot be expanded to fewer dims ${fmt(shape)}`);
  }
  const lead = shape.length - t.ndim;
  const target = shape.map((d, i) => (d === -1 && i >= lead ? t.shape[i - lead] : d));
  target.forEach((d, i) => {
    const own = i >= lead ? t.shape[i - lead] : 1;
    if (!Number.isInteger(d) || d < 0 || (own !== 1 && own !== d)) {
      throw new ShapeError(`expand: shape ${fmt(t.shape)} cannot be expanded to ${fmt(shape)}`);
    }
  });
  return t.withView(target, broadcastStrides(t.shape, t.strides, target));
}

/** Elements start, start+step, ... below end along `dim`; negative bounds count from the end (Python slicing). */
export function slice(t: Tensor, dim: number, start = 0, end?: number, step = 1): Tensor {
  checkTensor('slice', 'input', t);
  checkHasDims('slice', 'input', t.shape);
  const d = normalizeDim('slice', dim, t.ndim, t.shape);
  if (!Number.isInteger(step) || step <= 0) throw new RangeError(`slice: step must be a positive integer, got ${step}`);
  if (!Number.isInteger(start) || (end !== undefined && !Number.isInteger(end))) {
    throw new RangeError(`slice: start ${start} and end ${end} must be integers (dim ${dim} of shape ${fmt(t.shape)})`);
  }
  const n = t.shape[d];
  const clampIndex = (i: number) => Math.min(Math.max(i < 0 ? i + n : i, 0), n);
  const s = clampIndex(start);
  const e = Math.max(clampIndex(end ?? n), s);
  const shape = [...t.shape];
  const strides = [...t.strides];
  shape[d] = Math.ceil((e - s) / step);
  strides[d] = t.strides[d] * step;
  return t.withView(shape, strides, t.offset + (shape[d] > 0 ? s * t.strides[d] : 0));
}

export function narrow(t: Tensor, dim: number, start: number, length: number): Tensor {
  checkTensor('narrow', 'input', t);
  checkHasDims('narrow', 'input', t.shape);
  const d = normalizeDim('narrow', dim, t.ndim, t.shape);
  const s = start < 0 ? start + t.shape[d] : start;
  if (!Number.isInteger(start) || !Number.isInteger(length) || length < 0 || s < 0 || s + length > t.shape[d]) {
    throw new RangeError(`narrow: start ${start} and length ${length} do not fit dim ${dim} of shape ${fmt(t.shape)}`);
  }
  return slice(t, d, s, s + length);
}

