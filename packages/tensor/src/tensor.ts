/**
 * A Tensor is a view (shape, strides, offset) over storage owned by a backend. Tensors are
 * immutable: every op returns a new tensor, and views share storage with their base.
 */
import { type Backend, type Storage, type View, getBackend } from './backend.ts';
import type { DType, TypedArray } from './dtype.ts';
import { contiguousStrides, describeValue, type Shape, sizeOf } from './shape.ts';
import type { TensorMethods } from './ops/table.ts';
import * as vw from './ops/views.ts';
import { formatTensor } from './format.ts';

export type Scalar = number;
export type Operand = Tensor | Scalar;
export type { Dims, KeepDim } from './ops/table.ts';

/** Its ops (add, sum, reshape, ...) are methods made from the op table, `ops/table.ts`. */
export interface Tensor extends TensorMethods<Tensor, Operand> {}

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
    if (current !== this.#backend && current.adopts?.(this.#storage)) this.#backend = current;
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

  /** The elements as a fresh contiguous typed array (safe to mutate). */
  data(): TypedArray { return vw.contiguousData(this); }
  toArray(): unknown { return vw.toNested(this); }
  item(): number { return vw.item(this); }
  toString(): string { return formatTensor(this); }
}

/**
 * Refuse anything but a Tensor where `op` needs one, naming the argument (`what`) and what came
 * instead: an array or a number is to be wrapped with tensor(...), a Variable's value is `.value`.
 * `.value` drops the gradient, so where the Variable has the op as a method (sum(v) for v.sum())
 * the hint names that first.
 */
export function checkTensor(op: string, what: string, x: unknown): asserts x is Tensor {
  if (x instanceof Tensor) return;
  const got = describeValue(x);
  const variable = got === 'a Variable' || got === 'a Parameter';
  const method = variable && what === 'input' && typeof (x as Record<string, unknown>)[op] === 'function';
  const hint = Array.isArray(x) || typeof x === 'number' ? '; wrap it with tensor(...)'
    : method ? `; to keep its gradient call its method, x.${op}(...), or pass its .value for the numbers alone`
      : variable ? '; pass its .value' : '';
  throw new TypeError(`${op}: ${what} must be a Tensor, got ${typeof x === 'number' ? `a number (${x})` : got}${hint}`);
}
