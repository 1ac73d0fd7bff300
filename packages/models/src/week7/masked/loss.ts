/** The masked autoencoder's loss: cross-entropy of the softmax over the vocabulary, on masked positions only. */
import { formatShape, ShapeError, type Tensor } from '@gradschool/tensor';
import type { Values } from '../values.ts';

/**
 * −Σ mask · log softmax(logits)[target] / Σ mask: the mean negative log-probability of the right
 * token over the masked positions. Unmasked positions were visible to the model, so predicting
 * them is copying, and they neither count nor get a gradient. With no position masked it is 0.
 *
 * logits [..., L, V] (a score for every vocabulary entry at every position), targets [..., L]
 * int32 (the original tokens), mask [..., L] (1 where masked).
 */
export function maskedTokenLoss<T extends Values<T>>(logits: T, targets: Tensor, mask: Tensor): T {
  const positions = logits.shape.slice(0, -1);
  if (logits.ndim < 1 || formatShape(targets.shape) !== formatShape(positions) || formatShape(mask.shape) !== formatShape(positions)) {
    throw new ShapeError(
      `maskedTokenLoss: logits ${formatShape(logits.shape)} (scores over the vocabulary on the last dim) need targets and mask of shape ${formatShape(positions)}, got ${formatShape(targets.shape)} and ${formatShape(mask.shape)}`,
    );
  }
  const logProb = logits.logSoftmax(-1).gather(-1, targets.unsqueeze(-1)).squeeze(-1);
  return logProb.mul(mask).sum().neg().div(Math.max(mask.sum().item(), 1));
}
