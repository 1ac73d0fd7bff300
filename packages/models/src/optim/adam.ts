import type { Variable } from '@gradschool/autograd';
import { type Tensor, zerosLike } from '@gradschool/tensor';
import { checkFraction, checkNonNegative, checkOptions } from '../check.ts';
import { Optimizer } from './optimizer.ts';

export interface AdamOptions {
  lr?: number;
  /** Decay rates of the running means of the gradient and of its square. */
  betas?: readonly [number, number];
  /** Added to the denominator so a parameter with a tiny gradient history cannot take a huge step. */
  eps?: number;
  weightDecay?: number;
  /**
   * AMSGrad (Reddi et al., 2018): divide by the largest v seen so far instead of the current v,
   * so a rare large gradient keeps its weight's steps small after v has forgotten it.
   */
  amsgrad?: boolean;
  /** Climb the objective: the gradient is negated first (PyTorch's `maximize`). */
  maximize?: boolean;
}

/** A decay rate β in [0, 1): at β = 1 the bias correction 1 − β^t is 0 and the first step divides by it. */
function checkBeta(op: string, name: string, beta: number): number {
  checkFraction(op, name, beta);
  if (beta === 1) throw new RangeError(`${op}: ${name} must be below 1, got 1 (the bias correction 1 - ${name}^t would be 0)`);
  return beta;
}

/** Per parameter: the running means, the largest v so far (AMSGrad only) and the step count. */
interface Moments { m: Tensor; v: Tensor; vMax: Tensor | null; t: number }

/** Adam's update; Adam and AdamW differ only in how weight decay enters. */
abstract class AdamFamily extends Optimizer {
  readonly betas: readonly [number, number];
  readonly eps: number;
  readonly weightDecay: number;
  readonly amsgrad: boolean;
  #decoupled: boolean;
  #moments: (Moments | null)[];

  constructor(name: string, params: Iterable<Variable>, opts: AdamOptions, decoupled: boolean, defaultDecay: number) {
    super(name, params, checkOptions(name, opts, `new ${name}(model.parameters(), { lr: 1e-3 })`).lr ?? 1e-3, opts.maximize);
    const [b1, b2] = opts.betas ?? [0.9, 0.999];
    this.betas = [checkBeta(name, 'betas[0]', b1), checkBeta(name, 'betas[1]', b2)];
    this.eps = checkNonNegative(name, 'eps', opts.eps ?? 1e-8);
    this.weightDecay = checkNonNegative(name, 'weightDecay', opts.weightDecay ?? defaultDecay);
    this.amsgrad = opts.amsgrad ?? false;
    this.#decoupled = decoupled;
    this.#moments = this.params.map(() => null);
  }

  protected update(value: Tensor, grad: Tensor, i: number): Tensor {
    const [b1, b2, lambda] = [...this.betas, this.weightDecay];
    const decayed = this.#decoupled && lambda !== 0 ? value.mul(1 - this.lr * lambda) : value;
    const g = !this.#decoupled && lambda !== 0 ? grad.add(value.mul(lambda)) : grad;
    const previous = this.#moments[i];
    const m = (previous?.m ?? zerosLike(g)).mul(b1).add(g.mul(1 - b1));
    const v = (previous?.v ?? zerosLike(g)).mul(b2).add(g.square().mul(1 - b2));
    const vMax = this.amsgrad ? (previous?.vMax?.maximum(v) ?? v) : null;
    const t = (previous?.t ?? 0) + 1;
    this.#moments[i] = { m, v, vMax, t };
    // m and v start at 0, so early on they underestimate; dividing by 1 - β^t undoes that bias.
    const mHat = m.div(1 - b1 ** t);
    const vHat = (vMax ?? v).div(1 - b2 ** t);
    return decayed.sub(mHat.div(vHat.sqrt().add(this.eps)).mul(this.lr));
  }
}

/**
 * Adam (Kingma & Ba, 2015), as PyTorch: running means m of the gradient and v of its square,
 * corrected for starting at 0, give the step lr · m̂ / (√v̂ + eps), so each weight moves by a
 * step suited to the scale of its own gradients. Weight decay λ adds λp to the gradient. With
 * amsgrad, v̂ is max(v_1, …, v_t) / (1 - β₂^t).
 */
export class Adam extends AdamFamily {
  constructor(params: Iterable<Variable>, opts: AdamOptions = {}) {
    super('Adam', params, opts, false, 0);
  }
}

/**
 * AdamW (Loshchilov & Hutter, 2019): Adam whose weight decay shrinks the weights directly,
 * p ← p(1 - lr·λ), instead of entering m and v as a gradient would, where the adaptive
 * scaling would weaken it. PyTorch's default λ is 0.01.
 */
export class AdamW extends AdamFamily {
  constructor(params: Iterable<Variable>, opts: AdamOptions = {}) {
    super('AdamW', params, opts, true, 0.01);
  }
}
