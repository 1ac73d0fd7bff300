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

  constructor(op: string, params: Iterable<Variable>, lr: number) {
    this.params = [...params];
    if (this.params.length === 0) throw new RangeError(`${op}: got an empty list of parameters to optimize`);
    const frozen = this.params.findIndex((p) => !p.requiresGrad);
    if (frozen >= 0) throw new TypeError(`${op}: parameter ${frozen} does not require gradients, so it would never move`);
    this.lr = checkNonNegative(op, 'lr', lr);
  }

  /** Clear every parameter's gradient: backward() adds to `grad`, it does not overwrite it. */
  zeroGrad(): void {
    for (const p of this.params) p.zeroGrad();
  }

  /** One update of every parameter that has a gradient (those without one are left alone). */
  step(): void {
    this.params.forEach((p, i) => {
      if (p.grad) p.value = this.update(p.value, p.grad, i);
    });
  }

  /** The new value of parameter i. */
  protected abstract update(value: Tensor, grad: Tensor, i: number): Tensor;
}
