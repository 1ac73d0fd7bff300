/** Shared by the checks of exercises that take and return autograd Variables (7.6, 7.8, 7.9). */
import { Variable } from '@gradschool/autograd';
import { expectTensor } from '../harness/call.ts';
import { CheckFailure } from '../harness/check.ts';
import { kindOf, shapeText } from '../harness/show.ts';

/** The value must be a Variable of exactly this shape. */
export function expectVariable(label: string, value: unknown, shape: readonly number[]): Variable {
  if (!(value instanceof Variable)) {
    throw new CheckFailure(`${label} returned ${kindOf(value)}; expected a Variable of shape ${shapeText(shape)}, built with the Variables' own ops so that gradients can flow through it`);
  }
  expectTensor(label, value.value, shape, 'a Variable');
  return value;
}

/** The gradient backward() left on a leaf; a missing one means the graph was cut somewhere. */
export function gradientOf(label: string, leaf: Variable, name: string) {
  if (leaf.grad === null) {
    throw new CheckFailure(`after ${label}.backward(), ${name} has no gradient: the result was not built from it with the Variables' own ops (a Tensor's .value, or a new variable(...), cuts the graph)`);
  }
  return leaf.grad;
}
