/**
 * A Variable is a Tensor that remembers how it was made, so that gradients can flow back to it.
 * Leaves are made by you (`variable`, `parameter`); every op on Variables records a Node whose
 * vjps send the output's gradient back to the op's inputs (see `backward.ts`).
 */
import { describeValue, type DType, formatShape, type NestedArray, Tensor, tensor, type TensorMethods, type TypedArray } from '@gradschool/tensor';
import { backward, type BackwardOptions } from './backward.ts';
import type { Node } from './node.ts';

/** What an op accepts: a Variable, a constant Tensor, or a plain number. */
export type Input = Variable | Tensor | number;

export interface VariableOptions { requiresGrad?: boolean }

/** Its ops (add, sum, reshape, ...) are made in `methods.ts` from the op table its Tensor's come from. */
export interface Variable extends TensorMethods<Variable, Input> {}

export class Variable {
  /** The op that made this Variable, or null for a leaf. */
  readonly node: Node | null;
  /**
   * The gradient accumulated by `backward()`, kept for leaves and for Variables that asked with
   * `retainGrad()`; null until then or after `zeroGrad()`.
   */
  grad: Tensor | null = null;
  #value: Tensor;
  #requiresGrad = false;
  #retainsGrad = false;
  #version = 0;

  constructor(value: Tensor, options: VariableOptions = {}, node: Node | null = null) {
    if (!(value instanceof Tensor)) {
      throw new TypeError(`Variable: expected a Tensor, got ${describeValue(value)}; use variable([...]) to make one from numbers`);
    }
    this.#value = value;
    this.node = node;
    if (node) this.#requiresGrad = true;
    else this.requiresGrad = options.requiresGrad ?? false;
  }

