/**
 * A Tensor is a view (shape, strides, offset) over storage owned by a backend. Tensors are
 * immutable: every op returns a new tensor, and views share storage with their base.
 */
import { type Backend, type Storage, type View, getBackend } from './backend.ts';
import type { DType, TypedArray } from './dtype.ts';
import { contiguousStrides, type Shape, sizeOf } from './shape.ts';
import * as el from './ops/elementwise.ts';
import * as idx from './ops/indexing.ts';
import * as lin from './ops/linalg.ts';
import * as red from './ops/reduce.ts';
import * as vw from './ops/views.ts';
import { formatTensor } from './format.ts';

export type Scalar = number;
export type Operand = Tensor | Scalar;
/**
 * The dims a reduction folds: one, a list, or all of them (null or left out). An empty list folds
 * none, as NumPy's `axis=()` and TensorFlow's `axis=[]` do: the result has the input's values.
 * (PyTorch's `dim=[]` folds all, against its own docs; pytorch#29137 is open to change that.)
 */
export type Dims = number | readonly number[] | null;
export interface KeepDim { keepdim?: boolean }

export class Tensor implements View {
  readonly shape: readonly number[];
  readonly strides: readonly number[];
  readonly offset: number;
  readonly dtype: DType;
  #storage: Storage;
  #backend: Backend;

  constructor(storage: Storage, owner: Backend, shape: Shape, strides: readonly number[] = contiguousStrides(shape), offset = 0, dtype: DType = storage.dtype) {
    this.#storage = storage;
    this.#backend = owner;
    this.shape = Object.freeze([...shape]);
    this.strides = Object.freeze([...strides]);
    this.offset = offset;
    this.dtype = dtype;
  }

  /** The storage, moved to the current backend first if it lives on another one. */
  get storage(): Storage {
    const current = getBackend();
    if (current !== this.#backend) {
      const host = this.#backend.download(this.#storage);
      this.#storage = current.upload(host.slice());
      this.#backend = current;
    }
    return this.#storage;
  }

