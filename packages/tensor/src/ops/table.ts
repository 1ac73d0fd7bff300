/**
 * The op table: every method a Tensor has — and the autograd package's Variable too — declared
 * once: its signature in `TensorMethods` (for any class `Self`, with operands `In`), and its
 * implementation in `OPS`, as one of
 * - differentiable: a forward (the tensor op) whose gradient the autograd package gives, by this
 *   name, in its `derivatives.ts` (the compiler makes it give one for every such op);
 * - constant: piecewise constant (comparisons, rounding, arg-reductions), so it has no gradient
 *   and gives a plain Tensor, whatever it is called on;
 * - composite: written once with other methods, so the same code runs on a Tensor and on a
 *   Variable, and a Variable's gradient comes from the ops it is made of;
 * - getter: a composite read as a property (`.T`, `.mT`).
 * `installMethods` makes the Tensor's methods from it here; autograd makes the Variable's from the
 * same entries, so the two run the same forward, with the same checks and the same errors.
 * The compiler checks that `OPS` implements exactly the methods `TensorMethods` lists.
 */
import { type DType, floatOf } from '../dtype.ts';
import { describeValue, normalizeDim, normalizeDims, reducedCount } from '../shape.ts';
import { type Operand, Tensor } from '../tensor.ts';
import * as el from './elementwise.ts';
import * as idx from './indexing.ts';
import * as lin from './linalg.ts';
import * as red from './reduce.ts';
import * as vw from './views.ts';

/**
 * The dims a reduction folds: one, a list, or all of them (null or left out). An empty list folds
 * none, as NumPy's `axis=()` and TensorFlow's `axis=[]` do: the result has the input's values.
 * (PyTorch's `dim=[]` folds all, against its own docs; pytorch#29137 is open to change that.)
 */
export type Dims = number | readonly number[] | null;
export interface KeepDim { keepdim?: boolean }
export interface VarOptions extends KeepDim {
  /** Subtract this from the count in the denominator: 1 = unbiased (PyTorch's default), 0 = population. */
  correction?: number;
}
export interface ValuesIndices<Self = Tensor> { values: Self; indices: Tensor }
/** `reshape(2, 3)` or `reshape([2, 3])`. */
export type ShapeArgs = number[] | [readonly number[]];

/**
 * The class a package above makes a Tensor into when an op's operand is one of its own
 * (autograd adds `variable: Variable` here; see `registerPromotion`): its ops then give that class.
 */
export interface PromotionTarget {}
type Up = PromotionTarget extends { variable: infer V } ? V : never;

export interface TensorMethods<Self, In> {
  add(other: In): Self;
  add(other: Up): Up;
  sub(other: In): Self;
  sub(other: Up): Up;
  mul(other: In): Self;
  mul(other: Up): Up;
  div(other: In): Self;
  div(other: Up): Up;
  pow(other: In): Self;
  pow(other: Up): Up;
  /** Elementwise larger of the two; NaN wins (as torch.maximum). */
  maximum(other: In): Self;
  maximum(other: Up): Up;
  minimum(other: In): Self;
  minimum(other: Up): Up;
  /** Limit values to [min, max]; either bound may be left out. */
  clamp(min?: number | null, max?: number | null): Self;

  // comparisons are piecewise constant: a 0/1 mask, a plain Tensor even for a Variable
  eq(other: In): Tensor;
  eq(other: Up): Tensor;
  ne(other: In): Tensor;
  ne(other: Up): Tensor;
  lt(other: In): Tensor;
  lt(other: Up): Tensor;
  le(other: In): Tensor;
  le(other: Up): Tensor;
  gt(other: In): Tensor;
  gt(other: Up): Tensor;
  ge(other: In): Tensor;
  ge(other: Up): Tensor;

  neg(): Self;
  exp(): Self;
  log(): Self;
  log1p(): Self;
  expm1(): Self;
  sqrt(): Self;
  abs(): Self;
  tanh(): Self;
  sigmoid(): Self;
  relu(): Self;
  sin(): Self;
  cos(): Self;
  reciprocal(): Self;
  square(): Self;
  // piecewise constant too: plain Tensors
  sign(): Tensor;
  floor(): Tensor;
  ceil(): Tensor;
  /** Round half to even, as PyTorch and NumPy do. */
  round(): Tensor;

