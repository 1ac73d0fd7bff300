/**
 * Exercise 2.4 — Stable logsoftmax (8 points)
 *
 * logsoftmax(x)ᵢ = xᵢ − log Σⱼ exp(xⱼ): the log-probabilities that cross-entropy needs. Taking
 * log(softmax(x)) loses them: a probability below ~1e-308 rounds to 0 and its log is −Infinity,
 * although the true value (say −1000) is an ordinary number. Use the log-sum-exp trick instead:
 * with m = max x, log Σ exp(xⱼ) = m + log Σ exp(xⱼ − m), so logsoftmax(x) = (x − m) −
 * log Σ exp(x − m), which never overflows and never takes the log of 0.
 *
 * Guide: exercises/week2/README.md#24-stable-logsoftmax · Checks: test/week2/2.4-log-softmax.checks.ts
 */
import type { Tensor } from '@gradschool/tensor';
import { NotImplementedError } from '../not-implemented.ts';

export function logSoftmax(x: Tensor, dim = -1): Tensor {
  throw new NotImplementedError('2.4', 'logSoftmax');
}
