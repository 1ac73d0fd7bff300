/**
 * BERT's corruption (course notes, week 7B: "masking some of the words and ... trying to predict
 * these. Hence, this is also called a masked autoencoder"): hide random positions behind a mask token.
 */
import { checkGenerator, checkTensor, type Generator, rand, type Tensor, where } from '@gradschool/tensor';
import { checkFraction } from '../../check.ts';

export interface MaskedTokens {
  /** The tokens with every masked position replaced by the mask id (int32, same shape). */
  input: Tensor;
  /** 1 where a position was masked (and must be predicted), 0 elsewhere (float32, same shape). */
  mask: Tensor;
}

/** Mask every position independently with probability p. */
export function maskTokens(tokens: Tensor, p: number, generator: Generator, opts: { maskId?: number } = {}): MaskedTokens {
  checkTensor('maskTokens', 'tokens', tokens);
  checkFraction('maskTokens', 'p', p);
  checkGenerator('maskTokens', generator);
  const maskId = opts.maskId ?? 0;
  if (!Number.isInteger(maskId) || maskId < 0) throw new RangeError(`maskTokens: maskId must be a token id (an integer >= 0), got ${maskId}`);
  if (tokens.dtype !== 'int32') throw new TypeError(`maskTokens: tokens must be int32 ids, got ${tokens.dtype}`);
  const mask = rand(tokens.shape, generator).lt(p);
  return { input: where(mask, maskId, tokens), mask };
}