  sum(dim?: Dims, opts?: KeepDim): Self;
  /** The sum over the count of elements folded; the mean of integers is a float. */
  mean(dim?: Dims, opts?: KeepDim): Self;
  prod(dim?: Dims, opts?: KeepDim): Self;
  max(dim?: Dims, opts?: KeepDim): Self;
  min(dim?: Dims, opts?: KeepDim): Self;
  /** log(sum(exp(x))) without overflow: m + log(sum(exp(x - m))); -inf over an empty slice. */
  logsumexp(dim?: Dims, opts?: KeepDim): Self;
  var(dim?: Dims, opts?: VarOptions): Self;
  std(dim?: Dims, opts?: VarOptions): Self;
  /** The first index of the largest value (NaN counts as largest); the whole tensor flattened when `dim` is left out. */
  argmax(dim?: number | null, opts?: KeepDim): Tensor;
  argmin(dim?: number | null, opts?: KeepDim): Tensor;
  maxWithIndices(dim: number, opts?: KeepDim): ValuesIndices<Self>;
  minWithIndices(dim: number, opts?: KeepDim): ValuesIndices<Self>;
  softmax(dim?: number): Self;
  logSoftmax(dim?: number): Self;

  /** Matrix product with PyTorch's rules: a 1-d operand is a row (left) or a column (right), batch axes broadcast. */
  matmul(other: Exclude<In, number>): Self;
  matmul(other: Up): Up;
  dot(other: Exclude<In, number>): Self;
  dot(other: Up): Up;
  outer(other: Exclude<In, number>): Self;
  outer(other: Up): Up;

  reshape(...shape: ShapeArgs): Self;
  view(...shape: ShapeArgs): Self;
  flatten(startDim?: number, endDim?: number): Self;
  transpose(dim0?: number, dim1?: number): Self;
  permute(...dims: ShapeArgs): Self;
  squeeze(dim?: Dims): Self;
  unsqueeze(dim: number): Self;
  expand(...shape: ShapeArgs): Self;
  broadcastTo(shape: readonly number[]): Self;
  /** Elements start, start+step, ... below end along `dim`; negative bounds count from the end (Python slicing). */
  slice(dim: number, start?: number, end?: number, step?: number): Self;
  narrow(dim: number, start: number, length: number): Self;
  /** All axes reversed, like PyTorch's `.T` (the transpose of a matrix). */
  readonly T: Self;
  /** Transpose of the last two axes (`.mT`). */
  readonly mT: Self;

  /** out[..., i, ...] = x[..., index[..., i, ...], ...] along `dim` (torch.gather). */
  gather(dim: number, index: Tensor): Self;
  indexSelect(dim: number, index: Tensor | readonly number[]): Self;

  contiguous(): Self;
  clone(): Self;
  /** Convert to another dtype (int32 truncates toward zero, like PyTorch). */
  to(dtype: DType): Self;
}

// forwards of every signature: each is typed where it is written, and ArgsOf recovers its arguments
type Forward = (x: Tensor, ...args: any[]) => unknown;

export interface DifferentiableOp<F extends Forward = Forward> {
  readonly kind: 'differentiable';
  readonly forward: F;
  /** How many arguments after the receiver are operands (Tensors or numbers that gradients may flow to). */
  readonly operands: 0 | 1;
  /** Values for arguments left out, filled in before the forward (and the gradient) sees them. */
  readonly defaults: readonly unknown[];
}
export interface ConstantOp<F extends Forward = Forward> {
  readonly kind: 'constant';
  readonly forward: F;
  readonly operands: 0 | 1;
  readonly defaults: readonly unknown[];
}
/** What a composite is written against: a Tensor, or a Variable. */
export interface TensorLike extends TensorMethods<TensorLike, TensorLike | Tensor | number> {
  readonly shape: readonly number[];
  readonly ndim: number;
  readonly dtype: DType;
}
export interface CompositeOp {
  readonly kind: 'composite';
  readonly method: (this: TensorLike, ...args: any[]) => unknown;
}
export interface GetterOp {
  readonly kind: 'getter';
  readonly get: (this: TensorLike) => TensorLike;
}
export type OpEntry = DifferentiableOp | ConstantOp | CompositeOp | GetterOp;

const differentiable = <F extends Forward>(forward: F, { operands = 0, defaults = [] }: { operands?: 0 | 1; defaults?: unknown[] } = {}) =>
  ({ kind: 'differentiable', forward, operands, defaults }) as const;
const constant = <F extends Forward>(forward: F, { operands = 0, defaults = [] }: { operands?: 0 | 1; defaults?: unknown[] } = {}) =>
  ({ kind: 'constant', forward, operands, defaults }) as const;
const composite = (method: (this: TensorLike, ...args: any[]) => unknown) => ({ kind: 'composite', method }) as const;

