import type { Variable } from '@gradschool/autograd';
import type { Tensor } from '@gradschool/tensor';
import { checkFraction, checkNonNegative, checkOptions } from '../check.ts';
import { Optimizer } from './optimizer.ts';

export interface SGDOptions {
  lr: number;
  /** Fraction of the previous step kept in the velocity (0 = plain gradient descent). */
  momentum?: number;
  /** Fraction of each new gradient left out of the velocity. */
  dampening?: number;
  /** Step from where momentum is about to take the parameters (Sutskever et al.'s form, as PyTorch). */
  nesterov?: boolean;
  /** L2 penalty: adds weightDecay · p to each gradient, pulling weights towards 0. */
  weightDecay?: number;
  /** Climb the objective: the gradient is negated first (PyTorch's `maximize`). */
  maximize?: boolean;
}

/**
 * Stochastic gradient descent with PyTorch's update: g = ∇ + λp; with momentum μ the velocity
 * is b = g on the first step and b = μb + (1 - dampening)g after; the step is p -= lr · b
 * (or lr · (g + μb) with Nesterov).
 */
export class SGD extends Optimizer {
  readonly momentum: number;
  readonly dampening: number;
  readonly nesterov: boolean;
  readonly weightDecay: number;
  #velocity: (Tensor | null)[];

  constructor(params: Iterable<Variable>, opts: SGDOptions) {
    super('SGD', params, checkOptions('SGD', opts, 'new SGD(model.parameters(), { lr: 0.1 })').lr, opts.maximize);
    this.momentum = checkFraction('SGD', 'momentum', opts.momentum ?? 0);
    this.dampening = checkFraction('SGD', 'dampening', opts.dampening ?? 0);
    this.nesterov = opts.nesterov ?? false;
    this.weightDecay = checkNonNegative('SGD', 'weightDecay', opts.weightDecay ?? 0);
    if (this.nesterov && (this.momentum === 0 || this.dampening !== 0)) {
      throw new RangeError('SGD: nesterov needs momentum > 0 and dampening 0');
    }
    this.#velocity = this.params.map(() => null);
  }

  protected update(value: Tensor, grad: Tensor, i: number): Tensor {
    let g = this.weightDecay === 0 ? grad : grad.add(value.mul(this.weightDecay));
    if (this.momentum !== 0) {
      const previous = this.#velocity[i];
      const b = previous === null ? g : previous.mul(this.momentum).add(g.mul(1 - this.dampening));
      this.#velocity[i] = b;
      g = this.nesterov ? g.add(b.mul(this.momentum)) : b;
    }
    return value.sub(g.mul(this.lr));
  }
}
