/**
 * Negative log-likelihood of class indices, and cross-entropy = logSoftmax followed by it:
 * the loss of the practicum's multiclass classifier. Shapes follow PyTorch: scores [N, C]
 * with targets [N], or [N, C, d1, ...] with [N, d1, ...], or [C] with a 0-d target.
 * crossEntropy also takes class probabilities, a float target shaped like the scores.
 * This file checks the arguments; the formulas are in index-targets.ts and probability-targets.ts.
 */
import { Variable } from '@gradschool/autograd';
import { checkTensor, formatShape as fmt, ShapeError, type Tensor } from '@gradschool/tensor';
import { checkData, checkFraction } from '../check.ts';
import { asVariable, type Input } from '../nn/parameter.ts';
import { indexTargetLoss } from './index-targets.ts';
import { probabilityTargetLoss } from './probability-targets.ts';
import { checkReduction, type Reduction, type ReductionOptions } from './reduction.ts';

export interface ClassLossOptions extends ReductionOptions {
  /**
   * A weight per class [C] (for unbalanced classes). With class indices, 'mean' then divides by
   * the targets' total weight; with class probabilities, still by the number of rows (PyTorch's rules).
   */
  weight?: Tensor;
  /**
   * A target value that marks an example to skip (PyTorch's ignore_index, e.g. padding): it adds
   * 0 to the loss and, for 'mean', is left out of the count (or the total weight). PyTorch
   * skips -100 unless told otherwise; here nothing is skipped unless you say which value, so a
   * stray -100 is reported rather than silently dropped. If every target is skipped, 'mean' is
   * 0/0 = NaN, as in PyTorch.
   */
  ignoreIndex?: number;
}

export interface CrossEntropyOptions extends ClassLossOptions {
  /**
   * ε in [0, 1] (PyTorch's label_smoothing): the target is mixed with the uniform distribution,
   * (1 - ε)·target + ε/C. Softmax reaches a one-hot target only as the true class's score pulls
   * away from the others without bound; it reaches a smoothed one at finite scores (Szegedy et al., 2016).
   */
  labelSmoothing?: number;
}

/** Options checked once, with the weight shaped to broadcast along the class dim. */
export interface ClassLossSettings {
  reduction: Reduction;
  classDim: number;
  weight: Tensor | null;
  ignoreIndex: number | null;
  smoothing: number;
}

/** The class dim: 0 for a single example [C], 1 for [N, C, ...]. */
const classDimOf = (x: Variable): number => (x.ndim === 1 ? 0 : 1);

function settings(op: string, logProbs: Variable, opts: CrossEntropyOptions): ClassLossSettings {
  const classDim = classDimOf(logProbs);
  const classes = logProbs.shape[classDim];
  const { weight, ignoreIndex } = opts;
  if (weight !== undefined) checkTensor(op, 'weight', weight);
  if (weight && (weight.ndim !== 1 || weight.shape[0] !== classes)) {
    throw new ShapeError(`${op}: weight must have shape [${classes}] (one per class), got ${fmt(weight.shape)}`);
  }
  const badWeight = weight?.data().find((v) => !(v >= 0 && Number.isFinite(v)));
  if (badWeight !== undefined) throw new RangeError(`${op}: class weights must be finite numbers >= 0, found ${badWeight}`);
  if (ignoreIndex !== undefined && !Number.isInteger(ignoreIndex)) {
    throw new RangeError(`${op}: ignoreIndex must be an integer (the target value to skip), got ${ignoreIndex}`);
  }
  return {
    reduction: checkReduction(op, opts.reduction ?? 'mean'),
    classDim,
    weight: weight ? weight.to(logProbs.dtype).reshape(logProbs.shape.map((n, i) => (i === classDim ? n : 1))) : null,
    ignoreIndex: ignoreIndex ?? null,
    smoothing: checkFraction(op, 'labelSmoothing', opts.labelSmoothing ?? 0),
  };
}

