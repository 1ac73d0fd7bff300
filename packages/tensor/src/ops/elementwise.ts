/** Elementwise ops with NumPy/PyTorch broadcasting. */
import { BINARY_OPS, type BinaryOp, floatResult, getBackend, isComparison, UNARY_OPS, type UnaryOp, type View } from '../backend.ts';
import { type DType, floatOf, isFloat, promote } from '../dtype.ts';
import { broadcastShapes, broadcastStrides, describeValue, fmt, type Shape, sizeOf } from '../shape.ts';
import { checkTensor, Tensor } from '../tensor.ts';
import { full } from './create.ts';

const describeOp = (op: unknown): string => (typeof op === 'string' ? `'${op}'` : describeValue(op));

/** Read `t` as if it had the (broadcast) shape `shape`. */
export function broadcastView(t: Tensor, shape: Shape): View {
  return { storage: t.storage, shape, strides: broadcastStrides(t.shape, t.strides, shape), offset: t.offset };
}

const UNARY = new Set<string>(UNARY_OPS);
const BINARY = new Set<string>(BINARY_OPS);

export function unary(op: UnaryOp, t: Tensor): Tensor {
  if (!UNARY.has(op)) throw new RangeError(`unary: unknown op ${describeOp(op)}; expected one of ${UNARY_OPS.join(', ')}`);
  checkTensor(op, 'input', t);
  const dtype = floatResult(op) ? floatOf(t.dtype) : t.dtype;
  const b = getBackend();
  return new Tensor(b.unary(op, t, dtype), b, t.shape);
}

/**
 * A plain number joins an op in the other operand's dtype (a fraction makes an int32 tensor
 * float32). A whole number too big for int32 is refused rather than silently wrapped.
 */
export function asTensor(op: string, x: Tensor | number, like: Tensor): Tensor {
  if (x instanceof Tensor) return x;
  if (typeof x !== 'number') {
    const what = Array.isArray(x) ? 'an array; wrap it with tensor(...)' : describeValue(x);
    throw new TypeError(`${op}: an operand must be a Tensor or a number, got ${what}`);
  }
  if (like.dtype === 'int32' && Number.isInteger(x) && (x < -(2 ** 31) || x >= 2 ** 31)) {
    throw new RangeError(`${op}: ${x} does not fit the int32 tensor of shape ${fmt(like.shape)}; convert it first with .to('float64')`);
  }
  const dtype: DType = like.dtype === 'int32' && !Number.isInteger(x) ? 'float32' : like.dtype;
  return full([], x, { dtype });
}

/** The dtype an op on these operands produces; comparisons give a 0/1 mask in the float type. */
export function resultType(op: BinaryOp, a: DType, b: DType): DType {
  const p = promote(a, b);
  if (isComparison(op)) return floatOf(p);
  if (op === 'div' && !isFloat(p)) return 'float32';
  return p;
}

export function binary(op: BinaryOp, a: Tensor | number, b: Tensor | number): Tensor {
  if (!BINARY.has(op)) throw new RangeError(`binary: unknown op ${describeOp(op)}; expected one of ${BINARY_OPS.join(', ')}`);
  if (!(a instanceof Tensor) && !(b instanceof Tensor)) {
    // refuse what is neither, by name (asTensor throws for it), before saying a Tensor is missing
    for (const x of [a, b]) if (typeof x !== 'number') asTensor(op, x, full([], 0));
    throw new TypeError(`${op}: at least one operand must be a Tensor`);
  }
  const ta = asTensor(op, a, b as Tensor);
  const tb = asTensor(op, b, ta);
  const shape = broadcastShapes(op, ta.shape, tb.shape);
  const dtype = resultType(op, ta.dtype, tb.dtype);
  if (op === 'pow' && dtype === 'int32' && sizeOf(shape) > 0 && tb.min().item() < 0) {
    // a negative power of an integer is a fraction: int32 would silently truncate it (as PyTorch, refuse)
    throw new RangeError(`pow: an int32 tensor cannot be raised to a negative integer power (exponent shape ${fmt(tb.shape)}); convert the base first with .to('float32')`);
  }
  const be = getBackend();
  const storage = be.binary(op, broadcastView(ta, shape), broadcastView(tb, shape), shape, dtype);
  return new Tensor(storage, be, shape);
}

/** cond != 0 ? a : b, broadcast over all three. */
export function where(cond: Tensor, a: Tensor | number, b: Tensor | number): Tensor {
  if (!(cond instanceof Tensor)) throw new TypeError('where: the condition must be a Tensor (a 0/1 mask such as a.gt(0))');
  const ta = b instanceof Tensor ? asTensor('where', a, b) : asTensor('where', a, full([], 0));
  const tb = asTensor('where', b, ta);
  const shape = broadcastShapes('where', cond.shape, ta.shape, tb.shape);
  const be = getBackend();
  const dtype = promote(ta.dtype, tb.dtype);
  const storage = be.where(broadcastView(cond, shape), broadcastView(ta, shape), broadcastView(tb, shape), shape, dtype);
  return new Tensor(storage, be, shape);
}

/** Limit values to [min, max]; either bound may be left out. */
export function clamp(t: Tensor, min?: number | null, max?: number | null): Tensor {
  checkTensor('clamp', 'input', t);
  for (const [name, bound] of [['min', min], ['max', max]] as const) {
    if (bound != null && typeof bound !== 'number') throw new TypeError(`clamp: ${name} must be a number (or null for no bound), got ${describeValue(bound)}`);
    // NaN is a number, but no bound: every value would come out NaN
    if (Number.isNaN(bound)) throw new RangeError(`clamp: ${name} is NaN; give a number, or null for no bound`);
  }
  if (min != null && max != null && min > max) throw new RangeError(`clamp: min ${min} is greater than max ${max}`);
  let out = t;
  if (min != null) out = binary('maximum', out, min);
  if (max != null) out = binary('minimum', out, max);
  return out;
}
