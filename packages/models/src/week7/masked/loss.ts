/** The masked autoencoder's loss: cross-entropy of the softmax over the vocabulary, on masked positions only. */
import { checkTensor, formatShape, ShapeError, type Tensor } from '@gradschool/tensor';
import { checkData } from '../../check.ts';
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
  checkData('maskedTokenLoss', 'logits', logits);
  checkTensor('maskedTokenLoss', 'targets', targets);
  checkTensor('maskedTokenLoss', 'mask', mask);
  const positions = logits.shape.slice(0, -1);
  if (logits.ndim < 1 || formatShape(targets.shape) !== formatShape(positions) || formatShape(mask.shape) !== formatShape(positions)) {
    throw new ShapeError(
      `maskedTokenLoss: logits ${formatShape(logits.shape)} (scores over the vocabulary on the last dim) need targets and mask of shape ${formatShape(positions)}, got ${formatShape(targets.shape)} and ${formatShape(mask.shape)}`,
    );
  }
  const vocab = logits.shape[logits.ndim - 1];
  const bad = targets.data().find((t) => !(Number.isInteger(t) && t >= 0 && t < vocab));
  if (bad !== undefined) throw new RangeError(`maskedTokenLoss: target ${bad} is not a token id of the ${vocab}-word vocabulary (0..${vocab - 1})`);
  const badMask = mask.data().find((m) => m !== 0 && m !== 1);
  if (badMask !== undefined) throw new RangeError(`maskedTokenLoss: mask must hold 1 where a position was masked and 0 elsewhere, found ${badMask}`);
  const logProb = logits.logSoftmax(-1).gather(-1, targets.unsqueeze(-1)).squeeze(-1);
  return logProb.mul(mask).sum().neg().div(Math.max(mask.sum().item(), 1));
}
