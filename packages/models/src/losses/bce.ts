/**
 * Binary cross-entropy: -[y log p + (1 - y) log(1 - p)] for a probability p of the positive
 * class and a target y in [0, 1]. Each is one op with its own vector-Jacobian products, so the
 * gradients stay finite where the textbook formula divides by 0.
 */
import { record, type Variable } from '@gradschool/autograd';
import { type Tensor } from '@gradschool/tensor';
import { asVariable, type Input } from '../nn/parameter.ts';
import { checkReduction, checkSameShape, reduce, type ReductionOptions } from './reduction.ts';

/** PyTorch clamps each log at -100, so a confident mistake costs a lot but stays finite. */
const clampedLog = (t: Tensor): Tensor => t.log().maximum(-100);

/** BCE of probabilities p (e.g. after a Sigmoid), as PyTorch's binary_cross_entropy. */
export function bce(input: Input, target: Input, opts: ReductionOptions = {}): Variable {
  const reduction = checkReduction('bce', opts.reduction ?? 'mean');
  checkSameShape('bce', input, target);
  const [p, y] = [asVariable(input), asVariable(target)];
  const outside = p.data().find((v) => !(v >= 0 && v <= 1));
  if (outside !== undefined) {
    throw new RangeError(`bce: input must hold probabilities in [0, 1], found ${outside}; pass raw scores (logits) to bceWithLogits instead`);
  }
  const logP = clampedLog(p.value);
  const logNotP = clampedLog(p.value.neg().add(1));
  const loss = y.value.mul(logP).add(y.value.neg().add(1).mul(logNotP)).neg();
  return reduce(record('bce', loss, [p, y], [
    // d/dp = (p - y) / (p (1 - p)), its denominator kept >= 1e-12 as PyTorch does
    (g) => g.mul(p.sub(y)).div(p.mul(p.neg().add(1)).maximum(1e-12)),
    (g) => g.mul(logNotP.sub(logP)),
  ]), reduction);
}

/**
 * BCE of raw scores x, with p = σ(x) folded in: (1 - y) x + log(1 + e^-x), written as
 * (1 - y) x + max(-x, 0) + log1p(e^-|x|) so that no exp overflows. Prefer this to Sigmoid + bce:
 * it is stable for any x and its gradient is simply σ(x) - y (PyTorch's
 * binary_cross_entropy_with_logits).
 */
export function bceWithLogits(input: Input, target: Input, opts: ReductionOptions = {}): Variable {
  const reduction = checkReduction('bceWithLogits', opts.reduction ?? 'mean');
  checkSameShape('bceWithLogits', input, target);
  const [x, y] = [asVariable(input), asVariable(target)];
  const softplusNeg = x.value.neg().maximum(0).add(x.value.abs().neg().exp().log1p());
  const loss = y.value.neg().add(1).mul(x.value).add(softplusNeg);
  return reduce(record('bceWithLogits', loss, [x, y], [
    (g) => g.mul(x.sigmoid().sub(y)),
    (g) => g.mul(x).neg(),
  ]), reduction);
}
