/** Making tensors from host values. */
import { getBackend } from '../backend.ts';
import { allocate, checkDType, type DType, dtypeOf, type TypedArray } from '../dtype.ts';
import { checkShape, describeValue, fmt, type Shape, ShapeError, sizeOf } from '../shape.ts';
import { checkTensor, Tensor } from '../tensor.ts';

export interface DTypeOption { dtype?: DType }
export interface TensorOptions extends DTypeOption { shape?: readonly number[] }
export type NestedArray = number | readonly NestedArray[];

/** Wrap a host array that the caller hands over (it is not copied). */
export function fromHost(data: TypedArray, shape: Shape): Tensor {
  if (!(data instanceof Float32Array || data instanceof Float64Array || data instanceof Int32Array)) {
    throw new TypeError(`fromHost: data must be a Float32Array, Float64Array or Int32Array, got ${describeValue(data)}; for plain numbers use tensor(...)`);
  }
  const s = checkShape('fromHost', shape);
  if (data.length !== sizeOf(s)) throw new ShapeError(`fromHost: ${data.length} values cannot fill shape ${fmt(s)} (${sizeOf(s)} elements)`);
  return upload('fromHost', data, s);
}

/** Hand host data to the backend; `op` is the op its errors name (the gpu backend refuses float64, say). */
export function upload(op: string, data: TypedArray, shape: Shape): Tensor {
  const b = getBackend();
  return new Tensor(b.upload(data, op), b, shape);
}

function inferShape(values: NestedArray): number[] {
  const shape: number[] = [];
  let v: NestedArray = values;
  while (Array.isArray(v)) {
    shape.push(v.length);
    v = v[0] as NestedArray;
    if (v === undefined) break;
  }
  return shape;
}

/** A tensor holds numbers: anything else in the nested array is named with its position (a boolean is not taken for 0 or 1). */
function notANumber(value: unknown, position: number[]): TypeError {
  const where = `tensor: element ${fmt(position)} is ${describeValue(value)}`;
  return new TypeError(typeof value === 'boolean'
    ? `${where}, but a tensor holds numbers: write 1 for true and 0 for false, or convert them with .map(Number)`
    : `${where}, not a number`);
}

/** Copy the numbers into `out` in row-major order; `position` holds the index of `values` (its first `depth` entries). */
function flattenInto(values: NestedArray, shape: Shape, depth: number, out: TypedArray, at: { i: number }, position: number[]): void {
  if (depth === shape.length) {
    if (typeof values !== 'number') {
      if (!Array.isArray(values)) throw notANumber(values, position.slice(0, depth));
      throw new ShapeError(`tensor: nested array is ragged (expected a number at depth ${depth} for shape ${fmt(shape)})`);
    }
    out[at.i++] = values;
    return;
  }
  if (!Array.isArray(values) && typeof values !== 'number') throw notANumber(values, position.slice(0, depth));
  if (!Array.isArray(values) || values.length !== shape[depth]) {
    throw new ShapeError(`tensor: nested array is ragged (expected length ${shape[depth]} at depth ${depth} for shape ${fmt(shape)})`);
  }
  for (let k = 0; k < values.length; k++) {
    position[depth] = k;
    flattenInto(values[k], shape, depth + 1, out, at, position);
  }
}

/**
 * `tensor([[1, 2], [3, 4]])`, `tensor(new Float64Array(6), {shape: [2, 3]})`.
 * Nested numbers default to float32; a typed array keeps its own type unless `dtype` says otherwise.
 */
export function tensor(values: NestedArray | TypedArray | readonly number[], opts: TensorOptions = {}): Tensor {
  if (ArrayBuffer.isView(values)) {
    const src = values as TypedArray;
    const dtype = opts.dtype ? checkDType('tensor', opts.dtype) : dtypeOf(src);
    const shape = checkShape('tensor', opts.shape ?? [src.length]);
    if (sizeOf(shape) !== src.length) {
      throw new ShapeError(`tensor: ${src.length} values cannot fill shape ${fmt(shape)} (${sizeOf(shape)} elements)`);
    }
    const data = allocate(dtype, src.length);
    data.set(src);
    return upload('tensor', data, shape);
  }
  const dtype = checkDType('tensor', opts.dtype ?? 'float32');
  const inferred = inferShape(values as NestedArray);
  const data = allocate(dtype, sizeOf(inferred));
  flattenInto(values as NestedArray, inferred, 0, data, { i: 0 }, new Array<number>(inferred.length).fill(0));
  if (opts.shape) {
    const shape = checkShape('tensor', opts.shape);
    if (sizeOf(shape) !== data.length) {
      throw new ShapeError(`tensor: ${data.length} values cannot fill shape ${fmt(shape)} (${sizeOf(shape)} elements)`);
    }
    return upload('tensor', data, shape);
  }
  return upload('tensor', data, inferred);
}