  get value(): Tensor { return this.#value; }
  /** Only leaves can be assigned (optimizers do `p.value = ...` inside `noGrad`); shape and dtype must stay. */
  set value(next: Tensor) {
    if (this.node) {
      throw new Error(`Variable.value: only a leaf can be assigned, and this Variable was made by '${this.node.op}'; assign the leaf it came from`);
    }
    if (!(next instanceof Tensor) || formatShape(next.shape) !== formatShape(this.shape) || next.dtype !== this.dtype) {
      const got = next instanceof Tensor ? `shape ${formatShape(next.shape)} ${next.dtype}` : typeof next;
      throw new TypeError(`Variable.value: the new value must have shape ${formatShape(this.shape)} and dtype ${this.dtype}; got ${got}`);
    }
    this.#value = next;
    this.#version++;
  }

  /** Counts assignments to `value`, so backward can detect inputs changed after use. */
  get version(): number { return this.#version; }

  get requiresGrad(): boolean { return this.#requiresGrad; }
  set requiresGrad(on: boolean) {
    if (this.node) throw new Error(`requiresGrad: can only be set on a leaf, and this Variable was made by '${this.node.op}'; use detach() to cut it from the graph`);
    if (on && this.dtype === 'int32') throw new TypeError('requiresGrad: only float tensors can require gradients; this one is int32');
    this.#requiresGrad = on;
  }

  get isLeaf(): boolean { return this.node === null; }

  /** True for a non-leaf after `retainGrad()` (leaves keep their gradient anyway). */
  get retainsGrad(): boolean { return this.#retainsGrad; }

  /**
   * Keep this intermediate's gradient in `grad` after `backward()`, as a leaf's is kept, instead
   * of dropping it once it has been passed on (to look at what reaches a hidden layer, say).
   */
  retainGrad(): void {
    if (!this.#requiresGrad) {
      throw new Error('retainGrad: this Variable does not require grad, so no gradient will reach it; make the leaves it comes from with parameter(...) and compute it outside noGrad');
    }
    if (this.node) this.#retainsGrad = true;
  }

  get shape(): readonly number[] { return this.#value.shape; }
  get dtype(): DType { return this.#value.dtype; }
  get ndim(): number { return this.#value.ndim; }
  get size(): number { return this.#value.size; }

  /**
   * Gradients of this Variable with respect to every leaf that requires one, added to their `grad`.
   * A scalar needs no `gradient`; otherwise pass dL/dthis (same shape), a Tensor or a Variable (its
   * value is used). The graph is freed afterwards unless `retainGraph` is set.
   * `backward({ retainGraph: true })` is accepted too.
   */
  backward(gradient?: Tensor | Variable | BackwardOptions, options: BackwardOptions = {}): void {
    if (isOptions(gradient)) backward(this, undefined, gradient);
    else backward(this, gradient, options);
  }

  /** The same value with no history: gradients stop here. */
  detach(): Variable { return new Variable(this.#value); }
  zeroGrad(): void { this.grad = null; }
  item(): number { return this.#value.item(); }
  toArray(): unknown { return this.#value.toArray(); }
  data(): TypedArray { return this.#value.data(); }
  toString(): string {
    const how = this.node ? `, op=${this.node.op}` : this.#requiresGrad ? ', requiresGrad=true' : '';
    return `variable(${this.#value.toString()}${how})`;
  }
}

/** backward's options object, told apart from a gradient (anything else is checked as a gradient, and refused by name). */
const isOptions = (x: unknown): x is BackwardOptions =>
  typeof x === 'object' && x !== null && !Array.isArray(x) && !(x instanceof Tensor) && !(x instanceof Variable);

export interface MakeOptions extends VariableOptions { dtype?: DType }

/** A leaf Variable from a Tensor (shared, not copied) or nested numbers (float32 unless `dtype` says). */
export function variable(x: Tensor | NestedArray, options: MakeOptions = {}): Variable {
  return make('variable', x, options);
}

/** A leaf that requires gradients: what a model learns. */
export const parameter = (x: Tensor | NestedArray, options: { dtype?: DType } = {}): Variable =>
  make('parameter', x, { ...options, requiresGrad: true });

/** tensor(x), its errors (a ragged array, a string among the numbers) under the name the caller wrote. */
function fromNumbers(op: string, x: NestedArray, dtype: DType | undefined): Tensor {
  try {
    return tensor(x, { dtype });
  } catch (e) {
    if (e instanceof Error && e.message.startsWith('tensor: ')) e.message = `${op}: ${e.message.slice('tensor: '.length)}`;
    throw e;
  }
}

/** variable and parameter, refusing an int32 leaf that must require grad under the name the caller wrote. */
function make(op: string, x: Tensor | NestedArray, options: MakeOptions): Variable {
  const value = x instanceof Tensor ? (options.dtype ? x.to(options.dtype) : x) : fromNumbers(op, x, options.dtype);
  if (options.requiresGrad && value.dtype === 'int32') {
    throw new TypeError(`${op}: only float tensors can require gradients; this one is int32 (make it float32 with { dtype: 'float32' } or .to('float32'))`);
  }
  return new Variable(value, { requiresGrad: options.requiresGrad });
}

/**
 * Turn an op's operand into a Variable. A Tensor becomes a constant; a number becomes a constant
 * scalar in the dtype of `like`, as the tensor package does (a fraction next to int32 is float32).
 */
export function lift(op: string, x: Input, like?: Variable): Variable {
  if (x instanceof Variable) return x;
  if (x instanceof Tensor) return new Variable(x);
  if (typeof x !== 'number') {
    const hint = Array.isArray(x) ? '; wrap it with variable(...) or tensor(...)' : '';
    throw new TypeError(`${op}: expected a Variable, a Tensor or a number, got ${describeValue(x)}${hint}`);
  }
  const dtype = like === undefined ? 'float32' : like.dtype === 'int32' && !Number.isInteger(x) ? 'float32' : like.dtype;
  return new Variable(tensor(x, { dtype }));
}

/** Both operands of a binary op; a number on either side takes its dtype from the other side. */
export function liftPair(op: string, x: Input, y: Input): [Variable, Variable] {
  const a = typeof x === 'number' ? lift(op, x, lift(op, y)) : lift(op, x);
  return [a, lift(op, y, a)];
}
