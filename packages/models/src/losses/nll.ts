/**
 * Negative log-likelihood of class indices, and cross-entropy = logSoftmax followed by it:
 * the loss of the practicum's multiclass classifier. Shapes follow PyTorch: scores [N, C]
 * with targets [N], or [N, C, d1, ...] with [N, d1, ...], or [C] with a 0-d target.
 */
import type { Variable } from '@gradschool/autograd';
import { formatShape as fmt, ShapeError, type Tensor } from '@gradschool/tensor';
import { asVariable, type Input } from '../nn/parameter.ts';
import { checkReduction, reduce, type ReductionOptions } from './reduction.ts';

export interface ClassLossOptions extends ReductionOptions {
  /** A weight per class [C] (for unbalanced classes); the mean is then divided by the targets' total weight. */
  weight?: Tensor;
}

function classLoss(op: string, logProbs: Variable, target: Tensor, opts: ClassLossOptions): Variable {
  const reduction = checkReduction(op, opts.reduction ?? 'mean');
  const classDim = logProbs.ndim === 1 ? 0 : 1;
  const expected = logProbs.shape.filter((_, i) => i !== classDim);
  if (logProbs.ndim === 0 || fmt(target.shape) !== fmt(expected)) {
    throw new ShapeError(
      `${op}: scores ${fmt(logProbs.shape)} need targets of shape ${fmt(expected)} (one class index per row), got ${fmt(target.shape)}`,
    );
  }
  if (target.dtype !== 'int32') {
    throw new TypeError(`${op}: targets must be class indices (int32), got ${target.dtype}; for probabilities per class use bce or mse`);
  }
  const classes = logProbs.shape[classDim];
  const bad = target.data().find((c) => c < 0 || c >= classes);
  if (bad !== undefined) throw new RangeError(`${op}: target ${bad} is not a class index for ${classes} classes (0..${classes - 1})`);
  // log p(true class) for each example: pick it out along the class dim.
  const picked = logProbs.gather(classDim, target.unsqueeze(classDim)).squeeze(classDim);
  const w = opts.weight ? classWeights(op, opts.weight, target, classes, logProbs) : null;
  const loss = w ? picked.mul(w).neg() : picked.neg();
  // PyTorch's weighted mean: divided by the total weight of the targets, not by their count.
  return reduction === 'mean' && w ? loss.sum().div(w.sum()) : reduce(loss, reduction);
}

/** The weight of each example's target class, shaped like the targets. */
function classWeights(op: string, weight: Tensor, target: Tensor, classes: number, like: Variable): Tensor {
  if (weight.ndim !== 1 || weight.shape[0] !== classes) {
    throw new ShapeError(`${op}: weight must have shape [${classes}] (one per class), got ${fmt(weight.shape)}`);
  }
  return weight.to(like.dtype).indexSelect(0, target.reshape([-1])).reshape(target.shape);
}

/** -log p[target] from log-probabilities (e.g. the output of LogSoftmax), as PyTorch's nll_loss. */
export const nll = (logProbs: Input, target: Tensor, opts: ClassLossOptions = {}): Variable =>
  classLoss('nll', asVariable(logProbs), target, opts);

/**
 * Cross-entropy of raw scores (logits) against class indices: nll(logSoftmax(scores)). Taking
 * logSoftmax, not log(softmax), keeps it finite when one score dwarfs the others.
 */
export function crossEntropy(logits: Input, target: Tensor, opts: ClassLossOptions = {}): Variable {
  const x = asVariable(logits);
  if (x.ndim === 0) throw new ShapeError('crossEntropy: scores must have a class dim, got a 0-d tensor');
  return classLoss('crossEntropy', x.logSoftmax(x.ndim === 1 ? 0 : 1), target, opts);
}