export const scalar = (value: number, dtype: DType = 'float32'): Tensor => tensor(value, { dtype });

/** `op` is the name errors give: the function the caller wrote. */
function filled(op: string, shape: readonly number[], value: number, opts: DTypeOption): Tensor {
  if (typeof value !== 'number') throw new TypeError(`${op}: the fill value must be a number, got ${describeValue(value)}`);
  const s = checkShape(op, shape);
  const data = allocate(checkDType(op, opts.dtype ?? 'float32'), sizeOf(s));
  data.fill(value);
  return upload(op, data, s);
}
export const full = (shape: readonly number[], value: number, opts: DTypeOption = {}): Tensor => filled('full', shape, value, opts);
export const zeros = (shape: readonly number[], opts: DTypeOption = {}): Tensor => filled('zeros', shape, 0, opts);
export const ones = (shape: readonly number[], opts: DTypeOption = {}): Tensor => filled('ones', shape, 1, opts);
/** zerosLike, onesLike, fullLike: `t`'s shape and dtype, refused by name if `t` is no Tensor. */
function filledLike(op: string, t: Tensor, value: number): Tensor {
  checkTensor(op, 'input', t);
  return filled(op, t.shape, value, { dtype: t.dtype });
}
export const zerosLike = (t: Tensor): Tensor => filledLike('zerosLike', t, 0);
export const onesLike = (t: Tensor): Tensor => filledLike('onesLike', t, 1);
export const fullLike = (t: Tensor, value: number): Tensor => filledLike('fullLike', t, value);

/** Values start, start+step, ... below end (PyTorch's arange). */
export function arange(start: number, end?: number, step = 1, opts: DTypeOption = {}): Tensor {
  if (end === undefined) [start, end] = [0, start];
  if (!Number.isFinite(start) || !Number.isFinite(end)) throw new RangeError(`arange: start ${start} and end ${end} must be finite numbers`);
  if (step === 0 || !Number.isFinite(step)) throw new RangeError(`arange: step must be a finite non-zero number, got ${step}`);
  const n = Math.max(0, Math.ceil((end - start) / step));
  // whole-number arguments give indices (int32), any fraction gives floats, as in PyTorch
  const dtype = opts.dtype ?? ([start, end, step].every(Number.isInteger) ? 'int32' : 'float32');
  const data = allocate(checkDType('arange', dtype), n);
  for (let i = 0; i < n; i++) data[i] = start + i * step;
  return upload('arange', data, [n]);
}

/** `steps` evenly spaced values from start to end, both included. */
export function linspace(start: number, end: number, steps: number, opts: DTypeOption = {}): Tensor {
  if (!Number.isInteger(steps) || steps < 0) throw new RangeError(`linspace: steps must be a non-negative integer, got ${steps}`);
  if (!Number.isFinite(start) || !Number.isFinite(end)) throw new RangeError(`linspace: start ${start} and end ${end} must be finite numbers`);
  const data = allocate(checkDType('linspace', opts.dtype ?? 'float32'), steps);
  const step = steps > 1 ? (end - start) / (steps - 1) : 0;
  for (let i = 0; i < steps; i++) data[i] = i === 0 ? start : i === steps - 1 ? end : start + i * step;
  return upload('linspace', data, [steps]);
}

export function eye(n: number, m = n, opts: DTypeOption = {}): Tensor {
  const shape = checkShape('eye', [n, m]);
  const data = allocate(checkDType('eye', opts.dtype ?? 'float32'), n * m);
  for (let i = 0; i < Math.min(n, m); i++) data[i * m + i] = 1;
  return upload('eye', data, shape);
}
