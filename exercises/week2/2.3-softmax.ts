/**
 * Exercise 2.3 — Stable softmax (10 points)
 *
 * softmax(x)ᵢ = exp(xᵢ) / Σⱼ exp(xⱼ) along one dim turns scores into probabilities: positive,
 * summing to 1. Computed as written, exp overflows to Infinity for scores above ~709 and the
 * result is NaN. Softmax does not change when the same number is subtracted from every score,
 * so subtract the maximum along the dim first: the largest exponent is then exp(0) = 1 and
 * nothing overflows. Write it with exp, max and sum (the library's own softmax is what you are
 * rebuilding); `dim` may be negative and counts from the end.
 *
 * Guide: exercises/week2/README.md#23-stable-softmax · Checks: test/week2/2.3-softmax.checks.ts
 */
import type { Tensor } from '@gradschool/tensor';
import { NotImplementedError } from '../not-implemented.ts';

export function softmax(x: Tensor, dim = -1): Tensor {
  throw new NotImplementedError('2.3', 'softmax');
}
