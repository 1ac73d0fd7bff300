/**
 * Every differentiable op ends in `record`: it wraps the forward result and, when gradients are
 * wanted, remembers the inputs and one vjp per input. This is the whole tape.
 */
import type { Tensor } from '@gradschool/tensor';
import { isGradEnabled } from './grad-mode.ts';
import { Node, type Vjp } from './node.ts';
import { Variable } from './variable.ts';

export function record(op: string, value: Tensor, inputs: readonly Variable[], vjps: readonly Vjp[]): Variable {
  const tracked = isGradEnabled() && inputs.some((x) => x.requiresGrad);
  return tracked ? new Variable(value, {}, new Node(op, inputs, vjps)) : new Variable(value);
}
