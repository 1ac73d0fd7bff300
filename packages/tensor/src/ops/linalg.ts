/** Matrix products with PyTorch's matmul rules (1-D promotion, batch broadcasting). */
import { getBackend } from '../backend.ts';
import { promote } from '../dtype.ts';
import { broadcastShapes, fmt, ShapeError } from '../shape.ts';
import { checkTensor, Tensor } from '../tensor.ts';
import { broadcastView, binary } from './elementwise.ts';
import { sum } from './reduce.ts';
import { reshape, unsqueeze } from './views.ts';

/** The two operands of a product, each a Tensor (a number or an array has no rows to multiply). */
function checkOperands(op: string, a: unknown, b: unknown): void {
  checkTensor(op, 'the first operand', a);
  checkTensor(op, 'the second operand', b);
}

export function matmul(a: Tensor, b: Tensor): Tensor {
  checkOperands('matmul', a, b);
  const fail = (why: string) => new ShapeError(`matmul: shapes ${fmt(a.shape)} and ${fmt(b.shape)} cannot be multiplied (${why})`);
  if (a.ndim === 0 || b.ndim === 0) throw fail('both operands need at least 1 dim');
  // a vector on the left is a row, on the right a column; the added axis is dropped again below
  const A = a.ndim === 1 ? unsqueeze(a, 0) : a;
  const B = b.ndim === 1 ? unsqueeze(b, 1) : b;
  const [m, k] = A.shape.slice(-2);
  const [k2, n] = B.shape.slice(-2);
  if (k !== k2) throw fail(`inner sizes ${k} and ${k2} differ`);
  let batch: number[];
  try {
    batch = broadcastShapes('matmul', A.shape.slice(0, -2), B.shape.slice(0, -2));
  } catch {
    throw fail('batch dims do not broadcast');
  }
  const be = getBackend();
  const out = new Tensor(
    be.matmul(broadcastView(A, [...batch, m, k]), broadcastView(B, [...batch, k, n]), promote(a.dtype, b.dtype)),
    be,
    [...batch, m, n],
  );
  const shape = [...batch, ...(a.ndim === 1 ? [] : [m]), ...(b.ndim === 1 ? [] : [n])];
  return reshape(out, shape);
}

export function dot(a: Tensor, b: Tensor): Tensor {
  checkOperands('dot', a, b);
  if (a.ndim !== 1 || b.ndim !== 1 || a.shape[0] !== b.shape[0]) {
    throw new ShapeError(`dot: shapes ${fmt(a.shape)} and ${fmt(b.shape)} must be two vectors of the same length`);
  }
  return sum(binary('mul', a, b));
}

export function outer(a: Tensor, b: Tensor): Tensor {
  checkOperands('outer', a, b);
  if (a.ndim !== 1 || b.ndim !== 1) throw new ShapeError(`outer: shapes ${fmt(a.shape)} and ${fmt(b.shape)} must both be vectors`);
  return binary('mul', unsqueeze(a, 1), unsqueeze(b, 0));
}
