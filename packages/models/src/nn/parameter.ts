import { Variable } from '@gradschool/autograd';
import { type Tensor } from '@gradschool/tensor';

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

export const asVariable = (x: Input): Variable => (x instanceof Variable ? x : new Variable(x));
