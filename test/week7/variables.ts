/**
 * Shared by the checks of exercises that take and return autograd Variables (7.6, 7.8, 7.9).
 * A Variable's graph must live where the exercise code runs, so the checks make their Variables
 * in the runner (`variable`, `parameter`) and hold handles to them: reading `.value` or `.grad`,
 * or calling `.backward()`, asks the runner and returns data.
 */
import type { Variable } from '@gradschool/autograd';
import type { DType, Tensor } from '@gradschool/tensor';
import { expectTensor } from '../harness/call.ts';
import { CheckFailure } from '../harness/check.ts';
import { kindOf, shapeText } from '../harness/show.ts';
import { handleInfo, runnerHelper } from '../sandbox/session.ts';

/** `variable(t, options)` made in the runner. */
export const variable = (value: Tensor, options?: { requiresGrad?: boolean }): Variable => runnerHelper<Variable>('variable', value, options ?? {});

/** A leaf that collects a gradient, as autograd's `parameter(t)`. */
export const parameter = (value: Tensor): Variable => variable(value, { requiresGrad: true });

/** The value must be a Variable of exactly this shape (and this dtype, where one is given). */
export function expectVariable(label: string, value: unknown, shape: readonly number[], dtype?: DType): Variable {
  if (handleInfo(value)?.kind !== 'variable') {
    throw new CheckFailure(`${label} returned ${kindOf(value)}; expected a Variable of shape ${shapeText(shape)}, built with the Variables' own ops so that gradients can flow through it`);
  }
  expectTensor(label, (value as Variable).value, shape, 'a Variable', dtype);
  return value as Variable;
}

/** The gradient `backward` (the call, as the message shows it: `f(x).backward()`) left on a leaf; a missing one means the graph was cut somewhere. */
export function gradientOf(backward: string, leaf: Variable, name: string): Tensor {
  const grad = leaf.grad;
  if (grad === null || grad === undefined) {
    throw new CheckFailure(`after ${backward}, ${name} has no gradient: the result was not built from it with the Variables' own ops (a Tensor's .value, or a new variable(...), cuts the graph)`);
  }
  return expectTensor(`after ${backward}, ${name}.grad`, grad, leaf.value.shape, 'a gradient');
}
