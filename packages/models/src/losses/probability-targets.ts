/**
 * Cross-entropy against class probabilities t (soft labels), as PyTorch's cross_entropy with a
 * float target shaped like the scores. With class weights w (all 1 without) and label smoothing
 * ε over C classes, the target becomes t ← (1 − ε)·t + ε/C and row n costs
 *   ℓ_n = −Σ_c w_c·t_{n,c}·log p_{n,c}.
 * 'sum' adds the rows up; 'mean' divides by the number of rows (N·d1·…), not by the weights:
 * PyTorch's rule for probability targets, unlike its rule for class indices.
 */
import type { Variable } from '@gradschool/autograd';
import type { Tensor } from '@gradschool/tensor';
import type { ClassLossSettings } from './nll.ts';
import { reduce } from './reduction.ts';

export function probabilityTargetLoss(op: string, logProbs: Variable, target: Tensor, s: ClassLossSettings): Variable {
  const outside = target.data().find((v) => !(v >= 0 && v <= 1));
  if (outside !== undefined) throw new RangeError(`${op}: class probabilities must lie in [0, 1], found ${outside}`);
  const classes = logProbs.shape[s.classDim];
  const smoothed = target.to(logProbs.dtype).mul(1 - s.smoothing).add(s.smoothing / classes);
  const loss = logProbs.mul(s.weight ? smoothed.mul(s.weight) : smoothed).sum(s.classDim).neg();
  return reduce(loss, s.reduction);
}