/**
 * Whether `target` holds class probabilities (a float tensor shaped like the scores) rather
 * than class indices (int32, the scores' shape without the class dim); anything else is refused
 * with the forms `op` accepts.
 */
function holdsProbabilities(op: string, logProbs: Variable, target: Tensor, probabilitiesAllowed: boolean): boolean {
  if (Array.isArray(target)) {
    throw new TypeError(`${op}: target must be a Tensor, got an array; for class indices write tensor([...], { dtype: 'int32' })`);
  }
  // a Variable is a target too (in PyTorch every target is a tensor): soft labels keep their gradient
  checkData(op, 'target', target);
  const classDim = classDimOf(logProbs);
  const [indexShape, scoreShape, got] = [fmt(logProbs.shape.filter((_, i) => i !== classDim)), fmt(logProbs.shape), fmt(target.shape)];
  const probabilities = probabilitiesAllowed
    ? `class probabilities must be a float tensor shaped like the scores, ${scoreShape}`
    : 'for probabilities per class use crossEntropy on the raw scores';
  // scores [C] are one example; a batch given as [N] (one score each) is the likelier intent
  const single = logProbs.ndim === 1 ? `; scores of shape ${scoreShape} are one example over ${logProbs.shape[0]} classes, and a batch of N examples needs scores [N, C]` : '';
  if (got === indexShape) {
    if (target.dtype === 'int32') return false;
    throw new TypeError(`${op}: targets of shape ${indexShape} must be class indices (int32), got ${target.dtype}; ${probabilities}`);
  }
  if (probabilitiesAllowed && got === scoreShape) {
    if (target.dtype !== 'int32') return true;
    throw new TypeError(`${op}: targets shaped like the scores ${scoreShape} are class probabilities and must be float, got int32${single}`);
  }
  const squeeze = got === fmt([...logProbs.shape.filter((_, i) => i !== classDim), 1]) ? '; the targets have an extra size-1 dim at the end: use target.squeeze(-1)' : '';
  throw new ShapeError(`${op}: scores ${scoreShape} need targets of shape ${indexShape} (one class index per row), got ${got}${squeeze}${single}; ${probabilities}`);
}

/** Class indices carry no gradient, so a Variable of them is read by its value. */
const indicesOf = (target: Tensor | Variable): Tensor => (target instanceof Variable ? target.value : target);

/** -log p[target] from log-probabilities (e.g. the output of LogSoftmax), as PyTorch's nll_loss. */
export function nll(logProbs: Input, target: Tensor, opts: ClassLossOptions = {}): Variable {
  const x = asVariable(logProbs, 'nll');
  if (x.ndim === 0) throw new ShapeError('nll: log-probabilities must have a class dim, got a 0-d tensor');
  holdsProbabilities('nll', x, target, false);
  return indexTargetLoss('nll', x, indicesOf(target), settings('nll', x, { ...opts, labelSmoothing: 0 }));
}

/**
 * Cross-entropy of raw scores (logits) against class indices or class probabilities:
 * -Σ_c t_c log softmax(x)_c. Taking logSoftmax, not log(softmax), keeps it finite when one
 * score dwarfs the others.
 */
export function crossEntropy(logits: Input, target: Tensor, opts: CrossEntropyOptions = {}): Variable {
  const x = asVariable(logits, 'crossEntropy');
  if (x.ndim === 0) throw new ShapeError('crossEntropy: scores must have a class dim, got a 0-d tensor');
  const logProbs = x.logSoftmax(classDimOf(x));
  if (!holdsProbabilities('crossEntropy', logProbs, target, true)) {
    return indexTargetLoss('crossEntropy', logProbs, indicesOf(target), settings('crossEntropy', logProbs, opts));
  }
  if (opts.ignoreIndex !== undefined) {
    throw new TypeError('crossEntropy: ignoreIndex skips class-index targets and has no meaning for class probabilities; leave it out');
  }
  return probabilityTargetLoss('crossEntropy', logProbs, target, settings('crossEntropy', logProbs, opts));
}
