import { Variable } from '@gradschool/autograd';
import { type Tensor } from '@gradschool/tensor';
import { checkData } from '../check.ts';

/**
 * A Variable a model learns: it always requires a gradient, and a Module finds it among its
 * fields (as PyTorch's nn.Parameter) to list it in `parameters()` and `stateDict()`.
 */
export class Parameter extends Variable {
  constructor(value: Tensor) {
    super(value, { requiresGrad: true });
  }
}

/** What layers accept: a Variable from earlier in the graph, or a plain Tensor of data. */
export type Input = Variable | Tensor;

/** `x` as a Variable (a Tensor becomes a constant); anything else is refused naming `op` and `what` it was. */
export function asVariable(x: Input, op = 'asVariable', what = 'input'): Variable {
  checkData(op, what, x);
  return x instanceof Variable ? x : new Variable(x);
}
