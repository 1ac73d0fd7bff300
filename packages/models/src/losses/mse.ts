import type { Variable } from '@gradschool/autograd';
import { asVariable, type Input } from '../nn/parameter.ts';
import { checkReduction, checkSameShape, reduce, type ReductionOptions } from './reduction.ts';

/** Mean squared error (x - y)², the loss of least-squares regression (PyTorch's mse_loss). */
export function mse(input: Input, target: Input, opts: ReductionOptions = {}): Variable {
  const reduction = checkReduction('mse', opts.reduction ?? 'mean');
  checkSameShape('mse', input, target);
  return reduce(asVariable(input, 'mse').sub(asVariable(target, 'mse', 'target')).square(), reduction);
}
