/**
 * Exercise 2.5 — Softmax and logsoftmax backward, as vector-Jacobian products (12 points)
 *
 * For y = softmax(x) along a dim of size C, the Jacobian is ∂yᵢ/∂xⱼ = yᵢ(δᵢⱼ − yⱼ): a C×C matrix
 * per row. Backprop never needs it whole, only its product with the upstream gradient g:
 * dL/dx = y ⊙ (g − Σⱼ gⱼyⱼ). For y = logsoftmax(x), ∂yᵢ/∂xⱼ = δᵢⱼ − softmax(x)ⱼ, so
 * dL/dx = g − softmax(x)·Σᵢ gᵢ, where softmax(x) = exp(y). Both functions receive the forward
 * pass's output y (not its input) and g, of the same shape, and must never build a tensor
 * larger than y: a [C, C] Jacobian per row costs C times the memory and time.
 *
 * Guide: exercises/week2/README.md#25-softmax-and-logsoftmax-backward · Checks: test/week2/2.5-softmax-backward.checks.ts
 */
import type { Tensor } from '@gradschool/tensor';
import { NotImplementedError } from '../not-implemented.ts';

/** dL/dx given y = softmax(x, dim) and g = dL/dy. */
export function softmaxBackward(y: Tensor, gradOutput: Tensor, dim = -1): Tensor {
  throw new NotImplementedError('2.5', 'softmaxBackward');
}

/** dL/dx given y = logSoftmax(x, dim) and g = dL/dy. */
export function logSoftmaxBackward(y: Tensor, gradOutput: Tensor, dim = -1): Tensor {
  throw new NotImplementedError('2.5', 'logSoftmaxBackward');
}
