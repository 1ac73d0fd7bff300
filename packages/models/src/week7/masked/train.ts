/** One training step of the masked autoencoder. */
import type { Generator, Tensor } from '@gradschool/tensor';
import type { Optimizer } from '../../optim/optimizer.ts';
import { checkFraction } from '../../check.ts';
import { maskedTokenLoss } from './loss.ts';
import { maskTokens } from './mask-tokens.ts';
import type { MaskedTokenModel } from './model.ts';

/**
 * Mask a fresh random set of positions (probability p each), predict them from the rest, and
 * step on the loss over the masked positions only. Returns that loss.
 */
export function maskedTokenStep(model: MaskedTokenModel, tokens: Tensor, p: number, optimizer: Optimizer, generator: Generator, opts: { maskId?: number } = {}): number {
  // checked before the mask is drawn, so a refused step leaves the generator (and the model) as they were
  model.checkTokens('maskedTokenStep', tokens);
  checkFraction('maskedTokenStep', 'p', p);
  const { input, mask } = maskTokens(tokens, p, generator, opts);
  optimizer.zeroGrad();
  const loss = maskedTokenLoss(model.forward(input), tokens, mask);
  loss.backward();
  optimizer.step();
  return loss.item();
}
