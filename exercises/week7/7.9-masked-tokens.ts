/**
 * Exercise 7.9 — BERT's masked-token loss (8 points)
 *
 * BERT is a denoising autoencoder for text: the corruption masks some of the words, and the
 * model is trained to predict them with a big softmax over the vocabulary. `maskTokens` hides
 * each position independently with probability p, drawn from the generator: the masked
 * positions get the id `maskId`, and `mask` says where (1 masked, 0 visible, float). The loss
 * counts the masked positions only — the visible ones were given to the model, so predicting
 * them is copying: −Σ mask·log softmax(logits)[target] / (number of masked positions), 0 when
 * none is masked. logits [..., L, V] hold a score for each of V words at each of L positions;
 * targets and mask are [..., L]. Use a stable log-softmax; the loss takes and returns Variables.
 *
 * Guide: exercises/week7/README.md#79-masked-token-loss · Checks: test/week7/7.9-masked-tokens.checks.ts
 */
import type { Variable } from '@gradschool/autograd';
import type { Generator, Tensor } from '@gradschool/tensor';
import { NotImplementedError } from '../not-implemented.ts';

/** Tokens (int32) with each position replaced by maskId with probability p; mask is 1 where replaced. */
export function maskTokens(tokens: Tensor, p: number, gen: Generator, maskId: number): { input: Tensor; mask: Tensor } {
  throw new NotImplementedError('7.9', 'maskTokens');
}

/** The mean of −log P(target) over the masked positions: a scalar. */
export function maskedTokenLoss(logits: Variable, targets: Tensor, mask: Tensor): Variable {
  throw new NotImplementedError('7.9', 'maskedTokenLoss');
}
