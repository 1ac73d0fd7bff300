/**
 * Gradient descent on an energy with respect to its input, the model held fixed. The same walk
 * serves two purposes in the notes: inference of a continuous latent, ž = argmin_z E(y, z)
 * ("latent variable EBM"), and contrastive divergence, which slides a kicked data point down the
 * energy to find where to push up. With noise it becomes Langevin dynamics, one of the Monte
 * Carlo methods the notes list for finding points to push up: it draws samples of the Gibbs
 * distribution instead of sliding to the nearest minimum.
 */
import { gradients, noGrad, Variable, variable } from '@gradschool/autograd';
import { checkGenerator, checkTensor, describeValue, type Generator, stack, type Tensor } from '@gradschool/tensor';
import { checkCount, checkFunction, checkNonNegative, checkPositive } from '../../check.ts';
import { corruptGaussian } from '../corrupt.ts';

export interface DescendOptions {
  /** Number of gradient steps (default 100). */
  steps?: number;
  /** Step size (default 0.1). */
  lr?: number;
  /** Keep every iterate, to draw the trajectory (default false). */
  keepPath?: boolean;
  /**
   * Langevin dynamics at this temperature T = 1/β: every step also adds √(2·lr·T)·ε with
   * ε ~ N(0, I), so that after many steps x is a sample of P(x) ∝ exp(−E(x)/T) (for a small lr)
   * instead of a minimum of E. Default 0: plain descent, which draws nothing.
   */
  temperature?: number;
  /** Draws the Langevin noise: required when `temperature` > 0. */
  generator?: Generator;
}

export interface Descent {
  /** Where the walk ended: x − lr ∇E (plus the noise, at a temperature), `steps` times. */
  x: Tensor;
  /** The energy there, one per example. */
  energy: Tensor;
  /** [steps + 1, ...x.shape]: the start, then every step (only with `keepPath`). */
  path?: Tensor;
}

/**
 * Walk x downhill on E: x ← x − lr ∂E/∂x (+ √(2·lr·T)·ε with a temperature T). `energy(x)` gives
 * one energy per example (or a scalar); they are summed, which changes nothing because each
 * example's x moves only its own energy. Only x's gradient is taken, so a model inside `energy`
 * gets no gradient from this.
 */
export function descendEnergy(energy: (x: Variable) => Variable, start: Tensor, opts: DescendOptions = {}): Descent {
  checkFunction('descendEnergy', 'energy', energy);
  checkTensor('descendEnergy', 'start', start);
  if (start.dtype === 'int32') throw new TypeError("descendEnergy: start must be a float tensor (the walk moves it by fractions), got int32; convert it with .to('float32')");
  const steps = checkCount('descendEnergy', 'steps', opts.steps ?? 100);
  const lr = checkPositive('descendEnergy', 'lr', opts.lr ?? 0.1);
  const temperature = checkNonNegative('descendEnergy', 'temperature', opts.temperature ?? 0);
  const generator = opts.generator;
  if (generator !== undefined) checkGenerator('descendEnergy', generator);
  if (temperature > 0 && !generator) throw new RangeError(`descendEnergy: temperature ${temperature} needs a generator to draw the Langevin noise`);
  const noise = Math.sqrt(2 * lr * temperature);
  let x = start;
  const path = [x];
  for (let t = 0; t < steps; t++) {
    const xv = variable(x, { requiresGrad: true });
    const e = energy(xv);
    if (!(e instanceof Variable) || !e.requiresGrad) {
      const got = e instanceof Variable ? 'a Variable that does not depend on x (computed from x.value, or inside noGrad)' : describeValue(e);
      throw new TypeError(`descendEnergy: the energy must be computed from its argument with Variable ops, so its gradient reaches x; it returned ${got}`);
    }
    const [slope] = gradients(e.sum(), [xv]);
    x = x.sub(slope.value.mul(lr));
    // the same draw as a DAE's Gaussian corruption, x + σε: a kick at every step
    if (generator && noise > 0) x = corruptGaussian(x, noise, generator);
    if (opts.keepPath) path.push(x);
  }
  const final = noGrad(() => energy(variable(x)).value);
  return opts.keepPath ? { x, energy: final, path: stack(path) } : { x, energy: final };
}