const unary = (op: Parameters<typeof el.unary>[0]) => differentiable((x: Tensor) => el.unary(op, x));
const binary = (op: Parameters<typeof el.binary>[0]) => differentiable((x: Tensor, y: Operand) => el.binary(op, x, y), { operands: 1 });
const comparison = (op: Parameters<typeof el.binary>[0]) => constant((x: Tensor, y: Operand) => el.binary(op, x, y), { operands: 1 });
const rounding = (op: Parameters<typeof el.unary>[0]) => constant((x: Tensor) => el.unary(op, x));
const reduction = (f: (x: Tensor, dim?: Dims, opts?: KeepDim) => Tensor) => differentiable(f);

/** Mean squared deviation from the mean, over `count - correction`; `op` is the op errors name. */
function spread(x: TensorLike, op: 'var' | 'std', dim: Dims | undefined, opts: VarOptions = {}): TensorLike {
  const dims = normalizeDims(op, dim, x.ndim, x.shape);
  const correction = opts.correction ?? 1;
  if (typeof correction !== 'number' || !(correction >= 0 && Number.isFinite(correction))) {
    // a number out of range is a RangeError; a string or anything else that is no number is a TypeError
    const Kind = typeof correction === 'number' ? RangeError : TypeError;
    throw new Kind(`${op}: correction must be a finite number >= 0 (1 for the sample variance, 0 for the population's), got ${typeof correction === 'number' ? correction : describeValue(correction)}`);
  }
  const centered = x.sub(x.mean(dims, { keepdim: true }));
  const n = reducedCount(x.shape, dims) - correction;
  return centered.square().sum(dims, { keepdim: opts.keepdim }).div(Math.max(n, 0));
}

export const OPS = {
  add: binary('add'),
  sub: binary('sub'),
  mul: binary('mul'),
  div: binary('div'),
  pow: binary('pow'),
  maximum: binary('maximum'),
  minimum: binary('minimum'),
  clamp: differentiable(el.clamp),
  eq: comparison('eq'),
  ne: comparison('ne'),
  lt: comparison('lt'),
  le: comparison('le'),
  gt: comparison('gt'),
  ge: comparison('ge'),

  neg: unary('neg'),
  exp: unary('exp'),
  log: unary('log'),
  log1p: unary('log1p'),
  expm1: unary('expm1'),
  sqrt: unary('sqrt'),
  abs: unary('abs'),
  tanh: unary('tanh'),
  sigmoid: unary('sigmoid'),
  relu: unary('relu'),
  sin: unary('sin'),
  cos: unary('cos'),
  reciprocal: unary('reciprocal'),
  square: unary('square'),
  sign: rounding('sign'),
  floor: rounding('floor'),
  ceil: rounding('ceil'),
  round: rounding('round'),

  sum: reduction(red.sum),
  prod: reduction(red.prod),
  max: reduction(red.max),
  min: reduction(red.min),
  logsumexp: reduction(red.logsumexp),
  argmax: constant(red.argmax),
  argmin: constant(red.argmin),
  softmax: differentiable(red.softmax, { defaults: [-1] }),
  // dims are checked under the op's own name first, so a bad one is not reported as the sum's
  mean: composite(function (this: TensorLike, dim?: Dims, opts?: KeepDim) {
    const dims = normalizeDims('mean', dim, this.ndim, this.shape);
    return this.to(floatOf(this.dtype)).sum(dims, opts).div(reducedCount(this.shape, dims));
  }),
  var: composite(function (this: TensorLike, dim?: Dims, opts?: VarOptions) { return spread(this, 'var', dim, opts); }),
  std: composite(function (this: TensorLike, dim?: Dims, opts?: VarOptions) { return spread(this, 'std', dim, opts).sqrt(); }),
  logSoftmax: composite(function (this: TensorLike, dim = -1) {
    return this.sub(this.logsumexp(normalizeDim('logSoftmax', dim, this.ndim, this.shape), { keepdim: true }));
  }),
  maxWithIndices: composite(function (this: TensorLike, dim: number, opts?: KeepDim) {
    return { values: this.max(normalizeDim('maxWithIndices', dim, this.ndim, this.shape), opts), indices: this.argmax(dim, opts) };
  }),
  minWithIndices: composite(function (this: TensorLike, dim: number, opts?: KeepDim) {
    return { values: this.min(normalizeDim('minWithIndices', dim, this.ndim, this.shape), opts), indices: this.argmin(dim, opts) };
  }),

  matmul: differentiable(lin.matmul, { operands: 1 }),
  dot: differentiable(lin.dot, { operands: 1 }),
  outer: differentiable(lin.outer, { operands: 1 }),

  reshape: differentiable((x: Tensor, ...shape: ShapeArgs) => vw.reshape(x, vw.shapeArgs(shape))),
  view: differentiable((x: Tensor, ...shape: ShapeArgs) => vw.view(x, vw.shapeArgs(shape))),
  flatten: differentiable(vw.flatten, { defaults: [0, -1] }),
  transpose: differentiable(vw.transpose, { defaults: [-2, -1] }),
  permute: differentiable((x: Tensor, ...dims: ShapeArgs) => vw.permute(x, vw.shapeArgs(dims))),
  squeeze: differentiable(vw.squeeze),
  unsqueeze: differentiable(vw.unsqueeze),
  expand: differentiable((x: Tensor, ...shape: ShapeArgs) => vw.expand(x, vw.shapeArgs(shape))),
  broadcastTo: composite(function (this: TensorLike, shape: readonly number[]) { return this.expand(shape); }),
  slice: differentiable(vw.slice, { defaults: [undefined, 0, undefined, 1] }),
  narrow: differentiable(vw.narrow),
  T: { kind: 'getter', get(this: TensorLike) { return this.permute([...this.shape.keys()].reverse()); } },
  mT: { kind: 'getter', get(this: TensorLike) { return this.transpose(-2, -1); } },

  gather: differentiable(idx.gather),
  indexSelect: differentiable(idx.indexSelect),

  contiguous: differentiable(vw.contiguous),
  clone: differentiable(vw.clone),
  to: differentiable((x: Tensor, dtype: DType) => vw.cast(x, dtype)),
} satisfies Record<keyof TensorMethods<Tensor, Operand>, OpEntry>;

