/**
 * Exercise 2.2 — Backward of ReLU, sigmoid and tanh (9 points)
 *
 * An elementwise activation y = f(x) has a diagonal Jacobian, so its vector-Jacobian product is
 * a plain elementwise product: dL/dx = dL/dy ⊙ f′(x). Write f′ for the three classics, each
 * taking the input x of the forward pass and the upstream gradient dL/dy (same shape):
 * ReLU′(x) = 1 where x > 0 and 0 elsewhere (PyTorch's choice at 0), σ′(x) = σ(x)(1 − σ(x)) and
 * tanh′(x) = 1 − tanh²(x). They must stay finite for large |x| (try x = −1000) and must not
 * modify their arguments.
 *
 * Guide: exercises/week2/README.md#22-activation-backward · Checks: test/week2/2.2-activations.checks.ts
 */
import type { Tensor } from '@gradschool/tensor';
import { NotImplementedError } from '../not-implemented.ts';

/** dL/dx for y = relu(x). */
export function reluBackward(x: Tensor, gradOutput: Tensor): Tensor {
  throw new NotImplementedError('2.2', 'reluBackward');
}

/** dL/dx for y = sigmoid(x). */
export function sigmoidBackward(x: Tensor, gradOutput: Tensor): Tensor {
  throw new NotImplementedError('2.2', 'sigmoidBackward');
}

/** dL/dx for y = tanh(x). */
export function tanhBackward(x: Tensor, gradOutput: Tensor): Tensor {
  throw new NotImplementedError('2.2', 'tanhBackward');
}
