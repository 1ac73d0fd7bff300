/**
 * The functional view of the same engine (as in JAX): transform a function of Variables into
 * one that returns its gradients, with plain Tensors in and out.
 */
import { arange, checkTensor, describeValue, formatShape, ShapeError, stack as stackTensors, Tensor, zeros, zerosLike } from '@gradschool/tensor';
import { gradients } from './backward.ts';
import { Variable } from './variable.ts';

export type Differentiable = (...xs: Variable[]) => Variable;

/** The function a transform is given: refused at once, not when it is first called. */
export function checkFunction(op: string, f: unknown): void {
  if (typeof f !== 'function') throw new TypeError(`${op}: expects a function of Variables, such as (x) => x.square().sum(), got ${describeValue(f)}`);
}

/** The Tensors a transform differentiates at: an array of them, each refused by position if it is not one. */
export function checkTensors(op: string, xs: readonly Tensor[], noun = 'argument'): void {
  if (!Array.isArray(xs)) throw new TypeError(`${op}: the inputs must be an array of Tensors, as in ${op}(f, [x]), got ${describeValue(xs)}`);
  xs.forEach((x, i) => checkTensor(op, `${noun} ${i}`, x));
}

function leaves(op: string, xs: readonly Tensor[]): Variable[] {
  checkTensors(op, xs);
  return xs.map((x) => new Variable(x, { requiresGrad: true }));
}

function call(op: string, f: Differentiable, vars: Variable[]): Variable {
  const y = f(...vars);
  if (!(y instanceof Variable)) {
    throw new TypeError(`${op}: the function must return a Variable (the result of ops on its arguments), got ${describeValue(y)}`);
  }
  return y;
}

/** valueAndGrad under the name the caller wrote (grad is built on it), for its errors. */
function valueAndGradAs(op: string, f: Differentiable): (...xs: Tensor[]) => { value: Tensor; grads: Tensor[] } {
  checkFunction(op, f);
  return (...xs) => {
    const vars = leaves(op, xs);
    const y = call(op, f, vars);
    if (y.size !== 1) {
      throw new ShapeError(`${op}: the function must return a scalar, but it returned shape ${formatShape(y.shape)}; use vjp or jacobian for other outputs`);
    }
    const grads = y.requiresGrad ? gradients(y, vars).map((g) => g.value) : xs.map(zerosLike);
    return { value: y.value, grads };
  };
}

/** `valueAndGrad(f)(...xs)`: f's scalar value and its gradient with respect to every argument. */
export const valueAndGrad = (f: Differentiable): (...xs: Tensor[]) => { value: Tensor; grads: Tensor[] } => valueAndGradAs('valueAndGrad', f);

/** `grad(f)(...xs)`: the gradient of scalar f with respect to every argument. */
export function grad(f: Differentiable): (...xs: Tensor[]) => Tensor[] {
  const both = valueAndGradAs('grad', f);
  return (...xs) => both(...xs).grads;
}

/** vᵀJ for f at xs: the gradient of sum(v * f(xs)) with respect to each x. */
export function vjp(f: Differentiable, xs: readonly Tensor[], v: Tensor): { value: Tensor; vjps: Tensor[] } {
  checkFunction('vjp', f);
  checkTensor('vjp', 'v', v);
  const vars = leaves('vjp', xs);
  const y = call('vjp', f, vars);
  if (formatShape(v.shape) !== formatShape(y.shape)) {
    throw new ShapeError(`vjp: v has shape ${formatShape(v.shape)} but f's output has shape ${formatShape(y.shape)}; v must be shaped like the output`);
  }
  const vjps = y.requiresGrad ? gradients(y, vars, { gradOutput: v }).map((g) => g.value) : xs.map(zerosLike);
  return { value: y.value, vjps };
}

/** The full Jacobian, shape [...out.shape, ...x.shape]: one backward pass per output element. */
export function jacobian(f: (x: Variable) => Variable, x: Tensor): Tensor {
  checkFunction('jacobian', f);
  // by its name: jacobian(f, x) takes one x, so 'argument 0' (as leaves would say) would point at f
  checkTensor('jacobian', 'x', x);
  const [input] = leaves('jacobian', [x]);
  const y = call('jacobian', f, [input]);
  if (!y.requiresGrad || y.size === 0) return zeros([...y.shape, ...x.shape], { dtype: x.dtype });
  // a one-hot gradient picks output element i; made one at a time, it costs O(y.size), not an identity's O(y.size²)
  const basisRow = (i: number): Tensor => arange(y.size).eq(i).to(y.dtype).reshape(y.shape);
  const rows = Array.from({ length: y.size }, (_, i) =>
    gradients(y, [input], { gradOutput: basisRow(i), retainGraph: true })[0].value);
  return stackTensors(rows).reshape([...y.shape, ...x.shape]);
}