  /** A new tensor over the same storage (a view). */
  withView(shape: Shape, strides: readonly number[], offset = this.offset): Tensor {
    return new Tensor(this.storage, this.#backend, shape, strides, offset, this.dtype);
  }

  get ndim(): number { return this.shape.length; }
  get size(): number { return sizeOf(this.shape); }
  /** All axes reversed, like PyTorch's `.T` (the transpose of a matrix). */
  get T(): Tensor { return vw.permute(this, [...this.shape.keys()].reverse()); }
  /** Transpose of the last two axes (`.mT`). */
  get mT(): Tensor { return vw.transpose(this, -2, -1); }

  /** The elements as a fresh contiguous typed array (safe to mutate). */
  data(): TypedArray { return vw.contiguousData(this); }
  toArray(): unknown { return vw.toNested(this); }
  item(): number { return vw.item(this); }
  toString(): string { return formatTensor(this); }
  contiguous(): Tensor { return vw.contiguous(this); }
  clone(): Tensor { return vw.clone(this); }
  to(dtype: DType): Tensor { return vw.cast(this, dtype); }

  reshape(...shape: number[] | [readonly number[]]): Tensor { return vw.reshape(this, vw.shapeArgs(shape)); }
  view(...shape: number[] | [readonly number[]]): Tensor { return vw.view(this, vw.shapeArgs(shape)); }
  flatten(startDim = 0, endDim = -1): Tensor { return vw.flatten(this, startDim, endDim); }
  transpose(dim0 = -2, dim1 = -1): Tensor { return vw.transpose(this, dim0, dim1); }
  permute(...dims: number[] | [readonly number[]]): Tensor { return vw.permute(this, vw.shapeArgs(dims)); }
  squeeze(dim?: Dims): Tensor { return vw.squeeze(this, dim); }
  unsqueeze(dim: number): Tensor { return vw.unsqueeze(this, dim); }
  expand(...shape: number[] | [readonly number[]]): Tensor { return vw.expand(this, vw.shapeArgs(shape)); }
  broadcastTo(shape: readonly number[]): Tensor { return vw.expand(this, shape); }
  slice(dim: number, start?: number, end?: number, step = 1): Tensor { return vw.slice(this, dim, start, end, step); }
  narrow(dim: number, start: number, length: number): Tensor { return vw.narrow(this, dim, start, length); }

  add(other: Operand): Tensor { return el.binary('add', this, other); }
  sub(other: Operand): Tensor { return el.binary('sub', this, other); }
  mul(other: Operand): Tensor { return el.binary('mul', this, other); }
  div(other: Operand): Tensor { return el.binary('div', this, other); }
  pow(other: Operand): Tensor { return el.binary('pow', this, other); }
  maximum(other: Operand): Tensor { return el.binary('maximum', this, other); }
  minimum(other: Operand): Tensor { return el.binary('minimum', this, other); }
  eq(other: Operand): Tensor { return el.binary('eq', this, other); }
  ne(other: Operand): Tensor { return el.binary('ne', this, other); }
  lt(other: Operand): Tensor { return el.binary('lt', this, other); }
  le(other: Operand): Tensor { return el.binary('le', this, other); }
  gt(other: Operand): Tensor { return el.binary('gt', this, other); }
  ge(other: Operand): Tensor { return el.binary('ge', this, other); }

  neg(): Tensor { return el.unary('neg', this); }
  exp(): Tensor { return el.unary('exp', this); }
  log(): Tensor { return el.unary('log', this); }
  log1p(): Tensor { return el.unary('log1p', this); }
  expm1(): Tensor { return el.unary('expm1', this); }
  sqrt(): Tensor { return el.unary('sqrt', this); }
  abs(): Tensor { return el.unary('abs', this); }
  sign(): Tensor { return el.unary('sign', this); }
  tanh(): Tensor { return el.unary('tanh', this); }
  sigmoid(): Tensor { return el.unary('sigmoid', this); }
  relu(): Tensor { return el.unary('relu', this); }
  sin(): Tensor { return el.unary('sin', this); }
  cos(): Tensor { return el.unary('cos', this); }
  floor(): Tensor { return el.unary('floor', this); }
  ceil(): Tensor { return el.unary('ceil', this); }
  round(): Tensor { return el.unary('round', this); }
  reciprocal(): Tensor { return el.unary('reciprocal', this); }
  square(): Tensor { return el.unary('square', this); }
  clamp(min?: number | null, max?: number | null): Tensor { return el.clamp(this, min, max); }

  sum(dim?: Dims, opts?: KeepDim): Tensor { return red.sum(this, dim, opts); }
  mean(dim?: Dims, opts?: KeepDim): Tensor { return red.mean(this, dim, opts); }
  prod(dim?: Dims, opts?: KeepDim): Tensor { return red.prod(this, dim, opts); }
  max(dim?: Dims, opts?: KeepDim): Tensor { return red.max(this, dim, opts); }
  min(dim?: Dims, opts?: KeepDim): Tensor { return red.min(this, dim, opts); }
  maxWithIndices(dim: number, opts?: KeepDim): red.ValuesIndices { return red.maxWithIndices(this, dim, opts); }
  minWithIndices(dim: number, opts?: KeepDim): red.ValuesIndices { return red.minWithIndices(this, dim, opts); }
  argmax(dim?: number | null, opts?: KeepDim): Tensor { return red.argmax(this, dim, opts); }
  argmin(dim?: number | null, opts?: KeepDim): Tensor { return red.argmin(this, dim, opts); }
  logsumexp(dim?: Dims, opts?: KeepDim): Tensor { return red.logsumexp(this, dim, opts); }
  var(dim?: Dims, opts?: red.VarOptions): Tensor { return red.variance(this, dim, opts); }
  std(dim?: Dims, opts?: red.VarOptions): Tensor { return red.std(this, dim, opts); }
  softmax(dim = -1): Tensor { return red.softmax(this, dim); }
  logSoftmax(dim = -1): Tensor { return red.logSoftmax(this, dim); }

  matmul(other: Tensor): Tensor { return lin.matmul(this, other); }
  dot(other: Tensor): Tensor { return lin.dot(this, other); }
  outer(other: Tensor): Tensor { return lin.outer(this, other); }

  gather(dim: number, index: Tensor): Tensor { return idx.gather(this, dim, index); }
  indexSelect(dim: number, index: Tensor | readonly number[]): Tensor { return idx.indexSelect(this, dim, index); }
}
