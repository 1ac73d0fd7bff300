/**
 * Products. Matrix product with PyTorch's rules: a 1-D operand is a row (left) or column (right) whose
 * added axis is dropped again, and batch axes broadcast. For C = A @ B the vjps are
 * dA = dC @ Bᵀ and dB = Aᵀ @ dC, summed back over broadcast batch axes.
 */
import { broadcastShapes, dot as dotValue, outer as outerValue, type Tensor } from '@gradschool/tensor';
import { record } from '../record.ts';
import { unbroadcast } from '../unbroadcast.ts';
import { lift, type Variable } from '../variable.ts';

export function matmul(x: Variable | Tensor, y: Variable | Tensor): Variable {
  const [a, b] = [lift('matmul', x), lift('matmul', y)];
  const value = a.value.matmul(b.value); // checks the shapes and names them if they do not fit
  const A = a.ndim === 1 ? a.unsqueeze(0) : a;
  const B = b.ndim === 1 ? b.unsqueeze(1) : b;
  // the output as if no axis had been dropped: [...batch, m, n]
  const full = [...broadcastShapes('matmul', A.shape.slice(0, -2), B.shape.slice(0, -2)), A.shape[A.ndim - 2], B.shape[B.ndim - 1]];
  return record('matmul', value, [a, b], [
    (g) => unbroadcast(g.reshape(full).matmul(B.mT), A.shape).reshape(a.shape),
    (g) => unbroadcast(A.mT.matmul(g.reshape(full)), B.shape).reshape(b.shape),
  ]);
}

/** a · b of two vectors of one length: sum(a * b), whose vjps are g·b and g·a. */
export function dot(x: Variable | Tensor, y: Variable | Tensor): Variable {
  const [a, b] = [lift('dot', x), lift('dot', y)];
  dotValue(a.value, b.value); // checks and names the shapes
  return a.mul(b).sum();
}

/** a ⊗ b: the matrix a_i b_j of two vectors; a column times a row, so its vjps come from broadcasting. */
export function outer(x: Variable | Tensor, y: Variable | Tensor): Variable {
  const [a, b] = [lift('outer', x), lift('outer', y)];
  outerValue(a.value, b.value); // checks and names the shapes
  return a.unsqueeze(1).mul(b.unsqueeze(0));
}
