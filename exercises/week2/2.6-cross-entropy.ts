/**
 * Exercise 2.6 — Cross-entropy and its gradient (10 points)
 *
 * A classifier outputs one score (logit) per class: logits [N, C]; the targets are class
 * indices, int32 [N]. Cross-entropy is the mean over the batch of the negative log-probability
 * of the right class: L = −(1/N) Σₙ logsoftmax(logitsₙ)[targetₙ], a scalar tensor (shape []).
 * Its gradient is remarkably simple: dL/dlogits = (softmax(logits) − onehot(targets)) / N —
 * the predicted probabilities minus the ones we wanted, averaged over the batch. Use your
 * logSoftmax (2.4) so that a logit of 1000 still gives a finite loss.
 *
 * Guide: exercises/week2/README.md#26-cross-entropy · Checks: test/week2/2.6-cross-entropy.checks.ts
 */
import type { Tensor } from '@gradschool/tensor';
import { NotImplementedError } from '../not-implemented.ts';

/** Mean negative log-likelihood of the targets: logits [N, C], targets int32 [N] → shape []. */
export function crossEntropy(logits: Tensor, targets: Tensor): Tensor {
  throw new NotImplementedError('2.6', 'crossEntropy');
}

/** dL/dlogits for L = crossEntropy(logits, targets), shape [N, C]. */
export function crossEntropyBackward(logits: Tensor, targets: Tensor): Tensor {
  throw new NotImplementedError('2.6', 'crossEntropyBackward');
}
