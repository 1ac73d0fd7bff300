/**
 * The methods every op gives a Tensor, and the autograd package's Variable too: one list of
 * signatures, written for any `Self` (the class) and `In` (what an operand may be). `ops/table.ts`
 * implements each of them once, and the compiler checks that the table and this list agree.
 */
import type { DType } from '../dtype.ts';
import type { Tensor } from '../tensor.ts';

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

export interface TensorMethods<Self, In> {
  add(other: In): Self;
  sub(other: In): Self;
  mul(other: In): Self;
  div(other: In): Self;
  pow(other: In): Self;
  /** Elementwise larger of the two; NaN wins (as torch.maximum). */
  maximum(other: In): Self;
  minimum(other: In): Self;
  /** Limit values to [min, max]; either bound may be left out. */
  clamp(min?: number | null, max?: number | null): Self;

  // comparisons are piecewise constant: a 0/1 mask, a plain Tensor even for a Variable
  eq(other: In): Tensor;
  ne(other: In): Tensor;
  lt(other: In): Tensor;
  le(other: In): Tensor;
  gt(other: In): Tensor;
  ge(other: In): Tensor;

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
  dot(other: Exclude<In, number>): Self;
  outer(other: Exclude<In, number>): Self;

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
