/**
 * Exercise 2.1 — Linear layer: forward and hand-written backward (12 points)
 *
 * A linear layer maps a batch x [N, in] to y = x·Wᵀ + b [N, out], with the weight W [out, in]
 * and the bias b [out] (PyTorch's nn.Linear layout). Backprop through it turns the gradient of
 * the loss with respect to the output, dL/dy [N, out], into a gradient for each input:
 * dL/dx = dL/dy·W [N, in], dL/dW = (dL/dy)ᵀ·x [out, in] and dL/db = Σₙ dL/dy [out]. For one
 * sample the Jacobian ∂y/∂x is W itself, [out, in]: the row vector dL/dy [1, out] times it gives
 * dL/dx [1, in]. Every gradient has the shape of what it is the gradient of — check shapes first.
 *
 * Guide: exercises/week2/README.md#21-linear-layer · Checks: test/week2/2.1-linear.checks.ts
 */
import type { Tensor } from '@gradschool/tensor';
import { NotImplementedError } from '../not-implemented.ts';

/** y = x·Wᵀ + b: x [N, in], weight [out, in], bias [out] → y [N, out]. */
export function linearForward(x: Tensor, weight: Tensor, bias: Tensor): Tensor {
  throw new NotImplementedError('2.1', 'linearForward');
}

/** The gradients of the loss with respect to each input of linearForward. */
export interface LinearGrads {
  /** dL/dx, shape [N, in]. */
  x: Tensor;
  /** dL/dW, shape [out, in]. */
  weight: Tensor;
  /** dL/db, shape [out]. */
  bias: Tensor;
}

/** Backprop dL/dy [N, out] through y = x·Wᵀ + b. */
export function linearBackward(x: Tensor, weight: Tensor, gradOutput: Tensor): LinearGrads {
  throw new NotImplementedError('2.1', 'linearBackward');
}
