/**
 * The functional view of the same engine (as in JAX): transform a function of Variables into
 * one that returns its gradients, with plain Tensors in and out.
 */
import { arange, stack as stackTensors, Tensor, zeros, zerosLike } from '@gradschool/tensor';
import { gradients } from './backward.ts';
import { Variable } from './variable.ts';

export type Differentiable = (...xs: Variable[]) => Variable;

function leaves(op: string, xs: readonly Tensor[]): Variable[] {
  return xs.map((x, i) => {
    if (!(x instanceof Tensor)) throw new TypeError(`${op}: argument ${i} must be a Tensor, got ${typeof x}`);
    return new Variable(x, { requiresGrad: true });
  });
}

function call(op: string, f: Differentiable, vars: Variable[]): Variable {
  const y = f(...vars);
  if (!(y instanceof Variable)) {
    throw new TypeError(`${op}: the function must return a Variable (the result of ops on its arguments), got ${(y as unknown) instanceof Tensor ? 'a Tensor' : typeof y}`);
  }
  return y;
}

/** `valueAndGrad(f)(...xs)`: f's scalar value and its gradient with respect to every argument. */
export function valueAndGrad(f: Differentiable): (...xs: Tensor[]) => { value: Tensor; grads: Tensor[] } {
  return (...xs) => {
    const vars = leaves('valueAndGrad', xs);
    const y = call('valueAndGrad', f, vars);
    if (y.size !== 1) {
      throw new Error(`valueAndGrad: the function must return a scalar, but it returned shape [${y.shape.join(',')}]; use vjp or jacobian for other outputs`);
    }
    const grads = y.requiresGrad ? gradients(y, vars).map((g) => g.value) : xs.map(zerosLike);
    return { value: y.value, grads };
  };
}

/** `grad(f)(...xs)`: the gradient of scalar f with respect to every argument. */
export function grad(f: Differentiable): (...xs: Tensor[]) => Tensor[] {
  const both = valueAndGrad(f);
  return (...xs) => both(...xs).grads;
}

/** vᵀJ for f at xs: the gradient of sum(v * f(xs)) with respect to each x. */
export function vjp(f: Differentiable, xs: readonly Tensor[], v: Tensor): { value: Tensor; vjps: Tensor[] } {
  const vars = leaves('vjp', xs);
  const y = call('vjp', f, vars);
  const vjps = y.requiresGrad ? gradients(y, vars, { gradOutput: v }).map((g) => g.value) : xs.map(zerosLike);
  return { value: y.value, vjps };
}

/** The full Jacobian, shape [...out.shape, ...x.shape]: one backward pass per output element. */
export function jacobian(f: (x: Variable) => Variable, x: Tensor): Tensor {
  const [input] = leaves('jacobian', [x]);
  const y = call('jacobian', f, [input]);
  if (!y.requiresGrad || y.size === 0) return zeros([...y.shape, ...x.shape], { dtype: x.dtype });
  // a one-hot gradient picks output element i; made one at a time, it costs O(y.size), not an identity's O(y.size²)
  const basisRow = (i: number): Tensor => arange(y.size).eq(i).to(y.dtype).reshape(y.shape);
  const rows = Array.from({ length: y.size }, (_, i) =>
    gradients(y, [input], { gradOutput: basisRow(i), retainGraph: true })[0].value);
  return stackTensors(rows).reshape([...y.shape, ...x.shape]);
}
