/**
 * Cross-entropy against class indices y_n, as PyTorch's nll_loss and cross_entropy. With class
 * weights w (all 1 without), v_n = 0 where y_n is the ignoreIndex and 1 elsewhere, and label
 * smoothing ε over C classes, row n costs
 *   ℓ_n = v_n · [(1 − ε)·w_{y_n}·(−log p_{n,y_n}) + (ε/C)·Σ_c w_c·(−log p_{n,c})].
 * 'sum' adds the rows up; 'mean' divides that sum by Σ_n v_n·w_{y_n}, the total weight of the
 * targets kept (their count without weights), for both terms, as PyTorch does.
 */
import { type Variable, where } from '@gradschool/autograd';
import { ones, type Tensor, where as whereTensor } from '@gradschool/tensor';
import type { ClassLossSettings } from './nll.ts';

export function indexTargetLoss(op: string, logProbs: Variable, target: Tensor, s: ClassLossSettings): Variable {
  const classes = logProbs.shape[s.classDim];
  const bad = target.data().find((c) => (c < 0 || c >= classes) && c !== s.ignoreIndex);
  if (bad !== undefined) {
    const hint = bad === -100 && s.ignoreIndex === null ? '; PyTorch skips -100 by default, here pass { ignoreIndex: -100 } to skip it' : '';
    throw new RangeError(`${op}: target ${bad} is not a class index for ${classes} classes (0..${classes - 1})${hint}`);
  }
  const kept = s.ignoreIndex === null ? null : target.ne(s.ignoreIndex);
  // A skipped row looks up class 0 (any valid index would do); the mask removes it again.
  const index = kept ? whereTensor(kept, target, 0) : target;
  const targetWeight = s.weight
    ? s.weight.reshape([-1]).indexSelect(0, index.reshape([-1])).reshape(target.shape)
    : ones(target.shape, { dtype: logProbs.dtype });
  const rowWeight = kept ? targetWeight.mul(kept) : targetWeight;
  const picked = logProbs.gather(s.classDim, index.unsqueeze(s.classDim)).squeeze(s.classDim);
  let loss = picked.mul(rowWeight).neg();
  if (s.smoothing > 0) {
    const everyClass = (s.weight ? logProbs.mul(s.weight) : logProbs).sum(s.classDim).neg();
    loss = loss.mul(1 - s.smoothing).add(everyClass.mul(s.smoothing / classes));
  }
  // Filled with 0 rather than multiplied by the mask: a skipped row with log p = -∞ still costs 0.
  if (kept) loss = where(kept, loss, 0);
  // For 'mean' with every target skipped this is 0/0 = NaN, as in PyTorch.
  return s.reduction === 'none' ? loss : s.reduction === 'sum' ? loss.sum() : loss.sum().div(rowWeight.sum());
}