export type OpName = keyof typeof OPS;
/** The ops whose gradient autograd must give. */
export type DifferentiableName = { [K in OpName]: (typeof OPS)[K] extends { kind: 'differentiable' } ? K : never }[OpName];
/** The arguments of op `K` after its receiver, as its forward takes them. */
export type ArgsOf<K extends OpName> = (typeof OPS)[K] extends { forward: (x: Tensor, ...args: infer A) => unknown } ? A : never;

/** `args` with each argument left out (undefined) replaced by the op's default. */
export function withDefaults(args: readonly unknown[], defaults: readonly unknown[]): unknown[] {
  if (args.length >= defaults.length && !args.includes(undefined)) return args as unknown[];
  const n = Math.max(args.length, defaults.length);
  return Array.from({ length: n }, (_, i) => (args[i] === undefined ? defaults[i] : args[i]));
}

/**
 * Put a method for every op on `proto`, made by `methodFor` for the differentiable and constant
 * ops; composites and getters go on as they are. The properties look like a class's methods
 * (writable, configurable, not enumerable).
 */
export function installMethods(proto: object, methodFor: (name: OpName, entry: DifferentiableOp | ConstantOp) => (...args: unknown[]) => unknown): void {
  for (const name of Object.keys(OPS) as OpName[]) {
    const entry: OpEntry = OPS[name];
    switch (entry.kind) {
      case 'differentiable':
      case 'constant':
        Object.defineProperty(proto, name, { value: methodFor(name, entry), writable: true, configurable: true });
        break;
      case 'composite':
        Object.defineProperty(proto, name, { value: entry.method, writable: true, configurable: true });
        break;
      case 'getter':
        Object.defineProperty(proto, name, { get: entry.get, configurable: true });
        break;
      default:
        throw new Error(`installMethods: op '${name}' has an unknown kind ${(entry satisfies never as OpEntry).kind}`);
    }
  }
}

/**
 * How a Tensor meets an operand of a class above it (autograd's Variable): `x.matmul(w)` with a
 * Tensor x and a Variable w runs as `variable(x).matmul(w)`, so the op is recorded and w's
 * gradient is not silently lost, as Python's reflected operators (__radd__) would have it. The
 * autograd package registers it; this package knows nothing of graphs.
 */
export interface Promotion { is(x: unknown): boolean; lift(t: Tensor): TensorLike }
let promotion: Promotion | undefined;
export const registerPromotion = (p: Promotion): void => { promotion = p; };

installMethods(Tensor.prototype, (name, entry) => {
  const call = entry.defaults.length === 0
    ? (t: Tensor, args: unknown[]) => entry.forward(t, ...args)
    : (t: Tensor, args: unknown[]) => entry.forward(t, ...withDefaults(args, entry.defaults));
  if (entry.operands === 0) return function (this: Tensor, ...args: unknown[]) { return call(this, args); };
  return function (this: Tensor, ...args: unknown[]) {
    if (promotion?.is(args[0])) return (promotion.lift(this) as unknown as Record<string, (...a: unknown[]) => unknown>)[name](...args);
    return call(this, args);
  };
});
