import type { Variable } from '@gradschool/autograd';
import type { Tensor } from '@gradschool/tensor';
import { checkNonNegative } from '../check.ts';

/**
 * Updates parameters from their gradients. The loop is always: zeroGrad(), compute the loss,
 * loss.backward(), step(). Updates assign each parameter a new value (Tensors are immutable),
 * which is allowed because parameters are leaves of the graph.
 */
export abstract class Optimizer {
  readonly params: readonly Variable[];
  /** The learning rate; schedules change it between steps. */
  lr: number;
  /** Climb the objective instead of descending it (a reward, a log-likelihood). */
  readonly maximize: boolean;

  constructor(op: string, params: Iterable<Variable>, lr: number, maximize = false) {
    this.params = [...params];
    this.maximize = maximize;
    if (this.params.length === 0) throw new RangeError(`${op}: got an empty list of parameters to optimize`);
    const frozen = this.params.findIndex((p) => !p.requiresGrad);
    if (frozen >= 0) throw new TypeError(`${op}: parameter ${frozen} does not require gradients, so it would never move`);
    this.lr = checkNonNegative(op, 'lr', lr);
  }

  /** Clear every parameter's gradient: backward() adds to `grad`, it does not overwrite it. */
  zeroGrad(): void {
    for (const p of this.params) p.zeroGrad();
  }

  /**
   * One update of every parameter that has a gradient (those without one are left alone). With
   * `maximize` the gradient is negated before anything else, as PyTorch's code does, so weight
   * decay still pulls the weights towards 0.
   */
  step(): void {
    this.params.forEach((p, i) => {
      if (p.grad) p.value = this.update(p.value, this.maximize ? p.grad.neg() : p.grad, i);
    });
  }

  /** The new value of parameter i. */
  protected abstract update(value: Tensor, grad: Tensor, i: number): Tensor;
}
