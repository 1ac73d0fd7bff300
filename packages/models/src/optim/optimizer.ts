import { Variable } from '@gradschool/autograd';
import { checkTensor, describeValue, formatShape as fmt, ShapeError, type Tensor } from '@gradschool/tensor';
import { checkNonNegative } from '../check.ts';

/** The parameters to optimize as an array: an iterable of them, not the model itself. */
function listParameters(op: string, params: Iterable<Variable>): Variable[] {
  if (params === null || typeof params !== 'object' || typeof (params as Partial<Iterable<Variable>>)[Symbol.iterator] !== 'function') {
    const module = params !== null && typeof params === 'object' && typeof (params as { parameters?: unknown }).parameters === 'function';
    const hint = module ? '; pass model.parameters()' : typeof params === 'function' ? '; call it: model.parameters()' : '';
    throw new TypeError(`${op}: params must be a list of parameters, such as model.parameters(), got ${describeValue(params)}${hint}`);
  }
  return [...params];
}

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

  /** The name errors use: 'SGD', 'Adam', ... */
  readonly #op: string;

  constructor(op: string, params: Iterable<Variable>, lr: number, maximize = false) {
    this.#op = op;
    this.params = listParameters(op, params);
    this.maximize = maximize;
    if (this.params.length === 0) throw new RangeError(`${op}: got an empty list of parameters to optimize`);
    this.params.forEach((p, i) => {
      if (!(p instanceof Variable)) {
        throw new TypeError(`${op}: parameter ${i} must be a Variable made by parameter(...) (or a Module's parameters()), got ${describeValue(p)}`);
      }
      if (!p.isLeaf) {
        throw new TypeError(`${op}: parameter ${i} was made by '${p.node?.op}', not a leaf, so it cannot be updated; pass the parameters it was computed from`);
      }
    });
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
    // everything is checked before anything moves, so a refused step leaves every parameter (and the optimizer's state) as it was
    checkNonNegative(`${this.#op}.step`, 'lr', this.lr);
    this.params.forEach((p, i) => {
      const { grad } = p;
      if (grad === null) return;
      checkTensor(`${this.#op}.step`, `the grad of parameter ${i}`, grad);
      if (fmt(grad.shape) !== fmt(p.shape)) {
        throw new ShapeError(`${this.#op}.step: parameter ${i} has shape ${fmt(p.shape)} but its grad has shape ${fmt(grad.shape)}`);
      }
      if (grad.dtype !== p.dtype) {
        throw new TypeError(`${this.#op}.step: parameter ${i} is ${p.dtype} but its grad is ${grad.dtype}; a grad must have its parameter's dtype`);
      }
    });
    this.params.forEach((p, i) => {
      if (p.grad) p.value = this.update(p.value, this.maximize ? p.grad.neg() : p.grad, i);
    });
  }

  /** The new value of parameter i. */
  protected abstract update(value: Tensor, grad: Tensor, i: number): Tensor;
}
